"""The steps layout: numbered instructions, each step in a text box of its own beside its
number in an accent circle (no renderer's line breaks can move a number off its step).
The title stays a placeholder; the steps are text boxes (outline view shows the title)."""
from __future__ import annotations

from ...model import INSET_Y, Box, Topic
from ..pages import Stacked, topic_slides
from ..records import Context, Para, PlannedSlide, Shape
from ..text import STEP_COLUMN, centred_text, runs_of


def plan_steps(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    box = ctx.grid.body.shifted(dx=STEP_COLUMN, dw=-STEP_COLUMN)
    style = ctx.body_style(gap_factor=0.3)  # and the insets of two boxes

    def circle(stacked: Stacked) -> list[Shape]:
        body = stacked.body
        para = body.paras[0]
        if para.bullet != "step":  # a step continued from the slide before
            return []
        diameter = min(STEP_COLUMN - 12, max(30.0, body.fit.size_pt * 1.5))
        centre_y = body.box.y + INSET_Y + body.fit.line_pt / 2
        mark = Box(ctx.grid.body.x + (STEP_COLUMN - 12 - diameter) / 2,
                   centre_y - diameter / 2, diameter, diameter)
        label = centred_text(ctx, str(para.number), mark,
                             max(18.0, min(24.0, diameter * 0.55)), ctx.colours.on_primary)
        return [Shape("ellipse", mark, ctx.colours.primary, label)]
    return topic_slides(ctx, topic, "steps", box, style,
                        lambda p: Para(runs_of(p.text), "step" if p.first else "none",
                                       p.item + 1), each_piece=True, in_placeholder=False,
                        marks=circle)
