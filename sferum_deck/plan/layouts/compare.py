"""The compare layout: two or three columns of equal width, each a heading and items on a
tint of its tone, the tone also drawn as a mark (check, cross, dot) beside the heading and
every item, so it never rests on colour alone. Long columns continue on further slides,
headings repeated."""
from __future__ import annotations

from ...model import INSET_Y, Box, Column, Topic
from .. import fit as fitting
from ..pages import part_title, part_titles
from ..records import Block, Context, Para, PlannedSlide, Shape
from ..split import Piece, pieces_of, share_notes
from ..text import BODY_MAX, BODY_MIN, block, full_title_note, runs_of
from ._stack import box_height, first_line_middle, item_fits, stack_height, stacked

GAP = 16.0        # between columns
PAD = 10.0        # inside a column's card
HEAD_MARK = 30.0  # the mark beside a heading
ITEM_MARK = 18.0  # and beside each item (a column as wide)
MOST = 5          # items of a column on one slide
HEADING_MAX = 28
MARK = {"positive": "check", "negative": "cross", "neutral": "ellipse"}
SAID = {"positive": "знак «да»", "negative": "знак «нет»", "neutral": "знак «пункт»"}


def plan_compare(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    columns: tuple[Column, ...] = topic.content
    cards = _cards(ctx, len(columns))
    headings = _headings(ctx, columns, cards)
    top = cards[0].y + PAD + max(h.box.h for h in headings) + 6
    room = Box(0, top, _item_width(cards[0]), cards[0].bottom - PAD - top)
    pages, size = _pages(ctx, columns, room)
    titles = part_titles(ctx, topic.title, len(pages))
    texts = [" ".join(p.text for col in page for p in col) for page in pages]
    shared = share_notes(topic.notes, texts, {})
    slides = []
    for n, (page, title) in enumerate(zip(pages, titles), start=1):
        shapes: list[Shape] = []
        for column, card, heading, pieces in zip(columns, cards, headings, page):
            shapes += _column(ctx, column, card, heading, pieces, top, size)
        said = shared[n - 1] or texts[n - 1]
        notes = (f"Продолжение темы «{topic.title}».\n\n" if n > 1 else "") + said
        slides.append(PlannedSlide(
            kind="compare", title=title, topic=topic.id, part=(n, len(pages)),
            notes=full_title_note(part_title(topic.title, n, len(pages)), title) + notes,
            shapes=tuple(shapes)))
    return slides


def _cards(ctx: Context, count: int) -> list[Box]:
    body = ctx.grid.body
    w = (body.w - GAP * (count - 1)) / count
    return [Box(body.x + i * (w + GAP), body.y, w, body.h) for i in range(count)]


def _item_width(card: Box) -> float:
    return card.w - 2 * PAD - ITEM_MARK - 4


def _headings(ctx: Context, columns: tuple[Column, ...], cards: list[Box]) -> list[Block]:
    """The column headings at one size: the largest at which each keeps to two lines (down
    to BODY_MIN, then in more lines), all as high as the highest."""
    style = fitting.Style(ctx.bold_file, gap_factor=0, max_lines=2)
    width = cards[0].w - 2 * PAD - HEAD_MARK - 6
    paras = [Para(runs_of(c.heading)) for c in columns]
    sizes = [fitting.fit_size([p.measured], style, width - 14.4, 1e6, HEADING_MAX, BODY_MIN)
             for p in paras]
    size = min(f.size_pt for f in sizes) if all(sizes) else BODY_MIN
    loose = style._replace(max_lines=None)
    fits = [fitting.set_text([p.measured], loose, size, width - 14.4) for p in paras]
    high = max(max(map(box_height, fits)), HEAD_MARK)
    out = []
    for column, card, para, fit in zip(columns, cards, paras, fits):
        box = Box(card.x + PAD + HEAD_MARK + 6, card.y + PAD, width, high)
        out.append(block(box, [para], fit, ctx.colours.tone(column.tone).heading, bold=True,
                         font=ctx.deck.brand.body_font.name))
    return out


def _pages(ctx: Context, columns: tuple[Column, ...],
           room: Box) -> tuple[list[list[list[Piece]]], float]:
    """Each page's pieces of every column, and the one size they are set at: as few pages
    as the minimum size allows (at most MOST items a column), then the largest size."""
    def paras(pieces: list[Piece]) -> list[Para]:
        return [Para(runs_of(p.text)) for p in pieces]

    def fits(pieces: list[Piece], size: float) -> bool:
        return stack_height(item_fits(ctx, paras(pieces), room.w, size)) <= \
            room.h

    def alone(text: str) -> bool:
        return fits([Piece(text, 0)], BODY_MIN)

    cut = [pieces_of(c.items, alone) for c in columns]
    count = 1
    while True:
        pages = [_share(pieces, count) for pieces in cut]
        if all(len({p.item for p in chunk}) <= MOST and fits(chunk, BODY_MIN)
               for chunks in pages for chunk in chunks) or count >= max(map(len, cut)):
            break
        count += 1
    size = next((s for s in range(BODY_MAX, BODY_MIN, -1)
                 if all(fits(chunk, s) for chunks in pages for chunk in chunks)), BODY_MIN)
    return [[chunks[n] for chunks in pages] for n in range(count)], float(size)


def _share(pieces: list[Piece], count: int) -> list[list[Piece]]:
    """`pieces` in `count` consecutive runs as even as can be (some may be empty)."""
    cuts = [round(len(pieces) * k / count) for k in range(count + 1)]
    return [pieces[a:b] for a, b in zip(cuts, cuts[1:])]


def _column(ctx: Context, column: Column, card: Box, heading: Block, pieces: list[Piece],
            top: float, size: float) -> list[Shape]:
    """A column: its card (tinted), the heading with its mark, the items with theirs."""
    tone = ctx.colours.tone(column.tone)
    head_line = heading.box.y + INSET_Y + heading.fit.line_pt / 2
    shapes = [Shape("roundRect", card, tone.card, behind=True),
              _mark(column.tone, card.x + PAD, head_line, HEAD_MARK, tone.mark,
                    SAID[column.tone]),
              Shape("rect", heading.box, tone.card, heading)]
    texts = stacked(ctx, [Para(runs_of(p.text)) for p in pieces],
                    card.x + PAD + ITEM_MARK + 4, top, _item_width(card), size, tone.text,
                    tone.card)
    for piece, text in zip(pieces, texts):
        if piece.first:
            side = min(ITEM_MARK, size * 0.8)
            shapes.append(_mark(column.tone, card.x + PAD + (ITEM_MARK - side) / 2,
                                first_line_middle(text), side, tone.mark))
        shapes.append(text)
    return shapes


def _mark(tone: str, x: float, middle: float, side: float, colour, alt: str = "") -> Shape:
    """The tone's mark in a `side` square at x, centred on a line's middle; a dot is
    smaller than a check or a cross."""
    if MARK[tone] == "ellipse":
        side *= 0.5
        x += side / 2
    return Shape(MARK[tone], Box(x, middle - side / 2, side, side), colour, alt=alt)
