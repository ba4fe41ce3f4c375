"""Make the small templates that reproduce, one class each, what real school templates did
to sferum-deck (issue 13; the real files are in ../shared/templates/, which is not ours to
commit). Each starts from python-pptx's own default template (made in PowerPoint) and is
edited the way the real file was made:

  used-deck.pptx            a used presentation as "the template": a picture and a table in
                            placeholders of its slides, text areas moved small on them
  libreoffice-package.pptx  core properties under LibreOffice's own relationship type
  notes-without-text-area.pptx  a notes master without a text area for notes
  missing-part.pptx         a layout whose relationships part is missing (to be refused)
  google-widescreen.pptx    Google Slides' 25.4 x 14.3 cm page and text area, a one-digit
                            slide-number box reaching off the page, right-to-left paragraphs
  stock-layouts.pptx        LibreOffice round-trip: every layout with one set of stock boxes
                            (the text area above the title), the master with the real ones
  huge-page.pptx            a 67.7 x 38.1 cm page
  signed-sharepoint.pptx    a digital signature, SharePoint's cp:contentType in the core
                            properties, pitchFamily values the schema does not allow,
                            masters and layouts without ids
  header-band.pptx          a background picture with a header band and logo that the title
                            box reaches into; a bottom-anchored title on the title slide
  decorated-samples.pptx    plain layouts; the header, logo and number box drawn on every
                            sample slide, the title moved into the header there

Run from this folder: python make_failure_classes.py  (python-pptx, lxml and Pillow; the
outputs are committed).
"""
import io
import zipfile

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches, Pt

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
LO_CORE = ("http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/"
           "core-properties")
STD_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
BLUE, WHITE = (33, 73, 161), (255, 255, 255)


def png(size, draw) -> bytes:
    img = Image.new("RGB", size, WHITE)
    draw(ImageDraw.Draw(img), size)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def emblem() -> bytes:
    return png((120, 120), lambda d, s: (d.rectangle([0, 0, *s], fill=BLUE),
                                         d.ellipse([20, 20, 100, 100], fill=WHITE)))


def layout(prs, name):
    return next(l for l in prs.slide_layouts if l.name == name)


def el(xml: str):
    """An element for a python-pptx tree (parsed as python-pptx parses, so that its own
    element classes apply)."""
    return parse_xml(f'<root xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}">{xml}</root>')[0]


def xfrm(x, y, w, h) -> str:
    return (f'<a:xfrm><a:off x="{int(x)}" y="{int(y)}"/><a:ext cx="{int(w)}" cy="{int(h)}"/>'
            '</a:xfrm>')


def place(shape, x, y, w, h) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(int(v)) for v in (x, y, w, h))


def saved(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def rezipped(data: bytes, change) -> bytes:
    """The package with each entry's bytes passed through change(name, data) (None drops
    the entry); change(None, writer) may add entries."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = change(item.filename, src.read(item.filename))
            if blob is not None:
                dst.writestr(item.filename, blob)
        change(None, dst)
    return out.getvalue()


def write(name: str, data: bytes) -> None:
    with open(name, "wb") as out:
        out.write(data)


# ---------------------------------------------------------------- the templates

def used_deck() -> bytes:
    prs = Presentation()
    for n in range(3):
        slide = prs.slides.add_slide(layout(prs, "Title and Content"))
        slide.shapes.title.text = f"Тема урока {n + 1}"
        body = slide.placeholders[1]
        place(body, Inches(1), Inches(5.6), Inches(3), Inches(0.8))  # moved small
        body.text = "Вывод"
    table_slide = prs.slides.add_slide(layout(prs, "Title and Content"))
    table_slide.shapes.title.text = "Расписание"
    body = table_slide.placeholders[1]  # a table in its place, as PowerPoint puts one
    frame = table_slide.shapes.add_table(3, 3, body.left, body.top, body.width,
                                         Inches(1.5))._element
    body._element.getparent().remove(body._element)
    frame.find("p:nvGraphicFramePr/p:nvPr", NS).append(el('<p:ph idx="1"/>'))
    picture_slide = prs.slides.add_slide(layout(prs, "Picture with Caption"))
    picture_slide.shapes.title.text = "Фото класса"
    picture = picture_slide.placeholders[1].insert_picture(io.BytesIO(emblem()))
    place(picture, Inches(5), Inches(1), Inches(3), Inches(3))  # a box of its own
    return saved(prs)


def libreoffice_package() -> bytes:
    prs = Presentation()
    prs.slides.add_slide(layout(prs, "Title and Content")).shapes.title.text = "Образец"
    return rezipped(saved(prs), lambda name, blob: blob.replace(
        STD_CORE.encode(), LO_CORE.encode()) if name == "_rels/.rels" else blob)


def notes_without_text_area() -> bytes:
    prs = Presentation()
    slide = prs.slides.add_slide(layout(prs, "Title and Content"))
    slide.shapes.title.text = "Образец"
    slide.notes_slide.notes_text_frame.text = "Заметки образца"

    def change(name, blob):
        if name != "ppt/notesMasters/notesMaster1.xml":
            return blob
        root = etree.fromstring(blob)
        for sp in root.iterfind(".//p:sp", NS):
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            if ph is not None and ph.get("type") == "body":
                sp.getparent().remove(sp)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rezipped(saved(prs), change)


def missing_part() -> bytes:
    return rezipped(saved(Presentation()), lambda name, blob: None if name ==
                    "ppt/slideLayouts/_rels/slideLayout11.xml.rels" else blob)


def google_widescreen() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(720), Pt(405)
    master = prs.slide_master
    boxes = {"title": (25, 35, 671, 45), "body": (25, 91, 671, 178), "dt": (25, 370, 160, 28),
             "ftr": (250, 370, 220, 28), "sldNum": (680, 384, 20, 31)}  # off the page
    for shape in master.placeholders:
        kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type")
        place(shape, *(Pt(v) for v in boxes[kind]))
    for lay in prs.slide_layouts:
        for shape in lay.placeholders:  # every layout takes the master's boxes
            props = shape._element.find("p:spPr", NS)
            for old in props.findall("a:xfrm", NS):
                props.remove(old)
    for style in ("titleStyle", "bodyStyle"):
        for level in master._element.iterfind(f"p:txStyles/p:{style}/*", NS):
            if etree.QName(level).localname.startswith("lvl"):
                level.set("rtl", "1")
    return saved(prs)


def stock_layouts() -> bytes:
    prs = Presentation()
    master = prs.slide_master
    title_box, text_box = (Inches(2.5), Inches(3.9), Inches(5), Inches(1.7)), \
        (Inches(2.5), Inches(2.6), Inches(5), Inches(1.1))  # LibreOffice's stock boxes
    place(master.placeholders[0], Inches(0.5), Inches(0.3), Inches(9), Inches(1))
    place(master.placeholders[1], Inches(0.5), Inches(1.5), Inches(9), Inches(5.2))
    for lay in prs.slide_layouts:
        for shape in lay.placeholders:
            kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type", "obj")
            if kind in ("title", "ctrTitle"):
                place(shape, *title_box)
            elif kind in ("obj", "body", "subTitle"):
                place(shape, *text_box)
    return saved(prs)


def huge_page() -> bytes:
    prs = Presentation()
    sx, sy = 1920 / 720, 1080 / 540
    prs.slide_width, prs.slide_height = Pt(1920), Pt(1080)
    for part in [prs.slide_master] + list(prs.slide_layouts):
        for off in part._element.iter(f"{{{A}}}off"):
            off.set("x", str(int(int(off.get("x")) * sx)))
            off.set("y", str(int(int(off.get("y")) * sy)))
        for ext in part._element.iter(f"{{{A}}}ext"):
            if ext.get("cx") is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * sx)))
                ext.set("cy", str(int(int(ext.get("cy")) * sy)))
    return saved(prs)


def signed_sharepoint() -> bytes:
    prs = Presentation()
    prs.slides.add_slide(layout(prs, "Title Slide")).shapes.title.text = "Подписанный файл"
    sig = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature"

    def change(name, blob):
        if name is None:
            blob.writestr("_xmlsignatures/origin.sigs", b"")
            blob.writestr("_xmlsignatures/sig1.xml", b'<Signature xmlns="http://www.w3.org/'
                          b'2000/09/xmldsig#"/>')
            blob.writestr("_xmlsignatures/_rels/origin.sigs.rels", (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
                '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                f'Id="rId1" Type="{sig}/signature" Target="sig1.xml"/></Relationships>'))
            return None
        if name == "_rels/.rels":
            return blob.replace(b"</Relationships>", (
                f'<Relationship Id="rId90" Type="{sig}/origin" Target="_xmlsignatures/'
                'origin.sigs"/></Relationships>').encode())
        if name == "[Content_Types].xml":
            return blob.replace(b"</Types>", (
                b'<Default Extension="sigs" ContentType="application/vnd.openxmlformats-'
                b'package.digital-signature-origin"/><Override PartName="/_xmlsignatures/'
                b'sig1.xml" ContentType="application/vnd.openxmlformats-package.digital-'
                b'signature-xmlsignature+xml"/></Types>'))
        if name == "docProps/core.xml":
            return blob.replace(b"</cp:coreProperties>", b"<cp:contentType>Document"
                                b"</cp:contentType></cp:coreProperties>")
        if name == "ppt/theme/theme1.xml":
            return blob.replace(b'typeface="Calibri"', b'typeface="Calibri" pitchFamily="92"')
        if name == "ppt/presentation.xml":
            return blob.replace(b'<p:sldMasterId id="2147483648"', b"<p:sldMasterId")
        if name == "ppt/slideMasters/slideMaster1.xml":
            root = etree.fromstring(blob)
            for entry in root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
                del entry.attrib["id"]
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        return blob
    return rezipped(saved(prs), change)


def header_band() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    width, height = 1333, 750

    def band(d, size):
        d.rectangle([0, 0, size[0], 125], fill=BLUE)  # 90 pt of 540
        d.rectangle([size[0] - 160, 20, size[0] - 60, 105], fill=(250, 200, 40))  # logo
    master = prs.slide_master
    _, rid = master.part.get_or_add_image_part(io.BytesIO(png((width, height), band)))
    csld = master._element.find("p:cSld", NS)
    old = csld.find("p:bg", NS)
    if old is not None:
        csld.remove(old)
    csld.insert(0, el(f'<p:bg><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
                      '<a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>'))
    place(master.placeholders[0], Pt(36), Pt(20), Pt(888), Pt(120))  # into the band
    place(master.placeholders[1], Pt(36), Pt(160), Pt(888), Pt(320))
    cover = layout(prs, "Title Slide")
    place(cover.placeholders[0], Pt(96), Pt(150), Pt(768), Pt(110))
    place(cover.placeholders[1], Pt(96), Pt(280), Pt(768), Pt(180))
    cover.placeholders[0]._element.find("p:txBody/a:bodyPr", NS).set("anchor", "b")
    for lay in prs.slide_layouts:
        if lay.name != "Title Slide":
            for shape in lay.placeholders:
                props = shape._element.find("p:spPr", NS)
                for old_box in props.findall("a:xfrm", NS):
                    props.remove(old_box)
    return saved(prs)


def decorated_samples() -> bytes:
    prs = Presentation()
    logo = emblem()
    for n in range(3):
        slide = prs.slides.add_slide(layout(prs, "Title and Content"))
        tree = slide.shapes._spTree
        header = el(f'<p:sp><p:nvSpPr><p:cNvPr id="20" name="Шапка"/><p:cNvSpPr/><p:nvPr/>'
                    f'</p:nvSpPr><p:spPr>{xfrm(0, 0, Pt(720), Pt(70))}<a:prstGeom prst="rect">'
                    f'<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="2149A1"/>'
                    f'</a:solidFill></p:spPr></p:sp>')
        tree.insert(2, header)
        slide.shapes.add_picture(io.BytesIO(logo), Pt(12), Pt(8), Pt(54), Pt(54))
        title = slide.shapes.title
        place(title, Pt(84), Pt(12), Pt(620), Pt(46))
        title.text = "ЗАГОЛОВОК"
        title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(255, 255, 255)
        slide.placeholders[1].text = f"Текст образца {n + 1}"
        tree.append(el(
            f'<p:sp><p:nvSpPr><p:cNvPr id="30" name="Номер слайда"/><p:cNvSpPr><a:spLocks '
            f'noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/>'
            f'</p:nvPr></p:nvSpPr><p:spPr>{xfrm(Pt(660), Pt(486), Pt(42), Pt(42))}'
            f'<a:solidFill><a:srgbClr val="2149A1"/></a:solidFill></p:spPr><p:txBody>'
            f'<a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="ctr"/><a:fld id="{{B6F15528-21DE-4FAA-'
            f'801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="ru-RU" b="1"><a:solidFill>'
            f'<a:schemeClr val="bg1"/></a:solidFill></a:rPr><a:t>{n + 1}</a:t></a:fld></a:p>'
            f'</p:txBody></p:sp>'))
    return saved(prs)


TEMPLATES = {
    "used-deck.pptx": used_deck, "libreoffice-package.pptx": libreoffice_package,
    "notes-without-text-area.pptx": notes_without_text_area,
    "missing-part.pptx": missing_part, "google-widescreen.pptx": google_widescreen,
    "stock-layouts.pptx": stock_layouts, "huge-page.pptx": huge_page,
    "signed-sharepoint.pptx": signed_sharepoint, "header-band.pptx": header_band,
    "decorated-samples.pptx": decorated_samples,
}


def main() -> None:
    for name, make in TEMPLATES.items():
        write(name, make())


if __name__ == "__main__":
    main()
