"""One planner per layout kind: topic -> planned slides."""
from __future__ import annotations

from typing import Callable

from ...model import Topic
from ..records import Context, PlannedSlide
from .bullets import plan_bullets
from .links import plan_links
from .question import plan_question
from .steps import plan_steps

LAYOUTS: dict[str, Callable[[Context, Topic], list[PlannedSlide]]] = {
    "bullets": plan_bullets,
    "question": plan_question,
    "steps": plan_steps,
    "links": plan_links,
}
