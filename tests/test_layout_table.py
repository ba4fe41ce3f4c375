"""The table layout's plan (hypothesis): every cell fits its cell by fit.py's own measure,
every row appears once and in order under a header repeated on every slide, columns as wide
on every slide and together as wide as the body, one size for the whole table (18-24 pt),
rows never shorter than their text; notes on every slide; tables that cannot be read at
18 pt are refused at the table's line. Both aspects, our base and a school template."""
from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from sferum_deck.errors import InputError
from sferum_deck.inputs.brands import load_brand
from sferum_deck.model import Box, Deck, Meeting, Table, Topic
from sferum_deck.plan import fit as fitting
from sferum_deck.plan import plan
from sferum_deck.plan.layouts.table import MAX_ROWS, TABLE_MAX, read_out
from sferum_deck.plan.text import BODY_MIN, runs_of

BRAND = load_brand("default")
WORDS = ["5А", "11 «Б»", "Иванова", "Мария", "Петровна", "ivanova@example.ru",
         "+7 (342) 000-00-01", "понедельник", "18:30", "каб. 12", "—", "чат", "класса",
         "родительский", "северо-западный", "https://sferum.ru/", "Минпросвещения", "и", "по",
         "😀", "12.12.2026", "Сферум", "уведомления"]


def cell(rng: random.Random, longest: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, longest)))
    return text[:100].strip() or "—"


def table_deck(seed: int, columns: int, rows: int, longest: int, aspect: str,
               template=None) -> Deck:
    rng = random.Random(seed)
    header = tuple(cell(rng, 2) for _ in range(columns))
    body = tuple(tuple(cell(rng, longest) if rng.random() > 0.1 else "" for _ in range(columns))
                 for _ in range(rows))
    topic = Topic(id="t", title="Контакты классных руководителей", section="Контакты",
                  layout="table", audience=("parents",), items=(), links=(),
                  notes="Куда писать.\n\nПо вопросам класса — классному руководителю.",
                  source="t.yaml:1", table=Table(header, body, "t.yaml:4"))
    return Deck(topics=(topic,), brand=BRAND, meeting=Meeting(), aspect=aspect,
                template=template)


def shown_text(cell: str) -> str:
    """A cell as the slide shows it (long addresses shortened, see text.runs_of)."""
    return "".join(r.text for r in runs_of(cell)) if cell else ""


def check_table(deck: Deck) -> None:
    try:
        planned = plan(deck)
    except InputError as exc:  # refused only for what cannot be read at the minimum size
        problem = exc.problems[0]
        assert problem.where == "t.yaml:4" and problem.field == "table"
        assert "даже шрифтом 18 пт" in problem.message
        return
    table = deck.topics[0].table
    slides = [s for s in planned.slides if s.topic == "t"]
    frames = [s.tables[0] for s in slides]
    body = planned.grid.body
    assert all(len(s.tables) == 1 and s.kind == "table" for s in slides)
    assert [s.part for s in slides] == [(n, len(slides)) for n in range(1, len(slides) + 1)]
    shown = [tuple(c.text.paras[0].text.replace("\u200b", "") for c in row)
             for f in frames for row in f.cells[1:]]
    assert shown == [tuple(shown_text(c) for c in row) for row in table.rows]
    sizes = {c.text.fit.size_pt for f in frames for row in f.cells for c in row}
    assert len(sizes) == 1 and BODY_MIN <= sizes.pop() <= TABLE_MAX
    assert len({f.columns for f in frames}) == 1, "columns as wide on every slide"
    for f in frames:
        assert tuple(c.text.paras[0].text.replace("\u200b", "") for c in f.cells[0]) == \
            tuple(shown_text(c) for c in table.header)
        assert f.header == 1 and len(f.cells) - 1 <= MAX_ROWS
        assert abs(sum(f.columns) - body.w) < 0.01 and f.box.bottom <= body.bottom + 0.01
        assert f.box.x == body.x and f.box.y == body.y
        assert abs(sum(f.rows) - f.box.h) < 0.01
        y = f.box.y
        for row, h in zip(f.cells, f.rows):
            x = f.box.x
            for c, w in zip(row, f.columns):
                assert c.text.box == Box(x, y, w, h)
                fit = c.text.fit
                assert fit.width_pt == pytest.approx(w - 2 * f.margin_x)
                lines = fitting.set_text([p.measured for p in c.text.paras], fit.style,
                                         fit.size_pt, fit.width_pt).lines
                assert lines == fit.lines
                assert fitting.fits(fit, h - 2 * f.margin_y), (c.text.paras[0].text, h)
                x += w
            y += h
    for n, s in enumerate(slides, start=1):
        assert s.notes.strip()
        if n > 1:
            assert s.notes.startswith("Продолжение темы")


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "120")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2 ** 32), columns=st.integers(1, 4), rows=st.integers(1, 40),
       longest=st.sampled_from([1, 3, 12]), aspect=st.sampled_from(["16:9", "4:3"]))
def test_table_plan_properties(seed, columns, rows, longest, aspect):
    check_table(table_deck(seed, columns, rows, longest, aspect))


@pytest.fixture(scope="module")
def template():
    from sferum_deck.render.template import read_template
    return read_template(ROOT / "tests" / "templates" / "russian-4x3.pptx")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2 ** 32), columns=st.integers(1, 4), rows=st.integers(1, 20))
def test_table_plan_properties_on_a_school_template(template, seed, columns, rows):
    check_table(table_deck(seed, columns, rows, 3, "4:3", template))


def test_a_long_table_continues_with_its_header_and_every_slide_is_read_out():
    deck = table_deck(7, 3, 30, 1, "16:9")
    planned = plan(deck)
    slides = [s for s in planned.slides if s.topic == "t"]
    assert len(slides) >= 4  # at most eight rows a slide
    titles = [s.title.paras[0].text for s in slides]
    assert titles[1].endswith(f"(2/{len(slides)})")
    table = deck.topics[0].table
    last = slides[-1].tables[0].cells[-1]
    assert read_out(table.header, table.rows[-1]) in slides[-1].notes or \
        "По вопросам" in slides[-1].notes  # the notes speak of this slide
    assert tuple(c.text.paras[0].text.replace("\u200b", "") for c in last) == table.rows[-1]


def test_a_phone_number_keeps_to_one_line():
    deck = table_deck(1, 4, 3, 1, "4:3")
    deck = deck._replace(topics=(deck.topics[0]._replace(table=Table(
        ("Класс", "Классный руководитель", "Почта", "Телефон"),
        (("5А", "Иванова Мария Петровна", "ivanova@example.ru", "+7 (342) 000-00-01"),),
        "t.yaml:4")),))
    frame = [s for s in plan(deck).slides if s.topic == "t"][0].tables[0]
    assert frame.cells[1][3].text.fit.lines == (("+7 (342) 000-00-01",),)


def test_words_too_long_for_any_column_are_refused_at_the_tables_line():
    word = "Достопримечательностями"
    deck = table_deck(1, 4, 1, 1, "4:3")
    deck = deck._replace(topics=(deck.topics[0]._replace(table=Table(
        ("А", "Б", "В", "Г"), ((word,) * 4,), "t.yaml:4")),))
    with pytest.raises(InputError) as caught:
        plan(deck)
    problem = caught.value.problems[0]
    assert (problem.where, problem.field) == ("t.yaml:4", "table")
    assert problem.message == (
        "столбцы таблицы не помещаются на слайд по ширине даже шрифтом 18 пт: слишком "
        "длинные слова в столбце «А»; сократите текст ячеек или уберите столбец")


def test_the_check_table_names_the_rows_the_size_and_the_repeated_header():
    from sferum_deck.checks.summary import fitting_rows
    deck = table_deck(7, 3, 30, 1, "16:9")
    planned = plan(deck)
    row = next(r for r in fitting_rows(planned, deck) if r[1] == deck.topics[0].title)
    size = planned.slides[2].tables[0].cells[0][0].text.fit.size_pt
    assert row[2] == f"{size:g}"
    assert row[4].endswith("таблица: 30 строк, заголовки повторены на каждом слайде")
