"""The question layout: a parent's question as the title, the answer on a card with a
quiet «?» cue."""
from __future__ import annotations

from ...model import Box, Topic
from .. import fit as fitting
from ..pages import topic_slides
from ..records import Context, Para, PlannedSlide, Shape
from ..text import BULLET_INDENT, STEP_COLUMN, centred_text, runs_of


def plan_question(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    card = ctx.grid.body
    box = card.shifted(dx=STEP_COLUMN + 8, dw=-(STEP_COLUMN + 16), dy=10, dh=-20)
    style = ctx.body_style(indent_pt=BULLET_INDENT)
    cue_size = 44.0

    def cue(stacked: list) -> list[Shape]:
        mark = Box(card.x + 12, card.y + 14, cue_size, cue_size)
        q = centred_text(ctx, "?", mark, 26, ctx.colours.on_primary)
        return [Shape("roundRect", card, ctx.colours.card, behind=True), Shape("ellipse", mark,
                                                                    ctx.colours.primary, q)]
    return topic_slides(ctx, topic, "question", box, style,
                        lambda p: Para(runs_of(p.text), "dot" if p.first else "none"), cue,
                        colour=ctx.colours.on_card)
