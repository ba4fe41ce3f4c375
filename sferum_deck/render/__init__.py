"""Planned slides -> python-pptx Presentation. The only package that imports python-pptx."""
from __future__ import annotations

import datetime as dt

from ..images import load_image
from ..model import Deck
from ..plan import DeckPlan
from .cache import branded_base
from .slides import Notes, draw_slide
from .xml import link_notes_master

KIND_TO_ROLE = {"cover": "cover", "links": "title_only"}


def render(planned: DeckPlan, deck: Deck, when: dt.datetime):
    """A Presentation showing the planned slides on the brand's base (theme, master, layouts)."""
    logo = load_image(deck.brand.logo) if deck.brand.logo else None
    prs = branded_base(deck.brand, planned.colours, planned.grid, logo)
    roles = layout_roles(prs)
    ids = {"ftr": "11", "sldNum": "12", "number_box": planned.grid.number}
    notes = Notes(prs)
    for slide in planned.slides:
        layout = roles[KIND_TO_ROLE.get(slide.kind, "content")]
        draw_slide(prs, layout, slide, planned.colours, ids, notes)
    link_notes_master(prs.part)
    describe(prs, deck, when)
    return prs


def describe(prs, deck: Deck, when: dt.datetime) -> None:
    """Core properties: title, subject, author, language, pinned dates."""
    props = prs.core_properties
    props.title = deck.meeting.title
    props.subject = "Родительское собрание: информационно-коммуникационная платформа «Сферум»"
    props.author = deck.meeting.teacher or "sferum-deck"
    props.last_modified_by = props.author
    props.language = "ru-RU"
    props.keywords = "Сферум; родительское собрание"
    props.revision = 1
    props.created = props.modified = props.last_printed = when


def layout_roles(prs) -> dict:
    """Layouts chosen by their placeholders, not their (localized) names:
    cover = title slide (ctrTitle + subTitle), content = title + body, title_only = title alone."""
    roles: dict = {}
    for layout in prs.slide_layouts:
        kinds = {ph.placeholder_format.type.name if ph.placeholder_format.type else "OBJECT"
                 for ph in layout.placeholders}
        kinds -= {"DATE", "FOOTER", "SLIDE_NUMBER"}
        if {"CENTER_TITLE", "SUBTITLE"} <= kinds:
            roles.setdefault("cover", layout)
        elif "TITLE" in kinds and kinds & {"BODY", "OBJECT"} and len(kinds) == 2:
            roles.setdefault("content", layout)
        elif kinds == {"TITLE"}:
            roles.setdefault("title_only", layout)
    return roles
