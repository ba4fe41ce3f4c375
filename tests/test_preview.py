"""`sferum-deck preview` and `build --pdf`: what LibreOffice draws, as a teacher would see it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FULL, decoded_qr, need_tools, run_cli
from PIL import Image
from pptx import Presentation
from test_build import TOPICS

from sferum_deck import words
from sferum_deck.checks.rendered import rendered_words
from sferum_deck.core import Options, load_deck
from sferum_deck.output.preview import GAP, THUMB_WIDTH, to_pngs
from sferum_deck.plan import plan


def test_preview_of_a_deck_file_shows_every_slide_and_its_qr_codes(decks, tmp_path):
    need_tools("soffice", "pdftoppm")
    out = tmp_path / "preview"
    out.mkdir()
    (out / "slide-99.png").write_bytes(b"left from a longer deck")
    (out / "notes.txt").write_text("not ours")
    result = run_cli("preview", str(decks["full"]), "--out", str(out))
    assert result.exit_code == 0, result.output
    count = len(Presentation(decks["full"]).slides)
    slides = sorted(out.glob("slide-*.png"))
    assert [p.name for p in slides] == [f"slide-{n:02d}.png" for n in range(1, count + 1)]
    assert (out / "notes.txt").exists()
    assert result.output == (f"Готово: {words.count(count, words.SLIDES)}: {out}/slide-01.png … "
                             f"slide-{count:02d}.png\n"
                             f"Все слайды на одном листе: {out}/contact-sheet.png\n")
    with Image.open(slides[0]) as first:  # 96 dpi; pdftoppm may round up a pixel
        assert abs(first.width - 1280) <= 1 and abs(first.height - 720) <= 1
    with Image.open(out / "contact-sheet.png") as sheet:
        rows = -(-count // 4)
        assert sheet.width == 4 * (THUMB_WIDTH + GAP) + GAP and sheet.height > rows * 270
    codes = [text for png in slides for text in decoded_qr(png)]
    resources = next(t for t in TOPICS if t["layout"] == "links")
    expected = [link["url"] for link in resources["links"]] + [FULL["link"]] * 2
    assert sorted(codes) == sorted(expected)


def test_preview_builds_the_deck_from_the_build_options(tmp_path):
    need_tools("soffice", "pdftoppm")
    result = run_cli("preview", "--only", "why-sferum,technical-steps", "--aspect", "4:3",
                     "--columns", "3", "--out", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    slides = sorted((tmp_path / "p").glob("slide-*.png"))
    options = Options(only=("why-sferum", "technical-steps"), aspect="4:3")
    assert len(slides) == len(plan(load_deck(options)).slides)
    with Image.open(slides[0]) as first:
        assert abs(first.width - 960) <= 1 and abs(first.height - 720) <= 1
    with Image.open(tmp_path / "p" / "contact-sheet.png") as sheet:
        assert sheet.width == 3 * (THUMB_WIDTH + GAP) + GAP
    assert not list(tmp_path.glob("*.pptx"))  # the built deck was only a means


def test_preview_of_a_one_page_file_gives_its_one_picture(tmp_path):
    """Odd and even pages are drawn side by side: a single page (the handout) has no even
    page, which must not count as a failure."""
    need_tools("soffice", "pdftoppm")
    built = run_cli("handout", "--no-pdf", "-o", str(tmp_path / "memo.pdf"))
    assert built.exit_code == 0, built.output
    result = run_cli("preview", str(tmp_path / "memo.pptx"), "--out", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in sorted((tmp_path / "p").glob("*.png"))] == \
        ["contact-sheet.png", "slide-01.png"]


def test_no_page_goes_missing_when_the_even_half_fails(tmp_path, monkeypatch):
    """A pdftoppm that fails on the even pages (as on a one-page PDF, or a crash): every
    page is still drawn."""
    need_tools("pdftoppm")
    fake = tmp_path / "bin" / "pdftoppm"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\nfor a in "$@"; do [ "$a" = -e ] && exit 3; done\n'
                    f'exec {shutil.which("pdftoppm")} "$@"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    pages = [Image.new("RGB", (200, 100), colour) for colour in ("red", "green", "blue")]
    pages[0].save(tmp_path / "three.pdf", save_all=True, append_images=pages[1:])
    out = tmp_path / "out"
    out.mkdir()
    drawn = to_pngs(tmp_path / "three.pdf", out, 20)
    assert [p.name for p in drawn] == ["page-1.png", "page-2.png", "page-3.png"]


def test_without_libreoffice_the_teacher_is_told_what_to_install(tmp_path, no_tools, decks):
    # a built file needs LibreOffice; without a file, the fast preview is drawn instead
    # (tests/test_svg_preview.py)
    result = run_cli("preview", str(decks["default"]), "--out", str(tmp_path / "p"),
                     env=no_tools)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: не найдены программы soffice, pdftoppm; установите "
                             "LibreOffice и poppler-utils: sudo apt install libreoffice-impress "
                             "poppler-utils\n")
    result = run_cli("build", "--pdf", "-o", str(tmp_path / "deck.pptx"),
                     env=no_tools)
    assert result.exit_code == 1 and "не найдена программа soffice;" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]  # nothing half-made


def test_build_pdf_writes_the_pdf_beside_the_deck(tmp_path):
    need_tools("soffice", "pdftotext")
    deck = tmp_path / "собрание.pptx"
    result = run_cli("build", "--pdf", "--skip", "resources", "-o", str(deck))
    assert result.exit_code == 0, result.output
    pdf = deck.with_suffix(".pdf")
    assert result.output.splitlines()[-1] == f"Готово: {pdf}"
    pages = rendered_words(pdf)
    assert len(pages) == len(Presentation(deck).slides)
    assert round(pages[0][0]) == 960 and round(pages[0][1]) == 540
    assert sorted(p.name for p in tmp_path.iterdir()) == ["собрание.pdf", "собрание.pptx"]


def test_build_pdf_refuses_to_overwrite_the_deck(tmp_path):
    result = run_cli("build", "--pdf", "-o", str(tmp_path / "deck.pdf"))
    assert result.exit_code == 1
    assert f"Ошибка: {tmp_path / 'deck.pdf'}: у презентации должно быть расширение .pptx, " \
           "иначе PDF запишется поверх неё" in result.output
    assert not list(Path(tmp_path).iterdir())
