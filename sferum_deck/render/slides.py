"""Planned slides -> slides of a python-pptx Presentation (placeholders, shapes, pictures,
footer, notes). Everything the slide shows was decided by plan.py."""
from __future__ import annotations

import copy
from xml.sax.saxutils import escape

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..grid import Box
from ..plan import Block, Picture, PlannedSlide, Shape
from ..qr import qr_png
from .base import SLIDENUM_FIELD_ID
from .text import text_body
from .xml import LANG, attr, emu, parse, qn, set_alt_text, srgb, tag_language, xfrm

TITLE_TYPES = ("title", "ctrTitle")
SHAPE_NAMES = {"rect": "Прямоугольник", "roundRect": "Карточка", "ellipse": "Круг"}


def draw_slide(prs, layout, planned: PlannedSlide, colours, ids: dict, notes) -> None:
    """Add one slide on `layout` showing `planned`; `ids` maps placeholder roles to idx;
    `notes` adds the speaker notes (a Notes instance shared by the deck)."""
    slide = prs.slides.add_slide(layout)
    links = _Links(slide)
    title, body = _title_and_body(slide)
    _fill(title, planned.title, links, colours)
    if planned.body is not None and body is not None:
        _fill(body, planned.body, links, colours)
    elif body is not None:
        body._element.getparent().remove(body._element)
    under = [s for s in reversed(planned.shapes) if s.behind]  # each goes to the very bottom
    for shape in under + [s for s in planned.shapes if not s.behind]:
        _add_shape(slide, shape, links, colours)
    for picture in planned.pictures:
        _add_picture(slide, picture)
    if planned.footer is not None:
        _add_footer(slide, planned, links, colours, ids)
    notes.add(slide, planned.notes)
    tag_language(slide._element)


def _title_and_body(slide):
    """The title placeholder and the text placeholder of a new slide, told apart by type
    (templates saved by LibreOffice give both idx 0)."""
    placeholders = list(slide.placeholders)
    title = next(ph for ph in placeholders if _ph_type(ph) in TITLE_TYPES)
    body = next((ph for ph in placeholders if _ph_type(ph) not in TITLE_TYPES), None)
    return title, body


def _ph_type(placeholder) -> str:
    return placeholder._element.find(qn("p:nvSpPr") + "/" + qn("p:nvPr") + "/" +
                                     qn("p:ph")).get("type", "obj")


class _Links:
    """Hyperlink relationship ids of one slide, one per address."""

    def __init__(self, slide):
        self.part = slide.part

    def __call__(self, url: str) -> str:
        return self.part.relate_to(url, RT.HYPERLINK, is_external=True)


def _fill(placeholder, block: Block, links, colours) -> None:
    sp = placeholder._element
    _position(sp, block.box)
    sp.replace(sp.find(qn("p:txBody")), parse(text_body(block, links, colours)))


def _position(sp, box: Box) -> None:
    sppr = sp.find(qn("p:spPr"))
    old = sppr.find(qn("a:xfrm"))
    if old is not None:
        sppr.remove(old)
    sppr.insert(0, parse(xfrm(box.x, box.y, box.w, box.h)))


def _next_id(slide) -> int:
    return max(int(e.get("id")) for e in slide._element.iter(qn("p:cNvPr"))) + 1


def _add_shape(slide, shape: Shape, links, colours) -> None:
    b = shape.box
    adjust = '<a:gd name="adj" fmla="val 5000"/>' if shape.kind == "roundRect" else ""
    body = text_body(shape.text, links, colours, insets=shape.kind == "rect") \
        if shape.text else ""
    name = SHAPE_NAMES[shape.kind]
    xml = (f'<p:sp><p:nvSpPr><p:cNvPr id="{_next_id(slide)}" name={attr(name)}/><p:cNvSpPr/>'
           f'<p:nvPr/></p:nvSpPr><p:spPr>{xfrm(b.x, b.y, b.w, b.h)}'
           f'<a:prstGeom prst="{shape.kind}"><a:avLst>{adjust}</a:avLst></a:prstGeom>'
           f'{srgb(shape.fill)}<a:ln><a:noFill/></a:ln></p:spPr>{body}</p:sp>')
    tree = slide.shapes._spTree
    if shape.behind:  # right after the group properties: under everything else
        tree.find(qn("p:grpSpPr")).addnext(parse(xml))
    else:
        tree.append(parse(xml))


def _add_picture(slide, picture: Picture) -> None:
    b = picture.box
    x, y, w, h = emu(b.x), emu(b.y), emu(b.w), emu(b.h)
    if picture.qr:
        part = _qr_part(slide.part.package, picture.qr)
        rid = slide.part.relate_to(part, RT.IMAGE)
        pic = slide.shapes._shape_factory(
            slide.shapes._add_pic_from_image_part(part, rid, x, y, w, h))
    else:
        pic = slide.shapes.add_picture(picture.path, x, y, w, h)
    pic.name = "QR-код" if picture.qr else "Изображение"
    set_alt_text(pic._element, picture.alt)
    if picture.link:
        pic.click_action.hyperlink.address = picture.link


def _qr_part(package, address: str):
    """The image part of a QR code, one per address in a deck. Named /ppt/media/qrN.png by
    us: python-pptx would search the whole package for a free name and a duplicate image
    for every picture, the largest cost of a batch deck after its text."""
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart
    parts = package.__dict__.setdefault("_sferum_qr_parts", {})
    if address not in parts:
        name = PackURI(f"/ppt/media/qr{len(parts) + 1}.png")
        parts[address] = ImagePart(name, "image/png", package, qr_png(address), None)
    return parts[address]


def _add_footer(slide, planned: PlannedSlide, links, colours, ids: dict) -> None:
    tree = slide.shapes._spTree
    if "ftr" in ids:
        sp = _placeholder_sp(_next_id(slide), "Нижний колонтитул", "ftr", ids["ftr"])
        tree.append(sp)
        _position(sp, planned.footer.box)
        sp.append(parse(text_body(planned.footer, links, colours)))
    if "sldNum" in ids:
        sp = _placeholder_sp(_next_id(slide), "Номер слайда", "sldNum", ids["sldNum"])
        tree.append(sp)
        _position(sp, ids["number_box"])
        sp.append(parse(_number_body(planned, colours.number, ids.get("number_align", "r"))))


def _placeholder_sp(shape_id: int, name: str, kind: str, idx: str):
    return parse(f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/><p:cNvSpPr>'
                 f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{kind}" '
                 f'sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>')


def _number_body(planned: PlannedSlide, number_colour, align: str) -> str:
    colour = srgb(number_colour)
    size = round(max(12.0, planned.footer.fit.size_pt) * 100)
    left = emu(7.2) if align == "ctr" else 0
    return (f'<p:txBody><a:bodyPr lIns="{left}" tIns="0" rIns="{emu(7.2)}" bIns="0" anchor="ctr">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="{align}"/>'
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
        self.used = {str(p.partname) for p in self.package.iter_parts()}
        self.number = 0

    def add(self, slide, text: str) -> None:
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart
        if self.template is None:
            part = slide.notes_slide.part
            self.template, self.master = copy.deepcopy(part._element), part.notes_master.part
            self.used.add(str(part.partname))
        else:
            part = NotesSlidePart(self._free_name(PackURI), CT.PML_NOTES_SLIDE, self.package,
                                  copy.deepcopy(self.template))
            part.relate_to(self.master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = next(sp for sp in part._element.iter(qn("p:sp"))
                    if sp.find(".//" + qn("p:ph")) is not None
                    and sp.find(".//" + qn("p:ph")).get("type") == "body")
        body.replace(body.find(qn("p:txBody")), parse(_notes_body(text)))

    def _free_name(self, uri):
        while True:
            self.number += 1
            name = f"/ppt/notesSlides/notesSlide{self.number}.xml"
            if name not in self.used:
                self.used.add(name)
                return uri(name)


def _notes_body(text: str) -> str:
    paras = "".join(f'<a:p><a:r><a:rPr lang="{LANG}" dirty="0"/><a:t>{escape(line)}</a:t></a:r></a:p>'
                    if line else f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
                    for line in text.split("\n"))
    return f"<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody>"
