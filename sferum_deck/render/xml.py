"""Our own small DrawingML/PresentationML layer: the XML python-pptx has no API for
(language tags, exact spacing, bullets, alt text, fields), kept in one place."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..model import Colour

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
LANG = "ru-RU"
EMU_PER_PT = 12700


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def qn(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def parse(xml: str) -> etree._Element:
    """An element from an XML fragment written with the a:/p:/r: prefixes."""
    return parse_all(xml)[0]


def parse_all(xml: str) -> list[etree._Element]:
    """The elements of a sequence of XML fragments written with the a:/p:/r: prefixes."""
    return list(etree.fromstring(f"<root {NSDECL}>{xml}</root>"))


def srgb(colour: Colour) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour.hex}"/></a:solidFill>'


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return (f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/>'
            f'<a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>')


def text(value: str) -> str:
    return escape(value)


def attr(value: str) -> str:
    return quoteattr(value)


def link_notes_master(presentation_part) -> None:
    """Name the notes master in p:notesMasterIdLst (python-pptx relates it but omits the list,
    which Keynote and some PowerPoint versions need)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    prs = presentation_part._element
    if prs.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next((r.rId for r in presentation_part.rels.values() if r.reltype == RT.NOTES_MASTER),
               None)
    if rid is None:
        return
    lst = parse(f'<p:notesMasterIdLst><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>')
    prs.find(qn("p:sldMasterIdLst")).addnext(lst)


LENGTHS = {qn("a:off"): ("x", "y"), qn("a:ext"): ("cx", "cy"),
           qn("a:bodyPr"): ("lIns", "tIns", "rIns", "bIns"),
           qn("a:pPr"): ("marL", "marR", "indent"), qn("a:spcPts"): ("val",),
           qn("a:rPr"): ("sz",), qn("a:endParaRPr"): ("sz",)}  # every length we write


def scale_lengths(elements, factor: float) -> None:
    """Multiply every position, size, inset, indent, spacing and font size we write in
    `elements` by `factor` (a plan made for a smaller page drawn on a template's page)."""
    for root in elements:
        for el in root.iter():
            for name in LENGTHS.get(el.tag, ()):
                value = el.get(name)
                if value is not None and value.lstrip("-").isdigit():
                    el.set(name, str(round(int(value) * factor)))


def placeholder_shape(shape_id: int, name: str, ph: str, box, body: str) -> str:
    """A placeholder <p:sp>: `ph` its <p:ph> element, `box` (points) None to inherit the
    position from the layout or master, `body` its <p:txBody>."""
    sppr = xfrm(box.x, box.y, box.w, box.h) if box else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{sppr}</p:spPr>{body}</p:sp>')


def picture_shape(shape_id: int, name: str, rid: str, box, alt: str, click: str = "",
                  nvpr: str = "<p:nvPr/>") -> str:
    """A <p:pic> of the image related as `rid`, its alt text `alt`, `click` an optional
    <a:hlinkClick>; the aspect ratio locked."""
    c_nv = f"descr={attr(alt)}>{click}</p:cNvPr>" if click else f"descr={attr(alt)}/>"
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={attr(name)} {c_nv}'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>{nvpr}</p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</p:blipFill><p:spPr>{xfrm(box.x, box.y, box.w, box.h)}<a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom></p:spPr></p:pic>')
