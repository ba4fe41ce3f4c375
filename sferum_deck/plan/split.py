"""Long topics split over several slides: items cut into pieces, pieces grouped into pages,
speaker notes shared out so each slide's notes speak about that slide. Pure.

A topic is split between its items; an item is cut only when it cannot fit a slide alone,
at sentence ends first, then between words, and (an over-long word) between characters.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple, Sequence

from ..model import record
from . import emphasis

SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+")
PARAGRAPHS = re.compile(r"\n\s*\n")
LIST_LINE = re.compile(r"^\s*(?:[—–•*-]|\d{1,2}[.)])\s")
NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s")
WORD = re.compile(r"\w{4,}")


@record
class Piece(NamedTuple):
    """A unit of body text that may start a slide: an item or a part of a long one."""

    text: str
    item: int
    first: bool = True  # the item's (or sub-item's) first piece: it carries the bullet
    glue: str = ""      # what joined this piece to the previous part of its item
    level: int = 0      # 1: a piece of a sub-item
    subs: tuple[str, ...] = ()  # the item's sub-items, kept on the slide with it


def pieces_of(items: Sequence, fits_alone: Callable[[str], bool],
              group_fits: Callable[["Piece"], bool] | None = None) -> list[Piece]:
    """Items (anything with .text, and optionally .items: sub-items) as pieces; an item
    with sub-items is one piece when `group_fits` says that they fit a slide together, else
    the item and each sub-item are pieces of their own. A text that cannot fit a slide
    alone is cut at sentence ends, a sentence that still cannot between words, and a word
    that still cannot between characters (bold emphasis closed and reopened at each cut)."""
    out: list[Piece] = []
    for i, item in enumerate(items):
        subs = tuple(getattr(item, "items", ()) or ())
        if subs and group_fits is not None and group_fits(Piece(item.text, i, subs=subs)):
            out.append(Piece(item.text, i, subs=subs))
            continue
        for level, text in [(0, item.text)] + [(1, sub) for sub in subs]:
            parts = [(text, "")] if fits_alone(text) else _cut(text, fits_alone)
            texts = emphasis.rebalanced([t for t, _ in parts])
            out += [Piece(shown, i, first=(k == 0), glue=glue if k else "", level=level)
                    for k, (shown, (_, glue)) in enumerate(zip(texts, parts))]
    return out


def _cut(text: str, fits_alone: Callable[[str], bool]) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for sentences in _grouped(SENTENCE_END.split(text), fits_alone):
        if fits_alone(sentences):
            parts.append((sentences, " "))
            continue
        for words in _grouped(sentences.split(" "), fits_alone):
            if fits_alone(words):
                parts.append((words, " "))
                continue
            chunks = _characters(words, fits_alone)
            parts += [(chunk, " " if k == 0 else "") for k, chunk in enumerate(chunks)]
    return parts


def _grouped(parts: list[str], fits_alone: Callable[[str], bool]) -> list[str]:
    """Consecutive parts joined by spaces, greedily, while the result still fits alone."""
    groups: list[str] = []
    for part in (p for p in parts if p):
        if groups and fits_alone(groups[-1] + " " + part):
            groups[-1] += " " + part
        else:
            groups.append(part)
    return groups


def _characters(word: str, fits_alone: Callable[[str], bool]) -> list[str]:
    """A word cut into the longest starts that fit alone (at least one character each)."""
    chunks = []
    while word:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits_alone(word[:mid]) else (lo, mid - 1)
        chunks.append(word[:lo])
        word = word[lo:]
    return chunks


def item_text(pieces: Sequence[Piece]) -> str:
    """The pieces joined back into the text they were cut from."""
    return "".join(p.glue + p.text for p in pieces)


def paginate(pieces: list[Piece], fits: Callable[[list[Piece], float], bool],
             max_pt: float, min_pt: float,
             height: Callable[[list[Piece], float], float] | None = None,
             most: int = 0) -> tuple[list[list[Piece]], float]:
    """Pieces grouped into as few slides as the minimum size allows (with at most `most`
    items a slide, when given), at the largest size (common to all those slides) at which
    that many slides suffice; with `height`, the pieces are then shared out so the fullest
    slide is as empty as possible."""
    def room(page: list[Piece]) -> bool:
        return not most or len({p.item for p in page}) <= most

    def pack(size: float) -> list[list[Piece]]:
        """Each page as long as it can be: the longest run of pieces that fits (at least one)."""
        pages, start = [], 0
        while start < len(pieces):
            end = start + 1
            while end < len(pieces) and room(pieces[start:end + 1]):
                end += 1  # the most pieces the item limit allows
            if end > start + 1 and not fits(pieces[start:end], size):
                lo, hi = start + 1, end - 1  # a shorter page never needs more room
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    lo, hi = (mid, hi) if fits(pieces[start:mid], size) else (lo, mid - 1)
                end = lo
            pages.append(pieces[start:end])
            start = end
        return pages

    if room(pieces) and fits(pieces, max_pt):
        return [pieces], max_pt
    one = room(pieces) and fits(pieces, min_pt)
    size, pages = min_pt, [pieces] if one else pack(min_pt)
    fewest = len(pages)
    if fewest == 1:  # one slide: the largest size that fits, by bisection
        lo, hi = min_pt, max_pt - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(pieces, mid) else (lo, mid - 1)
        return [pieces], lo
    def valid(candidate: float) -> list[list[Piece]] | None:
        trial = pack(candidate)
        return trial if len(trial) <= fewest and all(fits(p, candidate) for p in trial) \
            else None

    lo, hi = int(min_pt) + 1, int(max_pt) - 1  # bisection: a smaller size never needs more
    top = valid(max_pt)  # as many slides at the largest size (the item limit made them)
    if top is not None:
        size, pages, lo = max_pt, top, hi + 1
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = valid(mid)
        if trial is not None:
            size, pages, lo = mid, trial, mid + 1
        else:
            hi = mid - 1
    counts = [len(page) for page in pages]
    if height is not None and max(counts) - min(counts) > 1:  # else even already
        pages = balanced(pieces, len(pages), lambda page: height(page, size)
                         if room(page) and fits(page, size) else float("inf")) or pages
    return pages, size


def balanced(pieces: list[Piece], count: int,
             cost: Callable[[list[Piece]], float]) -> list[list[Piece]] | None:
    """`pieces` in `count` consecutive pages with the smallest largest cost; None when no
    such split has a finite cost."""
    n = len(pieces)
    memo: dict[tuple[int, int], float] = {}

    def page_cost(i: int, j: int) -> float:
        if (i, j) not in memo:
            memo[(i, j)] = cost(pieces[i:j])
        return memo[(i, j)]

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]  # best[k][j]: first j pieces, k pages
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(j - 1, k - 2, -1):
                if best[k - 1][i] == inf:
                    continue
                c = page_cost(i, j)
                if c == inf:
                    break  # a longer page (smaller i) costs no less
                value = max(best[k - 1][i], c)
                if value < best[k][j]:
                    best[k][j], cut[k][j] = value, i
    if best[count][n] == inf:
        return None
    pages, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j]
        pages.insert(0, pieces[i:j])
        j = i
    return pages


# ---------------------------------------------------------------- notes

def note_units(notes: str) -> list[tuple[int, str]]:
    """The notes as (paragraph number, text) units: paragraphs, and the lines of a
    paragraph that is a list (every line after the first starts with a dash or number)."""
    units = []
    for n, para in enumerate(p.strip() for p in PARAGRAPHS.split(notes.strip())):
        lines = para.split("\n")
        if len(lines) > 1 and all(LIST_LINE.match(line) for line in lines[1:]):
            units += [(n, line) for line in lines]
        elif para:
            units.append((n, para))
    return units


def share_notes(notes: str, page_texts: list[str], page_of_item: dict[int, int]) -> list[str]:
    """The notes shared out over pages, order kept: the first unit on the first page (the
    notes start where the topic starts); a unit numbered «N.» goes with item N; any other
    with the page whose words it shares most (rare words weigh more); a unit sharing none
    stays with the unit before it. Returns each page's part of the notes."""
    units = note_units(notes)
    pages = len(page_texts)
    if pages == 1 or not units:
        return [notes.strip()] + [""] * (pages - 1)
    words = [set(w[:6] for w in WORD.findall(t.casefold())) for t in page_texts]
    spread = {}
    for page in words:
        for w in page:
            spread[w] = spread.get(w, 0) + 1

    def score(text: str, page: int) -> float:
        number = NUMBERED.match(text)
        if number and int(number.group(1)) - 1 in page_of_item:
            return 1000.0 if page_of_item[int(number.group(1)) - 1] == page else 0.0
        own = set(w[:6] for w in WORD.findall(text.casefold()))
        return sum(1 / spread[w] for w in own & words[page])

    # best[u][p]: the highest total score of units 0..u with unit u on page p (p never falls);
    # the first unit (the introduction) opens the first page unless its number names an item
    number = NUMBERED.match(units[0][1])
    opens = not (number and int(number.group(1)) - 1 in page_of_item)
    best = [[0.0] * pages for _ in units]
    for u, (_, text) in enumerate(units):
        running = float("-inf")
        for p in range(pages):
            running = max(running, best[u - 1][p]) if u else \
                (float("-inf") if opens and p else 0.0)
            best[u][p] = running + score(text, p)
    chosen, page = [0] * len(units), None
    for u in range(len(units) - 1, -1, -1):  # ties go to the earliest page
        limit = pages if page is None else page + 1
        top = max(best[u][:limit])
        page = next(p for p in range(limit) if best[u][p] == top)
        chosen[u] = page
    parts = [""] * pages
    for (para, text), p, prev in zip(units, chosen, [None] + units[:-1]):
        joiner = "\n" if prev is not None and prev[0] == para else "\n\n"
        parts[p] = parts[p] + joiner + text if parts[p] else text
    return parts
