"""Planned slides -> SVG, for previews in milliseconds and for the web page (no python-pptx).

draw_deck(planned, deck) gives one SVG document a slide: the boxes, fills, shapes,
pictures and lines of text the .pptx shows, in the deck's fonts (embedded as web fonts cut
down to the characters the deck uses). On a school template the template is drawn
approximately (its page colour or picture), and each slide's <title> says so.
"""
from __future__ import annotations

from ..model import Deck
from ..plan.records import DeckPlan
from .deck import draw_deck, draw_slides, sheet_for
from .slides import draw_slide

__all__ = ["draw_deck", "draw_slide", "draw_slides", "sheet_for"]
