"""The planned handout page -> a one-slide A4 Presentation on the brand's base, drawn by the
same slide renderer as the deck (placeholders, shapes, QR pictures, notes)."""
from __future__ import annotations

import datetime as dt

from ..inputs.images import load_image
from ..model import Deck
from ..plan.handout import HandoutPlan
from . import basic_plane, describe
from .base import base_presentation, base_roles
from .slides import Notes, draw_slide
from .xml import link_notes_master


def render_handout(page: HandoutPlan, deck: Deck, when: dt.datetime):
    """A Presentation of one A4 portrait slide showing `page`."""
    logo = load_image(deck.brand.logo) if deck.brand.logo else None
    prs = base_presentation(deck.brand, page.colours, page.grid, logo)
    draw_slide(prs, base_roles(prs).title_only, page.slide, page.colours, {}, Notes(prs))
    link_notes_master(prs.part)
    describe(prs, deck, when)
    prs.core_properties.title = basic_plane(deck.pack.handout_title)
    return prs
