"""The section layout: a divider. The section's title alone, large, on a brand band across
the page, with its number in the meeting's agenda."""
from __future__ import annotations

from ...model import Box, Topic
from ..grid import MARGIN
from .. import fit as fitting
from ..records import Block, Context, Para, PlannedSlide, Run, Shape
from ..text import title_block

BAND_TOP, BAND_H = 0.30, 0.40  # shares of the page height
NUMBER_W = 120.0
TITLE_MAX = 44


def plan_section(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    grid, c = ctx.grid, ctx.colours
    band = Box(0, grid.height * BAND_TOP, grid.width, grid.height * BAND_H)
    number = agenda_number(ctx, topic)
    mark = Box(MARGIN, band.y, NUMBER_W, band.h)
    box = Box(mark.right + 12, band.y + 12, grid.width - MARGIN - mark.right - 12, band.h - 24)
    title = title_block(ctx, topic.title, box, max_pt=TITLE_MAX, colour=c.on_primary)
    title = title._replace(anchor="ctr")
    digits = _number(ctx, str(number), mark, c.on_primary)
    shapes = (Shape("rect", band, c.primary, behind=True), Shape("rect", mark, c.primary, digits))
    notes = f"Раздел {number} плана встречи: {topic.title}.\n\n{topic.notes}"
    return [PlannedSlide(kind="section", title=title, notes=notes, shapes=shapes,
                         topic=topic.id)]


def _number(ctx: Context, digits: str, box: Box, colour) -> Block:
    """The section's number, large and bold, centred in `box` (80 pt, 64 for two digits)."""
    style = fitting.Style(ctx.bold_file, gap_factor=0)
    fit = fitting.set_text([digits], style, 80.0 if len(digits) == 1 else 64.0, box.inner_w)
    return Block(box, (Para((Run(digits),)),), fit, colour, bold=True, align="ctr",
                 anchor="ctr", font=ctx.deck.brand.body_font.name)


def agenda_number(ctx: Context, topic: Topic) -> int:
    """The number of the topic's section in the agenda (plan_agenda lists each section
    once, in the order of the topics)."""
    sections = list(dict.fromkeys(t.section for t in ctx.deck.topics))
    return sections.index(topic.section) + 1
