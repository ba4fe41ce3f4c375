"""`sferum-deck batch`: a curator's school list, as Excel saves it, into one deck per school."""
from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, need_tools, run_cli, run_tool
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sferum_deck.inputs.schools import file_stem, read_schools

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
LONG = ("Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная "
        "школа с углублённым изучением отдельных предметов № 2» Пермского муниципального "
        "округа Пермского края имени Героя Советского Союза Ивана Петровича Сидорова, "
        "корпус на улице Ленина")
HEADER = [" Код школы ", "ПОЛНОЕ НАИМЕНОВАНИЕ", "Краткое  наименование", "Основной цвет",
          "Акцентный цвет", "Логотип", "Сайт", "E-mail", "Телефон", "Директор", "Примечание"]
ROWS = [  # line 2 onwards; the long name holds a line break, so line 3 spans two lines
    ["sch-1", 'МАОУ "СОШ № 1" г. Перми', "СОШ № 1", "#1F4E79", "#F4A259", "logos\\crest.png",
     "school1.ru", "info@school1.ru", "+7 (342) 200-00-01", "Петрова Анна Ивановна", "ок"],
    ["sch-2", LONG.replace(" корпус", "\nкорпус"), "", "#FFFF00", "#FFFFE0", "", "", "", "",
     "", ""],
    ["Школа № 3", "Школа без необязательных полей", "", "", "", "", "", "", "", "", ""],
    ["", "Школа без кода", "", "", "", "", "", "", "", "", ""],
    ["sch-5", "", "", "", "", "", "", "", "", "", ""],
    ["sch-6", "Школа с плохим цветом", "", "синий", "", "", "", "почта@", "", "", ""],
    ["sch-7", "Школа без логотипа", "", "", "", "logos/none.png", "", "", "", "", ""],
    ["sch-1", "Повтор кода", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", ""],  # Excel's empty row: skipped
    ["sch-8", "Школа", "", "", "", "", "", "", "", "", "", "лишнее"],
]
BAD = [
    "schools.csv:6 Код школы: обязательное поле не заполнено",
    "schools.csv:7 ПОЛНОЕ НАИМЕНОВАНИЕ: обязательное поле не заполнено",
    "schools.csv:8 E-mail: неверный адрес электронной почты «почта@»; нужен вид имя@example.ru; "
    "schools.csv:8 Основной цвет: неверный цвет «синий»; нужен вид #1F4E79",
    "schools.csv:9 Логотип: файл «logos/none.png» не найден (путь считается от папки .)",
    "schools.csv:10 Код школы: код «sch-1» уже встречался в строке 2",
    "schools.csv:12: в строке больше значений, чем столбцов в заголовке (12 вместо 11); "
    "возможно, в тексте есть «;» без кавычек",
]


def write_list(folder: Path, encoding: str = "cp1251", delimiter: str = ";",
               rows: list = ROWS) -> Path:
    """The school list as Excel saves it, with a logo beside it."""
    (folder / "logos").mkdir(exist_ok=True)
    Image.new("RGBA", (320, 200), (200, 40, 40, 255)).save(folder / "logos" / "crest.png")
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER] + rows)
    path = folder / "schools.csv"
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def report_rows(out: Path) -> list[dict]:
    raw = (out / "report.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def texts(slide) -> str:
    return " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """The list above (Windows-1251, semicolons) built once through the command line."""
    folder = tmp_path_factory.mktemp("curator")
    write_list(folder)
    result = run_cli("batch", "schools.csv", "--out", "decks", cwd=folder, env=EPOCH)
    return folder, result


# ---------------------------------------------------------------- reading the list

@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("utf-8", ";"),
                                                ("cp1251", ";"), ("utf-16", "\t")])
def test_every_excel_export_reads_the_same(tmp_path, monkeypatch, encoding, delimiter):
    monkeypatch.chdir(tmp_path)  # messages name files relative to the current folder
    write_list(tmp_path, encoding, delimiter)
    listing = read_schools(Path("schools.csv"))
    assert listing.delimiter == delimiter
    assert [(s.line, s.school_id, s.file_name) for s in listing.schools] == [
        (2, "sch-1", "sch-1.pptx"), (3, "sch-2", "sch-2.pptx"), (5, "Школа № 3", "Школа_3.pptx")]
    first, second = listing.schools[0].values, listing.schools[1].values
    assert first["full_name"] == 'МАОУ "СОШ № 1" г. Перми'
    assert first["site"] == "https://school1.ru" and first["logo"].name == "crest.png"
    assert str(first["primary_color"]) == "#1F4E79"
    assert second["full_name"] == LONG  # the line break inside the quotes became a space
    shown = "табуляция" if delimiter == "\t" else f"«{delimiter}»"
    assert [bad.message for bad in listing.bad] == [line.replace("«;»", shown) for line in BAD]
    assert listing.warnings == ["schools.csv:1: столбец «Примечание» не используется"]


def test_a_list_without_a_required_column_fails_as_a_whole(tmp_path):
    (tmp_path / "schools.csv").write_text("Код;Название школы;Телефон\n1;Школа;123\n",
                                          encoding="utf-8")
    (tmp_path / "other.csv").write_text("Школа;Телефон\nШкола № 1;123\n", encoding="utf-8")
    result = run_cli("batch", "other.csv", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  other.csv:1: нет "
                             "обязательного столбца «school_id» (или «код школы»); в заголовке: "
                             "«Школа», «Телефон»\n")
    assert not (tmp_path / "out").exists()
    result = run_cli("batch", "missing.csv", cwd=tmp_path)
    assert result.exit_code == 1
    assert "missing.csv: файл со списком школ не найден" in result.output
    assert read_schools(tmp_path / "schools.csv").schools[0].values["full_name"] == "Школа"


def test_broken_files_and_rows_are_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty.csv").write_bytes(b"")
    result = run_cli("batch", "empty.csv", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  empty.csv: файл пуст; "
                             "сохраните в него таблицу школ\n")
    rows = "".join(f"{n};Школа {n}\n" for n in range(2, 9))
    Path("unclosed.csv").write_text(f'Код;Школа\n1;"Школа № 1\n{rows}', encoding="utf-8")
    assert [b.message for b in read_schools(Path("unclosed.csv")).bad] == [
        "unclosed.csv:2: кавычка в этой строке не закрыта: значение тянется до строки 9, и "
        "строки ниже прочитаны как его часть"]
    Path("list.yaml").write_text("- просто текст\n- {school_id: 2, full_name: Школа}\n",
                                 encoding="utf-8")
    listing = read_schools(Path("list.yaml"))
    assert [b.message for b in listing.bad] == [
        "list.yaml:1: ожидался набор полей «school_id: …, full_name: …»"]
    assert [s.file_name for s in listing.schools] == ["2.pptx"]


def test_a_yaml_list_with_russian_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schools.yaml").write_text(
        "школы:\n"
        "  - Код школы: 101\n"
        "    Полное наименование: Гимназия № 1\n"
        "    Основной цвет: '#2E7D32'\n"
        "  - код школы: 102\n"
        "    полное наименование: Лицей\n"
        "    сайт: не сайт\n", encoding="utf-8")
    listing = read_schools(tmp_path / "schools.yaml")
    assert [(s.line, s.file_name) for s in listing.schools] == [(2, "101.pptx")]
    assert [b.message for b in listing.bad] == [
        "schools.yaml:7 сайт: неверный адрес «не сайт»; нужен вид https://example.ru/ или "
        "mailto:имя@example.ru"]


@pytest.mark.parametrize("school_id,stem", [
    ("sch-1", "sch-1"), ("Школа № 3", "Школа_3"), ("../../etc/passwd", "etc_passwd"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), (".hidden", "hidden"), ("a/b\\c:d*e", "a_b_c_d_e"),
    ("«»", None), ("x" * 300, "x" * 100),
])
def test_file_names_are_safe(school_id, stem):
    assert file_stem(school_id) == stem


# ---------------------------------------------------------------- the run

def test_good_rows_give_decks_and_bad_rows_are_reported(batch_run):
    folder, result = batch_run
    assert result.exit_code == 1
    assert "Готово: 3 презентации, с ошибками: 6 школ" in result.output
    for line in BAD:
        assert f"Ошибка: {line}" in result.output
    rows = report_rows(folder / "decks")
    assert [(r["line"], r["id"], r["status"], r["file"]) for r in rows] == [
        ("2", "sch-1", "готово", "sch-1.pptx"), ("3", "sch-2", "готово", "sch-2.pptx"),
        ("5", "Школа № 3", "готово", "Школа_3.pptx"), ("6", "", "ошибка", ""),
        ("7", "sch-5", "ошибка", ""), ("8", "sch-6", "ошибка", ""), ("9", "sch-7", "ошибка", ""),
        ("10", "sch-1", "ошибка", ""), ("12", "sch-8", "ошибка", "")]
    assert [r["error"] for r in rows[3:]] == BAD
    for row in rows[:3]:
        prs = Presentation(folder / "decks" / row["file"])
        assert int(row["slides"]) == len(prs.slides) >= 14
    assert "цвет заголовков: #FFFF00 на #FFFFFF" in rows[1]["warnings"]
    assert rows[0]["warnings"] == rows[2]["warnings"] == ""
    assert sorted(p.name for p in (folder / "decks").iterdir()) == [
        ".sferum-deck-batch.json", "report.csv", "sch-1.pptx", "sch-2.pptx", "Школа_3.pptx"]


def test_each_deck_carries_its_school(batch_run):
    folder, _ = batch_run
    slides = list(Presentation(folder / "decks" / "sch-1.pptx").slides)
    assert 'МАОУ "СОШ № 1" г. Перми' in texts(slides[0])
    closing = texts(slides[-1])
    assert "Директор: Петрова Анна Ивановна" in closing and "info@school1.ru" in closing
    assert "СОШ № 1" in texts(slides[3])  # the short name is the footer
    master = Presentation(folder / "decks" / "sch-1.pptx").slide_master
    theme = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:accent1><a:srgbClr val="1F4E79"/>' in theme
    logo = next(sh for sh in master.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert logo._element.nvPicPr.cNvPr.get("descr") == 'МАОУ "СОШ № 1" г. Перми'  # a logo says whose
    long_deck = list(Presentation(folder / "decks" / "sch-2.pptx").slides)
    assert LONG in texts(long_deck[0]) and LONG in texts(long_deck[-1])


@pytest.mark.parametrize("tool,args", [("check-layout", ["--require-notes"]),
                                       ("validate-pptx", [])])
def test_good_decks_pass_the_referees(batch_run, tool, args):
    if tool == "check-layout":
        need_tools("soffice", "pdftotext")
    folder, _ = batch_run
    decks = sorted((folder / "decks").glob("*.pptx"))
    result = run_tool(tool, *args, *decks)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_batch_deck_is_the_deck_build_writes(batch_run, tmp_path):
    folder, _ = batch_run
    profile = tmp_path / "school.yaml"
    profile.write_text(
        "extends: default\n"
        "full_name: 'МАОУ \"СОШ № 1\" г. Перми'\n"
        "short_name: СОШ № 1\n"
        "footer: СОШ № 1\n"
        "principal: Петрова Анна Ивановна\n"
        f"logo: {folder / 'logos' / 'crest.png'}\n"
        "colors: {primary: '#1F4E79', accent: '#F4A259'}\n"
        "contacts: {phone: +7 (342) 200-00-01, email: info@school1.ru, "
        "site: 'https://school1.ru'}\n", encoding="utf-8")
    result = run_cli("build", "--brand", str(profile), "-o", str(tmp_path / "built.pptx"),
                     env=EPOCH)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "built.pptx").read_bytes() == (folder / "decks" / "sch-1.pptx").read_bytes()


def test_a_rerun_skips_up_to_date_decks_unless_forced(tmp_path):
    write_list(tmp_path, "utf-8-sig", ",", ROWS[:3])
    assert run_cli("batch", "schools.csv", "-o", "out", "-j", "1", cwd=tmp_path).exit_code == 0
    decks = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("*.pptx")}
    result = run_cli("batch", "schools.csv", "-o", "out", cwd=tmp_path)
    assert result.exit_code == 0
    assert "Готово: 3 презентации (из них 3 без изменений), с ошибками: 0 школ" in result.output
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("*.pptx")} == decks

    changed = [ROWS[0], ROWS[1][:3] + ["#2E7D32"] + ROWS[1][4:], ROWS[2]]
    write_list(tmp_path, "utf-8-sig", ",", changed)
    (tmp_path / "out" / "Школа_3.pptx").write_bytes(b"edited by hand")
    result = run_cli("batch", "schools.csv", "-o", "out", cwd=tmp_path)
    assert "Готово: 3 презентации (из них 1 без изменений), с ошибками: 0 школ" in result.output
    assert "sch-1.pptx: без изменений" in result.output
    assert zipfile.is_zipfile(tmp_path / "out" / "Школа_3.pptx")

    result = run_cli("batch", "schools.csv", "-o", "out", "--force", cwd=tmp_path)
    assert "Готово: 3 презентации, с ошибками: 0 школ" in result.output
    assert (tmp_path / "out" / "sch-1.pptx").stat().st_mtime_ns != decks["sch-1.pptx"]


def test_ctrl_c_stops_the_workers_and_leaves_no_partial_file(tmp_path):
    rows = [[f"s{n:02d}", f"Школа № {n}"] + [""] * 9 for n in range(40)]
    write_list(tmp_path, "utf-8", ";", rows)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "sferum_deck", "batch", "schools.csv", "-o", "out",
               "--jobs", "2"]
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "out").glob("*.pptx")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert err == ("Прервано. Собранные презентации сохранены; при повторном запуске они "
                   "будут пропущены.\n")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    decks = [name for name in files if name.endswith(".pptx")]
    assert files == sorted([".sferum-deck-batch.json", "report.csv"] + decks)  # no .tmp
    assert 0 < len(decks) < 40
    for deck in decks:
        with zipfile.ZipFile(tmp_path / "out" / deck) as package:
            assert package.testzip() is None
    assert not _processes_in(tmp_path)
    statuses = [r["status"] for r in report_rows(tmp_path / "out")]
    assert statuses.count("готово") == len(decks) and statuses.count("прервано") == 40 - len(decks)
    result = run_cli("batch", "schools.csv", "-o", "out", cwd=tmp_path)
    assert (f"Готово: 40 презентаций (из них {len(decks)} без изменений), с ошибками: 0 школ"
            in result.output)


def _processes_in(folder: Path) -> list[str]:
    """Ids of live processes working in `folder` (batch workers left behind)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cwd = Path(f"/proc/{pid}/cwd").resolve(strict=True)
        except OSError:
            continue
        if cwd == folder.resolve():
            found.append(pid)
    return found


def test_the_cached_base_is_the_base(tmp_path):
    """render.cache writes a school's texts and logo into a shared base: every part must come
    out as base_presentation writes it, for an empty name, a long one, markup characters,
    logos of the same size and of another, and a look met again (the second and later
    decks of a look use the cached copy)."""

    from PIL import Image

    from sferum_deck.inputs.brands import load_brand
    from sferum_deck.inputs.images import load_image
    from sferum_deck.model import Deck
    from sferum_deck.plan.colours import colours_for
    from sferum_deck.plan.grid import grid_for
    from sferum_deck.render.base import base_presentation
    from sferum_deck.render.cache import branded_base

    logos = [None]
    for colour, size in (("red", (300, 200)), ("blue", (300, 200)), ("green", (120, 200))):
        Image.new("RGB", size, colour).save(tmp_path / f"{colour}.png")
        logos.append(tmp_path / f"{colour}.png")
    brand = load_brand()
    for logo in logos:
        for full_name in ("", LONG, 'Школа "Ромашка" & <Ко>', LONG):
            school = brand._replace(full_name=full_name, footer=full_name or brand.footer,
                             logo=logo)
            image = logo and load_image(logo)
            colours, _ = colours_for(Deck(topics=(), brand=school, meeting=None))
            direct = base_presentation(school, colours, grid_for("16:9"), image)
            direct.notes_master  # noqa: B018  the cached copies hold one too
            cached = branded_base(school, colours, grid_for("16:9"), image)
            assert _parts(cached) == _parts(direct), (logo, full_name)


def _parts(prs) -> dict:
    return {str(p.partname): p.blob for p in prs.part.package.iter_parts()}
