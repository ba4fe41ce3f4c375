"""A planned text Block -> the lines a renderer draws, placed in points, and their SVG.

The lines are wrapped at the box's true width (fit.drawn_lines), not at the narrower width
fitting chose the size with: a renderer fills the whole line. Lines are placed as the deck
sets them: exact line pitch (Fit.line_pt), space before every paragraph but the first,
insets, anchor; a bullet or a number («2.») hangs in the indent.
"""
from __future__ import annotations

from typing import NamedTuple

from ..model import INSET_X, INSET_Y, record
from ..plan import fit as fitting
from ..plan.records import Block, Para
from .fonts import Vertical

SPACES = " \t\r\n"
HIDDEN = {fitting.ZERO_WIDTH_SPACE, "\u00ad"}
SUB_BULLET = 0.7  # a sub-item's bullet, of the text size (render/text.py: buSzPct 70%)


@record
class Line(NamedTuple):
    """One drawn line: where its text starts (or is centred, or ends), its baseline, its
    width in points, and its pieces as (text, link, bold)."""

    x: float
    baseline: float
    anchor: str  # start | middle | end
    width: float
    parts: tuple[tuple[str, str, bool], ...]

    @property
    def left(self) -> float:
        return self.x - {"start": 0.0, "middle": self.width / 2, "end": self.width}[self.anchor]

    @property
    def text(self) -> str:
        return "".join(t for t, _, _ in self.parts)


@record
class Mark(NamedTuple):
    """A bullet or a number hanging before a paragraph's first line (a sub-item's bullet
    smaller: `scale` of the text size)."""

    x: float
    baseline: float
    text: str
    bold: bool
    scale: float = 1.0


@record
class Placed(NamedTuple):
    """A paragraph as drawn: its lines (as wrapped) and its mark."""

    lines: tuple[str, ...]
    drawn: tuple[Line, ...]
    mark: Mark | None


def block_lines(block: Block, wraps: bool = True) -> tuple[tuple[str, ...], ...]:
    """The lines of each paragraph of `block` as a renderer wraps them at the box's true
    width; one line a paragraph in a shape that does not wrap (numbers in circles)."""
    if not wraps:
        return tuple((p.measured,) for p in block.paras)
    return fitting.drawn_lines([p.measured for p in block.paras], block.fit.style,
                               block.fit.size_pt, block.box.inner_w)


def place(block: Block, face: Vertical, wraps: bool = True) -> list[Placed]:
    """Every paragraph of `block` placed: lines, baselines, x positions (see module doc);
    `wraps` False for a shape drawn without insets or wrapping."""
    fit, box = block.fit, block.box
    inset_x, inset_y = (INSET_X, INSET_Y) if wraps else (0.0, 0.0)
    left, right = box.x + inset_x, box.right - inset_x
    text_left = left + fit.style.indent_pt
    wrapped = block_lines(block, wraps)
    height = sum(len(lines) for lines in wrapped) * fit.line_pt + \
        fit.gap_pt * max(0, len(wrapped) - 1)
    room = box.h - 2 * inset_y
    top = box.y + inset_y + {"t": 0.0, "ctr": (room - height) / 2, "b": room - height}[block.anchor]
    x, anchor = {"l": (text_left, "start"), "ctr": ((text_left + right) / 2, "middle"),
                 "r": (right, "end")}[block.align]
    drop = baseline_drop(fit.size_pt, fit.line_pt, face)
    placed, y = [], top
    for index, (para, lines) in enumerate(zip(block.paras, wrapped)):
        y += fit.gap_pt if index else 0.0
        drawn = []
        shift = fit.style.sub_indent_pt if para.level and block.align == "l" else 0.0
        for k, parts in enumerate(split_runs(para, lines)):
            width = fitting.unit_width(fit.style.font_file, lines[k], fitting.MISSING_EM,
                                       fit.style.bold_file) * fit.size_pt
            drawn.append(Line(x + shift, y + k * fit.line_pt + drop, anchor, width, parts))
        mark = _mark(para, left + (fit.style.indent_pt if para.level else 0.0), y + drop)
        placed.append(Placed(lines, tuple(drawn), mark))
        y += len(lines) * fit.line_pt
    return placed


def baseline_drop(size: float, pitch: float, face: Vertical) -> float:
    """From the top of a line to its baseline, for exact line spacing: the line is `pitch`
    high and the font's descent stays at its bottom (LibreOffice gives the ascent what
    the exact pitch adds or takes)."""
    return pitch - face.descent * size


def _mark(para: Para, left: float, baseline: float) -> Mark | None:
    if para.bullet == "dot":
        return Mark(left, baseline, "•", False)
    if para.bullet == "sub":
        return Mark(left, baseline, "•", False, SUB_BULLET)
    if para.bullet == "label":
        return Mark(left, baseline, para.label, True)
    return None


def split_runs(para: Para, lines: tuple[str, ...]) -> list[tuple[tuple[str, str], ...]]:
    """The wrapped `lines` (of para.measured) as pieces of (shown text, link, bold): the
    shown text is the paragraph's own (a link's spaces are no-break spaces in the measured
    text, bold characters emboldened), without zero-width marks; one piece per run."""
    measured, shown = fitting.text_of(para.measured), para.text
    owner = [k for k, run in enumerate(para.runs) for _ in run.text]
    out, pos = [], 0
    for line in lines:
        while pos < len(measured) and measured[pos] in SPACES:
            pos += 1
        pieces: list[list] = []
        for ch in line:
            if ch == " ":
                run = owner[pos] if pos < len(owner) else (pieces[-1][1] if pieces else 0)
                while pos < len(measured) and measured[pos] in SPACES:
                    pos += 1
                c = " "
            else:
                while pos < len(measured) and measured[pos] != ch:  # never: kept in step
                    pos += 1
                if pos >= len(measured):
                    break
                run, c = owner[pos], shown[pos]
                pos += 1
            if c in HIDDEN:
                continue
            if pieces and pieces[-1][1] == run:
                pieces[-1][0] += c
            else:
                pieces.append([c, run])
        out.append(tuple((text, para.runs[run].link, para.runs[run].bold)
                         for text, run in pieces))
    return out


# ---------------------------------------------------------------- SVG

def escape(text: str) -> str:
    """Text as XML character data (what xml.sax.saxutils.escape does, without importing
    urllib with it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(value: str) -> str:
    """An XML attribute value with its quotes: single quotes when it holds double ones."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"' + value.replace('"', "&quot;") + '"'


def number(value: float) -> str:
    """A coordinate as SVG writes it: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_svg(placed: list[Placed], family: str, size: float, weight: int, colour: str,
             mark_family: str, mark_colour: str, label_family: str, link_colour: str,
             bold_family: str = "") -> str:
    """The <g> of a placed block: one <text> per line, links as <a> with underlined text,
    bold runs as <tspan>s in `bold_family` (the label family when not given)."""
    out = [f'<g font-family={quoteattr(family)} font-size="{number(size)}" '
           f'font-weight="{weight}" fill="#{colour}">']
    for para in placed:
        if para.mark is not None:
            m = para.mark
            font = label_family if m.bold else mark_family
            scaled = f' font-size="{number(size * m.scale)}"' if m.scale != 1.0 else ""
            out.append(f'<text x="{number(m.x)}" y="{number(m.baseline)}" '
                       f'font-family={quoteattr(font)} font-weight="{700 if m.bold else 400}"'
                       f'{scaled} fill="#{mark_colour}">{escape(m.text)}</text>')
        for line in para.drawn:
            anchor = "" if line.anchor == "start" else f' text-anchor="{line.anchor}"'
            body = "".join(_piece(text, link, link_colour, bold and weight != 700,
                                  bold_family or label_family)
                           for text, link, bold in line.parts)
            out.append(f'<text x="{number(line.x)}" y="{number(line.baseline)}"{anchor}>'
                       f'{body}</text>')
    out.append("</g>")
    return "".join(out)


def _piece(text: str, link: str, link_colour: str, bold: bool = False,
           bold_family: str = "") -> str:
    shown = escape(text)
    if bold:
        shown = (f'<tspan font-family={quoteattr(bold_family)} font-weight="700">'
                 f'{shown}</tspan>')
    if not link:
        return shown
    return (f'<a xlink:href={quoteattr(link)}><tspan fill="#{link_colour}" '
            f'text-decoration="underline">{shown}</tspan></a>')
