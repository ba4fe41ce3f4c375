"""render: planned slides -> .pptx (python-pptx Presentation, the package writer). The only
package that imports python-pptx."""
from __future__ import annotations

import datetime as dt

from ..inputs.images import load_image
from ..model import Deck
from ..plan.records import COVER, PAGES, DeckPlan
from .base import base_roles
from .cache import branded_base
from .layouts import footer_ids, number_alignment
from .slides import Notes, draw_slide
from .xml import link_notes_master


def render(planned: DeckPlan, deck: Deck, when: dt.datetime):
    """A Presentation showing the planned slides on the school's template, or on the
    brand's own base (theme, master, layouts)."""
    if deck.template is not None:
        from .template import template_presentation
        prs, roles = template_presentation(deck.template, planned.colours.link)
    else:
        logo = load_image(deck.brand.logo) if deck.brand.logo else None
        prs = branded_base(deck.brand, planned.colours, planned.grid, logo)
        roles = base_roles(prs)
    notes = Notes(prs)
    ids = {page: dict(footer_ids(roles.for_page(page)), number_box=planned.grid.number,
                      number_align="r" if deck.template is None else
                      number_alignment(roles.for_page(page)))
           for page in PAGES if page != COVER}
    scale = deck.template.scale if deck.template is not None else 1.0
    for slide in planned.slides:
        draw_slide(prs, roles.for_page(slide.page), slide, planned.colours,
                   ids.get(slide.page, {}), notes, scale)
    link_notes_master(prs.part)
    describe(prs, deck, when)
    return prs


def describe(prs, deck: Deck, when: dt.datetime) -> None:
    """Core properties: title, subject, author, language, pinned dates."""
    props = prs.core_properties
    props.title = basic_plane(deck.title)
    props.subject = basic_plane(deck.pack.subject)
    props.author = basic_plane(deck.meeting.teacher) or "sferum-deck"
    props.last_modified_by = props.author
    props.language = "ru-RU"
    props.keywords = basic_plane(deck.pack.keywords)
    props.revision = 1
    props.created = props.modified = props.last_printed = when


def basic_plane(text: str) -> str:
    """`text` without characters beyond U+FFFF (emoji): a PDF made from the deck carries
    the properties as metadata, which pdftotext writes as invalid UTF-8 for them."""
    return " ".join("".join(c for c in text if ord(c) <= 0xFFFF).split())
