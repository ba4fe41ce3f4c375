"""The checklist layout: items with drawn check boxes, each item in a text box of its own
beside its box (so no renderer's line break can move a box off its item's first line)."""
from __future__ import annotations

from ...model import Box, Topic
from .. import fit as fitting
from ..pages import part_title, part_titles, split_notes
from ..records import Context, Para, PlannedSlide, Shape
from ..split import Piece, paginate, pieces_of
from ..text import BODY_MAX, BODY_MIN, MAX_ITEMS, full_title_note, runs_of
from ._stack import first_line_middle, item_fits, stack_height, stacked

BOX_COLUMN = 46.0  # room left of the items for the check boxes


def plan_checklist(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    area = ctx.grid.body
    width = area.w - BOX_COLUMN

    def para(piece: Piece) -> Para:
        return Para(runs_of(piece.text))

    def fits(page: list[Piece], size: float) -> bool:
        return stack_height(item_fits(ctx, [para(p) for p in page], width, size)) <= \
            area.h

    pieces = [Piece(item.text, i) for i, item in enumerate(topic.items)]
    if not all(fits([p], BODY_MIN) for p in pieces):
        pieces = pieces_of(topic.items, lambda text: fits([Piece(text, 0)], BODY_MIN))
    pages, size = paginate(pieces, fits, BODY_MAX, BODY_MIN, most=MAX_ITEMS,
                           height=lambda page, s: stack_height(
                               item_fits(ctx, [para(p) for p in page], width, s)))
    notes = split_notes(topic, pages)
    titles = part_titles(ctx, topic.title, len(pages))
    slides = []
    for n, (page, title) in enumerate(zip(pages, titles), start=1):
        texts = stacked(ctx, [para(p) for p in page], area.x + BOX_COLUMN, area.y, width,
                        size, ctx.colours.body, ctx.colours.background)
        shapes: list[Shape] = []
        for piece, text in zip(page, texts):
            if piece.first:
                shapes.append(check_box(ctx, area.x, first_line_middle(text), size))
            shapes.append(text)
        note = full_title_note(part_title(topic.title, n, len(pages)), title) + notes[n - 1]
        slides.append(PlannedSlide(kind="checklist", title=title, notes=note, topic=topic.id,
                                   part=(n, len(pages)), shapes=tuple(shapes)))
    return slides


def check_box(ctx: Context, x: float, middle: float, size: float) -> Shape:
    """An empty square, outlined in the brand colour, centred on a line's middle."""
    side = max(18.0, min(28.0, size * 0.95))
    box = Box(x + (BOX_COLUMN - 12 - side) / 2, middle - side / 2, side, side)
    return Shape("rect", box, ctx.colours.background, line=ctx.colours.mark)
