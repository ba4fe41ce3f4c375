"""The steps layout: numbered instructions, each number in an accent circle."""
from __future__ import annotations

from ...model import INSET_Y, Box, Topic
from .. import fit as fitting
from ..pages import topic_slides
from ..records import Block, Context, Para, PlannedSlide, Shape
from ..text import STEP_COLUMN, centred_text, runs_of


def plan_steps(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    box = ctx.grid.body.shifted(dx=STEP_COLUMN, dw=-STEP_COLUMN)
    style = fitting.Style(ctx.body_file, gap_factor=0.6, stable=True)

    def circles(body: Block) -> list[Shape]:
        out = []
        tops = body.fit.paragraph_tops()
        diameter = min(STEP_COLUMN - 12, max(30.0, body.fit.size_pt * 1.5))
        for para, top in zip(body.paras, tops):
            if para.bullet != "step":
                continue
            centre_y = body.box.y + INSET_Y + top + body.fit.line_pt / 2
            mark = Box(ctx.grid.body.x + (STEP_COLUMN - 12 - diameter) / 2,
                       centre_y - diameter / 2, diameter, diameter)
            label = centred_text(ctx, str(para.number), mark,
                                  max(18.0, min(24.0, diameter * 0.55)), ctx.colours.on_primary)
            out.append(Shape("ellipse", mark, ctx.colours.primary, label))
        return out
    return topic_slides(ctx, topic, "steps", box, style,
                        lambda p: Para(runs_of(p.text), "step" if p.first else "none",
                                       p.item + 1), circles)
