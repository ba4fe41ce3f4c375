"""What fitting did, one row per topic, as a table a curator reads (`sferum-deck check`)."""
from __future__ import annotations

import unicodedata

from ..model import Deck
from ..plan.layouts import BY_NAME
from ..plan.records import COVER, DeckPlan, PlannedSlide
from ..plan.text import BODY_MAX, COVER_MAX
from ..words import LINES_ACC, SLIDES, count

FRAMES = {"cover": "Титульный слайд", "agenda": "План встречи", "closing": "Последний слайд"}
HEADERS = ("Слайды", "Тема", "Текст, пт", "Заголовок, пт", "Что сделано")
TITLE_WIDTH = 38


def fitting_rows(planned: DeckPlan, deck: Deck) -> list[tuple[str, ...]]:
    """One row per topic (and per frame slide), in slide order."""
    titles = {t.id: t.title for t in deck.topics}
    groups: dict[str, list[PlannedSlide]] = {}
    for slide in planned.slides:
        groups.setdefault(slide.topic or slide.kind, []).append(slide)
    rows = []
    for key, slides in groups.items():
        name = FRAMES.get(slides[0].kind) or titles.get(key, key)
        numbers = f"{slides[0].number}–{slides[-1].number}" if len(slides) > 1 \
            else str(slides[0].number)
        rows.append((numbers, _clip(name),
                     _sizes(text_sizes(slides)),
                     _sizes({s.title.fit.size_pt for s in slides}),
                     "; ".join(what_was_done(slides)) or "ничего менять не пришлось"))
    return rows


def text_sizes(slides: list[PlannedSlide]) -> set[float]:
    """The sizes of the slides' body text: the body's, or, on a slide that sets its text in
    boxes of its own (columns, check lists, link cards), those of its plain text boxes."""
    sizes = set()
    for s in slides:
        sizes |= {c.text.fit.size_pt for t in s.tables for row in t.cells for c in row}
        if s.body is not None:
            sizes.add(s.body.fit.size_pt)
        else:
            sizes |= {sh.text.fit.size_pt for sh in s.shapes
                      if sh.kind == "rect" and sh.text is not None and not sh.text.bold}
    return sizes


def what_was_done(slides: list[PlannedSlide]) -> list[str]:
    """Plain-Russian notes on one topic's slides: split, shrunk, cut, shortened, and what
    its layout's record adds (the side of QR codes)."""
    done = []
    if len(slides) > 1:
        done.append(f"разделена на {count(len(slides), SLIDES)}")
    bodies = [b for s in slides for b in s.body_blocks]
    cover = slides[0].page == COVER
    largest = COVER_MAX if cover else BODY_MAX
    if bodies and min(b.fit.size_pt for b in bodies) < largest:
        done.append(f"текст уменьшен до {min(b.fit.size_pt for b in bodies):g} пт")
    bullets = {p.bullet for b in bodies for p in b.paras}
    if "none" in bullets and len(bullets) > 1 and not cover:
        done.append("длинный пункт разделён по предложениям")
    lines = max(len(s.title.fit.lines[0]) for s in slides)
    if lines > 2:
        done.append(f"заголовок в {count(lines, LINES_ACC)}")
    if any(s.title.paras[0].text.endswith("…") for s in slides):
        done.append("заголовок сокращён (полностью — в заметках)")
    if any(_shortened(s) for s in slides):
        done.append("длинные адреса показаны сокращённо (ссылки ведут на полный адрес)")
    layout = BY_NAME.get(slides[0].kind)
    return done + (layout.summary(slides) if layout else [])


def _shortened(slide: PlannedSlide) -> bool:
    blocks = [slide.title, slide.body] + [s.text for s in slide.shapes]
    return any(run.link and run.text.endswith("…") or "…@" in run.text
               for b in blocks if b is not None for p in b.paras for run in p.runs)


def _clip(text: str) -> str:
    return text if len(text) <= TITLE_WIDTH else text[:TITLE_WIDTH - 1].rstrip() + "…"


def _sizes(values: set) -> str:
    return "/".join(f"{v:g}" for v in sorted(values)) or "—"


def fitting_table(planned: DeckPlan, deck: Deck) -> str:
    """The rows as an aligned text table with Russian headers."""
    rows = [HEADERS] + fitting_rows(planned, deck)
    widths = [max(_width(r[i]) for r in rows) for i in range(len(HEADERS) - 1)]
    return "\n".join("  ".join([c + " " * (w - _width(c)) for c, w in zip(r, widths)]
                               + [r[-1]]).rstrip() for r in rows)


def _width(text: str) -> int:
    """Columns `text` takes in a terminal (emoji and Chinese take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
