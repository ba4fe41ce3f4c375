"""Items stacked top-down, each in a text box of its own beside a drawn mark (check boxes,
compare marks): whatever line breaks a renderer chooses, a mark stays beside its item's
first line, since each box starts where its item starts. Pure."""
from __future__ import annotations

from ...model import INSET_Y, Box
from .. import fit as fitting
from ..records import Context, Para, Shape
from ..text import block

GAP = 0.45  # space between two items, x the text size


def item_style(ctx: Context) -> fitting.Style:
    return fitting.Style(ctx.body_file, gap_factor=0)


def item_fits(ctx: Context, paras: list[Para], width: float, size: float) -> list[fitting.Fit]:
    """Each paragraph set alone at `size` in a box `width` wide (insets included)."""
    style = item_style(ctx)
    return [fitting.set_text([p.measured], style, size, width - 2 * 7.2) for p in paras]


def box_height(fit: fitting.Fit) -> float:
    """A box just as high as its text with fit.py's safety margin (and insets)."""
    return fit.height() / fitting.HEIGHT_SAFETY + 2 * INSET_Y + 1


def stack_height(fits: list[fitting.Fit]) -> float:
    """The height the stacked boxes take, gaps included."""
    if not fits:
        return 0.0
    return sum(map(box_height, fits)) + GAP * fits[0].size_pt * (len(fits) - 1)


def stacked(ctx: Context, paras: list[Para], x: float, y: float, width: float, size: float,
            colour, fill) -> list[Shape]:
    """The paragraphs in boxes one under another from (x, y), `fill` behind each."""
    shapes = []
    for para, fit in zip(paras, item_fits(ctx, paras, width, size)):
        box = Box(x, y, width, box_height(fit))
        shapes.append(Shape("rect", box, fill, block(box, [para], fit, colour,
                                                    font=ctx.deck.brand.body_font.name)))
        y = box.bottom + GAP * size
    return shapes


def first_line_middle(shape: Shape) -> float:
    """The y of the middle of the first line of a stacked text box."""
    return shape.box.y + INSET_Y + shape.text.fit.line_pt / 2
