"""A built deck read back as plain records (text frames, run sizes, notes) for checks/:
the python-pptx side of `sferum-deck check DECK.pptx`."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pptx import Presentation

from ..model import record
from .xml import EMU_PER_PT

FOOTER_TYPES = {"FOOTER", "SLIDE_NUMBER", "DATE"}


@record
class TextFrame(NamedTuple):
    """A shape's text frame in points, and the words it holds."""

    left: float
    top: float
    right: float
    bottom: float
    text: str


@record
class SizedRun(NamedTuple):
    text: str
    size_pt: float | None  # None: inherited, not set on the run
    footer: bool           # in a footer, slide number or date placeholder


@record
class SlideText(NamedTuple):
    frames: tuple[TextFrame, ...]
    runs: tuple[SizedRun, ...]
    has_notes: bool


def read_deck(deck: Path) -> list[SlideText]:
    """Every slide of the .pptx at `deck`, as the checks read it."""
    return [_slide_text(slide) for slide in Presentation(str(deck)).slides]


def _slide_text(slide) -> SlideText:
    frames, runs = [], []
    for shape in slide.shapes:
        if not shape.has_text_frame:
            continue
        if shape.left is not None and shape.text_frame.text.strip():
            x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            frames.append(TextFrame(x, y, x + shape.width / EMU_PER_PT,
                                    y + shape.height / EMU_PER_PT, shape.text_frame.text))
        footer = shape.is_placeholder and shape.placeholder_format.type is not None and \
            shape.placeholder_format.type.name in FOOTER_TYPES
        runs += [SizedRun(run.text, run.font.size.pt if run.font.size is not None else None,
                          footer)
                 for para in shape.text_frame.paragraphs for run in para.runs]
    notes = slide.has_notes_slide and bool(slide.notes_slide.notes_text_frame.text.strip())
    return SlideText(tuple(frames), tuple(runs), notes)
