"""Planned slides -> slides of a python-pptx Presentation (placeholders, shapes, pictures,
footer, notes). Everything the slide shows was decided by plan/."""
from __future__ import annotations

import copy
import hashlib
import itertools
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..inputs.images import PICTURE_MAX_SIDE, load_image
from ..plan.records import MARK_STROKE, MARKS, OUTLINE_PT, Block, Picture, PlannedSlide, Shape
from ..qr import qr_png
from .base import SLIDENUM_FIELD_ID, free_partname, media_part
from .layouts import TITLE_TYPES
from .tables import table_frame
from .text import text_body
from .xml import (
    LANG,
    NS,
    attr,
    emu,
    parse,
    parse_all,
    picture_shape,
    placeholder_shape,
    qn,
    scale_lengths,
    srgb,
    xfrm,
)

LATENT = ("dt", "ftr", "sldNum")  # never copied from a layout: we add footers ourselves
SHAPE_NAMES = {"rect": "Прямоугольник", "roundRect": "Карточка", "ellipse": "Круг",
               "check": "Галочка", "cross": "Крестик"}
PLACEHOLDER_NAMES = {"title": "Заголовок", "ctrTitle": "Заголовок", "subTitle": "Подзаголовок",
                     "obj": "Объект"}


def draw_slide(prs, layout, planned: PlannedSlide, colours, ids: dict, notes,
               scale: float = 1.0) -> None:
    """Add one slide on `layout` showing `planned`, drawn `scale` times as large as
    planned; `ids` maps placeholder roles to idx; `notes` adds the speaker notes (a Notes
    instance shared by the deck).

    The shapes are written as one XML string in z-order: cards behind the text, the title
    and body placeholders (typed and indexed as on the layout, so they inherit from it),
    other shapes, pictures, footer; every run and paragraph end is written with
    lang="ru-RU". python-pptx only makes the slide part."""
    rid, slide = prs.part.add_slide(layout)
    _list_slide(prs, rid)
    part = slide.part
    links = _Links(part)
    shape_ids = itertools.count(2)
    title_ph, body_ph = _title_and_body(layout)
    xml = [_shape(s, next(shape_ids), links, colours) for s in planned.shapes if s.behind]
    xml.append(_text_placeholder(next(shape_ids), title_ph, planned.title, links, colours))
    xml += [_picture(part, p, shape_ids, links, colours) for p in planned.pictures if p.lead]
    if planned.body is not None and body_ph is not None:
        xml.append(_text_placeholder(next(shape_ids), body_ph, planned.body, links, colours))
    xml += [_shape(s, next(shape_ids), links, colours) for s in planned.shapes if not s.behind]
    xml += [table_frame(t, next(shape_ids), links, colours) for t in planned.tables]
    xml += [_picture(part, p, shape_ids, links, colours) for p in planned.pictures
            if not p.lead]
    if planned.footer is not None:
        xml += _footer(planned, shape_ids, links, colours, ids)
    shapes = parse_all("".join(xml))
    if scale != 1.0:
        scale_lengths(shapes, scale)
    part._element.find(qn("p:cSld")).find(qn("p:spTree")).extend(shapes)
    notes.add(slide, planned.notes)


def _list_slide(prs, rid: str) -> None:
    """Append the slide to p:sldIdLst (ids from 256, as PowerPoint numbers them)."""
    slide_ids = prs.part._element.get_or_add_sldIdLst()
    next_id = max((int(e.get("id")) for e in slide_ids), default=255) + 1
    etree.SubElement(slide_ids, qn("p:sldId"), {"id": str(next_id), qn("r:id"): rid})


def _title_and_body(layout) -> tuple[dict, dict | None]:
    """The p:ph attributes of the layout's title and of its first other placeholder, told
    apart by type (templates saved by LibreOffice give both idx 0)."""
    tree = layout._element.find(qn("p:cSld")).find(qn("p:spTree"))
    found = [dict(ph.attrib) for ph in tree.iterfind("*/*/p:nvPr/p:ph", NS)
             if ph.get("type", "obj") not in LATENT]
    title = next(ph for ph in found if ph.get("type") in TITLE_TYPES)
    body = next((ph for ph in found if ph.get("type") not in TITLE_TYPES), None)
    return title, body


class _Links:
    """Hyperlink relationship ids of one slide, one per address."""

    def __init__(self, part):
        self.part = part

    def __call__(self, url: str) -> str:
        return self.part.relate_to(url, RT.HYPERLINK, is_external=True)


def _text_placeholder(shape_id: int, ph: dict, block: Block, links, colours) -> str:
    kind = ph.get("type", "obj")
    name = f"{PLACEHOLDER_NAMES.get(kind, 'Текст')} {shape_id - 1}"
    attrs = "".join(f" {key}={attr(ph[key])}" for key in ("type", "orient", "sz", "idx")
                    if key in ph)
    return placeholder_shape(shape_id, name, f"<p:ph{attrs}/>", block.box,
                        text_body(block, links, colours))


def _shape(shape: Shape, shape_id: int, links, colours) -> str:
    b = shape.box
    body = text_body(shape.text, links, colours, insets=shape.kind == "rect") \
        if shape.text else ""
    name = "Текст" if shape.fill is None else SHAPE_NAMES[shape.kind]
    descr = f" descr={attr(shape.alt)}" if shape.alt else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}{descr}/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{xfrm(b.x, b.y, b.w, b.h)}{_geometry(shape)}'
            f'</p:spPr>{body}</p:sp>')


def _geometry(shape: Shape) -> str:
    """Geometry, fill and line of a shape: a preset filled (and maybe outlined), or a mark
    (MARKS) drawn as round-capped strokes."""
    if shape.kind in MARKS:
        w, h = emu(shape.box.w), emu(shape.box.h)
        paths = "".join(
            "".join(f'<a:{"moveTo" if i == 0 else "lnTo"}><a:pt x="{round(x * w)}" '
                    f'y="{round(y * h)}"/></a:{"moveTo" if i == 0 else "lnTo"}>'
                    for i, (x, y) in enumerate(stroke)) for stroke in MARKS[shape.kind])
        width = emu(MARK_STROKE * min(shape.box.w, shape.box.h))
        return (f'<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
                f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{w}" h="{h}" '
                f'fill="none">{paths}</a:path></a:pathLst></a:custGeom><a:noFill/>'
                f'<a:ln w="{width}" cap="rnd">{srgb(shape.fill)}<a:round/></a:ln>')
    adjust = '<a:gd name="adj" fmla="val 5000"/>' if shape.kind == "roundRect" else ""
    line = f'<a:ln w="{emu(OUTLINE_PT)}">{srgb(shape.line)}</a:ln>' if shape.line \
        else "<a:ln><a:noFill/></a:ln>"
    fill = "<a:noFill/>" if shape.fill is None else srgb(shape.fill)  # a stacked text box
    return (f'<a:prstGeom prst="{shape.kind}"><a:avLst>{adjust}</a:avLst></a:prstGeom>'
            f'{fill}{line}')


def _picture(part, picture: Picture, shape_ids, links, colours) -> str:
    """The picture and, right after it, its caption (read in that order)."""
    shape_id = next(shape_ids)
    if picture.qr:
        rid = part.relate_to(_qr_part(part.package, picture.qr), RT.IMAGE)
    else:
        rid = part.relate_to(_image_part(part.package, picture.path), RT.IMAGE)
    name = "QR-код" if picture.qr else "Рисунок"
    click = f'<a:hlinkClick r:id="{links(picture.link)}"/>' if picture.link else ""
    return picture_shape(shape_id, name, rid, picture.box, picture.alt, click) + (
        _text_box(picture.caption, next(shape_ids), "Подпись", links, colours)
        if picture.caption else "")


def _text_box(block: Block, shape_id: int, name: str, links, colours) -> str:
    b = block.box
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{xfrm(b.x, b.y, b.w, b.h)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'{text_body(block, links, colours)}</p:sp>')


def _image_part(package, path: str):
    """The image part of a topic's picture, one per picture in a deck (/ppt/media/pictureN.png)."""
    png = load_image(Path(path), PICTURE_MAX_SIDE).png
    return media_part(package, "picture:" + hashlib.sha256(png).hexdigest(), "picture", png)


def _qr_part(package, address: str):
    """The image part of a QR code, one per address in a deck (/ppt/media/qrN.png)."""
    return media_part(package, "qr:" + address, "qr", qr_png(address))


def _footer(planned: PlannedSlide, shape_ids, links, colours, ids: dict) -> list[str]:
    xml = []
    if "ftr" in ids:
        ph = f'<p:ph type="ftr" sz="quarter" idx="{ids["ftr"]}"/>'
        xml.append(placeholder_shape(next(shape_ids), "Нижний колонтитул", ph, planned.footer.box,
                                text_body(planned.footer, links, colours)))
    if "sldNum" in ids:
        ph = f'<p:ph type="sldNum" sz="quarter" idx="{ids["sldNum"]}"/>'
        body = _number_body(planned, colours.number, ids.get("number_align", "r"))
        xml.append(placeholder_shape(next(shape_ids), "Номер слайда", ph, ids["number_box"], body))
    return xml


def _number_body(planned: PlannedSlide, number_colour, align: str) -> str:
    colour = srgb(number_colour)
    size = round(max(12.0, planned.footer.fit.size_pt) * 100)
    left = emu(7.2) if align == "ctr" else 0
    return (f'<p:txBody><a:bodyPr lIns="{left}" tIns="0" rIns="{emu(7.2)}" bIns="0" anchor="ctr">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="{align}" rtl="0"/>'
            f'<a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="{LANG}" sz="{size}">'
            f'{colour}</a:rPr><a:t>{planned.number}</a:t></a:fld>'
            f'<a:endParaRPr lang="{LANG}" sz="{size}"/></a:p></p:txBody>')


class Notes:
    """Speaker notes for every slide of one deck. python-pptx makes the first notes page
    (and the notes master); the others are copies of it, which avoids its per-page search
    of the whole package for a free part name."""

    def __init__(self, prs):
        self.package = prs.part.package
        self.template = None

    def add(self, slide, text: str) -> None:
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart
        if self.template is None:
            part = slide.notes_slide.part
            self.template, self.master = copy.deepcopy(part._element), part.notes_master.part
            self.first = str(part.partname)
        else:
            name = free_partname(self.package, "/ppt/notesSlides/notesSlide{}.xml", self.first)
            part = NotesSlidePart(PackURI(name), CT.PML_NOTES_SLIDE, self.package,
                                  copy.deepcopy(self.template))
            part.relate_to(self.master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = next(sp for sp in part._element.iter(qn("p:sp"))
                    if sp.find(".//" + qn("p:ph")) is not None
                    and sp.find(".//" + qn("p:ph")).get("type") == "body")
        body.replace(body.find(qn("p:txBody")), parse(_notes_body(text)))


def _notes_body(text: str) -> str:
    paras = "".join(f'<a:p><a:r><a:rPr lang="{LANG}" dirty="0"/><a:t>{escape(line)}</a:t></a:r></a:p>'
                    if line else f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
                    for line in text.split("\n"))
    return f"<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody>"
