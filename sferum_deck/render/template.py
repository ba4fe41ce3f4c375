"""A school's own template (.pptx, .potx, .pptm): opened, read into the pure model.Template
that planning works from (boxes of the layouts layouts.py chooses, what lies behind them,
its text colours and theme), and emptied of its own slides for our deck.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..errors import InputError, Problem
from ..inputs.load import display
from ..inputs.packages import directory_problem, package_problem
from ..model import BLACK, WHITE, Backdrops, Box, Colour, Page, Palette, Template, Upload
from ..plan.grid import TITLE_MIN_H, across
from .layouts import Layouts, Roles, Slot, footer_slots, layout_roles, number_alignment
from .looks import carry_looks
from .theme import (ThemeColours, behind, clear_area, page_colour, page_drawings, page_fill,
                    text_colour)
from .xml import EMU_PER_PT, NS, parse, qn

NARROW_TITLE = 0.6  # a title box narrower than this share of the text area is widened
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
OTHER_MAINS = (  # templates and macro-enabled files open as plain presentations
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    b"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


# ---------------------------------------------------------------- opening

def open_template(path: Path | Upload):
    """The template as a python-pptx Presentation; InputError (Russian) when it is missing,
    not a PowerPoint file, or damaged."""
    name = path.name if isinstance(path, Upload) else display(path)
    try:
        uploaded = isinstance(path, Upload)
        problem = package_problem(path, name) if uploaded or Path(path).is_file() else None
        if problem:  # judged from the zip directory, before anything is read
            raise InputError([Problem("", "", problem)])
        data = path.data if uploaded else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, "", "файл шаблона не найден")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "это папка, а нужен файл шаблона .pptx")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", f"файл шаблона не читается ({exc.strerror})")]) \
            from None
    try:
        prs = Presentation(io.BytesIO(_as_presentation(data, name)))
    except InputError:
        raise
    except Exception:  # python-pptx raises many kinds for a broken or foreign package
        raise InputError([Problem(name, "", DAMAGED)]) from None
    try:
        _check_parts(prs)
    except (KeyError, AttributeError, ValueError, etree.XMLSyntaxError):
        raise InputError([Problem(name, "", MISSING_PARTS)]) from None
    for rid in [r for r, rel in prs.part.rels.items() if rel.reltype == VBA]:
        prs.part.drop_rel(rid)  # macros stay in the school's own file, not in our deck
    package = prs.part.package
    for rid in [r for r, rel in package._rels.items() if rel.reltype in NOT_OURS]:
        package.drop_rel(rid)
    carry_looks(prs)
    for master in prs.slide_masters:
        for part in [master] + list(master.slide_layouts):
            unique_shape_ids(part._element)
        number_placeholder(master)
    master_and_layout_ids(prs)
    return prs


DAMAGED = ("файл шаблона повреждён: PowerPoint-часть не читается; откройте его в PowerPoint "
           "или LibreOffice и сохраните заново как .pptx")
MISSING_PARTS = ("файл шаблона повреждён: в нём не хватает частей, на которые он ссылается; "
                 "откройте его в PowerPoint или LibreOffice и сохраните заново как .pptx")
NOT_OURS = (  # package parts that describe the school's file, not our deck
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin",
    RT.THUMBNAIL)  # its signatures (a changed package must not claim them) and its picture


def _check_parts(prs) -> None:
    """Reach every part a deck is built from (masters, their layouts and themes, the
    layouts of the template's slides), so that a relationship pointing nowhere shows up
    here (KeyError) and not in the middle of building."""
    for master in prs.slide_masters:
        master.part.part_related_by(RT.THEME)
        for layout in master.slide_layouts:
            if layout.slide_master.part is not master.part:
                raise ValueError("a layout of two masters")
    for slide in prs.slides:
        slide.slide_layout.slide_master  # noqa: B018


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


def master_and_layout_ids(prs) -> None:
    """Number the masters and layouts anew (from 2^31, unique across both, as the standard
    wants) when a template leaves ids out, repeats them or takes smaller ones."""
    entries = list(prs.part._element.iterfind("p:sldMasterIdLst/p:sldMasterId", NS))
    for master in prs.slide_masters:
        entries += master._element.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS)
    ids = [e.get("id", "") for e in entries]
    if all(i.isdigit() and int(i) >= 2 ** 31 for i in ids) and len(set(ids)) == len(ids):
        return
    for n, entry in enumerate(entries):
        entry.set("id", str(2 ** 31 + n))


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


def _as_presentation(data: bytes, name: str) -> bytes:
    """The package with a template's (or macro-enabled file's) main part declared as a
    plain presentation, so that it opens and saves as .pptx, and with core properties
    related as the standard says (LibreOffice writes its own relationship type, which
    python-pptx does not know: it would add a second docProps/core.xml)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    problem = directory_problem(source, name)  # the bytes read are judged again
    if problem:
        raise InputError([Problem("", "", problem)])
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                for other in OTHER_MAINS:
                    blob = blob.replace(other, MAIN.encode())
            elif item.filename == "_rels/.rels":
                blob = blob.replace(LIBREOFFICE_CORE, RT.CORE_PROPERTIES.encode())
            elif item.filename.endswith(".xml") and b"pitchFamily" in blob:
                blob = PITCH_FAMILY.sub(_valid_pitch, blob)
            target.writestr(item, blob)
    return out.getvalue()


PITCH_FAMILY = re.compile(rb' pitchFamily="([^"]*)"')
PITCHES = {str(family << 4 | pitch).encode() for family in range(6) for pitch in range(3)}


def _valid_pitch(match: re.Match) -> bytes:
    """A font's pitchFamily kept only when the schema allows its value (PowerPoint 2007
    wrote others, such as 92, that make the part invalid)."""
    return match.group(0) if match.group(1) in PITCHES else b""


LIBREOFFICE_CORE = \
    b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"


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


def read_template(path: Path | Upload) -> Template:
    """What planning needs of the template at `path` (see model.Template)."""
    prs = open_template(path)
    layouts = Layouts(prs)
    try:
        roles = layouts.roles()
    except InputError as exc:
        name = path.name if isinstance(path, Upload) else display(path)
        raise InputError([Problem(name, "", p.message) for p in exc.problems]) from None
    title, body = layouts.content(roles.content)
    cover_title, cover_body = layouts.cover(roles.cover) or (title, body)
    title, cover_title = _wide_enough(title, body), _wide_enough(cover_title, cover_body)
    title = _clear(title, [roles.content, roles.title_only])
    cover_title = _clear(cover_title, [roles.cover])
    extras = footer_slots(layouts, roles.content)
    chosen = _Chosen(roles, title, body, cover_title, cover_body,
                     _with_date_area(extras.get("ftr"), extras.get("dt")), extras.get("sldNum"),
                     prs.slide_width / EMU_PER_PT)
    theme = ThemeColours(roles.content.slide_master, roles.content)
    text = _text_colours(chosen)
    backdrops = _backdrops(chosen, text)
    accent1 = theme.scheme_colour("accent1") or text.title[0]
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    scale = page_scale(width, height)

    def planned(box: Box | None) -> Box | None:
        return Box(*(v / scale for v in box)) if box is not None else None
    return Template(
        path=path if isinstance(path, Upload) else Path(path), width=width / scale,
        height=height / scale, title=planned(title.box), body=planned(body.box),
        cover_title=planned(cover_title.box), cover_body=planned(cover_body.box),
        footer=planned(chosen.footer.box) if chosen.footer else None,
        number=planned(chosen.number.box) if chosen.number else None,
        backdrops=backdrops, text=text,
        palette=Palette(accent1, theme.scheme_colour("accent2") or accent1,
                        page_colour(roles.content, _rect(body.box)), text.body[0]),
        link=theme.scheme_colour("hlink") or text.body[0],
        heading_font=theme.fonts["majorFont"], body_font=theme.fonts["minorFont"],
        page=_page(roles.content, width, height, planned),
        cover_page=_page(roles.cover, width, height, planned), scale=scale)


def _page(layout, width: float, height: float, planned) -> Page:
    """What the slides on `layout` stand on, in the planned page's points (previews)."""
    drawings = tuple(d._replace(box=planned(d.box)) for d in page_drawings(layout))
    return Page(*page_fill(layout, width, height), drawings)


def page_scale(width: float, height: float) -> float:
    """How much larger than our 16:9 page (960 x 540 pt) a template's page is: planning
    works on the page made that much smaller and rendering draws everything that much
    larger, so that text on a 67.7 x 38.1 cm page looks as it does on ours. Pages no
    larger than ours are planned as they are (text never below 18 pt)."""
    return max(1.0, min(width / 960, height / 540))


def _wide_enough(title: Slot, body: Slot) -> Slot:
    """A title box narrower than NARROW_TITLE of the text area under it, widened to the
    text area's columns (our titles are whole questions, not one word)."""
    t, b = title.box, body.box
    if t.w >= NARROW_TITLE * b.w:
        return title
    x = min(t.x, b.x)
    return Slot(title.kind, Box(x, t.y, max(t.right, b.right) - x, t.h), title.vertical,
                title.shape)


def _clear(title: Slot, layouts) -> Slot:
    """The title slot in the part of its box that the layouts' bands and logos leave
    clear (see theme.clear_area): a two-line title must not climb into a header band."""
    box = title.box
    for layout in _unique(layouts):
        x, y, w, h = clear_area(layout, (box.x, box.y, box.w, box.h), TITLE_MIN_H)
        box = Box(x, y, w, h)
    return title._replace(box=box)


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


def _backdrops(c: _Chosen, text: Backdrops) -> Backdrops:
    """What may lie behind each kind of text on the chosen layouts; where a picture we
    cannot read (EMF, say) lies under it, what the template's own text colour there is
    readable on (its designer saw the picture)."""
    pages = [c.roles.content, c.roles.title_only]
    number = c.number.box if c.number else None
    own_fill = _own_fill(c.roles.content, c.number)
    return Backdrops(
        title=_behind(pages, c.title.box, text.title),
        body=_behind(pages, c.body.box, text.body),
        cover_title=_behind([c.roles.cover], c.cover_title.box, text.cover_title),
        cover_body=_behind([c.roles.cover], across(c.cover_body.box, c.width),
                           text.cover_body),
        footer=_behind(pages, (c.footer or c.body).box, text.footer),
        number=own_fill or (_behind(pages, _digits(number, number_alignment(c.roles.content)),
                                    text.number) if number else
                            _behind(pages, c.body.box, text.number)))


def _own_fill(layout, slot: Slot | None) -> tuple[Colour, ...]:
    """The solid fill a placeholder itself has (a slide-number box in the template's
    colour), or () when it is see-through."""
    if slot is None:
        return ()
    props = slot.shape._element.find("p:spPr", NS)
    fill = ThemeColours(layout.slide_master, layout).fill(props)
    return fill.colours if fill is not None and not fill.see_through else ()


def _digits(box: Box, align: str) -> Box:
    """Where the one or two digits of a slide number stand in its box, as it aligns them."""
    if align == "ctr" or box.w <= DIGITS_W:
        return Box(box.x + box.w * 0.3, box.y + box.h * 0.3, box.w * 0.4, box.h * 0.4)
    x = box.x if align == "l" else box.right - DIGITS_W
    return Box(x, box.y + box.h * 0.3, DIGITS_W, box.h * 0.4)


DIGITS_W = 36.0  # two digits at 18 pt and the box's inset


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


def _behind(layouts, box: Box, text: tuple) -> tuple[Colour, ...]:
    own = text[0] if text and text[0] is not None else None
    unknown = None if own is None else BLACK if own.luminance() > 0.18 else WHITE
    found = [c for layout in _unique(layouts) for c in
             behind(layout, (box.x, box.y, box.w, box.h), unknown)]
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
    _notes_text_area(prs.notes_master)
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


def _notes_text_area(notes_master) -> None:
    """Give a notes master without a text area for notes (some templates have none) one
    under the slide picture, so that every notes page gets the speaker's text."""
    tree = notes_master._element.find("p:cSld/p:spTree", NS)
    kinds = [ph.get("type", "obj") for ph in tree.iterfind(".//p:nvPr/p:ph", NS)]
    if "body" in kinds:
        return
    idxs = [int(ph.get("idx")) for ph in tree.iterfind(".//p:nvPr/p:ph", NS)
            if (ph.get("idx") or "").isdigit()]
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr")) if e.get("id", "").isdigit()]
    size = notes_master.part.package.presentation_part._element.find(qn("p:notesSz"))
    w, h = (int(size.get(k)) if size is not None else d for k, d in
            (("cx", 6858000), ("cy", 9144000)))
    tree.append(parse(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{max(ids, default=1) + 1}" name="Заметки"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" '
        f'idx="{max(idxs, default=0) + 1}"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{w // 10}" y="{h // 2}"/><a:ext cx="{w * 8 // 10}" cy="{h * 4 // 10}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        f'<a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="ru-RU"/></a:p></p:txBody></p:sp>'))


def _clear_properties(prs) -> None:
    """Forget what the template's own document said about itself (render sets title,
    author and dates again)."""
    props = prs.core_properties
    for child in list(props._element):  # what the schema does not allow (SharePoint's
        if etree.QName(child).localname not in CORE_NAMES:  # cp:contentType) goes
            props._element.remove(child)
    for name in ("category", "comments", "content_status", "identifier", "subject",
                 "version", "keywords", "title", "author", "last_modified_by"):
        setattr(props, name, "")
    for part in prs.part.package.iter_parts():
        if part.content_type == CT.OFC_EXTENDED_PROPERTIES:
            part._blob = APP_XML  # the template's slide count and slide titles


CORE_NAMES = {"category", "contentStatus", "created", "creator", "description", "identifier",
              "keywords", "language", "lastModifiedBy", "lastPrinted", "modified", "revision",
              "subject", "title", "version"}  # the elements of opc-coreProperties.xsd
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/docPropsVTypes"><Application>sferum-deck</Application></Properties>')


def _set_link_colour(master, link: Colour) -> None:
    """Make the theme's hyperlink colours (as the master's colour map names them) `link`."""
    palette = ThemeColours(master)
    part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    for name in ("hlink", "folHlink"):
        slot = scheme.find(f"a:{palette.scheme_slot(name)}", NS) if scheme is not None else None
        if slot is not None:
            slot[:] = [parse(f'<a:srgbClr val="{link.hex}"/>')]
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
