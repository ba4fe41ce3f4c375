"""A school's own template (.pptx, .potx, .pptm): opened, its layouts chosen by their
placeholders (names are localized: «Заголовок и объект»), read into the pure
model.Template that planning works from, and emptied of its own slides.

Roles, each chosen by placeholders, never by name:
  content     a title and one text area large enough for a list or QR cards
  title_only  a title alone (links slides), from the content layout's master if it has one
  cover       a title (or centred title) and a subtitle: the title slide
A template without a usable content layout is refused with a message saying what it lacks.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT

from ..errors import InputError, Problem
from ..grid import MARGIN, Box, across
from ..load import display
from ..model import Backdrops, Colour, Palette, Template
from .theme import EMU_PER_PT, Palette as ThemePalette, behind, page_colour, text_colour
from .xml import NS, parse, qn

TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj"}
FOOTER_TYPES = {"dt", "ftr", "sldNum", "hdr"}
MIN_BODY_W, MIN_BODY_H = 324.0, 224.0  # 11.4 x 7.9 cm: a list at 18 pt, QR cards 1.6 in
NARROW_TITLE = 0.6           # of the text area's width
MIN_COVER_H = 150.0          # a cover subtitle lower than this grows to the bottom margin
MIN_COVER_LINES_H = 117.0    # four cover lines at 18 pt
MIN_COVER_AREA = 252.0 * 150.0  # and room for a long school name to wrap
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
OTHER_MAINS = (  # templates and macro-enabled files open as plain presentations
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    b"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
KIND_NAMES = {"pic": "рисунка", "chart": "диаграммы", "tbl": "таблицы", "dgm": "схемы SmartArt",
              "media": "видео", "clipArt": "картинки", "obj": "объекта", "body": "текста",
              "subTitle": "подзаголовка"}


@dataclass(frozen=True)
class Slot:
    """One placeholder of a layout: its XML type, box in points, and the shape itself."""

    kind: str
    box: Box | None
    vertical: bool
    shape: object


@dataclass(frozen=True)
class Roles:
    content: object
    title_only: object
    cover: object

    def for_kind(self, kind: str):
        """The layout a planned slide of `kind` goes on."""
        return {"cover": self.cover, "links": self.title_only}.get(kind, self.content)


# ---------------------------------------------------------------- opening

def open_template(path: Path):
    """The template as a python-pptx Presentation; InputError (Russian) when it is missing,
    not a PowerPoint file, or damaged."""
    name = display(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, "", "файл шаблона не найден")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "это папка, а нужен файл шаблона .pptx")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", f"файл шаблона не читается ({exc.strerror})")]) \
            from None
    try:
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except Exception:  # python-pptx raises many kinds for a broken or foreign package
        raise InputError([Problem(name, "", "файл шаблона повреждён: PowerPoint-часть "
                                  "не читается; откройте его в PowerPoint или LibreOffice и "
                                  "сохраните заново как .pptx")]) from None
    for rid in [r for r, rel in prs.part.rels.items() if rel.reltype == VBA]:
        prs.part.drop_rel(rid)  # macros stay in the school's own file, not in our deck
    for master in prs.slide_masters:
        for part in [master] + list(master.slide_layouts):
            unique_shape_ids(part._element)
        number_placeholder(master)
    return prs


def unique_shape_ids(element) -> None:
    """Give repeated shape ids in a master or layout (LibreOffice writes some) new ones."""
    seen: set[str] = set()
    c_nv_prs = list(element.iter(qn("p:cNvPr")))
    top = max((int(e.get("id")) for e in c_nv_prs if e.get("id", "").isdigit()), default=0)
    for c_nv_pr in c_nv_prs:
        if c_nv_pr.get("id") in seen:
            top += 1
            c_nv_pr.set("id", str(top))
        seen.add(c_nv_pr.get("id"))


def number_placeholder(master) -> None:
    """Turn a master text box that only shows the slide number (as LibreOffice saves its
    page-number field) into the master's slide-number placeholder, so that slides show
    their one number there (the field would draw a second one)."""
    tree = master._element.find("p:cSld/p:spTree", NS)
    for sp in tree.iterfind("p:sp", NS):
        body = sp.find("p:txBody", NS)
        if sp.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None or body is None:
            continue
        fields = body.findall(".//a:fld", NS)
        words = "".join(t.text or "" for t in body.iterfind(".//a:r/a:t", NS)).strip()
        if len(fields) == 1 and fields[0].get("type") == "slidenum" and not words:
            for old in tree.findall("p:sp/p:nvSpPr/p:nvPr/p:ph[@type='sldNum']", NS):
                tree.remove(old.getparent().getparent().getparent())
            idxs = [int(ph.get("idx")) for ph in tree.iterfind(".//p:ph", NS)
                    if (ph.get("idx") or "").isdigit()]
            sp.find("p:nvSpPr/p:nvPr", NS).append(
                parse(f'<p:ph type="sldNum" idx="{max(idxs, default=0) + 1}"/>'))
            locks = sp.find("p:nvSpPr/p:cNvSpPr", NS)
            locks.attrib.pop("txBox", None)
            locks[:] = [parse('<a:spLocks noGrp="1"/>')]
            return


def _as_presentation(data: bytes) -> bytes:
    """The package with a template's (or macro-enabled file's) main part declared as a
    plain presentation, so that it opens and saves as .pptx."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                for other in OTHER_MAINS:
                    blob = blob.replace(other, MAIN.encode())
            target.writestr(item, blob)
    return out.getvalue()


# ---------------------------------------------------------------- layouts by placeholders

def _kind_class(kind: str) -> str:
    return "title" if kind in TITLE_TYPES else "body" if kind in BODY_TYPES else kind


def _box_of(shape) -> Box | None:
    """The box a shape's own a:xfrm sets, in points (None without one)."""
    off = shape._element.find("p:spPr/a:xfrm/a:off", NS)
    ext = shape._element.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    return Box(*(int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                               ext.get("cy"))))


def _master_kind(kind: str) -> str:
    """The master placeholder a layout placeholder of `kind` inherits its position from."""
    return "title" if kind in TITLE_TYPES else kind if kind in FOOTER_TYPES else "body"


class Layouts:
    """The layouts of a template, seen through its own sample slides: where a slide on a
    layout places its title or text, that is where the designer meant them to go (files
    saved by LibreOffice give every layout the same stock positions)."""

    def __init__(self, prs):
        self.prs = prs
        self.all = [(m, i, layout) for m, master in enumerate(prs.slide_masters)
                    for i, layout in enumerate(master.slide_layouts)]
        self.used = [s.slide_layout.part.partname for s in prs.slides]
        self._slots: dict[str, list[Slot]] = {}
        self.samples: dict[str, dict[str, Box]] = {}
        for slide in prs.slides:
            boxes = self.samples.setdefault(slide.slide_layout.part.partname, {})
            for shape in slide.placeholders:
                ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
                own = shape._element.find("p:spPr/a:xfrm", NS) is not None
                if own and _box_of(shape) is not None:
                    boxes.setdefault(_kind_class(ph.get("type", "obj")), _box_of(shape))

    def slots(self, layout) -> list[Slot]:
        """The placeholders of a layout, boxes as its sample slide shows them, else as the
        layout (or its master) sets them."""
        key = layout.part.partname
        if key not in self._slots:
            self._slots[key] = self._read_slots(layout)
        return self._slots[key]

    def _read_slots(self, layout) -> list[Slot]:
        sample = dict(self.samples.get(layout.part.partname, {}))
        master = {}
        for shape in layout.slide_master.placeholders:
            kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type", "obj")
            master.setdefault(_master_kind(kind), _box_of(shape))
        found = []
        for shape in layout.placeholders:
            ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
            kind = ph.get("type", "obj")
            box = sample.pop(_kind_class(kind), None) or _box_of(shape) or \
                master.get(_master_kind(kind))
            body_pr = shape._element.find("p:txBody/a:bodyPr", NS)
            vertical = ph.get("orient") == "vert" or (
                body_pr is not None and body_pr.get("vert", "horz") not in ("horz", ""))
            found.append(Slot(kind, box, vertical, shape))
        return found

    def own(self, layout) -> list[Slot]:
        return [s for s in self.slots(layout) if s.kind not in FOOTER_TYPES]

    def content(self, layout) -> tuple[Slot, Slot] | str:
        """(title, body) of a layout fit for lists and cards, else why not (Russian)."""
        own = self.own(layout)
        titles = [s for s in own if s.kind in TITLE_TYPES]
        bodies = [s for s in own if s.kind in BODY_TYPES]
        others = [s for s in own if s not in titles and s not in bodies]
        if len(titles) != 1:
            return "нет заголовка" if not titles else "несколько заголовков"
        if not bodies:
            return "нет области текста"
        if len(bodies) > 1:
            return "несколько областей текста"
        if others:
            return f"есть место для {KIND_NAMES.get(others[0].kind, 'другого содержимого')}"
        title, body = titles[0], bodies[0]
        if title.vertical or body.vertical:
            return "вертикальный текст"
        if title.box is None or body.box is None:
            return "у заполнителей нет положения"
        body = Slot(body.kind, clear_of_title(body.box, title.box), False, body.shape)
        if body.box.w < MIN_BODY_W or body.box.h < MIN_BODY_H:
            return f"область текста мала ({_cm(body.box.w)} × {_cm(body.box.h)} см)"
        return title, body

    def title_only(self, layout) -> Slot | None:
        own = self.own(layout)
        if len(own) == 1 and own[0].kind in TITLE_TYPES and own[0].box and not own[0].vertical:
            return own[0]
        return None

    def cover(self, layout) -> tuple[Slot, Slot] | None:
        """(title, subtitle) of a title-slide layout with room for the cover's lines."""
        own = self.own(layout)
        titles = [s for s in own if s.kind in TITLE_TYPES]
        subtitles = [s for s in own if s.kind == "subTitle"]
        if len(own) != 2 or len(titles) != 1 or len(subtitles) != 1:
            return None
        title, sub = titles[0], subtitles[0]
        if title.box is None or sub.box is None or title.vertical or sub.vertical:
            return None
        box = self._roomier(clear_of_title(sub.box, title.box), title.box)
        if box.h < MIN_COVER_LINES_H or box.w * box.h < MIN_COVER_AREA:
            return None
        return title, Slot(sub.kind, box, sub.vertical, sub.shape)

    def _roomier(self, box: Box, title: Box) -> Box:
        """A low subtitle box grown towards the bottom margin and the title, never over it."""
        if box.h >= MIN_COVER_H:
            return box
        side_by_side = title.right <= box.x or box.right <= title.x
        below = not side_by_side and title.y >= box.bottom
        above = not side_by_side and title.bottom <= box.y
        page_bottom = self.prs.slide_height / EMU_PER_PT - MARGIN
        bottom = max(box.bottom, title.y - 8 if below else page_bottom)
        top = min(box.y, title.bottom + 8) if above else box.y
        return Box(box.x, top, box.w, bottom - top)

    def roles(self) -> Roles:
        """The layouts our slides go on (see the module doc); InputError naming what the
        template lacks when no layout can take a list."""
        content = [c for c in self.all if isinstance(self.content(c[2]), tuple)]
        if not content:
            raise InputError([Problem("", "", self._lacks())])
        area = {id(c[2]): self.content(c[2])[1].box.w * self.content(c[2])[1].box.h
                for c in content}
        largest = max(area.values())
        best = min(content, key=lambda c: (area[id(c[2])] < 0.7 * largest,
                                           self._unused(c), c[0], c[1]))
        home = best[0]
        title_only = [c for c in self.all if self.title_only(c[2])]
        covers = [c for c in self.all if self.cover(c[2])]
        pick = min(title_only, key=lambda c: (c[0] != home, self._unused(c), c[0], c[1]),
                   default=best)
        first = self.used[:1]
        cover = min(covers, key=lambda c: (c[2].part.partname not in first, c[0] != home,
                                           self.cover(c[2])[0].kind != "ctrTitle", c[0], c[1]),
                    default=best)
        return Roles(content=best[2], title_only=pick[2], cover=cover[2])

    def _unused(self, choice) -> bool:
        return choice[2].part.partname not in self.used

    def _lacks(self) -> str:
        reasons = [f"«{layout.name or 'без имени'}» — {self.content(layout)}"
                   for _, _, layout in self.all]
        listed = "; ".join(list(dict.fromkeys(reasons))[:12]) or "макетов нет"
        return ("в шаблоне нет макета для слайдов с текстом: нужен макет с заголовком и "
                f"одной областью текста не меньше {_cm(MIN_BODY_W)} × {_cm(MIN_BODY_H)} см "
                f"(как «Заголовок и объект»). Макеты шаблона: {listed}")


def clear_of_title(box: Box, title: Box) -> Box:
    """A text box that overlaps the title (stock positions of one placeholder, a sample
    slide's of the other) moved to the larger free part above or below the title."""
    if box.right <= title.x or title.right <= box.x or box.bottom <= title.y or \
            title.bottom <= box.y:
        return box
    below = Box(box.x, title.bottom + 8, box.w, box.bottom - title.bottom - 8)
    above = Box(box.x, box.y, box.w, title.y - 8 - box.y)
    return below if below.h >= above.h else above


def _cm(points: float) -> str:
    return f"{points / 72 * 2.54:.1f}".replace(".", ",")


def layout_roles(prs) -> Roles:
    """The layouts our slides go on, chosen by their placeholders."""
    return Layouts(prs).roles()


def footer_ids(layout) -> dict[str, str]:
    """idx of the footer and slide-number placeholders our slides on `layout` get: the
    layout's, else the master's (so renderers show our number, not the master's field)."""
    ids: dict[str, str] = {}
    for shape in list(layout.placeholders) + list(layout.slide_master.placeholders):
        ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph.get("type") in ("ftr", "sldNum"):
            ids.setdefault(ph.get("type"), ph.get("idx", "0"))
    return ids


def _footer_slots(layouts: Layouts, layout) -> dict[str, Slot]:
    """Date, footer and slide-number slots of the master (where a template sets them for
    all slides; LibreOffice writes stock positions on layouts), else of the layout."""
    found = {}
    for shape in layout.slide_master.placeholders:
        kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type", "obj")
        if kind in FOOTER_TYPES and _box_of(shape) is not None:
            found.setdefault(kind, Slot(kind, _box_of(shape), False, shape))
    for slot in layouts.slots(layout):
        if slot.kind in FOOTER_TYPES and slot.box:
            found.setdefault(slot.kind, slot)
    return found


# ---------------------------------------------------------------- reading for planning

@dataclass(frozen=True)
class _Chosen:
    """The placeholders of the chosen layouts our text goes into."""

    roles: Roles
    title: Slot
    body: Slot
    cover_title: Slot
    cover_body: Slot
    footer: Slot | None
    number: Slot | None
    width: float  # of the page, in points


def read_template(path: Path) -> Template:
    """What planning needs of the template at `path` (see model.Template)."""
    prs = open_template(path)
    layouts = Layouts(prs)
    try:
        roles = layouts.roles()
    except InputError as exc:
        raise InputError([Problem(display(path), "", p.message) for p in exc.problems]) \
            from None
    title, body = layouts.content(roles.content)
    cover_title, cover_body = layouts.cover(roles.cover) or (title, body)
    title, cover_title = _wide_enough(title, body), _wide_enough(cover_title, cover_body)
    extras = _footer_slots(layouts, roles.content)
    chosen = _Chosen(roles, title, body, cover_title, cover_body,
                     _with_date_area(extras.get("ftr"), extras.get("dt")), extras.get("sldNum"),
                     prs.slide_width / EMU_PER_PT)
    theme = ThemePalette(roles.content.slide_master, roles.content)
    backdrops, text = _backdrops(chosen), _text_colours(chosen)
    accent1 = theme.scheme_colour("accent1") or text.title[0]
    return Template(
        path=Path(path), width=prs.slide_width / EMU_PER_PT,
        height=prs.slide_height / EMU_PER_PT, title=title.box, body=body.box,
        cover_title=cover_title.box, cover_body=cover_body.box,
        footer=chosen.footer.box if chosen.footer else None,
        number=chosen.number.box if chosen.number else None,
        backdrops=backdrops, text=text,
        palette=Palette(accent1, theme.scheme_colour("accent2") or accent1,
                        page_colour(roles.content, _rect(body.box)), text.body[0]),
        link=theme.scheme_colour("hlink") or text.body[0],
        heading_font=theme.fonts["majorFont"], body_font=theme.fonts["minorFont"])


def _wide_enough(title: Slot, body: Slot) -> Slot:
    """A title box narrower than NARROW_TITLE of the text area under it, widened to the
    text area's columns (our titles are whole questions, not one word)."""
    t, b = title.box, body.box
    if t.w >= NARROW_TITLE * b.w:
        return title
    x = min(t.x, b.x)
    return Slot(title.kind, Box(x, t.y, max(t.right, b.right) - x, t.h), title.vertical,
                title.shape)


def _with_date_area(footer: Slot | None, date: Slot | None) -> Slot | None:
    """The footer slot widened over the date box beside it on its left (decks show no
    date; a school's name needs the room)."""
    if footer is None or date is None:
        return footer
    f, d = footer.box, date.box
    if d.right > f.x + 1 or d.bottom <= f.y or f.bottom <= d.y:
        return footer
    top, bottom = min(f.y, d.y), max(f.bottom, d.bottom)
    return Slot(footer.kind, Box(d.x, top, f.right - d.x, bottom - top), False, footer.shape)


def _backdrops(c: _Chosen) -> Backdrops:
    """What may lie behind each kind of text on the chosen layouts."""
    pages = [c.roles.content, c.roles.title_only]
    number = c.number.box if c.number else None
    return Backdrops(
        title=_behind(pages, c.title.box), body=_behind(pages, c.body.box),
        cover_title=_behind([c.roles.cover], c.cover_title.box),
        cover_body=_behind([c.roles.cover], across(c.cover_body.box, c.width)),
        footer=_behind(pages, (c.footer or c.body).box),
        number=_behind(pages, _middle(number)) if number else _behind(pages, c.body.box))


def _middle(box: Box) -> Box:
    """The middle of a slide-number box, where its one or two centred digits stand."""
    return Box(box.x + box.w * 0.3, box.y + box.h * 0.3, box.w * 0.4, box.h * 0.4)


def _text_colours(c: _Chosen) -> Backdrops:
    """The template's own text colour for each kind of text."""
    content, cover = c.roles.content, c.roles.cover
    return Backdrops(
        title=(text_colour(content, c.title.shape, True),),
        body=(text_colour(content, c.body.shape, False),),
        cover_title=(text_colour(cover, c.cover_title.shape, True),),
        cover_body=(text_colour(cover, c.cover_body.shape, False),),
        footer=(text_colour(content, (c.footer or c.body).shape, False),),
        number=(text_colour(content, (c.number or c.footer or c.body).shape, False),))


def _behind(layouts, box: Box) -> tuple[Colour, ...]:
    found = [c for layout in _unique(layouts) for c in
             behind(layout, (box.x, box.y, box.w, box.h))]
    return tuple(dict.fromkeys(found))


def _rect(box: Box) -> tuple[float, float, float, float]:
    return box.x, box.y, box.w, box.h


def _unique(items) -> list:
    """python-pptx objects without repeats (they compare equal but cannot be hashed)."""
    seen: dict[int, object] = {}
    for item in items:
        seen.setdefault(id(item._element), item)
    return list(seen.values())


# ---------------------------------------------------------------- building on the template

def template_presentation(template: Template, link: Colour) -> tuple[object, Roles]:
    """The template opened for a new deck: layouts chosen, its own slides removed, leftover
    document properties cleared, hyperlinks drawn in `link` (readable on its pages)."""
    prs = open_template(template.path)
    roles = layout_roles(prs)
    remove_slides(prs)
    _clear_properties(prs)
    for master in _unique(layout.slide_master for layout in
                          (roles.content, roles.title_only, roles.cover)):
        _set_link_colour(master, link)
    return prs, roles


def remove_slides(prs) -> None:
    """Drop every slide with its relationship; its notes, pictures and other parts that
    nothing else uses are then no longer saved. Sections and custom shows naming the
    slides go too."""
    presentation = prs.part._element
    id_list = presentation.find(qn("p:sldIdLst"))
    for sld_id in list(id_list) if id_list is not None else ():
        rid = sld_id.get(qn("r:id"))
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
    shows = presentation.find(qn("p:custShowLst"))
    if shows is not None:
        presentation.remove(shows)
    for ext in presentation.iterfind("p:extLst/p:ext", NS):
        if any(etree.QName(child).localname == "sectionLst" for child in ext):
            ext.getparent().remove(ext)


def _clear_properties(prs) -> None:
    """Forget what the template's own document said about itself (render sets title,
    author and dates again)."""
    props = prs.core_properties
    for name in ("category", "comments", "content_status", "identifier", "subject",
                 "version", "keywords", "title", "author", "last_modified_by"):
        setattr(props, name, "")
    for part in prs.part.package.iter_parts():
        if part.content_type == CT.OFC_EXTENDED_PROPERTIES:
            part._blob = APP_XML  # the template's slide count and slide titles


APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/docPropsVTypes"><Application>sferum-deck</Application></Properties>')


def _set_link_colour(master, link: Colour) -> None:
    """Make the theme's hyperlink colours (as the master's colour map names them) `link`."""
    palette = ThemePalette(master)
    part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    for name in ("hlink", "folHlink"):
        slot = scheme.find(f"a:{palette.scheme_slot(name)}", NS) if scheme is not None else None
        if slot is not None:
            slot[:] = [parse(f'<a:srgbClr val="{link.hex}"/>')]
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
