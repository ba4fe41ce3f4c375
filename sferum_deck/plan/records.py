"""The planned deck: what render/ and svg/ draw, exactly. Boxes in points, fitted sizes,
colours, pictures with alt text, and the speaker notes. Pure records, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ..model import Box, Colour, Deck, record
from . import fit as fitting
from .colours import Colours
from .grid import Grid


@record
class Run(NamedTuple):
    text: str
    link: str = ""


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bullet: str = "none"  # none | dot | label ("2." before a tab) | step (number in a circle)
    number: int = 0

    @cached_property
    def measured(self) -> str:
        """The text as wrapping sees it: a link breaks nowhere, not at its spaces, hyphens
        or question marks (LibreOffice draws it as one field, cut between characters only
        when over-long; see fit.GLUED)."""
        return "".join(r.text.translate(fitting.GLUE)
                       if r.link else r.text for r in self.runs)

    @property
    def label(self) -> str:
        return f"{self.number}." if self.bullet == "label" else ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@record
class Block(NamedTuple):
    """Fitted text in a box: what goes into one placeholder or text box."""

    box: Box
    paras: tuple[Para, ...]
    fit: fitting.Fit
    colour: Colour
    bold: bool = False
    align: str = "l"   # l | ctr | r
    anchor: str = "t"  # t | ctr | b
    font: str = "Arial"


@record
class Shape(NamedTuple):
    kind: str  # rect | roundRect | ellipse
    box: Box
    fill: Colour
    text: Block | None = None
    behind: bool = False  # drawn under the placeholders (cards behind text)


@record
class Picture(NamedTuple):
    box: Box
    alt: str
    qr: str = ""    # the address a QR code encodes
    path: str = ""  # an image file (logo)
    link: str = ""


COVER, CONTENT, TITLE_ONLY = "cover", "content", "title-only"
PAGES = (COVER, CONTENT, TITLE_ONLY)
"""Page roles: which layout of our base or a school's template a slide goes on, and so
which footer it gets. cover: the title slide; content: a title and one text area (lists);
title-only: a title alone, the slide draws the rest (link cards)."""


@record
class PlannedSlide(NamedTuple):
    kind: str        # cover | agenda | closing | handout, or the layout's name (bullets ...)
    title: Block
    notes: str
    body: Block | None = None
    shapes: tuple[Shape, ...] = ()
    pictures: tuple[Picture, ...] = ()
    topic: str = ""
    part: tuple[int, int] = (1, 1)
    footer: Block | None = None
    number: int = 0
    page: str = CONTENT  # one of PAGES


@dataclass
class Context:
    deck: Deck
    grid: Grid
    colours: Colours
    warnings: list[str] = field(default_factory=list)

    @property
    def heading_file(self) -> str:
        return str(self.deck.brand.heading_font.bold)

    @property
    def body_file(self) -> str:
        return str(self.deck.brand.body_font.regular)

    @property
    def bold_file(self) -> str:
        return str(self.deck.brand.body_font.bold)


@record
class DeckPlan(NamedTuple):
    slides: tuple[PlannedSlide, ...]
    colours: Colours
    grid: Grid
    warnings: tuple[str, ...]
