"""Pure text measurement, wrapping and font-size fitting (Pillow fonts, no python-pptx).

Widths come from the font files (Liberation Sans has Arial's metrics), measured once per
word at a reference size and scaled linearly. Lines wrap the way PowerPoint and LibreOffice
wrap: greedily at spaces; a word wider than the line breaks after '/', '-', '_' or '.',
and as a last resort anywhere. A safety margin absorbs the renderers' small differences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCE_PX = 200
WIDTH_SAFETY = 0.93   # wrap as if the line were 7% shorter than it is
HEIGHT_SAFETY = 0.96  # and the box 4% lower
LINE_FACTOR = 1.2     # line pitch = 1.2 x size, written as exact spacing into the deck
SPACES = re.compile(r"[ \t\r\n]+")  # not U+00A0: links and glued words do not break there
BREAK_AFTER = re.compile(r"(?<=[/\-_.?&=])")


@lru_cache(maxsize=None)
def _font(path: str):
    from PIL import ImageFont
    return ImageFont.truetype(path, REFERENCE_PX, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def unit_width(path: str, text: str) -> float:
    """Width of `text` in em (at size 1) for the font file `path`."""
    return _font(path).getlength(text) / REFERENCE_PX


def text_width(font_file: Path | str, text: str, size_pt: float) -> float:
    """Width in points of `text` set at `size_pt`."""
    return unit_width(str(font_file), text) * size_pt


@dataclass(frozen=True)
class Style:
    """How a block of paragraphs is set: font file, first/other indents, spacing."""

    font_file: str
    indent_pt: float = 0.0        # text indent from the box's inner left edge (bullets, numbers)
    gap_factor: float = 0.5       # space before every paragraph but the first, x size
    max_lines: int | None = None  # per block (titles: at most two lines)
    stable: bool = False          # lines must not change anywhere in the safety margin


@dataclass(frozen=True)
class Fit:
    """The chosen size and the wrapped lines of each paragraph."""

    size_pt: float
    lines: tuple[tuple[str, ...], ...]
    style: Style
    width_pt: float = 0.0  # the inner box width the lines were wrapped for

    @property
    def line_pt(self) -> float:
        return round(self.size_pt * LINE_FACTOR, 1)

    @property
    def gap_pt(self) -> float:
        return round(self.size_pt * self.style.gap_factor, 1)

    def height(self) -> float:
        """Height of the set text in points (no insets)."""
        count = sum(len(p) for p in self.lines)
        return count * self.line_pt + self.gap_pt * max(0, len(self.lines) - 1)

    def paragraph_tops(self) -> list[float]:
        """Offset in points of each paragraph's first line from the top of the text."""
        tops, y = [], 0.0
        for i, para in enumerate(self.lines):
            y += self.gap_pt if i else 0.0
            tops.append(y)
            y += len(para) * self.line_pt
        return tops


def wrap(text: str, font_file: str, size_pt: float, width_pt: float) -> list[str]:
    """Lines of `text` wrapped into `width_pt` (already reduced by the safety margin)."""
    space = unit_width(font_file, " ") * size_pt
    lines: list[str] = []
    line, used = "", 0.0
    for word in SPACES.split(text.strip()):
        for piece in _pieces(word, font_file, size_pt, width_pt):
            w = unit_width(font_file, piece) * size_pt
            if line and used + space + w <= width_pt and not line.endswith("\u200b"):
                line, used = f"{line} {piece}", used + space + w
            elif line and line.endswith("\u200b") and used + w <= width_pt:
                line, used = line + piece, used + w
            else:
                if line:
                    lines.append(line.rstrip("\u200b"))
                line, used = piece, w
    if line or not lines:
        lines.append(line.rstrip("\u200b"))
    return lines


def _pieces(word: str, font_file: str, size_pt: float, width_pt: float) -> list[str]:
    """A word as pieces no wider than the line; continuation pieces are marked with U+200B."""
    if unit_width(font_file, word) * size_pt <= width_pt:
        return [word]
    pieces: list[str] = []
    for part in (p for p in BREAK_AFTER.split(word) if p):
        if pieces and unit_width(font_file, pieces[-1] + part) * size_pt <= width_pt:
            pieces[-1] += part
        else:
            pieces += _characters(part, font_file, size_pt, width_pt)
    return [p + "\u200b" for p in pieces[:-1]] + pieces[-1:]


def _characters(part: str, font_file: str, size_pt: float, width_pt: float) -> list[str]:
    out = [""]
    for ch in part:
        if out[-1] and unit_width(font_file, out[-1] + ch) * size_pt > width_pt:
            out.append("")
        out[-1] += ch
    return out


def set_text(paragraphs: list[str], style: Style, size_pt: float, width_pt: float) -> Fit:
    """Wrap every paragraph at `size_pt` into a box `width_pt` wide (inner width)."""
    usable = (width_pt - style.indent_pt) * WIDTH_SAFETY
    lines = tuple(tuple(wrap(p, style.font_file, size_pt, usable)) for p in paragraphs)
    return Fit(size_pt, lines, style, width_pt)


def fits(fit: Fit, height_pt: float) -> bool:
    total_lines = sum(len(p) for p in fit.lines)
    too_many = fit.style.max_lines is not None and total_lines > fit.style.max_lines
    return not too_many and fit.height() <= height_pt * HEIGHT_SAFETY and \
        (not fit.style.stable or is_stable(fit))


def is_stable(fit: Fit) -> bool:
    """True when a renderer using the whole width would break every paragraph into as many
    lines as we did: then shapes placed beside paragraphs (step numbers) stay aligned."""
    full = (fit.width_pt - fit.style.indent_pt) * 0.995
    return all(len(wrap(" ".join(lines), fit.style.font_file, fit.size_pt, full)) == len(lines)
               for lines in fit.lines)


def fit_size(paragraphs: list[str], style: Style, width_pt: float, height_pt: float,
             max_pt: float, min_pt: float, step: float = 1.0) -> Fit | None:
    """The largest size from max_pt down to min_pt (in `step`s) at which the paragraphs fit
    the inner box width_pt x height_pt; None when they do not fit even at min_pt."""
    size = max_pt
    while size >= min_pt - 1e-6:
        fit = set_text(paragraphs, style, size, width_pt)
        if fits(fit, height_pt):
            return fit
        size = round(size - step, 2)
    return None
