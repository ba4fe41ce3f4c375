"""The example deck of every layout (docs/example/), built as a teacher would build it: on
our base in 16:9 and 4:3 and on two school templates; every referee clean; and what a
person sees, read back with python-pptx and from the rendered PDF's word boxes: compare
marks beside their headings, check boxes on their items' first lines, the section's number
as in the agenda, numbered bullets."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, need_tools, run_cli, run_tool
from pptx import Presentation
from pptx.util import Emu

from sferum_deck.checks.rendered import rendered_words
from sferum_deck.output.convert import to_pdf
from sferum_deck.plan.layouts import NAMES

EXAMPLE = ROOT / "docs" / "example" / "slides"
BUILDS = {
    "base-16x9": ["--aspect", "16:9"],
    "base-4x3": ["--aspect", "4:3"],
    "midnightblue": ["--template", str(ROOT / "tests/templates/libreoffice-midnightblue.pptx")],
    "russian-4x3": ["--template", str(ROOT / "tests/templates/russian-4x3.pptx")],
}


@pytest.fixture(scope="module")
def example_decks(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("example")
    decks = {}
    for name, args in BUILDS.items():
        deck = out / f"{name}.pptx"
        result = run_cli("build", "--content", str(EXAMPLE), *args, "-o", str(deck),
                         env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.exit_code == 0, result.output
        decks[name] = deck
    return decks


def pt(length) -> float:
    return Emu(length).pt


def slide_titled(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text.replace("\u200b", "").startswith(title))


def test_the_example_shows_every_layout():
    """Each layout in the table has a topic in docs/example (a new layout adds its own)."""
    layouts = {yaml.safe_load(p.read_text(encoding="utf-8"))["layout"]
               for p in EXAMPLE.glob("*.yaml")}
    assert layouts == set(NAMES)
    assert (ROOT / "docs" / "example" / "example-deck.png").stat().st_size > 10_000


@pytest.mark.parametrize("tool, args", [("check-layout", ["--require-notes"]),
                                        ("validate-pptx", []), ("check-a11y", [])])
def test_referees_pass_on_every_build(example_decks, tool, args):
    result = run_tool(tool, *args, *example_decks.values())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", list(BUILDS))
def test_compare_marks_stand_beside_their_headings(example_decks, name):
    slide = slide_titled(Presentation(example_decks[name]), "Что можно и чего нельзя")
    shapes = list(slide.shapes)
    marks = [s for s in shapes if s.name in ("Галочка", "Крестик")]
    headings = [s for s in shapes if s.has_text_frame and s.text_frame.text in ("Можно", "Нельзя")]
    assert [s.text_frame.text for s in headings] == ["Можно", "Нельзя"]
    big = [m for m in marks if pt(m.width) >= 25]  # the heading marks
    assert [m.name for m in big] == ["Галочка", "Крестик"]
    descr = [m._element.find(".//{*}cNvPr").get("descr") for m in big]
    assert descr == ["знак «да»", "знак «нет»"], "the tone is said, not only drawn"
    for mark, heading in zip(big, headings):
        assert mark.left + mark.width <= heading.left
        first_line = pt(heading.top) + 3.6 + pt(Emu(heading.text_frame.paragraphs[0]
                                                     .runs[0].font.size)) * 1.2 / 2
        assert abs(pt(mark.top) + pt(mark.height) / 2 - first_line) < 0.5
    assert len(marks) == 2 + 6, "a mark beside every item too"
    assert shapes.index(big[0]) < shapes.index(headings[0]) < shapes.index(big[1]), \
        "read column by column: mark, heading, items"


def _word_boxes(deck: Path, tmp_path: Path, number: int):
    need_tools("soffice", "pdftotext")
    pdf = to_pdf(deck, tmp_path)
    return rendered_words(pdf)[number - 1][2]


@pytest.mark.parametrize("name", ["base-16x9", "russian-4x3"])
def test_check_boxes_sit_on_their_items_first_lines_when_rendered(example_decks, name,
                                                                 tmp_path):
    prs = Presentation(example_decks[name])
    slide = slide_titled(prs, "Правила чата класса")
    number = list(prs.slides).index(slide) + 1
    words = _word_boxes(example_decks[name], tmp_path, number)
    boxes = [s for s in slide.shapes if not s.has_text_frame or not s.text_frame.text]
    boxes = [s for s in boxes if s._element.find(".//{*}ln/{*}solidFill") is not None]
    items = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text
             and s != slide.shapes.title and s.top >= slide.shapes.title.top +
             slide.shapes.title.height and not s.is_placeholder]
    assert len(boxes) == len(items) == 4
    for box, item in zip(boxes, items):
        first = item.text_frame.text.split()[0]
        drawn = min((w for w in words if w[4] == first and
                     pt(item.left) - 3 <= w[0] <= pt(item.left + item.width)),
                    key=lambda w: abs(w[1] - pt(item.top)))  # its first line's first word
        middle = pt(box.top) + pt(box.height) / 2
        assert drawn[1] <= middle <= drawn[3], (first, drawn, middle)
        assert pt(box.left + box.width) <= drawn[0]


def test_the_section_divider_carries_its_agenda_number(example_decks):
    prs = Presentation(example_decks["base-16x9"])
    agenda = slide_titled(prs, "План встречи")
    listed = [re.sub(r"^\d+\.\s*", "", p.text) for p in agenda.placeholders[1].text_frame
              .paragraphs] if len(agenda.placeholders) > 1 else []
    if not listed:
        body = next(s for s in agenda.shapes if s.has_text_frame and s != agenda.shapes.title)
        listed = [re.sub(r"^\d+\.\s*", "", p.text) for p in body.text_frame.paragraphs]
    divider = slide_titled(prs, "Безопасность в чатах")
    numbers = [s.text_frame.text for s in divider.shapes
               if s.has_text_frame and not s.is_placeholder and s.text_frame.text.isdigit()]
    assert numbers == [str(listed.index("Безопасность в чатах") + 1)]
    assert divider.slide_layout.name == "Заголовок раздела"


def test_numbered_bullets_show_their_numbers(example_decks):
    slide = slide_titled(Presentation(example_decks["base-16x9"]), "Как действуют мошенники")
    body = next(s for s in slide.placeholders if s != slide.shapes.title)
    assert [p.text.split("\t")[0] for p in body.text_frame.paragraphs] == ["1.", "2.", "3.", "4."]
