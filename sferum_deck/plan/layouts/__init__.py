"""Every layout a topic may name, declared once: one `Layout` record each, in LAYOUTS.

Schema and validation (which field a layout reads, the `layout:` choices), planning (the
planner), rendering (the page role: which base or template layout, which footer), the
handout, the `check` table and docs/schema.md all read this table. A new layout is a
planner module beside this file, its record below and its fields in inputs/schema.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...model import Topic
from ..records import CONTENT, SECTION, TITLE_ONLY, Context, PlannedSlide
from .bullets import plan_bullets
from .checklist import plan_checklist
from .compare import plan_compare
from .image import plan_image, summarise_image
from .links import plan_links, summarise_links
from .question import plan_question
from .quote import plan_quote
from .section import plan_section
from .steps import plan_steps
from .table import plan_table, summarise_table

Planner = Callable[[Context, Topic], list[PlannedSlide]]
Summary = Callable[[list[PlannedSlide]], list[str]]


def nothing_to_add(slides: list[PlannedSlide]) -> list[str]:
    return []


@dataclass(frozen=True, slots=True)
class Layout:
    """One layout: what it reads, how it is planned, drawn, handed out and summarised."""

    name: str           # the value of a topic's `layout:`
    reads: str          # the topic field holding its content (a field of schema.TOPIC);
                        # "" for a layout that shows only the title (section)
    planner: Planner    # topic -> planned slides
    page: str           # page role (records.PAGES): the base/template layout and footer
    handout: str        # what the handout takes from such a topic: steps | links | none
    doc: str            # one line for docs/schema.md (Russian, for authors)
    summary: Summary = nothing_to_add  # layout-specific notes for its `check` row
    options: tuple[str, ...] = ()  # further topic fields only this layout reads


LAYOUTS: tuple[Layout, ...] = (
    Layout("bullets", "bullets", plan_bullets, CONTENT, "none",
           "заголовок и список пунктов; с `numbered: true` — с номерами вместо точек",
           options=("numbered",)),
    Layout("question", "answer", plan_question, CONTENT, "none",
           "вопрос родителей как заголовок, ответ в 1–3 утверждениях на карточке"),
    Layout("steps", "steps", plan_steps, TITLE_ONLY, "steps",
           "шаги по порядку, номер каждого в круге (в памятку — если набор называет тему "
           "в handout.steps)"),
    Layout("links", "links", plan_links, TITLE_ONLY, "links",
           "карточки ссылок: QR-код, короткий адрес, назначение (в памятку — если набор "
           "называет тему в handout.links)",
           summarise_links),
    Layout("compare", "columns", plan_compare, TITLE_ONLY, "none",
           "две или три колонки: заголовок, пункты и оценка — галочка, крестик или точка"),
    Layout("quote", "quote", plan_quote, CONTENT, "none",
           "цитата крупно, под ней кто сказал: имя, роль, источник"),
    Layout("checklist", "checklist", plan_checklist, TITLE_ONLY, "none",
           "пункты с квадратиками для отметки"),
    Layout("section", "", plan_section, SECTION, "none",
           "разделитель: название раздела крупно на цветной полосе и его номер в плане; темы "
           "после него входят в его пункт плана (см. «Разделы плана встречи»)"),
    Layout("table", "table", plan_table, TITLE_ONLY, "none",
           "таблица: строка заголовков и строки коротких ячеек; длинная продолжается на "
           "следующих слайдах с теми же заголовками", summarise_table),
    Layout("image", "image", plan_image, CONTENT, "none",
           "рисунок или снимок экрана с описанием (alt), подписью и до трёх пунктов рядом "
           "(16:9) или под ним (4:3)", summarise_image),
)  # new layouts are appended here (and their modules imported above)

BY_NAME: dict[str, Layout] = {layout.name: layout for layout in LAYOUTS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def layout_of(topic: Topic) -> Layout:
    """The record of the layout `topic` names (validation admits only these names)."""
    return BY_NAME[topic.layout]

