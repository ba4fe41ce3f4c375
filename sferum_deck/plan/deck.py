"""The whole deck planned: cover, agenda, every topic by its layout, closing; numbers,
footers and the panels a template's backdrop needs. Pure."""
from __future__ import annotations

import re

from ..inputs.images import load_image
from ..inputs.sections import lonely_dividers
from ..model import Deck
from . import emphasis
from . import fit as fitting
from .colours import colours_for
from .frame import plan_agenda, plan_closing, plan_cover
from .grid import grid_for, template_grid
from .layouts import layout_of
from .lint import topic_warnings
from .records import COVER, Block, Context, DeckPlan, PlannedSlide, Shape
from .text import FOOTER_LARGE, footer_block


def plan(deck: Deck) -> DeckPlan:
    """Every slide of the deck, numbered and footed, and the warnings planning produced."""
    fitting.refresh(font_files(deck.brand))
    colours, warnings = colours_for(deck)
    grid = template_grid(deck.template) if deck.template else \
        grid_for(deck.aspect, logo_ratio(deck.brand))
    ctx = Context(deck, grid, colours,
                  list(deck.warnings) + warnings + lonely_dividers(deck.topics))
    slides = [plan_cover(ctx)] + plan_agenda(ctx, deck.topics)
    for topic in deck.topics:
        layout = layout_of(topic)
        ctx.warnings += topic_warnings(ctx, topic)
        slides += [s._replace(page=layout.page) for s in layout.planner(ctx, topic)]
    slides.append(plan_closing(ctx))
    numbered = [s._replace(number=i, notes=emphasis.plain(s.notes))
                for i, s in enumerate(slides, start=1)]
    footer = footer_for(ctx, numbered)
    numbered = [s if s.page == COVER else s._replace(footer=footer) for s in numbered]
    numbered = [with_panels(ctx, s) for s in numbered]
    return DeckPlan(tuple(numbered), colours, ctx.grid, tuple(ctx.warnings))


def with_panels(ctx: Context, slide: PlannedSlide) -> PlannedSlide:
    """The slide with a plain panel under each kind of text that a template's backdrop
    would leave hard to read (Colours.panels)."""
    cover = slide.page == COVER
    boxes = [("cover_title" if cover else "title", slide.title.box),
             ("cover_body" if cover else "body", slide.body.box if slide.body else None),
             ("footer", slide.footer.box if slide.footer else None),
             ("number", ctx.grid.number if slide.footer else None)]
    under = tuple(Shape("rect", box, ctx.colours.panel(role), behind=True)
                  for role, box in boxes if box is not None and ctx.colours.panel(role))
    return slide._replace(shapes=under + slide.shapes) if under else slide


def logo_ratio(brand) -> float:
    """Width / height of the brand's logo (1 without one)."""
    if not brand.logo:
        return 1.0
    image = load_image(brand.logo)
    return image.width / image.height


def footer_for(ctx: Context, slides: list[PlannedSlide]) -> Block:
    """The footer, 12 pt; 18 pt when one of its words (or a slide number) also stands in
    a slide's own text: a layout check cannot tell the two apart, so neither may be small."""
    small = footer_block(ctx, footer_text(ctx.deck))
    words = set(tokens(small.paras[0].text))
    if any((words | {str(s.number)}) & tokens_of(s) for s in slides if s.page != COVER):
        return footer_block(ctx, footer_text(ctx.deck), FOOTER_LARGE, FOOTER_LARGE)
    return small


def tokens(text: str) -> set[str]:
    """Words as a renderer check matches them: case-folded, punctuation dropped."""
    return {w for w in (re.sub(r"[^\w]", "", t.casefold()) for t in text.split()) if w}


def tokens_of(slide: PlannedSlide) -> set[str]:
    blocks = [slide.title, slide.body] + [s.text for s in slide.shapes]
    found = set()
    for b in (b for b in blocks if b is not None):
        for para in b.paras:
            found |= tokens(para.text) | tokens(para.label)
    return found


def footer_text(deck: Deck) -> str:
    return deck.meeting.school or deck.brand.footer


def font_files(brand) -> tuple:
    """Every font file the brand's text is measured with."""
    return (brand.heading_font.regular, brand.heading_font.bold, brand.body_font.regular,
            brand.body_font.bold)
