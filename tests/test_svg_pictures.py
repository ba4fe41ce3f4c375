"""The SVG slides look like LibreOffice's rendering of the same deck: slides drawn to PNG by
rsvg-convert and by LibreOffice (pdftoppm), compared in cells of CELL x CELL pixels. A
cell differs when one of its mean channels differs by more than LEVELS of 255: text drawn
a little differently never makes a cell differ, a missing box or a wrong colour does
(the test checks that too, on purposely broken SVGs)."""
from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import FULL, ROOT, need_tools
from sferum_deck.core import Options, load_deck
from sferum_deck.output.convert import to_pdf
from sferum_deck.output.write import build_time
from sferum_deck.plan import plan
from sferum_deck.render import render
from sferum_deck.render.package import save
from sferum_deck.svg import draw_deck

CELL, LEVELS = 20, 40
MOST_DIFFERING = 0.02  # share of cells that may differ (our own pages differ in none)
MEETING = {"school": FULL["school"], "class": FULL["class"], "date": FULL["date"],
           "teacher": FULL["teacher"], "meeting_link": FULL["link"]}


def differing(a: Image.Image, b: Image.Image) -> float:
    """The share of CELL x CELL cells whose mean colours differ by more than LEVELS."""
    size = (a.width // CELL, a.height // CELL)
    diff = ImageChops.difference(a.convert("RGB").resize(size, Image.BOX),
                                 b.convert("RGB").resize(size, Image.BOX))
    r, g, b_ = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b_)
    return worst.point(lambda v: 255 if v > LEVELS else 0).histogram()[255] / (size[0] * size[1])


def svg_png(svg: str, width: int, height: int) -> Image.Image:
    png = subprocess.run(["rsvg-convert", "-w", str(width), "-h", str(height)],
                         input=svg.encode("utf-8"), capture_output=True, check=True,
                         timeout=60).stdout
    return Image.open(io.BytesIO(png))


DECKS = {"meeting": Options(meeting=MEETING),  # a cover with the meeting QR code
         "template": Options(template=ROOT / "tests" / "templates" / "russian-4x3.pptx")}


@pytest.fixture(scope="module", params=sorted(DECKS))
def pictures(tmp_path_factory, request):
    """(svgs, LibreOffice's page PNGs at 72 dpi, the plan) of a deck with every meeting
    option and of one on a school template (its band and emblem drawn by the SVG too)."""
    need_tools("soffice", "pdftoppm", "rsvg-convert")
    folder = tmp_path_factory.mktemp("pictures")
    deck = load_deck(DECKS[request.param])
    planned = plan(deck)
    out = folder / "deck.pptx"
    save(render(planned, deck, build_time()), out, build_time())
    pdf = to_pdf(out, folder)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(folder / "page")],
                   check=True, timeout=300)
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return draw_deck(planned, deck), [Image.open(p) for p in pages], planned


def kinds(planned, *wanted: str) -> list[int]:
    """Indexes of the first slide of each kind in `wanted`."""
    return [next(i for i, s in enumerate(planned.slides) if s.kind == kind) for kind in wanted]


def test_svg_slides_look_like_libreoffices(pictures):
    svgs, pages, planned = pictures
    for i in kinds(planned, "cover", "steps", "links", "question"):
        drawn = svg_png(svgs[i], pages[i].width, pages[i].height)
        assert differing(drawn, pages[i]) <= MOST_DIFFERING, planned.slides[i].kind


def test_the_comparison_sees_a_missing_box_and_a_wrong_colour(pictures):
    svgs, pages, planned = pictures
    cover, steps = kinds(planned, "cover", "steps")
    primary = planned.colours.primary.hex
    panel = re.compile(r'<rect x="0" y="0" width="[\d.]+" height="[\d.]+" fill="#(?!FFFFFF)')
    no_panel = panel.sub('<rect x="0" y="0" width="0" height="0" fill="#', svgs[cover], count=1)
    assert no_panel != svgs[cover]
    page = pages[cover]
    assert differing(svg_png(no_panel, page.width, page.height), page) > 0.15
    red = svgs[steps].replace(f'fill="#{primary}"', 'fill="#D03030"')  # the step circles
    page = pages[steps]
    assert differing(svg_png(red, page.width, page.height), page) > MOST_DIFFERING


def chromium_png(svg: str, folder: Path, name: str) -> Image.Image:
    page = folder / f"{name}.svg"
    page.write_text(svg, encoding="utf-8")
    shot = folder / f"{name}.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=960,540", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, check=True, timeout=120)
    return Image.open(shot)


def pixels_differing(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels of which a channel differs by more than 100 of 255."""
    r, g, b_ = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b_)
    return worst.point(lambda v: 255 if v > 100 else 0).histogram()[255] / (a.width * a.height)


def monospace_fallbacks(svg: str) -> str:
    """The SVG with every font it names but the embedded ones replaced by monospace."""
    def embedded_only(match: re.Match) -> str:
        faces = re.findall(r'"sd-[0-9a-f]+"', match.group(1))
        return "font-family='" + ", ".join(faces + ["monospace"]) + "'"
    return re.sub(r"font-family='([^']*)'", embedded_only, svg)


def test_a_browser_draws_the_text_in_the_embedded_fonts(pictures, tmp_path):
    """With every fallback font replaced by monospace, a browser's picture stays the same
    (it draws the embedded subset fonts); without the @font-face rules it does not."""
    need_tools("chromium")
    svgs, pages, planned = pictures
    svg = svgs[kinds(planned, "agenda")[0]]
    svg = re.sub(r' width="[\d.]+pt" height="[\d.]+pt"', "", svg, count=1)  # fill the window
    mono = monospace_fallbacks(svg)
    assert mono != svg and "Liberation" not in mono
    drawn = chromium_png(svg, tmp_path, "fonts")
    assert pixels_differing(chromium_png(mono, tmp_path, "mono"), drawn) < 0.001
    no_faces = re.sub(r"<style>.*?</style>", "", mono, flags=re.S)
    assert pixels_differing(chromium_png(no_faces, tmp_path, "none"), drawn) > 0.01
