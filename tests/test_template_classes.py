"""What real school templates did to sferum-deck (issue 13), one class each, on templates of
our own making (tests/templates/make_failure_classes.py), and hostile files made here:
every one builds a clean deck that looks like its template, or is refused with a Russian
message saying what to do, before anything is unpacked."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FULL, ROOT, built_on, run_cli, run_tool
from pptx import Presentation
from pptx.util import Pt

from sferum_deck.inputs import packages

TEMPLATES = ROOT / "tests" / "templates"
BUILDING = ["used-deck", "libreoffice-package", "notes-without-text-area", "google-widescreen",
            "stock-layouts", "huge-page", "signed-sharepoint", "header-band",
            "decorated-samples"]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return built_on({name: TEMPLATES / f"{name}.pptx" for name in BUILDING},
                    tmp_path_factory.mktemp("classes"))


def box(shape) -> tuple[float, ...]:
    return tuple(round(v / 12700, 1) for v in (shape.left, shape.top, shape.width, shape.height))


def body_of(slide):
    return next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)


# ---------------------------------------------------------------- every deck is clean

def test_every_class_gives_a_deck_the_referees_pass(built):
    for tool, args in (("validate-pptx", ()), ("check-a11y", ()),
                       ("check-layout", ("--require-notes",))):
        result = run_tool(tool, *args, *built.values())
        assert result.returncode == 0, result.stdout[-3000:]


# ---------------------------------------------------------------- no internal error

def test_pictures_and_tables_in_sample_placeholders_and_small_sample_boxes(built):
    """A used deck: the picture and table in its slides' placeholders are no obstacle, and
    its slides' text areas moved small do not shrink ours (the layout is what counts)."""
    template, deck = Presentation(TEMPLATES / "used-deck.pptx"), Presentation(built["used-deck"])
    master_body = template.slide_master.placeholders[1]
    assert box(body_of(list(deck.slides)[2])) == box(master_body)


def test_libreoffice_core_properties_stay_one_part(built):
    with zipfile.ZipFile(built["libreoffice-package"]) as deck:
        assert deck.namelist().count("docProps/core.xml") == 1
    assert Presentation(built["libreoffice-package"]).core_properties.author == FULL["teacher"]


def test_a_notes_master_without_a_text_area_gets_one(built):
    for slide in Presentation(built["notes-without-text-area"]).slides:
        assert len(slide.notes_slide.notes_text_frame.text) > 80


def test_a_package_with_a_missing_part_is_refused_as_damaged():
    assert refusal(TEMPLATES / "missing-part.pptx") == (
        "Ошибка: ошибка во входных данных:\n  missing-part.pptx: файл шаблона повреждён: в нём "
        "не хватает частей, на которые он ссылается; откройте его в PowerPoint или "
        "LibreOffice и сохраните заново как .pptx\n")


# ---------------------------------------------------------------- no needless refusal

def test_a_google_page_and_text_area_are_judged_by_the_page(built):
    deck = Presentation(built["google-widescreen"])
    assert (deck.slide_width, deck.slide_height) == (Pt(720), Pt(405))
    assert box(body_of(list(deck.slides)[2]))[3] >= 168  # 0.415 of the page's height


def test_libreoffice_stock_layouts_are_seen_through_their_master(built):
    template = Presentation(TEMPLATES / "stock-layouts.pptx")
    deck = Presentation(built["stock-layouts"])
    slide = list(deck.slides)[2]
    assert box(body_of(slide)) == box(template.slide_master.placeholders[1])
    assert box(slide.shapes.title)[:3] == box(template.slide_master.placeholders[0])[:3]


# ---------------------------------------------------------------- clean and true to the template

def test_slide_numbers_stay_on_the_page_and_hold_two_digits(built):
    deck = Presentation(built["google-widescreen"])
    for slide in list(deck.slides)[1:]:
        number = next(s for s in slide.placeholders if s.placeholder_format.type == 13)
        x, y, w, h = box(number)
        assert w >= 48 and x >= 0 and y + h <= 405


def test_our_paragraphs_are_left_to_right_whatever_the_template_says(built):
    deck = Presentation(built["google-widescreen"])
    for slide in deck.slides:
        for ppr in slide.shapes._spTree.iter(f"{A}pPr"):
            assert ppr.get("rtl") == "0"


def test_a_huge_page_is_drawn_to_its_scale(built):
    deck = Presentation(built["huge-page"])
    assert deck.slide_height == Pt(1080)
    sizes = [run.font.size.pt for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs
             if run.font.size]
    assert min(sizes) >= 2 * 12 and sorted(sizes)[len(sizes) // 2] >= 2 * 18


def test_what_the_schema_forbids_and_stale_signatures_stay_out(built):
    with zipfile.ZipFile(built["signed-sharepoint"]) as deck:
        names = deck.namelist()
        core = deck.read("docProps/core.xml")
        rels = deck.read("_rels/.rels")
    assert not [n for n in names if n.startswith("_xmlsignatures/") or "thumbnail" in n]
    assert b"contentType" not in core and b"digital-signature" not in rels


def test_titles_stay_below_a_header_band(built):
    deck = Presentation(built["header-band"])
    for slide in list(deck.slides)[1:]:
        assert box(slide.shapes.title)[1] >= 90 - 1  # the band is 90 pt high


def test_a_look_drawn_on_the_sample_slides_is_carried(built):
    deck = Presentation(built["decorated-samples"])
    content = list(deck.slides)[2].slide_layout
    drawn = [s for s in content.shapes if not s.is_placeholder]
    assert {s.shape_type for s in drawn} == {1, 13}  # the header and the emblem
    assert [s.name for s in drawn if s.shape_type == 1] == ["Шапка"]
    title = list(deck.slides)[2].shapes.title
    assert box(title)[1] < 70  # in the header, where the samples put it
    colours = {r.font.color.rgb for p in title.text_frame.paragraphs for r in p.runs}
    assert colours == {(255, 255, 255)}  # white on the blue header, as there
    number = next(s for s in content.placeholders if s.placeholder_format.type == 13)
    assert number.fill.fore_color.rgb == (0x21, 0x49, 0xA1)
    slide = list(deck.slides)[2]
    shown = next(s for s in slide.placeholders if s.placeholder_format.type == 13)
    digit = shown.text_frame.paragraphs[0]._p.find(f"{A}fld/{A}rPr/{A}solidFill/{A}srgbClr")
    assert digit.get("val") == "FFFFFF"


def test_aspect_given_with_a_template_is_named_in_a_warning(tmp_path):
    result = run_cli("build", "--template", str(TEMPLATES / "russian-4x3.pptx"),
                     "--aspect", "16:9", "-o", str(tmp_path / "deck.pptx"))
    assert result.exit_code == 0, result.output
    assert ("Предупреждение: --aspect 16:9 не действует с шаблоном: размер слайдов берётся из "
            "шаблона (25,4 × 19,1 см)") in result.output
    quiet = run_cli("build", "--template", str(TEMPLATES / "russian-4x3.pptx"),
                    "-o", str(tmp_path / "deck.pptx"))
    assert "--aspect" not in quiet.output


# ---------------------------------------------------------------- hostile files

def refusal(path: Path) -> str:
    """The output of building on `path` (named from its folder), which must refuse."""
    result = run_cli("build", "--template", path.name, cwd=path.parent)
    assert result.exit_code == 1, result.output
    assert not (path.parent / "sferum-deck.pptx").exists()
    assert "внутренняя ошибка" not in result.output
    return result.output


def zeros_package(path: Path, size: int, extra: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("ppt/presentation.xml", "<p:presentation/>")
        for n in range(extra):
            package.writestr(f"ppt/media/image{n}.png", b"")
        with package.open("ppt/media/zeros.bin", "w", force_zip64=True) as part:
            chunk = bytes(4 * packages.MIB)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return path


def test_a_part_too_large_is_refused_from_the_directory(tmp_path):
    bomb = zeros_package(tmp_path / "шаблон.pptx", 160 * packages.MIB)
    assert bomb.stat().st_size < 2 * packages.MIB
    assert refusal(bomb).endswith(
        "--template: в файле «шаблон.pptx» часть «ppt/media/zeros.bin» в распакованном виде "
        "занимает 160 МБ (можно не больше 150 МБ); удалите из него видео и лишние крупные "
        "рисунки (или сожмите их: в PowerPoint «Сжать рисунки») и сохраните заново\n")


def test_a_part_packed_too_tightly_is_refused(tmp_path):
    bomb = zeros_package(tmp_path / "шаблон.pptx", 8 * packages.MIB)
    message = refusal(bomb)
    assert "повреждён или опасен: его часть «ppt/media/zeros.bin» распаковывается в" in message
    assert message.endswith("(так сжимаются только пустые данные); сохраните шаблон заново в "
                            "PowerPoint или LibreOffice\n")


def test_the_total_and_the_number_of_parts_are_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(packages, "MAX_TOTAL", 4 * packages.MIB)
    many = zeros_package(tmp_path / "a.pptx", 8 * packages.MIB)
    monkeypatch.setattr(packages, "RATIO_FROM", 16 * packages.MIB)
    assert "в распакованном виде занимает 8 МБ (можно не больше 4 МБ)" in refusal(many)
    monkeypatch.setattr(packages, "MAX_PARTS", 50)
    crowded = zeros_package(tmp_path / "b.pptx", 0, extra=60)
    assert "слишком много частей (63, в презентации их не больше 50)" in refusal(crowded)


def test_an_encrypted_file_is_told_apart(tmp_path):
    locked = tmp_path / "шаблон.pptx"  # an OLE compound file holding an encrypted package
    locked.write_bytes(packages.CFB + bytes(504) + "EncryptedPackage".encode("utf-16-le") +
                       bytes(1000))
    assert refusal(locked).endswith(
        "--template: файл «шаблон.pptx» защищён паролем; откройте его в PowerPoint, снимите "
        "пароль (Файл → Сведения → Защитить презентацию → Зашифровать с помощью пароля: "
        "пустое поле) и сохраните без пароля\n")


def test_an_opendocument_presentation_is_told_apart(tmp_path):
    odp = tmp_path / "шаблон.odp"
    with zipfile.ZipFile(odp, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        package.writestr("content.xml", "<office:document-content/>")
    assert refusal(odp).endswith(
        "--template: файл «шаблон.odp» — презентация OpenDocument (.odp), а нужна PowerPoint; "
        "откройте его в LibreOffice Impress и сохраните как .pptx (Файл → Сохранить как → "
        "Презентация Microsoft PowerPoint)\n")


def test_powerpoints_lock_file_and_a_long_path_keep_the_name_visible(tmp_path):
    folder = tmp_path / ("очень-длинная-папка-" * 4)
    folder.mkdir()
    lock = folder / "~$Шаблон школы.pptx"
    lock.write_bytes(b"\x0bUser" + bytes(160))
    result = run_cli("build", "--template", str(lock.relative_to(tmp_path)), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output.endswith(
        "--template: файл «…/~$Шаблон школы.pptx» — служебный файл, который PowerPoint создаёт "
        "рядом с открытой презентацией, а не сама презентация; укажите файл без «~$» в "
        "начале имени\n")


def test_a_lock_file_copied_under_another_name_is_told_by_its_content(tmp_path):
    name = "Иванова М. П."  # what PowerPoint writes: the user's name in ANSI, then UTF-16
    ansi = name.encode("cp1251")
    owner = (bytes((len(ansi),)) + ansi.ljust(54, b" ") + bytes((len(name), 0)) +
             name.ljust(54).encode("utf-16-le"))
    copied = tmp_path / "шаблон школы.pptx"
    copied.write_bytes(owner)
    assert "— служебный файл, который PowerPoint создаёт рядом с открытой презентацией" in \
        refusal(copied)
    copied.write_bytes(owner[:55] + bytes((len(name) + 1, 0)) + owner[57:])  # not one
    assert refusal(copied).endswith("не является презентацией PowerPoint (.pptx) или "
                                    "повреждён; сохраните шаблон как .pptx\n")


def test_check_and_preview_refuse_a_hostile_deck(tmp_path):
    bomb = zeros_package(tmp_path / "deck.pptx", 160 * packages.MIB)
    for command in ("check", "preview"):
        result = run_cli(command, str(bomb))
        assert result.exit_code == 1, result.output
        assert "часть «ppt/media/zeros.bin» в распакованном виде занимает 160 МБ" in \
            result.output, result.output
