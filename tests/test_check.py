"""`sferum-deck check` validates content, brand and meeting without writing anything; warnings
alone exit 0, any error exits 1. `--debug` adds the traceback a developer needs."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, run_cli

from sferum_deck.plan.layouts import NAMES

CLASHING = """name: Жёлтая школа
colors:
  primary: "#FFE800"
  text: "#BBBBBB"
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def inputs(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "slides" / "perm-letter", tmp_path / "slides")
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "brand.yaml").write_text(CLASHING, encoding="utf-8")
    (tmp_path / "meeting.yaml").write_text("class: 5А\ndate: 2026-12-12\ntime: 18:30\n",
                                           encoding="utf-8")
    return tmp_path


def test_warnings_only_exit_0_and_nothing_is_written(tmp_path):
    folder = inputs(tmp_path)
    before = snapshot(folder)
    result = run_cli("check", "--content", "slides", "--brand", "brand", "--meeting",
                     "meeting.yaml", cwd=folder)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Набор: slides — Рекомендации для родительских собраний о платформе «Сферум»"
    table = lines.index("Как уместился текст (размеры шрифта в пунктах):")
    assert lines[table + 1].split()[:2] == ["Слайды", "Тема"]
    warnings = [line for line in lines if line.startswith("Предупреждение: ")]
    assert any(w.startswith("Предупреждение: цвет текста: #BBBBBB на #FFFFFF — контраст 1.9:1")
               for w in warnings), warnings
    assert any("цвет заголовков: #FFE800 на #FFFFFF" in w for w in warnings), warnings
    assert lines[-1].startswith("Ошибок нет: ")
    assert snapshot(folder) == before


def test_errors_in_all_three_inputs_are_reported_together_and_exit_1(tmp_path):
    folder = inputs(tmp_path)
    (folder / "meeting.yaml").write_text("time: 18:30\ndate: 2026-02-30\n", encoding="utf-8")
    (folder / "brand" / "brand.yaml").write_text(CLASHING + "logo: logo.svg\n", encoding="utf-8")
    (folder / "brand" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    topic = folder / "slides" / "06-question-russian-data.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("layout: question",
                                                               "layout: qestion"), "utf-8")
    (folder / "slides" / "13-copy.yaml").write_bytes(
        (folder / "slides" / "01-why-sferum.yaml").read_bytes())
    before = snapshot(folder)
    result = run_cli("check", "--content", "slides", "--brand", "brand", "--meeting",
                     "meeting.yaml", cwd=folder)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: во входных данных найдены ошибки:\n"
        "  meeting.yaml:2 date: неверная дата «2026-02-30»; нужен вид 25.12.2026\n"
        "  brand/brand.yaml:5 logo: файл «logo.svg» в формате SVG, а SVG не поддерживается; "
        "сохраните логотип в PNG (например, в Inkscape: «Файл → Экспорт PNG») и укажите "
        "PNG-файл\n"
        "  slides/06-question-russian-data.yaml:4 layout: неизвестное значение «qestion»; "
        f"допустимо: {', '.join(NAMES)}; возможно, имелось в виду «question»\n"
        "  slides/13-copy.yaml:1 id: тема с id «why-sferum» уже есть в "
        "slides/01-why-sferum.yaml:1\n")
    assert snapshot(folder) == before


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "meeting.yaml").write_text("time: 25:00\n", encoding="utf-8")
    plain = run_cli("check", "--meeting", "meeting.yaml", cwd=tmp_path)
    debug = run_cli("--debug", "check", "--meeting", "meeting.yaml", cwd=tmp_path)
    assert plain.exit_code == debug.exit_code == 1
    assert "Traceback" not in plain.output
    assert "Traceback (most recent call last)" in debug.output
    assert "in load_deck" in debug.output
    assert debug.output.endswith(plain.output)
