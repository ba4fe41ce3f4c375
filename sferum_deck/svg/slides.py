"""One planned slide -> one SVG document: what the .pptx shows, in the same z-order (page,
the master's band, logo and rule or the cover's panel, cards behind the text, title and
body, shapes, pictures, footer and number), every length in points (viewBox = the page).
"""
from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from typing import NamedTuple

from ..inputs.images import PICTURE_MAX_SIDE, load_image
from ..model import Box, Colour, Deck, record
from ..plan.grid import contain, cover_logo
from ..plan.records import COVER, MARK_STROKE, SECTION, MARKS, OUTLINE_PT, Block, DeckPlan, Picture, PlannedSlide, Shape, TableFrame
from ..qr import qr_png
from .fonts import FALLBACKS, Face, vertical
from .text import number as n
from .text import escape, place, quoteattr, text_svg

SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
ROUNDING = {"roundRect": 0.05}  # our cards: adj 5000 (of 100000) of the shorter side
NUMBER_INSET = 7.2
BACKGROUND_PX, BACKGROUND_BYTES = 1600, 400_000  # a template's background picture
RULE_PT = 0.75  # the line under each table row (render/tables.py)


@record
class Logo(NamedTuple):
    uri: str
    width: int
    height: int


@record
class Sheet(NamedTuple):
    """What every slide of one deck is drawn with."""

    plan: DeckPlan
    deck: Deck
    faces: dict[tuple[str, bool], Face]  # (font file, bold) -> embedded face
    css: str                             # the @font-face rules of the deck
    logo: Logo | None
    files: dict[tuple[str, bool], str]   # (font name, bold) -> font file
    bullet_file: str                     # the font bullets are drawn in


def draw_slide(sheet: Sheet, slide: PlannedSlide) -> str:
    """The SVG document of one planned slide."""
    grid, colours = sheet.plan.grid, sheet.plan.colours
    w, h = grid.width, grid.height
    parts = [_page(sheet, slide)]
    parts += [_shape(sheet, s) for s in slide.shapes if s.behind]
    parts.append(_block(sheet, slide.title))
    parts += [_picture(sheet, p) for p in slide.pictures if p.lead]
    if slide.body is not None:
        parts.append(_block(sheet, slide.body))
    parts += [_shape(sheet, s) for s in slide.shapes if not s.behind]
    parts += [_table(sheet, t) for t in slide.tables]
    parts += [_picture(sheet, p) for p in slide.pictures if not p.lead]
    if slide.footer is not None:
        if sheet.deck.template is None or sheet.deck.template.footer is not None:
            parts.append(_block(sheet, slide.footer))
        if sheet.deck.template is None or sheet.deck.template.number is not None:
            parts.append(_number(sheet, slide))
    style = f"<style>{sheet.css}</style>" if sheet.css else ""
    return (f'<svg {SVG_NS} version="1.1" viewBox="0 0 {n(w)} {n(h)}" width="{n(w)}pt" '
            f'height="{n(h)}pt" xml:space="preserve" font-family={quoteattr(FALLBACKS)}>'
            f"<title>{escape(slide_title(sheet, slide))}</title>{style}"
            + "".join(parts) + "</svg>")


def slide_title(sheet: Sheet, slide: PlannedSlide) -> str:
    """«Слайд 3 из 12: title» (and on a school template, that the picture is approximate)."""
    shown = " ".join(p.text for p in slide.title.paras).replace("\u200b", "")
    total = len(sheet.plan.slides)
    approximate = " (примерный вид: шаблон школы нарисован упрощённо)" \
        if sheet.deck.template is not None else ""
    return f"Слайд {slide.number} из {total}: {shown}{approximate}"


# ---------------------------------------------------------------- the page under the slide

def _page(sheet: Sheet, slide: PlannedSlide) -> str:
    template = sheet.deck.template
    page = None if template is None else \
        template.cover_page if slide.page == COVER else template.page
    return _page_svg(slide.page, sheet.plan.grid, sheet.plan.colours, sheet.logo,
                     sheet.deck.brand.logo_alt, template is not None, page)


@lru_cache(maxsize=64)
def _page_svg(role: str, grid, c, logo: Logo | None, alt: str, on_template: bool,
              page) -> str:
    """The page under a slide of page role `role`: the template's page colour and picture,
    or our own page with the brand band, logo and rule (the cover: the brand panel and the
    logo card; a section divider: the page alone, it draws its own band)."""
    whole = Box(0, 0, grid.width, grid.height)
    if on_template:
        if page is None:
            return _rect(whole, c.background)
        picture = background(page.picture) if page.picture else b""
        return _rect(whole, page.colour) + (_image(whole, picture, "") if picture else "") \
            + "".join(_drawing(d) for d in page.drawings)
    out = [_rect(whole, c.background)]
    if role == COVER:
        out.append(_rect(grid.panel, c.primary))
        if logo is not None:
            card, picture = cover_logo(grid, logo.width, logo.height)
            out += [_rect(card, c.background, 0.16667), _logo(logo, alt, picture)]
        return "".join(out)
    if role == SECTION:  # our base's section layout hides the master's band and logo
        return "".join(out)
    out.append(_rect(grid.band, c.primary))
    if logo is not None:
        out.append(_logo(logo, alt, contain(grid.logo, logo.width, logo.height)))
    out.append(_rect(grid.rule, c.accent))
    return "".join(out)


def _drawing(d) -> str:
    """A template's own shape (model.Drawing): a picture, or a filled shape."""
    b = d.box
    if d.geometry == "picture":
        picture = background(d.picture)
        return _image(b, picture, "") if picture else ""
    if not d.fill:
        return ""
    defs, paint = "", f"#{d.fill[0].hex}"
    if len(d.fill) > 1:
        key = hashlib.blake2b(repr((d.fill, d.stops, d.angle)).encode(), digest_size=4)
        name = f"g{key.hexdigest()}"
        stops = d.stops if len(d.stops) == len(d.fill) else \
            [k / (len(d.fill) - 1) for k in range(len(d.fill))]
        defs = (f'<defs><linearGradient id="{name}" gradientTransform="rotate({n(d.angle)} '
                f'0.5 0.5)">' + "".join(f'<stop offset="{n(p)}" stop-color="#{c.hex}"/>'
                                       for p, c in zip(stops, d.fill))
                + "</linearGradient></defs>")
        paint = f"url(#{name})"
    opacity = f' fill-opacity="{n(d.opacity)}"' if d.opacity < 1 else ""
    if d.geometry == "ellipse":
        shape = (f'<ellipse cx="{n(b.x + b.w / 2)}" cy="{n(b.y + b.h / 2)}" rx="{n(b.w / 2)}" '
                 f'ry="{n(b.h / 2)}"')
    elif d.geometry == "polygon":
        path = " ".join("M" + " L".join(f"{n(b.x + u * b.w)} {n(b.y + v * b.h)}"
                                        for u, v in polygon) + " Z" for polygon in d.outline)
        shape = f'<path fill-rule="evenodd" d="{path}"'
    else:
        r = f' rx="{n(0.16667 * min(b.w, b.h))}"' if d.geometry == "roundRect" else ""
        shape = f'<rect x="{n(b.x)}" y="{n(b.y)}" width="{n(b.w)}" height="{n(b.h)}"{r}'
    return f'{defs}{shape} fill="{paint}"{opacity}/>'


def _logo(logo: Logo, alt: str, box: Box) -> str:
    return (f'<image x="{n(box.x)}" y="{n(box.y)}" width="{n(box.w)}" height="{n(box.h)}" '
            f'preserveAspectRatio="none" xlink:href="{logo.uri}">'
            f"<title>{escape(alt)}</title></image>")


# ---------------------------------------------------------------- shapes and pictures

def _rect(box: Box, fill: Colour, rounding: float = 0.0) -> str:
    if box.w <= 0 or box.h <= 0:
        return ""
    r = f' rx="{n(rounding * min(box.w, box.h))}"' if rounding else ""
    return (f'<rect x="{n(box.x)}" y="{n(box.y)}" width="{n(box.w)}" height="{n(box.h)}"{r} '
            f'fill="#{fill.hex}"/>')


def _shape(sheet: Sheet, shape: Shape) -> str:
    b = shape.box
    if shape.kind in MARKS:
        return _mark(shape)
    line = (f' stroke="#{shape.line.hex}" stroke-width="{n(OUTLINE_PT)}"'
            if shape.line is not None else "")
    if shape.fill is None:  # a text box stacked with the body
        drawn = ""
    elif shape.kind == "ellipse":
        drawn = (f'<ellipse cx="{n(b.x + b.w / 2)}" cy="{n(b.y + b.h / 2)}" rx="{n(b.w / 2)}" '
                 f'ry="{n(b.h / 2)}" fill="#{shape.fill.hex}"{line}/>')
    else:
        drawn = _rect(b, shape.fill, ROUNDING.get(shape.kind, 0.0))
        if line and drawn:
            drawn = drawn.replace("/>", line + "/>", 1)
    if shape.alt:
        drawn = f"<g><title>{escape(shape.alt)}</title>{drawn}</g>"
    if shape.text is None:
        return drawn
    return drawn + _block(sheet, shape.text, wraps=shape.kind == "rect")


def _mark(shape: Shape) -> str:
    """A check or a cross (records.MARKS): round-capped strokes across the shape's box."""
    b = shape.box
    d = " ".join("M " + " L ".join(f"{n(b.x + x * b.w)} {n(b.y + y * b.h)}" for x, y in stroke)
                 for stroke in MARKS[shape.kind])
    title = f"<title>{escape(shape.alt)}</title>" if shape.alt else ""
    return (f'<path d="{d}" fill="none" stroke="#{shape.fill.hex}" '
            f'stroke-width="{n(MARK_STROKE * min(b.w, b.h))}" stroke-linecap="round" '
            f'stroke-linejoin="round">{title}</path>')


def _picture(sheet: Sheet, picture: Picture) -> str:
    if picture.qr:
        drawn = _image(picture.box, qr_png(picture.qr), picture.alt, crisp=True)
    else:
        drawn = _image(picture.box, _file_bytes(picture.path), picture.alt)
    if picture.link:
        drawn = f"<a xlink:href={quoteattr(picture.link)}>{drawn}</a>"
    return drawn + (_block(sheet, picture.caption) if picture.caption else "")


def _table(sheet: Sheet, table: TableFrame) -> str:
    """Cell fills, the thin rule under each row, the cells' texts."""
    out = [_rect(cell.text.box, cell.fill) for row in table.cells for cell in row]
    for row in table.cells:
        bottom = row[0].text.box.bottom
        out.append(f'<line x1="{n(table.box.x)}" y1="{n(bottom)}" x2="{n(table.box.right)}" '
                   f'y2="{n(bottom)}" stroke="#{table.rule.hex}" stroke-width="{RULE_PT}"/>')
    out += [_block(sheet, cell.text) for row in table.cells for cell in row]
    return "".join(out)


def _image(box: Box, data: bytes, alt: str, crisp: bool = False) -> str:
    """An embedded picture with its alt text as <title>; without one it is decoration
    (a template's background or emblem), hidden from screen readers."""
    title = f"<title>{escape(alt)}</title>" if alt else ""
    render = ' image-rendering="optimizeSpeed"' if crisp else ""
    render += "" if alt else ' aria-hidden="true"'
    return (f'<image x="{n(box.x)}" y="{n(box.y)}" width="{n(box.w)}" height="{n(box.h)}" '
            f'preserveAspectRatio="none"{render} xlink:href="{data_uri(data)}">{title}</image>')


def web_picture(data: bytes) -> str:
    """The media type of a picture browsers show (PNG, JPEG, GIF, WebP), "" for others
    (a template's EMF or TIFF background is left out of the preview)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"GIF8":
        return "image/gif"
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else ""


@lru_cache(maxsize=8)
def background(data: bytes) -> bytes:
    """A template's background picture as the SVG embeds it: as it is when browsers show
    it and it is small, else made at most BACKGROUND_PX wide (JPEG, PNG when it has
    transparency); b"" when Pillow cannot read it either (EMF)."""
    if web_picture(data) and len(data) <= BACKGROUND_BYTES:
        return data
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.thumbnail((BACKGROUND_PX, BACKGROUND_PX))
            clear = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            out = io.BytesIO()
            if clear:
                picture.convert("RGBA").save(out, "PNG")
            else:
                picture.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except Exception:  # Pillow raises many kinds for a format it does not know
        return b""


@lru_cache(maxsize=256)
def data_uri(data: bytes) -> str:
    """A picture as a data URI."""
    return f"data:{web_picture(data) or 'image/png'};base64," + \
        base64.b64encode(data).decode("ascii")


def _file_bytes(path: str) -> bytes:
    """A topic's picture as the deck holds it (converted to PNG, PICTURE_MAX_SIDE at most;
    load_image caches it by the file's path, modification time and size)."""
    from pathlib import Path
    return load_image(Path(path), PICTURE_MAX_SIDE).png


# ---------------------------------------------------------------- text

def text_blocks(slide: PlannedSlide) -> list[tuple[Block, bool]]:
    """Every text block of a slide with whether it wraps (a shape without insets, such as
    a number in a circle, does not): title, body, shapes' texts, captions, table cells,
    footer."""
    found = [(slide.title, True)] + ([(slide.body, True)] if slide.body is not None else [])
    found += [(s.text, s.kind == "rect") for s in slide.shapes if s.text is not None]
    found += [(p.caption, True) for p in slide.pictures if p.caption is not None]
    found += [(cell.text, True) for t in slide.tables for row in t.cells for cell in row]
    return found + ([(slide.footer, True)] if slide.footer is not None else [])


def placed(sheet: Sheet, block: Block, wraps: bool = True):
    """The block's paragraphs placed as the SVG draws them (text.place)."""
    return place(block, vertical(font_file(sheet, block, block.bold)), wraps)


def font_file(sheet: Sheet, block: Block, bold: bool) -> str:
    """The font file a block's text (bold or not) is drawn in: the brand's file for the
    block's font, else the file the block was measured with."""
    return sheet.files.get((block.font, bold)) or block.fit.style.font_file


def family(sheet: Sheet, file: str, bold: bool, name: str = "") -> str:
    face = sheet.faces.get((file, bold))
    names = [f'"{face.family}"'] if face is not None and face.family else []
    if name:
        names.append(f'"{name}"')
    return ", ".join(names + [FALLBACKS])


def _block(sheet: Sheet, block: Block, wraps: bool = True) -> str:
    c = sheet.plan.colours
    file = font_file(sheet, block, block.bold)
    mark = c.label if any(p.bullet == "label" for p in block.paras) else c.bullet
    return _block_svg(block, wraps, vertical(file), family(sheet, file, block.bold, block.font),
                      family(sheet, sheet.bullet_file, False, "Arial"),
                      family(sheet, font_file(sheet, block, True), True, block.font),
                      mark.hex, c.link.hex)


@lru_cache(maxsize=4096)  # a deck redrawn while a teacher types: most blocks are as before
def _block_svg(block: Block, wraps: bool, face, family: str, mark_family: str,
               label_family: str, mark_colour: str, link_colour: str) -> str:
    return text_svg(place(block, face, wraps), family, block.fit.size_pt,
                    700 if block.bold else 400, block.colour.hex, mark_family, mark_colour,
                    label_family, link_colour)


def _number(sheet: Sheet, slide: PlannedSlide) -> str:
    """The slide number: in the grid's number box, centred vertically, at the footer's
    size (at least 12 pt), right-aligned (centred on a template), single line spacing."""
    box, c = sheet.plan.grid.number, sheet.plan.colours
    size = max(12.0, slide.footer.fit.size_pt)
    file = font_file(sheet, slide.footer, False)
    face = vertical(file)
    baseline = box.y + box.h / 2 - (face.ascent + face.descent) * size / 2 + face.ascent * size
    if sheet.deck.template is None:
        x, anchor = box.right - NUMBER_INSET, "end"
    else:
        x, anchor = box.x + box.w / 2, "middle"
    return (f'<text x="{n(x)}" y="{n(baseline)}" text-anchor="{anchor}" '
            f'font-family={quoteattr(family(sheet, file, False, slide.footer.font))} '
            f'font-size="{n(size)}" fill="#{c.number.hex}">{slide.number}</text>')

