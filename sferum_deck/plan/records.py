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
    bold: bool = False  # emphasis written as **words**


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bullet: str = "none"  # none | dot | label ("2." before a tab) | step (number in a circle)
    number: int = 0
    level: int = 0        # 1: a sub-item (indented further, a smaller bullet)

    @cached_property
    def measured(self) -> str:
        """The text as wrapping sees it: a link breaks nowhere, not at its spaces, hyphens
        or question marks (LibreOffice draws it as one field, cut between characters only
        when over-long; see fit.GLUED); bold runs emboldened (measured in the bold font); a
        sub-item marked SUB_LEVEL."""
        def shown(r: Run) -> str:
            text = r.text.translate(fitting.GLUE) if r.link else r.text
            return fitting.emboldened(text) if r.bold else text
        return (fitting.SUB_LEVEL if self.level else "") + "".join(map(shown, self.runs))

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
    """A drawn shape. rect, roundRect and ellipse are filled with `fill` (and outlined in
    `line` when given); check and cross are strokes in `fill` across their box (marks)."""

    kind: str  # rect | roundRect | ellipse | check | cross
    box: Box
    fill: Colour | None  # None: no fill (a text box stacked with the body)
    text: Block | None = None
    behind: bool = False  # drawn under the placeholders (cards behind text)
    line: Colour | None = None  # an outline this colour (check boxes)
    alt: str = ""  # what the shape says, for screen readers («да», «нет»)


MARKS = {  # strokes of the drawn marks, as points in a unit box (x right, y down)
    "check": (((0.16, 0.54), (0.40, 0.78), (0.86, 0.24)),),
    "cross": (((0.22, 0.22), (0.78, 0.78)), ((0.78, 0.22), (0.22, 0.78))),
}
MARK_STROKE = 0.15  # stroke width as a share of the mark's side
OUTLINE_PT = 2.25   # the outline of a shape with a line (check boxes)


@record
class Picture(NamedTuple):
    box: Box
    alt: str
    qr: str = ""    # the address a QR code encodes
    path: str = ""  # an image file (a topic's picture, PICTURE_MAX_SIDE pixels at most)
    link: str = ""
    caption: Block | None = None  # drawn right after the picture (read right after it)
    lead: bool = False  # drawn (and read) before the slide's body text


@record
class Cell(NamedTuple):
    """One table cell: its text fitted to the cell (the block's box is the cell's) on a fill."""

    text: Block
    fill: Colour


@record
class TableFrame(NamedTuple):
    """A table on a slide: column widths and row heights in points (a renderer may only
    grow a row, never need to), the cells row by row; the first `header` rows are the
    header (marked as such, repeated on every slide of a long table)."""

    box: Box
    columns: tuple[float, ...]
    rows: tuple[float, ...]
    cells: tuple[tuple[Cell, ...], ...]
    rule: Colour            # the thin lines between rows
    margin_x: float
    margin_y: float
    header: int = 1
    name: str = "Таблица"


COVER, CONTENT, TITLE_ONLY, SECTION = "cover", "content", "title-only", "section"
PAGES = (COVER, CONTENT, TITLE_ONLY, SECTION)
"""Page roles: which layout of our base or a school's template a slide goes on, and so
which footer it gets. cover: the title slide; content: a title and one text area (lists);
title-only: a title alone, the slide draws the rest (link cards, columns); section: a
divider (our base's section layout; a template's title-only layout)."""


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
    tables: tuple[TableFrame, ...] = ()

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        """The slide's own text top to bottom: the body placeholder's, then the text boxes
        stacked with it (callouts, steps: see pages.py); no numbers in circles, no cards."""
        boxes = tuple(s.text for s in self.shapes if s.fill is None and s.text is not None)
        return ((self.body,) if self.body is not None else ()) + boxes

    @property
    def body_paras(self) -> tuple[Para, ...]:
        return tuple(p for b in self.body_blocks for p in b.paras)


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

    def body_style(self, **kw) -> fitting.Style:
        """How body text is measured: the body font, its bold file for **bold** runs."""
        return fitting.Style(self.body_file, self.bold_file, **kw)

    def bold_style(self, **kw) -> fitting.Style:
        """How bold body text (labels, numbers) is measured."""
        return fitting.Style(self.bold_file, self.bold_file, **kw)

    def heading_style(self, **kw) -> fitting.Style:
        return fitting.Style(self.heading_file, self.heading_file, **kw)


@record
class DeckPlan(NamedTuple):
    slides: tuple[PlannedSlide, ...]
    colours: Colours
    grid: Grid
    warnings: tuple[str, ...]
