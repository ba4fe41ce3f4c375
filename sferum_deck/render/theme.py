"""What a template draws behind a box, and in what colour its text is: DrawingML colours
resolved through the theme and colour map, fills of backgrounds and master/layout shapes
(solid, gradient, picture), as PowerPoint and LibreOffice draw them.

Used by render/template.py to tell planning which colours may lie behind each text box, so
that plan picks text colours readable on all of them.
"""
from __future__ import annotations

import colorsys
import io
import math
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..model import WHITE, Box, Colour, Drawing
from .xml import EMU_PER_PT, NS, qn

DEFAULT_CLRMAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
          "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "grey": "808080"}
COLOURS = {"srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"}
SHAPE_TAGS = {qn(f"p:{t}") for t in ("sp", "pic", "grpSp", "cxnSp", "graphicFrame")}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ALTERNATE = f"{{{MC}}}AlternateContent"
PICTURE_GRID = 6  # a picture under a box is judged by 6 x 6 averaged patches
OPAQUE = 0.99      # a colour with less alpha shows what lies under it
MAX_BLENDS = 24    # colours kept when see-through layers are blended over others
MAX_PICTURE_PIXELS = 40_000_000  # a template picture larger than this is not sampled
PICTURE_SIDE = 512  # pixels a picture is judged at
SAMPLES = 12        # points across a title box at which a row of the page is sampled
STEP = 6.0          # points between the rows (and columns) sampled
ROW_CHANGE = 48     # a channel differing by more: the page changes there (a band's edge)
MIN_SHARE = 0.5     # of a title box's width that must stay between logos beside it


@dataclass(frozen=True)
class Fill:
    """What a fill paints: colours (one for solid, the stops of a gradient) each with its
    alpha, a picture (sampled later, under the box asked about), or nothing."""

    colours: tuple[Colour, ...] = ()
    picture: str = ""  # relationship id of the picture, in the part that owns the fill
    alphas: tuple[float, ...] = ()  # of each colour; 1.0 when not given
    positions: tuple[float, ...] = ()  # a gradient's stops, 0..1
    angle: float | None = None  # a linear gradient's direction in degrees
    focus: tuple[float, float] | None = None  # a path gradient's centre, 0..1 of the box

    def at(self, u: float, v: float) -> "Fill":
        """What the fill paints at (u, v) in 0..1 of its box: the colour of a gradient
        there (a path gradient taken as circles around its centre); other fills as they are."""
        if not self.positions or self.angle is None and self.focus is None:
            return self
        if self.angle is not None:
            cos, sin = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
            ends = [x * cos + y * sin for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            t = (u * cos + v * sin - min(ends)) / ((max(ends) - min(ends)) or 1)
        else:
            fx, fy = self.focus
            far = max(math.dist((fx, fy), c) for c in ((0, 0), (1, 0), (0, 1), (1, 1)))
            t = math.dist((fx, fy), (u, v)) / (far or 1)
        stops = list(zip(self.positions, self.colours, self.alphas))
        below = max((s for s in stops if s[0] <= t), default=stops[0])
        above = min((s for s in stops if s[0] >= t), default=stops[-1])
        share = (t - below[0]) / (above[0] - below[0]) if above[0] > below[0] else 0.0
        return Fill((below[1].mix(above[1], share),),
                    alphas=(below[2] + (above[2] - below[2]) * share,))

    @property
    def see_through(self) -> bool:
        return not self.colours and not self.picture or any(a < OPAQUE for a in self.alphas)

    def over(self, below: list[Colour]) -> list[Colour]:
        """The colours this fill shows over `below` (alpha blended)."""
        alphas = self.alphas or (1.0,) * len(self.colours)
        blended = [b.mix(c, a) for c, a in zip(self.colours, alphas) for b in below]
        if any(a < OPAQUE for a in alphas):
            blended += below
        found = list(dict.fromkeys(blended))
        step = max(1, len(found) // MAX_BLENDS)
        return found[::step]

    @property
    def empty(self) -> bool:
        return not self.colours and not self.picture


NO_FILL = Fill()


class ThemeColours:
    """The colours of one master's theme, read through its colour map (and a layout's
    override)."""

    def __init__(self, master, layout=None):
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        scheme = theme.find("a:themeElements/a:clrScheme", NS)
        self.scheme = {etree.QName(c).localname: c[0] for c in scheme if len(c)} \
            if scheme is not None else {}
        styles = theme.find("a:themeElements/a:fmtScheme", NS)
        self.fills = list(styles.find("a:fillStyleLst", NS)) if styles is not None else []
        self.bg_fills = list(styles.find("a:bgFillStyleLst", NS)) if styles is not None else []
        clrmap = master._element.find(qn("p:clrMap"))
        self.clrmap = dict(clrmap.attrib) if clrmap is not None else dict(DEFAULT_CLRMAP)
        override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS) \
            if layout is not None else None
        if override is not None:
            self.clrmap = dict(override.attrib)
        self.fonts = {kind: _typeface(theme, kind) for kind in ("majorFont", "minorFont")}

    def scheme_colour(self, name: str) -> Colour | None:
        """A scheme colour by its mapped name (tx1, bg1, accent1, hlink ...)."""
        return self.colour(etree.Element(qn("a:schemeClr"), val=name))

    def scheme_slot(self, name: str) -> str:
        """The theme slot (dk1, lt1, accent1, hlink ...) a mapped name stands for."""
        return self.clrmap.get(name, name)

    def colour(self, el, placeholder=None) -> Colour | None:
        """The colour of a colour element (a:srgbClr, a:schemeClr, a:sysClr, a:prstClr,
        a:scrgbClr, a:hslClr) with its transforms applied; None if unknown or see-through."""
        kind = etree.QName(el).localname
        if kind == "schemeClr":
            val = el.get("val")
            ref = placeholder if val == "phClr" else self.scheme.get(self.scheme_slot(val))
            base = self.colour(ref) if ref is not None else None
            base = base.hex if base is not None else None
        else:
            base = _base_hex(el)
        return _transformed(base, el) if base else None

    def alpha(self, el) -> float:
        found = el.find("a:alpha", NS)
        return int(found.get("val", "100000")) / 100000 if found is not None else 1.0

    def fill(self, props, placeholder=None) -> Fill | None:
        """The fill among the children of p:spPr, p:bgPr, p:grpSpPr ...; None if it has none."""
        for child in props if props is not None else ():
            kind = etree.QName(child).localname
            if kind == "noFill":
                return NO_FILL
            if kind == "gradFill":
                return self._gradient(child, placeholder)
            if kind in ("solidFill", "pattFill"):
                colours = [el for el in child.iter() if etree.QName(el).localname in COLOURS]
                found = [(self.colour(el, placeholder), self.alpha(el)) for el in colours]
                found = [(c, a) for c, a in found if c is not None]
                return Fill(tuple(c for c, _ in found), alphas=tuple(a for _, a in found))
            if kind == "blipFill":
                return _picture_fill(child)
        return None

    def _gradient(self, grad, placeholder) -> Fill:
        stops = []
        for gs in grad.iterfind("a:gsLst/a:gs", NS):
            colour = self.colour(gs[0], placeholder) if len(gs) else None
            if colour is not None:
                stops.append((int(gs.get("pos", "0")) / 100000, colour, self.alpha(gs[0])))
        stops.sort(key=lambda s: s[0])
        lin, rect = grad.find("a:lin", NS), grad.find("a:path/a:fillToRect", NS)
        angle = int(lin.get("ang", "0")) / 60000 if lin is not None else None
        focus = None
        if lin is None and rect is not None:
            l, t, r, b = (int(rect.get(k, "0")) / 100000 for k in "ltrb")
            focus = ((l + 1 - r) / 2, (t + 1 - b) / 2)
        return Fill(tuple(c for _, c, _ in stops), alphas=tuple(a for _, _, a in stops),
                    positions=tuple(p for p, _, _ in stops), angle=angle,
                    focus=focus) if stops else NO_FILL

    def style_fill(self, ref) -> Fill:
        """The fill a theme style reference (a:fillRef, p:bgRef) stands for."""
        idx = int(ref.get("idx", "0"))
        styles, i = (self.bg_fills, idx - 1001) if idx >= 1001 else (self.fills, idx - 1)
        if idx == 0 or not 0 <= i < len(styles):
            return NO_FILL
        found = self.fill([styles[i]], ref[0] if len(ref) else None)
        return found or NO_FILL


def _picture_fill(blip_fill) -> Fill:
    blip = blip_fill.find("a:blip", NS)
    rid = blip.get(qn("r:embed"), "") if blip is not None else ""
    return Fill(picture=rid) if rid else NO_FILL


def _typeface(theme, kind: str) -> str:
    latin = theme.find(f"a:themeElements/a:fontScheme/a:{kind}/a:latin", NS)
    return latin.get("typeface", "") if latin is not None else ""


def _base_hex(el) -> str | None:
    kind = etree.QName(el).localname
    if kind == "srgbClr":
        return el.get("val")
    if kind == "sysClr":
        return el.get("lastClr") or {"window": "FFFFFF", "windowText": "000000"}.get(el.get("val"))
    if kind == "prstClr":
        return PRESET.get(el.get("val", ""))
    if kind == "scrgbClr":
        return "".join(f"{round(_gamma(int(el.get(c, '0')) / 100000) * 255):02X}"
                       for c in ("r", "g", "b"))
    if kind == "hslClr":
        h, s, l = (int(el.get(k, "0")) for k in ("hue", "sat", "lum"))
        r, g, b = colorsys.hls_to_rgb(h / 21600000, l / 100000, s / 100000)
        return "".join(f"{round(c * 255):02X}" for c in (r, g, b))
    return None


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _transformed(hex6: str, el) -> Colour | None:
    """'RRGGBB' with lumMod/lumOff (in HSL) and tint/shade (in linear RGB) applied, as
    PowerPoint and LibreOffice draw them."""
    try:
        r, g, b = (int(hex6[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    for mod in el:
        name = etree.QName(mod).localname
        try:
            val = int(mod.get("val", "100000")) / 100000
        except ValueError:
            continue
        if name in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * val if name == "lumMod" else light + val
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, light)), s)
        elif name in ("tint", "shade"):
            r, g, b = (_gamma(_linear(c) * val + (1 - val if name == "tint" else 0))
                       for c in (r, g, b))
    return Colour("".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (r, g, b)))


# ---------------------------------------------------------------- what lies behind a box

@dataclass(frozen=True)
class Drawn:
    """A shape of a master or layout as drawn: its box in EMU, its fill, its geometry."""

    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    fill: Fill
    part: object  # the part owning the shape (for pictures)
    geometry: str = "rect"
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()  # custom: polygons in 0..1


def behind(layout, box_pt, unknown: Colour | None = None) -> tuple[Colour, ...]:
    """Every colour that may lie behind a text box (x, y, w, h in points) on slides of
    `layout`, those at its centre first: the topmost filled master or layout shape at each
    of nine points of the box (at the centre, as accessibility checkers judge it, the
    topmost whose bounding box holds it), else the background."""
    palette = ThemeColours(layout.slide_master, layout)
    x, y, w, h = (v * EMU_PER_PT for v in box_pt)
    shapes = list(_layers(layout, palette))
    found: list[Colour] = []
    points = [(x + w * i / 2, y + h * j / 2) for i, j in
              ((1, 1), (0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2))]
    points = [(min(max(px, x + 1), x + w - 1), min(max(py, y + 1), y + h - 1))
              for px, py in points]
    for n, (px, py) in enumerate(points):
        found += _colours_at(px, py, shapes, layout, palette, (x, y, x + w, y + h), n == 0,
                             unknown)
    return tuple(dict.fromkeys(found)) or (WHITE,)


def page_colour(layout, box_pt) -> Colour:
    """The colour of the page at the centre of a box (the mean of a picture there)."""
    palette = ThemeColours(layout.slide_master, layout)
    x, y, w, h = (v * EMU_PER_PT for v in box_pt)
    colours = _colours_at(x + w / 2, y + h / 2, list(_layers(layout, palette)), layout,
                          palette, (x + w / 4, y + h / 4, x + 3 * w / 4, y + 3 * h / 4), False)
    if not colours:
        return WHITE
    channels = list(zip(*(c.rgb for c in colours)))
    return Colour("".join(f"{round(sum(ch) / len(ch)):02X}" for ch in channels))


def page_fill(layout, width_pt: float, height_pt: float) -> tuple[Colour, bytes]:
    """The background of slides on `layout` (its own, else the master's): its colour (a
    gradient's or picture's mean) and the picture's bytes when it is a picture."""
    palette = ThemeColours(layout.slide_master, layout)
    owner, fill = _background(layout, palette)
    if fill.picture:
        try:
            blob = owner.part.related_part(fill.picture).blob
        except (KeyError, AttributeError):
            blob = b""
        return page_colour(layout, (0, 0, width_pt, height_pt)), blob
    if fill.colours:
        return _mean(fill.colours), b""
    return palette.scheme_colour("bg1") or WHITE, b""


def _background(layout, palette: ThemeColours):
    """(the layout or master whose background slides on `layout` show, its fill); the
    fill is empty when neither has one."""
    for owner in (layout, layout.slide_master):
        bg = owner._element.find("p:cSld/p:bg", NS)
        if bg is not None:
            ref = bg.find("p:bgRef", NS)
            return owner, palette.style_fill(ref) if ref is not None else \
                palette.fill(bg.find("p:bgPr", NS)) or NO_FILL
    return layout, NO_FILL


SHAPED = {"rect": "rect", "snip1Rect": "rect", "snip2SameRect": "rect", "round1Rect": "rect",
          "round2SameRect": "roundRect", "flowChartProcess": "rect", "roundRect": "roundRect",
          "ellipse": "ellipse", "flowChartConnector": "ellipse"}
TRIANGLES = {"triangle": (((0.5, 0.0), (1.0, 1.0), (0.0, 1.0)),),
             "rtTriangle": (((0.0, 0.0), (1.0, 1.0), (0.0, 1.0)),)}


def page_drawings(layout) -> list[Drawing]:
    """The filled shapes and pictures the master (when shown) and `layout` draw under the
    slides, bottom first, in points; shapes of a geometry we cannot draw are left out
    (previews say they are approximate)."""
    found = []
    for shape in _layers(layout, ThemeColours(layout.slide_master, layout)):
        x0, y0, x1, y1 = (v / EMU_PER_PT for v in shape.box)
        box, fill = Box(x0, y0, x1 - x0, y1 - y0), shape.fill
        if box.w <= 0 or box.h <= 0 or fill.empty:
            continue
        if fill.picture:
            try:
                found.append(Drawing(box, "picture",
                                     picture=shape.part.related_part(fill.picture).blob))
            except (KeyError, AttributeError):
                pass
            continue
        outline = shape.outline or TRIANGLES.get(shape.geometry, ())
        geometry = "polygon" if outline else SHAPED.get(shape.geometry)
        if geometry is None:
            continue
        found.append(Drawing(box, geometry, fill.colours, fill.positions or (),
                             fill.angle or 0.0, min(fill.alphas, default=1.0), outline))
    return found


def _mean(colours) -> Colour:
    channels = list(zip(*(c.rgb for c in colours)))
    return Colour("".join(f"{round(sum(ch) / len(ch)):02X}" for ch in channels))


def _colours_at(px, py, shapes, layout, palette, box, centre: bool,
                unknown: Colour | None = None) -> list[Colour]:
    """The colours at a point: see-through shapes blended over the topmost opaque one (or
    the background); a picture that cannot be read stands for `unknown` when given, else
    what lies under it is taken."""
    layers: list[Fill] = []
    colours: list[Colour] = []
    for shape in reversed(shapes):
        if not _covers(shape, px, py, exact=not centre):
            continue
        if shape.fill.picture:
            colours = _paint(shape.fill, shape.part, shape.box, box)
            if colours:
                break
            if unknown is not None and not _readable(shape.fill, shape.part):
                colours = [unknown]
                break
            continue  # an unreadable or wholly transparent picture
        x0, y0, x1, y1 = shape.box
        fill = shape.fill.at((px - x0) / max(x1 - x0, 1), (py - y0) / max(y1 - y0, 1))
        if not fill.see_through:
            colours = list(fill.colours)
            break
        layers.append(fill)
    else:
        colours = _paint_background(layout, palette, box, (px, py))
    for fill in reversed(layers):
        colours = fill.over(colours)
    return colours


def _covers(shape: Drawn, px: float, py: float, exact: bool) -> bool:
    x0, y0, x1, y1 = shape.box
    if not (x0 <= px <= x1 and y0 <= py <= y1) or shape.fill.empty:
        return False
    if not exact or shape.geometry in ("rect", "roundRect", "snip1Rect", "snip2SameRect",
                                       "round1Rect", "round2SameRect", "flowChartProcess"):
        return True
    u, v = (px - x0) / max(x1 - x0, 1), (py - y0) / max(y1 - y0, 1)
    if shape.outline:
        return sum(_inside(u, v, polygon) for polygon in shape.outline) % 2 == 1
    if shape.geometry in ("ellipse", "flowChartConnector"):
        return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.25
    if shape.geometry == "triangle":
        return abs(u - 0.5) <= v / 2
    if shape.geometry == "rtTriangle":
        return u <= v
    return True  # other shapes: judged by their bounding box (the cautious answer)


def _inside(u: float, v: float, polygon) -> bool:
    """Even-odd test of a point against a polygon."""
    inside = False
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1]):
        if (ay > v) != (by > v) and u < ax + (v - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def _outline(el, flips: tuple[bool, bool]) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The polygons of a custom geometry (curves taken by their points), in 0..1 of the
    shape's box; empty when it has none we can read."""
    polygons = []
    for path in el.iterfind("p:spPr/a:custGeom/a:pathLst/a:path", NS):
        w, h = float(path.get("w", "0") or 0), float(path.get("h", "0") or 0)
        if not w or not h:
            return ()
        points = []
        for pt in path.iterfind(".//a:pt", NS):
            try:
                u, v = float(pt.get("x")) / w, float(pt.get("y")) / h
            except (TypeError, ValueError):  # guide names: not a plain polygon
                return ()
            points.append((1 - u if flips[0] else u, 1 - v if flips[1] else v))
        if len(points) >= 3:
            polygons.append(tuple(points))
    return tuple(polygons)


def _paint(fill: Fill, part, shape_box, text_box) -> list[Colour]:
    if fill.picture:
        return _picture_colours(part, fill.picture, shape_box, text_box)
    return list(fill.colours)


def _paint_background(layout, palette, box, point) -> list[Colour]:
    """The colours of the background (layout's, else master's) at `point` of `box`."""
    owner, fill = _background(layout, palette)
    width, height = _page(layout)
    if fill.picture:
        return _picture_colours(owner.part, fill.picture, (0, 0, width, height), box)
    if fill.colours:
        return list(fill.at(point[0] / width, point[1] / height).colours)
    return [palette.scheme_colour("bg1") or WHITE]


def _page(layout) -> tuple[int, int]:
    prs = layout.part.package.presentation_part.presentation
    return prs.slide_width, prs.slide_height


def _layers(layout, palette: ThemeColours):
    """Drawn shapes of the master (when the layout shows them) and the layout, bottom
    first; placeholders are left out (slides replace their content)."""
    master = layout.slide_master
    parts = [(layout, True)]
    if layout._element.get("showMasterSp") not in ("0", "false"):
        parts.insert(0, (master, True))
    for owner, _ in parts:
        tree = owner._element.find("p:cSld/p:spTree", NS)
        yield from _drawn(tree, owner.part, palette, (0.0, 0.0, 1.0, 1.0))


def _drawn(tree, part, palette: ThemeColours, transform):
    for el in tree:
        if el.tag == ALTERNATE and len(el):
            branch = el.find(f"{{{MC}}}Fallback")
            yield from _drawn(branch if branch is not None else el[0], part, palette, transform)
            continue
        if el.tag not in SHAPE_TAGS or el.find("*/p:nvPr/p:ph", NS) is not None:
            continue
        box = _box(el, transform)
        if box is None:
            continue
        if el.tag == qn("p:grpSp"):
            child = _child_transform(el, box)
            if child is not None:
                yield from _drawn(el, part, palette, child)
            continue
        fill = _shape_fill(el, palette)
        xfrm = el.find("p:spPr/a:xfrm", NS)
        rotated = xfrm is not None and xfrm.get("rot", "0") not in ("0", "")
        flips = tuple(xfrm is not None and xfrm.get(f) in ("1", "true") for f in ("flipH", "flipV"))
        geometry = el.find("p:spPr/a:prstGeom", NS)
        kind = geometry.get("prst", "rect") if geometry is not None else "custom"
        outline = _outline(el, flips) if kind == "custom" and not rotated else ()
        yield Drawn(box, fill, part, "custom" if rotated else kind, outline)


def _shape_fill(el, palette: ThemeColours) -> Fill:
    if el.tag == qn("p:pic"):
        blip_fill = el.find("p:blipFill", NS)
        return _picture_fill(blip_fill) if blip_fill is not None else NO_FILL
    if el.tag in (qn("p:cxnSp"), qn("p:graphicFrame")):
        return NO_FILL
    found = palette.fill(el.find("p:spPr", NS))
    if found is not None:
        return found
    ref = el.find("p:style/a:fillRef", NS)
    return palette.style_fill(ref) if ref is not None else NO_FILL


def _box(el, transform):
    xfrm = el.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = el.find("p:grpSpPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = el.find("p:xfrm", NS)
    off = xfrm.find("a:off", NS) if xfrm is not None else None
    ext = xfrm.find("a:ext", NS) if xfrm is not None else None
    if off is None or ext is None:
        return None
    ox, oy, sx, sy = transform
    x, y = ox + int(off.get("x")) * sx, oy + int(off.get("y")) * sy
    return x, y, x + int(ext.get("cx")) * sx, y + int(ext.get("cy")) * sy


def _child_transform(group, box):
    xfrm = group.find("p:grpSpPr/a:xfrm", NS)
    off, ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
    if off is None or ext is None:
        return None
    cx, cy = int(ext.get("cx")), int(ext.get("cy"))
    sx = (box[2] - box[0]) / cx if cx else 1.0
    sy = (box[3] - box[1]) / cy if cy else 1.0
    return box[0] - int(off.get("x")) * sx, box[1] - int(off.get("y")) * sy, sx, sy


def _readable(fill: Fill, part) -> bool:
    """Whether the picture of `fill` is one Pillow can decode (not EMF, WMF, SVG)."""
    from PIL import Image, UnidentifiedImageError
    try:
        blob = part.related_part(fill.picture).blob
        with Image.open(io.BytesIO(blob)) as img:
            return img.format not in ("WMF", "EMF")
    except (KeyError, AttributeError, UnidentifiedImageError, OSError, ValueError,
            Image.DecompressionBombError):
        return False


def _picture_colours(part, rid: str, shape_box, text_box) -> list[Colour]:
    """Averaged patches of the part of a picture (stretched over `shape_box`) that lies
    under `text_box`; empty when the picture cannot be read."""
    try:
        blob = part.related_part(rid).blob
    except (KeyError, AttributeError):
        return []
    x0, y0, x1, y1 = shape_box
    tx0, ty0, tx1, ty1 = (max(text_box[0], x0), max(text_box[1], y0),
                          min(text_box[2], x1), min(text_box[3], y1))
    if tx1 <= tx0 or ty1 <= ty0 or x1 <= x0 or y1 <= y0:
        return []
    crop = tuple((v - o) / span for v, o, span in
                 ((tx0, x0, x1 - x0), (ty0, y0, y1 - y0), (tx1, x0, x1 - x0), (ty1, y0, y1 - y0)))
    return list(_patches(blob, crop))


@lru_cache(maxsize=256)
def _patches(blob: bytes, crop: tuple[float, float, float, float]) -> tuple[Colour, ...]:
    from PIL import Image
    img = _decoded(blob)
    if img is None:
        return ()
    w, h = img.size
    box = (int(crop[0] * w), int(crop[1] * h), max(int(crop[2] * w), int(crop[0] * w) + 1),
           max(int(crop[3] * h), int(crop[1] * h) + 1))
    if box[2] - box[0] <= 3 and box[3] - box[1] <= 3:  # a point: its pixel
        r, g, b, a = img.getpixel((min(box[0], w - 1), min(box[1], h - 1)))
        return (Colour(f"{r:02X}{g:02X}{b:02X}"),) if a >= 128 else ()
    small = img.crop(box).resize((PICTURE_GRID, PICTURE_GRID), Image.BOX)
    return tuple(dict.fromkeys(Colour(f"{r:02X}{g:02X}{b:02X}")
                               for r, g, b, a in small.getdata() if a >= 128))


@lru_cache(maxsize=8)
def _decoded(blob: bytes):
    """A picture decoded once, as RGBA at most PICTURE_SIDE pixels on its longer side
    (colours are judged by patches, not pixels); None when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(blob)) as img:
            img.draft("RGB", (PICTURE_SIDE, PICTURE_SIDE))
            if img.size[0] * img.size[1] > MAX_PICTURE_PIXELS:
                return None  # a picture bomb: its colours are not worth the memory
            img = img.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    img.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.BOX)
    return img


def clear_area(layout, box_pt, min_h: float) -> tuple[float, float, float, float]:
    """The part (x, y, w, h in points) of a title box clear of the template's decoration:
    below a band or picture the box's top reaches into (where the page stops looking as
    it does behind the box's lower edge), when at least `min_h` is left; else between the
    pictures (logos) standing in its outer parts. The box itself when there is nothing of
    the kind, or too little would be left."""
    palette = ThemeColours(layout.slide_master, layout)
    shapes = list(_layers(layout, palette))
    x, y, w, h = box_pt
    pad = 1.5 * EMU_PER_PT

    def colours(px: float, py: float) -> list[Colour]:
        px, py = px * EMU_PER_PT, py * EMU_PER_PT
        return _colours_at(px, py, shapes, layout, palette,
                           (px - pad, py - pad, px + pad, py + pad), False)

    base, far = {c for i in range(SAMPLES) for c in
                 colours(x + w * (i + 0.5) / SAMPLES, y + h - 2)}, {}
    if not base:
        return box_pt

    def differs(points) -> bool:
        for px, py in points:
            for c in colours(px, py):
                if c not in base and far.setdefault(
                        c, min(_distance(c, b) for b in base) > ROW_CHANGE):
                    return True
        return False

    def edge(start: float, stop: float, points, apart: float = STEP) -> float:
        """The first position from `start` towards `stop` whose points differ."""
        step = (stop - start) / max(1, int(abs(stop - start) / apart))
        at = start
        while (at - stop) * (start - stop) > 0:
            if differs(points(at)):
                return at - step / 2
            at += step
        return stop

    top = edge(y + h - 2, y, lambda py: [(x + w * (i + 0.5) / SAMPLES, py)
                                         for i in range(SAMPLES)])
    if y + h - top >= min_h:
        return x, top, w, y + h - top
    left, right = x, x + w
    for shape in shapes:  # pictures (logos) standing in the outer parts of the box
        x0, y0, x1, y1 = (v / EMU_PER_PT for v in shape.box)
        if not shape.fill.picture or y1 <= y or y + h <= y0 or x1 <= x or x + w <= x0:
            continue
        middle = (x0 + x1) / 2
        if middle < x + w * 0.3:
            left = max(left, x1 + 4)
        elif middle > x + w * 0.7:
            right = min(right, x0 - 4)
    if right - left < MIN_SHARE * w:
        return box_pt
    return left, y, right - left, h


def _distance(a: Colour, b: Colour) -> int:
    return max(abs(p - q) for p, q in zip(a.rgb, b.rgb))


# ---------------------------------------------------------------- text colours

def text_colour(layout, placeholder, title: bool) -> Colour | None:
    """The colour a template gives text in `placeholder` of `layout`: its own list style,
    the master placeholder's, the first run of their sample text, the master's text styles."""
    palette = ThemeColours(layout.slide_master, layout)
    chain = [placeholder._element]
    base = _master_placeholder(layout, placeholder)
    if base is not None:
        chain.append(base)
    paths = ["p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", "p:txBody/a:p/a:r/a:rPr",
             "p:txBody/a:p/a:endParaRPr"]
    master = layout.slide_master._element
    style = "p:txStyles/p:titleStyle" if title else "p:txStyles/p:bodyStyle"
    candidates = [el.find(path, NS) for path in paths for el in chain]
    candidates.append(master.find(f"{style}/a:lvl1pPr/a:defRPr", NS))
    for rpr in (c for c in candidates if c is not None):
        fill = palette.fill(rpr)
        if fill is not None and fill.colours:
            return fill.colours[0]
    return palette.scheme_colour("tx1")


def _master_placeholder(layout, placeholder):
    """The master placeholder a layout placeholder inherits from (by type)."""
    wanted = {"ctrTitle": "title", "title": "title", "ftr": "ftr", "sldNum": "sldNum",
              "dt": "dt"}.get(_xml_type(placeholder), "body")
    for sp in layout.slide_master._element.iterfind(".//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "obj") == wanted:
            return sp
    return None


def _xml_type(placeholder) -> str:
    ph = placeholder._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
    return ph.get("type", "obj") if ph is not None else "obj"
