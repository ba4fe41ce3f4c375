"""The bullets layout: a title and a list; with `numbered: true`, numbers instead of dots
(a sequence that is not instructions: it stays off the handout)."""
from __future__ import annotations

from ...model import Topic
from .. import fit as fitting
from ..pages import topic_slides
from ..records import Context, Para, PlannedSlide
from ..text import BULLET_INDENT, LABEL_INDENT, runs_of


def plan_bullets(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    if topic.numbered:
        style = ctx.body_style(indent_pt=LABEL_INDENT)
        return topic_slides(ctx, topic, "bullets", ctx.grid.body, style,
                            lambda p: Para(runs_of(p.text), "label" if p.first else "none",
                                           p.item + 1))
    style = ctx.body_style(indent_pt=BULLET_INDENT)
    return topic_slides(ctx, topic, "bullets", ctx.grid.body, style,
                        lambda p: Para(runs_of(p.text), "dot" if p.first else "none"))
