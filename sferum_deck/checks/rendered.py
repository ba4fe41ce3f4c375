"""Look at a built deck the way a person would: render it with LibreOffice and compare every
drawn word with the text frame it belongs to (`sferum-deck check DECK.pptx`).

Reports, per slide: words drawn outside their frame or off the slide, text runs under
18 pt (footer and slide number: under 9 pt), slides with nothing to read, slides without
speaker notes. The deck is read by render/reading.py; rendering needs soffice and pdftotext.
"""
from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..output.convert import require_tools, to_pdf
from ..words import PAGES, SLIDES, count

if TYPE_CHECKING:
    from ..render.reading import SlideText

TOLERANCE_PT = 3.0
MIN_BODY_PT, MIN_FOOTER_PT = 18.0, 9.0
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@dataclass(frozen=True)
class Frame:
    left: float
    top: float
    right: float
    bottom: float
    words: frozenset[str]

    def holds(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        t = TOLERANCE_PT
        return x0 >= self.left - t and y0 >= self.top - t and x1 <= self.right + t \
            and y1 <= self.bottom + t


def key(word: str) -> str:
    return re.sub(r"[^\w]", "", word.casefold())


def rendered_words(pdf: Path) -> list[tuple[float, float, list[tuple]]]:
    """(width, height, [(x0, y0, x1, y1, word)]) of each PDF page."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,  # emoji in the
                         capture_output=True).stdout.decode("utf-8", "replace")  # metadata
    pages = []
    for width, height, body in PAGE.findall(out):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w))
                 for a, b, c, d, w in WORD.findall(body)]
        pages.append((float(width), float(height), words))
    return pages


def frames(slide: SlideText) -> list[Frame]:
    """Text frames of a slide in points (placeholder positions inherited from layouts)."""
    return [Frame(f.left, f.top, f.right, f.bottom,
                  frozenset(key(w) for w in f.text.split()) - {""}) for f in slide.frames]


def small_runs(slide: SlideText, min_pt: float = MIN_BODY_PT) -> list[str]:
    """Texts set below the minimum size: `min_pt` (18 pt on slides), 9 pt in footer
    placeholders."""
    problems = []
    for run in slide.runs:
        limit = MIN_FOOTER_PT if run.footer else min_pt
        if run.text.strip() and run.size_pt is not None and run.size_pt < limit:
            problems.append(f"мелкий текст: «{run.text[:30]}» {run.size_pt:g} pt "
                            f"(нужно не меньше {limit:g} pt)")
    return problems


def slide_problems(slide: SlideText, page, min_pt: float = MIN_BODY_PT) -> list[str]:
    width, height, words = page
    problems = small_runs(slide, min_pt)
    if not words:
        problems.append("пустой слайд: на нём нечего читать")
    if not slide.has_notes:
        problems.append("нет заметок докладчика")
    boxes, reported = frames(slide), set()
    for x0, y0, x1, y1, word in words:
        if x0 < -TOLERANCE_PT or y0 < -TOLERANCE_PT or x1 > width + TOLERANCE_PT or \
                y1 > height + TOLERANCE_PT:
            problems.append(f"текст за краем слайда: «{word}»")
            continue
        owners = [f for f in boxes if key(word) and key(word) in f.words]
        if owners and not any(f.holds(x0, y0, x1, y1) for f in owners) and word not in reported:
            reported.add(word)
            problems.append(f"текст вылезает из своей рамки: «{word}»")
    return problems


def check_deck(deck: Path, min_pt: float = MIN_BODY_PT) -> list[tuple[int, str]]:
    """(slide number, problem) for everything a person would notice in the rendered deck;
    `min_pt` is the smallest text allowed (a printed page may go below the slides' 18 pt)."""
    require_tools()
    from ..render.reading import read_deck
    slides = read_deck(deck)
    with tempfile.TemporaryDirectory(prefix="sferum-check-") as tmp:
        pages = rendered_words(to_pdf(Path(deck).resolve(), Path(tmp)))
    return deck_problems(slides, pages, min_pt)


def deck_problems(slides: list[SlideText], pages: list,
                  min_pt: float = MIN_BODY_PT) -> list[tuple[int, str]]:
    """(slide number, problem) of a deck read by render.reading.read_deck whose rendered
    pages (rendered_words) are given: to_pdfs renders many decks at once."""
    problems = []
    if len(pages) != len(slides):
        problems.append((0, f"в презентации {count(len(slides), SLIDES)}, а в PDF "
                            f"{count(len(pages), PAGES)}"))
    for number, (slide, page) in enumerate(zip(slides, pages), start=1):
        problems += [(number, p) for p in slide_problems(slide, page, min_pt)]
    return problems
