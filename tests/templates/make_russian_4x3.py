"""Make russian-4x3.pptx: a school template as a Russian PowerPoint user would have it.

Not made by sferum-deck: python-pptx's own default template (4:3, made in PowerPoint) with
the layout names of a Russian PowerPoint, the section header moved before «Заголовок и
объект», a burgundy title band and a transparent emblem on the master, a cream background,
Times New Roman headings, and sample slides of the kind schools leave in a template: notes,
a picture, a web link, a link to another slide, sections and a custom show.

Run from this folder: python make_russian_4x3.py  (python-pptx, lxml and Pillow; the output
is committed).
"""
import io

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
NAMES = ["Титульный слайд", "Заголовок и объект", "Заголовок раздела", "Два объекта",
         "Сравнение", "Только заголовок", "Пустой слайд", "Объект с подписью",
         "Рисунок с подписью", "Заголовок и вертикальный текст",
         "Вертикальный заголовок и текст"]
BURGUNDY, GOLD, CREAM = "7A1F3D", "E0A526", "FBF7EF"


def emblem() -> bytes:
    """A neutral emblem: an open book under a star, on a transparent background."""
    s = 400
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([10, 10, s - 10, s - 10], fill=(255, 255, 255, 255), outline=(224, 165, 38, 255),
              width=16)
    d.polygon([(70, 250), (200, 290), (200, 170), (70, 130)], fill=(122, 31, 61, 255))
    d.polygon([(330, 250), (200, 290), (200, 170), (330, 130)], fill=(160, 60, 90, 255))
    star = [(200, 60), (215, 105), (262, 105), (224, 132), (238, 178), (200, 150), (162, 178),
            (176, 132), (138, 105), (185, 105)]
    d.polygon(star, fill=(224, 165, 38, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def theme(prs) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "Школа")
    colours = {"dk2": BURGUNDY, "lt2": CREAM, "accent1": BURGUNDY, "accent2": GOLD,
               "hlink": "2E75B6", "folHlink": "7030A0"}
    for name, value in colours.items():
        slot = scheme.find(f"a:{name}", NS)
        slot[:] = [etree.fromstring(f'<a:srgbClr xmlns:a="{A}" val="{value}"/>')]
    fonts = root.find(".//a:fontScheme", NS)
    fonts.find("a:majorFont/a:latin", NS).set("typeface", "Times New Roman")
    fonts.find("a:minorFont/a:latin", NS).set("typeface", "Arial")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def master(prs) -> None:
    m = prs.slide_master
    tree = m.shapes._spTree
    csld = m._element.find("p:cSld", NS)
    csld.remove(csld.find("p:bg", NS))
    csld.insert(0, etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:solidFill><a:srgbClr val="{CREAM}"/>'
        f'</a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    band = (f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="20" name="Полоса"/>'
            f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{prs.slide_width}" cy="{Inches(1.45)}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>'
            f'<a:srgbClr val="{BURGUNDY}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    tree.insert(2, etree.fromstring(band))  # under the placeholders
    _, rid = m.part.get_or_add_image_part(io.BytesIO(emblem()))
    logo = (f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
            f'<p:cNvPr id="21" name="Эмблема" descr="Эмблема школы"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{Inches(8.95)}" '
            f'y="{Inches(0.25)}"/><a:ext cx="{Inches(0.9)}" cy="{Inches(0.9)}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    tree.append(etree.fromstring(logo))
    title = m.placeholders[0]
    title.left, title.top, title.width, title.height = (Inches(0.5), Inches(0.15),
                                                        Inches(8.3), Inches(1.15))
    style = m._element.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr", NS)
    fill = style.find("a:solidFill", NS)
    fill[:] = [etree.fromstring(f'<a:schemeClr xmlns:a="{A}" val="bg1"/>')]
    body = m.placeholders[1]
    body.left, body.top, body.width, body.height = (Inches(0.5), Inches(1.75), Inches(9),
                                                    Inches(4.9))


def russian_layouts(prs) -> None:
    for layout, name in zip(prs.slide_layouts, NAMES):
        layout._element.find("p:cSld", NS).set("name", name)
    ids = prs.slide_master._element.find("p:sldLayoutIdLst", NS)
    section = ids[2]
    ids.remove(section)
    ids.insert(1, section)  # «Заголовок раздела» before «Заголовок и объект»


def samples(prs) -> None:
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    first = prs.slides.add_slide(by_name["Титульный слайд"])
    first.shapes.title.text = "Шаблон школы"
    first.placeholders[1].text = "Образец титульного слайда"
    first.notes_slide.notes_text_frame.text = "Заметки образца: удалите этот слайд."
    second = prs.slides.add_slide(by_name["Заголовок и объект"])
    second.shapes.title.text = "Образец слайда с текстом"
    run = second.placeholders[1].text_frame.paragraphs[0].add_run()
    run.text = "Сайт школы"
    run.hyperlink.address = "https://example.ru/school"
    second.shapes.add_picture(io.BytesIO(emblem()), Inches(7), Inches(4.5), Inches(1.5))
    second.notes_slide.notes_text_frame.text = "Вторые заметки образца."
    third = prs.slides.add_slide(by_name["Заголовок раздела"])
    third.shapes.title.text = "Раздел"
    back = third.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(0.6))
    back.text_frame.text = "К началу"
    back.click_action.target_slide = first
    sections_and_show(prs)


def sections_and_show(prs) -> None:
    """A custom show and sections naming the sample slides, as PowerPoint writes them."""
    root = prs.part._element
    ids = [s.get("id") for s in root.find("p:sldIdLst", NS)]
    rids = [s.get(f"{{{R}}}id") for s in root.find("p:sldIdLst", NS)]
    show = etree.fromstring(
        f'<p:custShowLst xmlns:p="{P}" xmlns:r="{R}"><p:custShow name="Коротко" id="0">'
        f'<p:sldLst><p:sld r:id="{rids[0]}"/><p:sld r:id="{rids[1]}"/></p:sldLst>'
        f'</p:custShow></p:custShowLst>')
    root.find("p:notesSz", NS).addnext(show)
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    entries = "".join(f'<p14:sldId id="{i}"/>' for i in ids)
    ext = etree.fromstring(
        f'<p:extLst xmlns:p="{P}"><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">'
        f'<p14:sectionLst xmlns:p14="{p14}"><p14:section name="Образцы" '
        f'id="{{2A1F3B4C-5D6E-4F70-8192-A3B4C5D6E7F8}}"><p14:sldIdLst>{entries}'
        f'</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>')
    root.append(ext)


def main() -> None:
    prs = Presentation()
    assert prs.slide_width == Emu(Inches(10)) and prs.slide_height == Emu(Inches(7.5))
    theme(prs)
    master(prs)
    russian_layouts(prs)
    samples(prs)
    prs.core_properties.title = "Шаблон школы № 1"
    prs.core_properties.author = "Учитель информатики"
    prs.core_properties.comments = "Внутренний шаблон, не для печати"
    prs.save("russian-4x3.pptx")


if __name__ == "__main__":
    main()
