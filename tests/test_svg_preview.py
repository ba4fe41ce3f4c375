"""`sferum-deck preview --fast`: SVG slides and one HTML page with every slide and its notes,
without LibreOffice (and instead of it when it is not installed)."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from conftest import run_cli
from sferum_deck import words
from sferum_deck.core import Options, load_deck
from sferum_deck.plan import plan


def test_fast_preview_writes_every_slide_and_the_run_through_page(tmp_path):
    out = tmp_path / "просмотр"
    out.mkdir()
    (out / "slide-99.svg").write_text("left from a longer deck")
    (out / "notes.txt").write_text("not ours")
    result = run_cli("preview", "--fast", "--aspect", "4:3", "--out", str(out))
    assert result.exit_code == 0, result.output
    planned = plan(load_deck(Options(aspect="4:3")))
    count = len(planned.slides)
    slides = sorted(out.glob("slide-*.svg"))
    assert [p.name for p in slides] == [f"slide-{n:02d}.svg" for n in range(1, count + 1)]
    assert (out / "notes.txt").exists()
    assert result.stdout == (f"Готово: {words.count(count, words.SLIDES)}: "
                             f"{out}/slide-01.svg … "
                             f"slide-{count:02d}.svg\n"
                             f"Все слайды с заметками: {out}/slides.html\n")
    root = ET.fromstring(slides[1].read_text(encoding="utf-8"))
    assert root.get("viewBox") == "0 0 720 540"
    page = (out / "slides.html").read_text(encoding="utf-8")
    assert re.findall(r'<img src="(slide-\d+\.svg)"', page) == [p.name for p in slides]
    for slide in planned.slides:
        for line in filter(str.strip, slide.notes.split("\n")):
            assert f"<p>{html.escape(line)}</p>" in page, (slide.number, line)
    assert page.count("<section") == count and "break-after:page" in page


def test_without_libreoffice_preview_says_so_and_draws_the_fast_preview(tmp_path, no_tools):
    result = run_cli("preview", "--only", "why-sferum", "--out", str(tmp_path / "p"),
                     env=no_tools, separate_stderr=True)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("LibreOffice не найден (не найдены программы soffice, "
                                    "pdftoppm; установите")
    assert "показываю быстрый просмотр в SVG" in result.stderr
    assert (tmp_path / "p" / "slides.html").exists()
    assert len(list((tmp_path / "p").glob("slide-*.svg"))) == 4  # cover, agenda, topic, end


def test_fast_preview_of_a_built_file_is_refused(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"PK")
    result = run_cli("preview", "--fast", str(deck), "--out", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert "быстрый просмотр (--fast) строится по темам" in result.output
    assert not (tmp_path / "p").exists()
