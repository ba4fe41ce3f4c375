"""svg/: planned slides drawn as SVG documents, checked by parsing them: well-formed, one
page of the slide's size, every text whole and inside its box, pictures with their alt
text, fonts embedded with every character the deck shows."""
from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FULL, ROOT
from sferum_deck.core import Options, load_deck
from sferum_deck.model import INSET_X, INSET_Y
from sferum_deck.plan import plan
from sferum_deck.plan.fit import Metrics
from sferum_deck.svg import draw_deck, sheet_for
from sferum_deck.svg.fonts import vertical
from sferum_deck.svg.slides import font_file, placed, text_blocks

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
MEETING = {"school": FULL["school"], "class": FULL["class"], "date": FULL["date"],
           "time": FULL["time"], "teacher": FULL["teacher"], "meeting_link": FULL["link"]}
CASES = {
    "default": Options(),
    "full": Options(meeting=MEETING),
    "perm-city-4x3": Options(brand="perm-city", aspect="4:3", meeting=MEETING),
    "template": Options(template=ROOT / "tests" / "templates" / "russian-4x3.pptx"),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def drawn(request):
    deck = load_deck(CASES[request.param])
    planned = plan(deck)
    return deck, planned, draw_deck(planned, deck)


def texts(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(SVG + "text"))


def test_every_slide_is_one_well_formed_svg_of_the_slide_size(drawn):
    deck, planned, svgs = drawn
    assert len(svgs) == len(planned.slides)
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == SVG + "svg" and root.get("version") == "1.1"
        w, h = planned.grid.width, planned.grid.height
        assert [float(v) for v in root.get("viewBox").split()] == [0, 0, w, h]
        assert root.get("width") == f"{w:g}pt" and root.get("height") == f"{h:g}pt"


def test_every_text_of_the_plan_is_drawn_whole(drawn):
    deck, planned, svgs = drawn
    for slide, svg in zip(planned.slides, svgs):
        shown = "".join("".join(t.itertext()) for t in texts(ET.fromstring(svg)))
        shown = re.sub(r"\s", "", shown)
        for block, _ in text_blocks(slide):
            for para in block.paras:
                whole = re.sub(r"[\s\u200b]", "", para.label + para.text)
                assert whole in shown, (slide.number, whole)
        assert str(slide.number) in shown or slide.footer is None


def test_russian_text_is_intact():
    deck = load_deck(Options())
    svgs = draw_deck(plan(deck), deck)
    agenda = ET.fromstring(svgs[1])
    words = " ".join("".join(t.itertext()) for t in texts(agenda))
    assert "План встречи" in words and "Почему Сферум" in words
    assert "Слайд 2 из" in agenda.find(SVG + "title").text


def test_every_line_lies_inside_its_box_where_the_svg_draws_it(drawn):
    deck, planned, svgs = drawn
    sheet = sheet_for(planned, deck)
    for slide, svg in zip(planned.slides, svgs):
        drawn_at = {(round(float(t.get("x")), 2), round(float(t.get("y")), 2))
                    for t in texts(ET.fromstring(svg))}
        for block, wraps in text_blocks(slide):
            face = vertical(font_file(sheet, block, block.bold))
            size = block.fit.size_pt
            inset_x, inset_y = (INSET_X, INSET_Y) if wraps else (0, 0)
            box = block.box
            for para in placed(sheet, block, wraps):
                for line in para.drawn:
                    where = (slide.number, line.text)
                    assert (round(line.x, 2), round(line.baseline, 2)) in drawn_at, where
                    assert line.left >= box.x + inset_x - 0.01, where
                    assert line.left + line.width <= box.right - inset_x + 0.01, where
                    assert line.baseline - face.ascent * size >= box.y + inset_y - 0.5, where
                    assert line.baseline + face.descent * size <= box.bottom - inset_y + 0.5, \
                        where


def test_pictures_carry_their_alt_text_as_title(drawn):
    deck, planned, svgs = drawn
    for slide, svg in zip(planned.slides, svgs):
        images = list(ET.fromstring(svg).iter(SVG + "image"))
        titles = [image.find(SVG + "title") for image in images]
        alts = [t.text for t in titles if t is not None]
        for picture in slide.pictures:
            assert picture.alt in alts, (slide.number, picture.alt)
        if deck.template is None and deck.brand.logo:
            assert deck.brand.logo_alt in alts
        assert all(image.get(XLINK).startswith("data:image/") for image in images)
        for image in images:  # a template's background or emblem is decoration
            assert (image.find(SVG + "title") is None) == (image.get("aria-hidden") == "true")
        if deck.template is not None:
            assert any(image.get("aria-hidden") for image in images)  # the emblem


def test_qr_codes_encode_their_addresses(tmp_path):
    from conftest import decoded_qr
    deck = load_deck(CASES["full"])
    planned = plan(deck)
    svg = ET.fromstring(draw_deck(planned, deck)[0])
    image = next(i for i in svg.iter(SVG + "image") if "QR" in i.find(SVG + "title").text)
    png = tmp_path / "qr.png"
    png.write_bytes(base64.b64decode(image.get(XLINK).split(",", 1)[1]))
    assert decoded_qr(png) == [FULL["link"]]


def test_the_embedded_fonts_hold_every_character_the_deck_shows(drawn):
    deck, planned, svgs = drawn
    root = ET.fromstring(svgs[1])
    css = root.find(SVG + "style").text
    faces = re.findall(r'font-family:"([^"]+)";font-weight:(\d+);.*?base64,([^)]+)\)', css)
    assert faces
    fonts = {name: Metrics(io.BytesIO(base64.b64decode(data))) for name, _, data in faces}
    for text in texts(root):
        family = (text.get("font-family") or _inherited(root, text, "font-family") or "")
        name = re.match(r'"([^"]+)"', family).group(1)
        if name not in fonts:
            continue
        for c in "".join(text.itertext()):
            if c.strip() and Metrics(open(_original(deck, name, faces), "rb")).glyph(ord(c)):
                assert fonts[name].glyph(ord(c)), (name, c)
    assert sum(len(data) * 3 // 4 for _, _, data in faces) < 120_000  # subset, not whole


def _original(deck, name, faces) -> Path:
    weight = next(w for n, w, _ in faces if n == name)
    font = deck.brand.body_font
    return font.bold if weight == "700" else font.regular


def _inherited(root, element, attribute):
    parents = {child: parent for parent in root.iter() for child in parent}
    while element is not None:
        if element.get(attribute):
            return element.get(attribute)
        element = parents.get(element)
    return None


def test_on_a_template_the_page_is_the_templates_and_the_title_says_approximate():
    deck = load_deck(CASES["template"])
    planned = plan(deck)
    root = ET.fromstring(draw_deck(planned, deck)[1])
    assert "примерный вид" in root.find(SVG + "title").text
    page = root.find(SVG + "rect")
    assert page.get("fill") == f"#{deck.template.page.colour.hex}"
    plain = load_deck(Options())
    default = ET.fromstring(draw_deck(plan(plain), plain)[1])
    assert "примерный" not in default.find(SVG + "title").text
