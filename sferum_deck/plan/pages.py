"""A list topic laid out on as many slides as it needs: items paginated, one size per page,
titles numbered «(2/3)», the notes shared out. Pure.

A page's paragraphs are set in one or more text boxes stacked from the top of the body:
one box for a plain list, a box of its own for each important item (a callout: a tint
behind it and an accent bar) and for each step. Each box is as high as its predicted
lines, so a renderer that breaks lines differently can only leave a gap below a box; what
is drawn beside a box (a step's number) stays beside its first line."""
from __future__ import annotations

import math
from typing import Callable, NamedTuple, Sequence

from ..model import INSET_X, INSET_Y, Box, Topic, record
from . import fit as fitting
from .records import Block, Context, Para, PlannedSlide, Shape
from .split import Piece, item_text, paginate, pieces_of, share_notes
from .text import BODY_MAX, BODY_MIN, MAX_ITEMS, block, full_title_note, runs_of, title_block

CALLOUT_PAD = 6.0  # the tint of a callout above and below its text
CALLOUT_BAR = 5.0  # the accent bar at its left edge (inside the text box's inset)


@record
class Stacked(NamedTuple):
    """One text box of a page: its text, and the tint behind it when it is a callout."""

    body: Block
    callout: Box | None = None
    piece: Piece | None = None  # the first piece it shows


def sub_para(text: str, first: bool = True) -> Para:
    """A sub-item's paragraph: indented further, with a smaller bullet."""
    return Para(runs_of(text), "sub" if first else "none", level=1)


def topic_slides(ctx: Context, topic: Topic, kind: str, box: Box, style: fitting.Style,
                 para_of: Callable[[Piece], Para], extras=None,
                 max_items: int = MAX_ITEMS, each_piece: bool = False,
                 in_placeholder: bool = True, colour=None,
                 marks: Callable[[Stacked], list[Shape]] | None = None) -> list[PlannedSlide]:
    """Slides of a list topic: pieces paginated into `box` (at most `max_items` items a
    slide), each page fitted at one common size, the notes shared out so each slide's
    notes speak about that slide. A page's text is stacked in boxes (see the module): one
    per piece with `each_piece`, else one per run of ordinary items and one per important
    item; the first box is the slide's body placeholder when `in_placeholder`, the others
    text boxes, in `colour` (the body colour when None). `extras(stacked)` adds shapes
    under everything (a card); `marks(box)` those drawn, and read, just before a box (a
    step's number)."""
    measured: dict[Piece, list[str]] = {}

    def paras_of(piece: Piece) -> list[Para]:
        if piece.level:
            return [sub_para(piece.text, piece.first)]
        return [para_of(piece)] + [sub_para(text) for text in piece.subs]

    def texts(page: list[Piece]) -> list[str]:
        return [t for p in page for t in measured.get(p) or measured.setdefault(
            p, [para.measured for para in paras_of(p)])]

    def page_fit(page: list[Piece], size: float) -> fitting.Fit:
        return fitting.set_text(texts(page), style, size, box.inner_w)

    def fits(page: list[Piece], size: float) -> bool:
        room = box.inner_h - extra_height(groups(page)) / fitting.HEIGHT_SAFETY
        return fitting.fits(page_fit(page, size), room)

    def height(page: list[Piece], size: float) -> float:
        return page_fit(page, size).height() + extra_height(groups(page))

    def groups(page: list[Piece]) -> list[tuple[list[Piece], bool]]:
        """The page's pieces by text box: (pieces, callout)."""
        out: list[tuple[list[Piece], bool]] = []
        for piece in page:
            callout = topic.items[piece.item].important
            same = out and not each_piece and out[-1][1] == callout and \
                (not callout or out[-1][0][-1].item == piece.item)
            if same:
                out[-1][0].append(piece)
            else:
                out.append(([piece], callout))
        return out

    def extra_height(found: list[tuple[list[Piece], bool]]) -> float:
        """What the boxes take beyond the lines and gaps of one block: the insets of every
        box but the first, the padding of callouts."""
        return (len(found) - 1) * 2 * INSET_Y + sum(2 * CALLOUT_PAD for _, c in found if c)

    def items_alone(text: str) -> bool:
        return fits([Piece(text, 0)], BODY_MIN)

    pieces = [Piece(item.text, i, subs=item.items) for i, item in enumerate(topic.items)]
    if not fits(pieces, BODY_MIN):  # else every item surely fits a slide alone
        pieces = pieces_of(topic.items, items_alone, lambda p: fits([p], BODY_MIN))
    pages, size = paginate(pieces, fits, BODY_MAX, BODY_MIN, height=height, most=max_items)
    notes = split_notes(topic, pages)
    titles = part_titles(ctx, topic.title, len(pages))
    slides = []
    for n, (page, title) in enumerate(zip(pages, titles), start=1):
        stacked = _stack(ctx, box, page_fit(page, size), colour or ctx.colours.body,
                         [(g, c, [para for p in g for para in paras_of(p)]) for g, c in
                          groups(page)])
        body = stacked[0].body if in_placeholder else None
        shapes = (extras(stacked) if extras else []) + _callouts(ctx, stacked)
        for k, s in enumerate(stacked):
            shown = k > 0 or not in_placeholder
            shapes += (marks(s) if marks else []) + \
                ([Shape("rect", s.body.box, None, s.body)] if shown else [])
        note = full_title_note(part_title(topic.title, n, len(pages)), title) + notes[n - 1]
        slides.append(PlannedSlide(
            kind=kind, title=title, body=body, notes=note, topic=topic.id,
            part=(n, len(pages)), shapes=tuple(shapes)))
    return slides


def _stack(ctx: Context, box: Box, fit: fitting.Fit, text_colour,
           groups: list[tuple[list[Piece], bool, list[Para]]]) -> list[Stacked]:
    """The text boxes of a page, top to bottom, the gap between paragraphs between them:
    each as high as its lines with the safety margin of fitting (fits says they all fit
    `box` then), the last down to the bottom of `box`; a callout's tint reaches
    CALLOUT_PAD above and below its text."""
    width = box.w if fit.width_pt == box.inner_w else fit.width_pt + 2 * INSET_X
    y, start, out = box.y, 0, []
    for k, (pieces, callout, paras) in enumerate(groups):
        own = fit._replace(lines=fit.lines[start:start + len(paras)])
        start += len(paras)
        pad = CALLOUT_PAD if callout else 0.0
        high = math.ceil((own.height() / fitting.HEIGHT_SAFETY + 2 * INSET_Y) * 10 + 0.5) / 10
        if k == len(groups) - 1:
            high = max(high, box.bottom - y - 2 * pad)
        frame = Box(box.x, y + pad, width, high)
        tint = Box(box.x, y, width, own.height() + 2 * INSET_Y + 2 * pad) if callout else None
        colour = ctx.colours.on_callout if callout else text_colour
        body = block(frame, paras, own, colour, font=ctx.deck.brand.body_font.name)
        out.append(Stacked(body, tint, pieces[0]))
        y = frame.bottom + pad + fit.gap_pt
    return out


def _callouts(ctx: Context, stacked: list[Stacked]) -> list[Shape]:
    """The tint and the accent bar behind each callout."""
    return [shape for s in stacked if s.callout is not None for shape in (
        Shape("rect", s.callout, ctx.colours.callout, behind=True),
        Shape("rect", s.callout._replace(w=CALLOUT_BAR), ctx.colours.callout_bar, behind=True))]


def part_title(title: str, n: int, total: int) -> str:
    """«Title (2/3)» for the second of three slides; the title alone for one."""
    return title if total == 1 else f"{title} ({n}/{total})"


def part_titles(ctx: Context, title: str, total: int) -> list[Block]:
    """The titles of a topic's slides («(2/3)» added when split), all at one size."""
    suffixes = [part_title("", n, total) for n in range(1, total + 1)]
    blocks = [title_block(ctx, title, suffix=suffix) for suffix in suffixes]
    size = min(b.fit.size_pt for b in blocks)
    return [b if b.fit.size_pt == size else title_block(ctx, title, max_pt=size, suffix=suffix)
            for b, suffix in zip(blocks, suffixes)]


def split_notes(topic: Topic, pages: list[list[Piece]]) -> list[str]:
    """Speaker notes of each page: the part of the topic's notes about its items (the
    notes always start on the first page), the items' own notes, and on a continuation
    page a line saying so."""
    page_of_item: dict[int, int] = {}
    for n, page in enumerate(pages):
        for piece in page:
            page_of_item.setdefault(piece.item, n)
    shared = share_notes(topic.notes, [" ".join(_said(p) for p in page) for page in pages],
                         page_of_item)
    return [page_notes(topic, page, n, part)
            for n, (page, part) in enumerate(zip(pages, shared), start=1)]


def _said(piece: Piece) -> str:
    return " ".join((piece.text,) + piece.subs)


def page_notes(topic: Topic, page: list[Piece], n: int, part: str) -> str:
    own = [topic.items[p.item].notes for p in page
           if p.first and not p.level and topic.items[p.item].notes]
    said = ([part] if part else []) + own
    if not said:  # nothing in the notes is about this slide: say what it shows
        said = [shown_items(topic, page)]
    head = [f"Продолжение темы «{topic.title}»."] if n > 1 else []
    return "\n\n".join(head + said)


def shown_items(topic: Topic, page: list[Piece]) -> str:
    """What a page shows, for a speaker to read out: «На слайде:» and one line an item
    (its sub-items after a colon), numbered as on the slide for steps and numbered lists."""
    numbered = topic.layout == "steps" or topic.numbered
    lines: list[str] = []
    for item, pieces in _by_item(page):
        text = item_text([p for p in pieces if not p.level])
        subs = [p.text for p in pieces if p.level and p.first] + \
            [s for p in pieces for s in p.subs]
        if pieces[0].level:  # the page opens with the item's sub-items
            text = ""
        mark = f"{item + 1}." if numbered and pieces[0].first and not pieces[0].level else "—"
        lines.append(f"{mark} " + sentence(text, subs))
    return "На слайде:\n" + "\n".join(lines)


def columns_said(headings: Sequence[str], columns: Sequence[Sequence[Piece]]) -> str:
    """What a page of columns shows, for a speaker: a line a column, its heading first
    («Делайте: пункт; пункт.»); columns with nothing on the page left out."""
    lines = []
    for heading, pieces in zip(headings, columns):
        texts = [sentence(item_text([p for p in group if not p.level]),
                          [p.text for p in group if p.level and p.first] +
                          [s for p in group for s in p.subs], end="")
                 for _, group in _by_item(list(pieces))]
        texts = [t for t in texts if t]
        if texts:
            lines.append(sentence(f"{_bare(heading)}: " + "; ".join(texts)))
    return "\n".join(lines)


def sentence(text: str, subs: Sequence[str] = (), end: str = ".") -> str:
    """`text` (and its sub-items after a colon, «; » between them) as one sentence: its own
    end mark kept, else `end` added."""
    text = _bare(text)
    if subs:
        listed = "; ".join(_bare(s) for s in subs)
        text = f"{text}: {listed}" if text else listed
    return text if not text or text[-1] in ENDS else text + end


ENDS = ".!?…"


def _bare(text: str) -> str:
    """A text without the punctuation that ends it (a sentence end is added after)."""
    return text.strip().rstrip(",;:—–- ")


def _by_item(page: list[Piece]) -> list[tuple[int, list[Piece]]]:
    groups: list[tuple[int, list[Piece]]] = []
    for piece in page:
        if groups and groups[-1][0] == piece.item:
            groups[-1][1].append(piece)
        else:
            groups.append((piece.item, [piece]))
    return groups
