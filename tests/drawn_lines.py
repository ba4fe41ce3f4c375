"""The lines the SVG preview draws against the lines LibreOffice drew (word boxes from
pdftotext), paragraph by paragraph: how many lines and where each one breaks.

Words are given to the text block whose box is nearest their centre (inside it, or out of
it by less than REACH: a word drawn beside its box still counts as its own); a block's
words are grouped into lines by their vertical centres, and the lines shared out among
the paragraphs by their characters (whitespace and invisible marks not counted), since a
paragraph always starts a new line. A paragraph agrees when its lines break after the same
characters as the SVG's.
"""
from __future__ import annotations

import unicodedata
from typing import NamedTuple

from sferum_deck.model import record
from sferum_deck.svg.slides import placed, text_blocks

REACH = 60.0      # pt: a word further than this from every block belongs to none
TOLERANCE = 3.0   # pt: a word this far out of its box is still inside (rendering noise)
INVISIBLE = {"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"}


def counted(text: str) -> int:
    """Characters that show, as pdftotext reads them back: compatibility forms unfolded
    (Arabic presentation forms), no whitespace, joiners, variation selectors or combining
    marks, and no pictographs (drawn from fallback fonts, which pdftotext drops or misplaces
    at times)."""
    return sum(1 for c in unicodedata.normalize("NFKC", text)
               if unicodedata.category(c) not in INVISIBLE and not c.isspace()
               and not (ord(c) >= 0x2190 and unicodedata.category(c) in ("So", "Sk", "Cn")))


@record
class Paragraph(NamedTuple):
    where: str                 # deck, slide, first words
    svg: tuple[int, ...]       # characters of each SVG line
    drawn: tuple[int, ...]     # characters of each line LibreOffice drew
    outside: bool              # LibreOffice drew a word of it out of its box

    @property
    def same(self) -> bool:
        return self.svg == self.drawn

    @property
    def svg_fits_wrongly(self) -> bool:
        """The SVG shows the paragraph fitting in fewer lines than LibreOffice needed (or
        inside its box where LibreOffice's words stick out)."""
        return len(self.drawn) > len(self.svg) or self.outside


def _distance(box, x: float, y: float) -> float:
    dx = max(box.x - x, 0.0, x - box.right)
    dy = max(box.y - y, 0.0, y - box.bottom)
    return (dx * dx + dy * dy) ** 0.5


def compare(name: str, sheet, slide, words: list[tuple]) -> list[Paragraph]:
    """Every paragraph of `slide` (drawn with `sheet`) against LibreOffice's `words` of
    the same page."""
    blocks = [(b, wraps) for b, wraps in text_blocks(slide) if any(p.text.strip() for p in b.paras)]
    number = sheet.plan.grid.number if slide.footer is not None else None
    owned: list[list[tuple]] = [[] for _ in blocks]
    for word in words:
        x0, y0, x1, y1, text = word
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if number is not None and text == str(slide.number) and _distance(number, cx, cy) < 1:
            continue
        dist = [_distance(b.box, cx, cy) for b, _ in blocks]
        best = min(range(len(blocks)), key=lambda k: (dist[k], blocks[k][0].box.w *
                                                      blocks[k][0].box.h)) if blocks else None
        if best is not None and dist[best] <= REACH:
            owned[best].append(word)
    found = []
    for (block, wraps), mine in zip(blocks, owned):
        found += _paragraphs(name, sheet, slide, block, wraps, mine)
    return found


def _lines(words: list[tuple], pitch: float) -> list[list[tuple]]:
    lines: list[list[tuple]] = []
    for word in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
        centre = (word[1] + word[3]) / 2
        if lines and centre - (lines[-1][0][1] + lines[-1][0][3]) / 2 <= pitch / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w[0]) for line in lines]


def _paragraphs(name, sheet, slide, block, wraps, words) -> list[Paragraph]:
    box = block.box
    lines = _lines(words, block.fit.line_pt)
    drawn = [sum(counted(w[4]) for w in line) for line in lines]
    outside = [any(w[0] < box.x - TOLERANCE or w[2] > box.right + TOLERANCE or
                   w[1] < box.y - TOLERANCE or w[3] > box.bottom + TOLERANCE for w in line)
               for line in lines]
    out, at = [], 0
    for para, shown in zip(block.paras, placed(sheet, block, wraps)):
        svg = [counted(line.text) for line in shown.drawn]
        if svg:
            svg[0] += counted(para.label) + (1 if para.bullet == "dot" else 0)
        total = sum(svg)
        if total == 0:
            continue
        mine, got, start = [], 0, at
        while at < len(drawn) and (got < total or drawn[at] == 0):
            mine.append(drawn[at])  # a line of pictographs alone (0) is the one before's
            got += drawn[at]
            at += 1
        where = f"{name} slide {slide.number}: {para.text[:40]!r}"
        out.append(Paragraph(where, tuple(svg), tuple(mine), any(outside[start:at])))
    return out
