"""Decks built on school templates made outside our code (tests/templates/README.md)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FULL, ROOT, built_on, need_tools, run_cli, run_tool
from pptx import Presentation
from pptx.util import Emu, Inches

from sferum_deck.inputs.fonts import font_files
from sferum_deck.render.layouts import Layouts
from sferum_deck.render.template import open_template

TEMPLATES = ROOT / "tests" / "templates"
NAMES = {"libreoffice": "libreoffice-midnightblue.pptx", "pandoc": "pandoc-reference.pptx",
         "russian": "russian-4x3.pptx"}
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return built_on({key: TEMPLATES / name for key, name in NAMES.items()},
                    tmp_path_factory.mktemp("templates"))


def texts(slide) -> str:
    return " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


# ---------------------------------------------------------------- layouts by placeholders

def test_layouts_are_chosen_by_placeholders_not_names():
    russian = Layouts(open_template(TEMPLATES / NAMES["russian"])).roles()
    assert (russian.content.name, russian.title_only.name, russian.cover.name) == \
        ("Заголовок и объект", "Только заголовок", "Титульный слайд")
    pandoc = Layouts(open_template(TEMPLATES / NAMES["pandoc"])).roles()
    assert (pandoc.content.name, pandoc.title_only.name, pandoc.cover.name) == \
        ("Title and Content", "Title Only", "Title Slide")
    prs = open_template(TEMPLATES / NAMES["libreoffice"])
    office = Layouts(prs).roles()  # three masters of twelve layouts each
    assert office.content.name == "Title, Content"
    assert office.content.slide_master is prs.slide_masters[0]
    assert office.title_only.slide_master is prs.slide_masters[0]
    assert office.cover.part is prs.slides[0].slide_layout.part  # the template's own cover


def test_decks_take_the_templates_page_theme_and_layouts(built):
    for key, name in NAMES.items():
        template, deck = Presentation(TEMPLATES / name), Presentation(built[key])
        assert (deck.slide_width, deck.slide_height) == (template.slide_width,
                                                         template.slide_height)
        assert len(deck.slide_masters) == len(template.slide_masters)
        used = {s.slide_layout.name for s in deck.slides}
        assert used <= {l.name for m in template.slide_masters for l in m.slide_layouts}
    russian = Presentation(built["russian"])
    assert russian.slide_width * 3 == russian.slide_height * 4
    assert [s.slide_layout.name for s in list(russian.slides)[:3]] == \
        ["Титульный слайд", "Заголовок и объект", "Заголовок и объект"]
    theme = russian.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:clrScheme name="\xd0\xa8\xd0\xba\xd0\xbe\xd0\xbb\xd0\xb0">' in theme  # «Школа»
    assert b'typeface="Times New Roman"' in theme


def test_text_goes_into_the_templates_own_boxes(built):
    russian = Presentation(built["russian"])
    body = next(ph for ph in list(russian.slides)[2].placeholders
                if ph.placeholder_format.idx == 1)
    title = list(russian.slides)[2].shapes.title
    assert (title.left, title.top, title.width, title.height) == \
        (Inches(0.5), Inches(0.15), Inches(8.3), Inches(1.15))
    assert (body.left, body.top, body.width, body.height) == \
        (Inches(0.5), Inches(1.75), Inches(9), Inches(4.9))
    pandoc = Presentation(built["pandoc"])
    master_body = pandoc.slide_master.placeholders[1]
    body = next(ph for ph in list(pandoc.slides)[2].placeholders
                if ph.placeholder_format.idx == 1)
    assert (body.left, body.top, body.width, body.height) == (
        master_body.left, master_body.top, master_body.width, master_body.height)
    for slide in list(russian.slides)[1:]:  # our cards, circles, QR codes stay in the text area
        for shape in slide.shapes:
            if not shape.is_placeholder and shape.width < russian.slide_width:
                assert shape.top >= Inches(1.75) - Emu(12700 * 2), (slide, shape.name)
                assert shape.top + shape.height <= Inches(1.75 + 4.9) + Emu(12700 * 2)


def test_template_fonts_are_measured_with_their_own_files(built):
    if font_files("Times New Roman") is None:
        pytest.skip("no Times New Roman or metric twin installed")
    russian = Presentation(built["russian"])
    title = list(russian.slides)[2].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title.font.name == "Times New Roman"


def test_the_templates_own_slides_are_removed_cleanly(built):
    with zipfile.ZipFile(built["russian"]) as deck:
        names = deck.namelist()
        everything = b"".join(deck.read(n) for n in names)
        presentation = deck.read("ppt/presentation.xml")
    slides = len(Presentation(built["russian"]).slides)
    assert len([n for n in names if n.startswith("ppt/slides/slide")]) == slides
    assert len([n for n in names if n.startswith("ppt/notesSlides/notesSlide")]) == slides
    for leftover in ("Образец".encode(), "example.ru/school".encode(), "Шаблон школы".encode(),
                     "Внутренний шаблон".encode(), b"custShowLst", b"sectionLst"):
        assert leftover not in everything, leftover
    assert b"notesMasterIdLst" in presentation
    result = run_tool("validate-pptx", *built.values())
    assert result.returncode == 0 and "warnings" not in result.stdout.splitlines()[-1], \
        result.stdout


def test_decks_on_templates_pass_the_referees(built):
    result = run_tool("check-a11y", *built.values())
    assert result.returncode == 0, result.stdout
    need_tools("soffice", "pdftotext")
    result = run_tool("check-layout", "--require-notes", *built.values())
    assert result.returncode == 0, result.stdout


def test_the_meeting_reaches_the_templates_cover_and_notes(built):
    for deck in built.values():
        slides = list(Presentation(deck).slides)
        assert FULL["teacher"] in texts(slides[0]) and FULL["teacher"] in texts(slides[-1])
        assert all(len(s.notes_slide.notes_text_frame.text) > 80 for s in slides)


# ---------------------------------------------------------------- other ways in

def test_a_template_named_in_a_profile_is_used(tmp_path):
    (tmp_path / "brand.yaml").write_text(
        f"extends: example-school\ntemplate: {TEMPLATES / NAMES['russian']}\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "--brand", str(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    deck = Presentation(out)
    assert deck.slide_layouts[0].name == "Титульный слайд"
    assert "МАОУ «Школа „Пример“» г. Перми" in texts(list(deck.slides)[0])


def test_a_potx_template_builds_a_pptx(tmp_path):
    potx = tmp_path / "school.potx"
    with zipfile.ZipFile(TEMPLATES / NAMES["russian"]) as src, zipfile.ZipFile(potx, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            dst.writestr(item, data)
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "--template", str(potx), "-o", str(out))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as deck:
        assert b"presentationml.presentation.main+xml" in deck.read("[Content_Types].xml")
        assert b"template.main+xml" not in deck.read("[Content_Types].xml")


def test_a_template_without_a_text_layout_is_refused_with_what_it_lacks(tmp_path):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Only", "Blank", "Two Content"):
            prs.slide_layouts.remove(layout)
    prs.save(tmp_path / "bad.pptx")
    result = run_cli("build", "--template", "bad.pptx", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: ошибка во входных данных:\n  bad.pptx: в шаблоне нет макета для слайдов с "
        "текстом: нужен макет с заголовком и одной областью текста не меньше 8,6 × 7,9 см "
        "(как «Заголовок и объект»). Макеты шаблона: «Two Content» — несколько областей "
        "текста; «Title Only» — нет области текста; «Blank» — нет заголовка\n")
    assert not (tmp_path / "sferum-deck.pptx").exists()


def test_a_damaged_template_is_explained(tmp_path):
    with zipfile.ZipFile(tmp_path / "school.pptx", "w") as broken:  # passes the file checks
        broken.writestr("[Content_Types].xml", "<Types/>")
        broken.writestr("ppt/presentation.xml", "<не xml")
    result = run_cli("build", "--template", "school.pptx", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: ошибка во входных данных:\n  school.pptx: файл шаблона повреждён: "
        "PowerPoint-часть не читается; откройте его в PowerPoint или LibreOffice и сохраните "
        "заново как .pptx\n")


def test_pictures_of_the_template_keep_their_names_and_ours_get_free_ones(tmp_path):
    """A template whose master already holds /ppt/media/qr1.png: our QR codes take other
    names, and the package has each entry once (a duplicate breaks it in PowerPoint)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart

    from sferum_deck.qr import qr_png

    prs = Presentation(TEMPLATES / "pandoc-reference.pptx")
    own = qr_png("https://example.org/template-picture")
    master = prs.slide_master.part
    master.relate_to(ImagePart(PackURI("/ppt/media/qr1.png"), "image/png", master.package,
                               own, None), RT.IMAGE)
    prs.save(tmp_path / "template.pptx")
    result = run_cli("build", "--template", str(tmp_path / "template.pptx"), "--meeting-link",
                     "https://sferum.ru/?call_link=abc", "-o", str(tmp_path / "deck.pptx"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "deck.pptx") as deck:
        names = deck.namelist()
        assert len(names) == len(set(names))
        assert deck.read("ppt/media/qr1.png") == own
        ours = [n for n in names if n.startswith("ppt/media/qr") and n != "ppt/media/qr1.png"]
        assert qr_png("https://sferum.ru/?call_link=abc") in [deck.read(n) for n in ours]
