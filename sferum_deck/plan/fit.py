"""Pure text measurement, wrapping and font-size fitting (Pillow fonts, no python-pptx).

Widths come from the font files (Liberation Sans has Arial's metrics): advances and pair
kerning (kerning.py), measured once per word, in em. A character the font has no glyph for
(emoji, Chinese)
is drawn by the renderer from a fallback font; it is counted as MISSING_EM wide, more
than any fallback glyph LibreOffice drew in our measurements (0.75-1.05 em).

Lines wrap the way LibreOffice wraps them (measured with LibreOffice 7.4, see
tests/test_fit.py): greedily at spaces and at the break opportunities LibreOffice takes
inside a word (breaks.py: after a hyphen or dash as in «18–|19», around an em dash,
between ideographs ...); a word that does not fit starts a new line. A word wider than the whole line (a hyperlink, which LibreOffice
draws as one field, counts as one word) also starts a new line, is cut after a '/', '-',
'_', '.', '?', '&' or '=', between characters where there is none, and what follows it
starts a new line. LibreOffice's own cuts in such a word are not predictable (it fills
the line, or takes a '-' or '?' it meets), so the deck marks ours with zero-width spaces
(breaks_inside_words) and plan.marked makes a cut hyperlink one link per line.
The line is taken WIDTH_SAFETY shorter and the box HEIGHT_SAFETY lower than they are,
so a renderer measuring a little wider than we do still needs no more lines than we
predict.
"""
from __future__ import annotations

import bisect
import os
import re
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..model import record
from .breaks import BOLD_BASE, breaks_at, opportunities
from .kerning import Kerning

REFERENCE_PX = 200
WIDTH_SAFETY = 0.93   # wrap as if the line were 7% shorter than it is
HEIGHT_SAFETY = 0.96  # and the box 4% lower
STABLE_WIDTH = 0.995  # a stable paragraph keeps its line count up to (almost) the full width
LINE_FACTOR = 1.2     # line pitch = 1.2 x size, written as exact spacing into the deck
LAYOUT_DPI = 600      # LibreOffice lays text out on a 600 dpi reference device (laid_out)
DRAWN_SLACK_PT = 0.3  # drawn_lines: a line this much short of the width is already full
MISSING_EM = 1.1      # width of a character the font lacks (drawn from a fallback font)
MISSING_EM_LOW = 0.7  # and the least it may be (stable paragraphs hold their lines for both)
SPACES = re.compile(r"[ \t\r\n]+")  # not U+00A0: links and glued words do not break there
ZERO_WIDTH_SPACE = "\u200b"
BREAK_AFTER = re.compile(r"(?<=[/\-_.?&=\ue03f])")  # inside an over-long word: see wrap()
NO_BREAK_HYPHEN = "\u2011"  # a hyphen inside a link: measured as "-", never broken after
# A link is drawn as one field, never broken inside: its characters are measured in a form
# that breaks nowhere (spaces as no-break spaces, break-after marks as private-use stand-ins
# of the class GL, see breaks.py), each measured as the character it stands for.
GLUED = {" ": "\u00a0", "-": NO_BREAK_HYPHEN, "?": "\ue03f", "!": "\ue021", "%": "\ue025",
         "\u2026": "\ue026", "\u2013": "\ue013", "\u2014": "\ue014", "|": "\ue07c",
         "\\": "\ue05c", "\u2010": "\ue010", "\u2012": "\ue012"}
GLUE = str.maketrans(GLUED)
UNGLUED = {v: k for k, v in GLUED.items() if k != " "}
UNGLUE = str.maketrans(UNGLUED)
ZERO_WIDTH = {"Mn", "Me", "Cf"}  # combining marks, joiners, variation selectors
FONT_FILES = 32  # font files measured in one process (a district's brands use a handful)
SUB_LEVEL = "\x01"  # starts a sub-item's paragraph: set Style.sub_indent_pt further in
UNBOLDED = " \t\r\n\u00a0\u200b"  # spaces stay spaces in bold (the same widths)


def emboldened(text: str) -> str:
    """`text` as wrapping measures it set in bold: each character of the Basic Multilingual
    Plane moved by BOLD_BASE to the private-use plane 15 (one code point each, so positions
    in the text stay as they are; breaks.line_class gives it its own class), but spaces."""
    return "".join(c if c in UNBOLDED or ord(c) > 0xFFFF else chr(BOLD_BASE + ord(c))
                   for c in text)


def unbolded(text: str) -> str:
    """`text` with every character moved by `emboldened` back to its own code point."""
    return "".join(chr(ord(c) - BOLD_BASE) if BOLD_BASE <= ord(c) < BOLD_BASE + 0x10000 else c
                   for c in text)


@lru_cache(maxsize=FONT_FILES)
def _font(path: str):
    """Pillow's font for a file our reader cannot read: shaped (kerned) by HarfBuzz when
    Pillow has it, as renderers shape text."""
    from PIL import ImageFont, features
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, REFERENCE_PX, layout_engine=engine)


class Metrics:
    """Advance widths and pair kerning of a TrueType/OpenType font file by character, in
    em, read from its 'cmap', 'hmtx' and 'GPOS' (or 'kern') tables, as renderers add them
    up. Characters are looked up as they come: a deck uses a few hundred of them."""

    def __init__(self, file):
        """Read from an open binary font file: the table directory, then only the tables
        needed ('head', 'hhea', 'hmtx', 'cmap'), not the glyphs."""
        def read(offset: int, length: int) -> bytes:
            file.seek(offset)
            data = file.read(length)
            if len(data) < length:
                raise ValueError("truncated font file")
            return data

        head = read(0, 16)
        start = struct.unpack_from(">I", head, 12)[0] if head[:4] == b"ttcf" else 0
        count = struct.unpack_from(">H", read(start + 4, 2))[0]
        directory = read(start + 12, 16 * count)
        tables = {directory[16 * i:16 * i + 4]: struct.unpack_from(">II", directory, 16 * i + 8)
                  for i in range(count)}
        self.em = struct.unpack_from(">H", read(tables[b"head"][0] + 18, 2))[0]
        self._tables = {tag: read(*tables[tag]) for tag in (b"GPOS", b"kern") if tag in tables}
        self._kerning = None
        metrics = struct.unpack_from(">H", read(tables[b"hhea"][0] + 34, 2))[0]
        self.widths = struct.unpack(f">{2 * metrics}H", read(tables[b"hmtx"][0], 4 * metrics))[0::2]
        self.data = read(*tables[b"cmap"])  # offsets below are within the 'cmap' table
        self.segments: list[tuple[int, int, int, int, int]] = []  # last, first, delta, range, at
        self.groups: list[tuple[int, int, int]] = []              # last, first, glyph
        for i in range(struct.unpack_from(">H", self.data, 2)[0]):
            platform, _, offset = struct.unpack_from(">HHI", self.data, 4 + 8 * i)
            if platform in (0, 3):  # Unicode encodings; format 4 (BMP) and 12 (all planes)
                self._read_subtable(offset)
        if not self.segments and not self.groups:
            raise ValueError("no Unicode cmap")
        self.segments.sort()
        self.groups.sort()

    def _read_subtable(self, at: int) -> None:
        fmt = struct.unpack_from(">H", self.data, at)[0]
        if fmt == 12:
            for i in range(struct.unpack_from(">I", self.data, at + 12)[0]):
                first, last, glyph = struct.unpack_from(">III", self.data, at + 16 + 12 * i)
                self.groups.append((last, first, glyph))
        elif fmt == 4:
            segs = struct.unpack_from(">H", self.data, at + 6)[0] // 2
            ends = struct.unpack_from(f">{segs}H", self.data, at + 14)
            starts = struct.unpack_from(f">{segs}H", self.data, at + 16 + 2 * segs)
            deltas = struct.unpack_from(f">{segs}H", self.data, at + 16 + 4 * segs)
            range_at = at + 16 + 6 * segs
            ranges = struct.unpack_from(f">{segs}H", self.data, range_at)
            self.segments += [(ends[i], starts[i], deltas[i], ranges[i], range_at + 2 * i)
                              for i in range(segs) if starts[i] != 0xFFFF]

    def glyph(self, code: int) -> int:
        """The glyph id of a code point; 0 when the font has none."""
        k = bisect.bisect_left(self.groups, (code,))
        if k < len(self.groups) and self.groups[k][1] <= code:
            return self.groups[k][2] + code - self.groups[k][1]
        k = bisect.bisect_left(self.segments, (code,))
        if k == len(self.segments) or self.segments[k][1] > code:
            return 0
        _, first, delta, offset, at = self.segments[k]
        glyph = code if offset == 0 else struct.unpack_from(
            ">H", self.data, at + offset + 2 * (code - first))[0]
        return (glyph + delta) & 0xFFFF if glyph else 0

    def kerning(self, left: int, right: int) -> float:
        """The pair kerning of two code points in em (0 when the font has none)."""
        if self._kerning is None:
            try:
                self._kerning = Kerning(self._tables.get(b"GPOS", b""),
                                        self._tables.get(b"kern", b""))
            except (struct.error, IndexError, KeyError):
                self._kerning = Kerning()
            self._tables = {}
        a, b = self.glyph(left), self.glyph(right)
        return self._kerning(a, b) / self.em if a and b else 0.0

    def advance(self, code: int) -> float | None:
        """The advance width in em of a code point; None when the font has no glyph."""
        glyph = self.glyph(code)
        return self.widths[min(glyph, len(self.widths) - 1)] / self.em if glyph else None


@lru_cache(maxsize=FONT_FILES)
def metrics(path: str) -> Metrics | None:
    """The font file's metrics; None when it cannot be read that way (Pillow measures)."""
    try:
        with open(path, "rb") as file:
            return Metrics(file)
    except (OSError, struct.error, KeyError, ValueError, IndexError):
        return None


class CharWidths(dict):
    """Width in em of each character met so far in a font file, computed when first asked:
    a character the font lacks is drawn by a fallback font and counted `missing` em; an
    emboldened one is measured in the `bold` file (the regular one when none is given)."""

    def __init__(self, path: str, missing: float, bold: str = ""):
        super().__init__()
        self.path, self.missing, self.bold = path, missing, bold

    def __missing__(self, c: str) -> float:
        if BOLD_BASE <= ord(c) < BOLD_BASE + 0x10000:
            w = char_widths(self.bold or self.path, self.missing)[chr(ord(c) - BOLD_BASE)]
            self[c] = w
            return w
        found = metrics(self.path)
        w = found.advance(ord(UNGLUED.get(c, c))) if found else None
        if w is None:
            w = _font(self.path).getlength(c) / REFERENCE_PX if found is None else \
                0.0 if unicodedata.category(c) in ZERO_WIDTH else self.missing
        self[c] = w
        return w


@lru_cache(maxsize=2 * FONT_FILES)  # with and without a bold file
def char_widths(path: str, missing: float = MISSING_EM, bold: str = "") -> CharWidths:
    return CharWidths(path, missing, bold)


class PairKerning(dict):
    """Kerning in em of each pair of characters met so far in a font file."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def __missing__(self, pair: str) -> float:
        found = metrics(self.path)
        a, b = (UNGLUED.get(c, c) for c in pair)
        value = found.kerning(ord(a), ord(b)) if found else 0.0
        self[pair] = value
        return value


@lru_cache(maxsize=None)
def pair_kerning(path: str) -> PairKerning:
    return PairKerning(path)


def kerned(path: str, left: str, right: str, bold: str = "") -> float:
    """The kerning in em between the last character of `left` and the first of `right`:
    of the `bold` file (else `path`) when both are emboldened, none across a change of
    weight (renderers kern within a run only)."""
    return pair_kern(path, left[-1] + right[0], bold) if left and right else 0.0


def pair_kern(path: str, pair: str, bold: str = "") -> float:
    """The kerning in em of a pair of characters (see kerned)."""
    a, b = (BOLD_BASE <= ord(c) < BOLD_BASE + 0x10000 for c in pair)
    if not a and not b:
        return pair_kerning(path)[pair]
    return pair_kerning(bold or path)[unbolded(pair)] if a and b else 0.0


def char_width(path: str, c: str, missing: float = MISSING_EM, bold: str = "") -> float:
    """Width in em of one character (see CharWidths)."""
    return char_widths(path, missing, bold)[c]


def covered(path: str, codes: range = range(0x20, 0x3000)) -> frozenset[int] | None:
    """The code points in `codes` the font file has glyphs for; None when it cannot be read."""
    found = metrics(path)
    return None if found is None else frozenset(c for c in codes if found.glyph(c))


@lru_cache(maxsize=65536)
def unit_width(path: str, text: str, missing: float = MISSING_EM, bold: str = "") -> float:
    """Width of `text` in em (at size 1) for the font file `path`, its emboldened characters
    for the file `bold`, pairs kerned; characters the font lacks count `missing` em."""
    if metrics(path) is None:  # unreadable tables: Pillow's sum of the characters
        return sum(_font(bold or path if is_bold else path).getlength(
            unbolded(part).translate(UNGLUE)) / REFERENCE_PX
            for is_bold, part in _by_weight(text))
    width = sum(map(char_widths(path, missing, bold).__getitem__, text))
    if len(text) > 1:
        width += sum(pair_kern(path, text[k:k + 2], bold) for k in range(len(text) - 1))
    return width


def _by_weight(text: str) -> list[tuple[bool, str]]:
    """`text` in stretches of emboldened and of regular characters."""
    parts: list[tuple[bool, str]] = []
    for c in text:
        weight = BOLD_BASE <= ord(c) < BOLD_BASE + 0x10000
        if parts and parts[-1][0] == weight:
            parts[-1] = (weight, parts[-1][1] + c)
        else:
            parts.append((weight, c))
    return parts


def text_width(font_file: Path | str, text: str, size_pt: float) -> float:
    """Width in points of `text` set at `size_pt`."""
    return unit_width(str(font_file), text) * size_pt


@record
class Style(NamedTuple):
    """How a block of paragraphs is set: font file, first/other indents, spacing."""

    font_file: str
    bold_file: str = ""           # for emboldened text (see emboldened); else font_file
    indent_pt: float = 0.0        # text indent from the box's inner left edge (bullets, numbers)
    sub_indent_pt: float = 24.0   # and further in for a sub-item (a paragraph after SUB_LEVEL)
    gap_factor: float = 0.5       # space before every paragraph but the first, x size
    max_lines: int | None = None  # per block (titles: at most two lines)
    stable: bool = False          # line counts (but the last paragraph's) must not change
                                  # anywhere in the safety margin: shapes beside paragraphs


@record
class Fit(NamedTuple):
    """The chosen size and the wrapped lines of each paragraph."""

    size_pt: float
    lines: tuple[tuple[str, ...], ...]
    style: Style
    width_pt: float = 0.0  # the inner box width the lines were wrapped for
    stable: bool = True    # a renderer using the whole width keeps every line count

    @property
    def line_pt(self) -> float:
        return round(self.size_pt * LINE_FACTOR, 1)

    @property
    def gap_pt(self) -> float:
        return round(self.size_pt * self.style.gap_factor, 1)

    @property
    def line_count(self) -> int:
        return sum(len(p) for p in self.lines)

    def height(self) -> float:
        """Height of the set text in points (no insets)."""
        return self.line_count * self.line_pt + self.gap_pt * max(0, len(self.lines) - 1)

    def paragraph_tops(self) -> list[float]:
        """Offset in points of each paragraph's first line from the top of the text."""
        tops, y = [], 0.0
        for i, para in enumerate(self.lines):
            y += self.gap_pt if i else 0.0
            tops.append(y)
            y += len(para) * self.line_pt
        return tops


@lru_cache(maxsize=16384)
def segments(word: str) -> tuple[str, ...]:
    """A word (no spaces) cut at its break opportunities (breaks.py: after a hyphen or a
    dash, around an em dash, between ideographs, after a zero-width space ...)."""
    cuts = opportunities(word)
    if not cuts:
        return (word,)
    edges = (0,) + cuts + (len(word),)
    return tuple(word[a:b] for a, b in zip(edges, edges[1:]))


@lru_cache(maxsize=8192)
def _tokens(text: str, font_file: str, missing: float, bold: str = ""):
    """The text's pieces between break opportunities, their widths in em, whether a space
    comes before each, and what joining each to the one before adds (the space and the
    kerning across it); the widest piece and the width of the whole text on one line."""
    space = unit_width(font_file, " ")
    segs, widths, spaced, gaps = [], [], [], []
    for word in SPACES.split(text.strip()):
        for k, seg in enumerate(segments(word)):
            before = segs[-1] if segs else ""
            spaced.append(k == 0 and bool(segs))
            gaps.append(space + kerned(font_file, before, " ", bold) +
                        kerned(font_file, " ", seg, bold)
                        if spaced[-1] else kerned(font_file, before, seg, bold))
            segs.append(seg)
            widths.append(unit_width(font_file, seg, missing, bold))
    total = sum(widths) + sum(gaps[1:])
    return tuple(segs), tuple(widths), tuple(spaced), max(widths, default=0.0), total, \
        tuple(gaps)


def _joined(segs: tuple[str, ...], spaced: tuple[bool, ...], a: int, b: int) -> str:
    return "".join((" " + segs[k]) if spaced[k] and k > a else segs[k] for k in range(a, b))


def laid_out(size_pt: float) -> float:
    """The size LibreOffice lays text out at: a whole number of pixels at 600 dpi (its
    reference device), so 20 pt text takes 0.2% more room than at exactly 20 pt."""
    return max(1, round(size_pt * LAYOUT_DPI / 72)) * 72 / LAYOUT_DPI


@lru_cache(maxsize=32768)
def wrap(text: str, font_file: str, size_pt: float, width_pt: float,
         missing: float = MISSING_EM, bold: str = "",
         marks_start: bool = False) -> tuple[str, ...]:
    """Lines of `text` set at `size_pt` (laid out as LibreOffice lays it out) wrapped into
    `width_pt` (the safety margin already taken off when fitting); characters the font
    lacks count `missing` em, emboldened ones are measured in `bold`. With `marks_start`
    (the lines a renderer draws) a word wider than the line that holds our cut marks
    starts a line, as LibreOffice starts it."""
    limit = width_pt / laid_out(size_pt)  # in em: cached word widths need no scaling
    segs, widths, spaced, widest, total, gaps = _tokens(text, font_file, missing, bold)
    if total <= limit:
        return (_joined(segs, spaced, 0, len(segs)),)
    if widest > limit or marks_start and ZERO_WIDTH_SPACE in text and any(
            _marked_long(word, font_file, limit, missing, bold) for word in SPACES.split(text)):
        return _wrap_over_long(text, font_file, limit, missing, bold, marks_start)
    lines, start, used = [], 0, 0.0
    for i, w in enumerate(widths):
        gap = gaps[i]
        if i > start and used + gap + w <= limit:
            used += gap + w
        else:
            if i > start:
                lines.append(_joined(segs, spaced, start, i))
            start, used = i, w
    lines.append(_joined(segs, spaced, start, len(segs)))
    return tuple(lines)


def _marked_long(word: str, font_file: str, limit: float, missing: float, bold: str) -> bool:
    """True for a word wider than the line that carries our cut marks (zero-width spaces):
    LibreOffice starts it on a new line as it does an over-long word without marks."""
    return ZERO_WIDTH_SPACE in word and unit_width(font_file, word, missing, bold) > limit


def _wrap_over_long(text: str, font_file: str, limit: float, missing: float,
                    bold: str = "", marks_start: bool = False) -> tuple[str, ...]:
    """wrap() for a text with a piece wider than the line (`limit` em)."""
    space = unit_width(font_file, " ")
    lines: list[str] = []
    line, used, closed = "", 0.0, False
    for word in SPACES.split(text.strip()):
        gap = space
        if line and marks_start and _marked_long(word, font_file, limit, missing, bold):
            lines.append(line)  # a word we cut (marked) starts its line, as it did when cut
            line, used, closed = "", 0.0, False
        for seg in segments(word):
            w = unit_width(font_file, seg, missing, bold)
            if line and used + gap + w <= limit and not closed:
                line, used = line + (" " if gap else "") + seg, used + gap + w
            elif w <= limit:
                if line:
                    lines.append(line)
                line, used, closed = seg, w, False
            else:  # wider than a line: from a new line, cut after '/', '.' ... or anywhere;
                # the line with its end takes nothing more (LibreOffice measures a cut
                # hyperlink whole there)
                if line:
                    lines.append(line)
                line, used = "", 0.0
                for piece in pieces(seg):
                    w = unit_width(font_file, piece, missing, bold)
                    if line and used + w <= limit:
                        line, used = line + piece, used + w
                        continue
                    if line:
                        lines.append(line)
                    line, used = piece, w
                    while used > limit and len(line) > 1:
                        head = _longest_prefix(line, font_file, limit, missing, bold)
                        lines.append(head)
                        line = line[len(head):]
                        used = unit_width(font_file, line, missing, bold)
                closed = True
            gap = 0.0
    lines.append(line)
    return tuple(lines)


@lru_cache(maxsize=4096)
def pieces(word: str) -> tuple[str, ...]:
    """An over-long word cut after each '/', '-', '_', '.', '?', '&' or '=' (bold ones too)."""
    edges = [0] + [m.start() for m in BREAK_AFTER.finditer(unbolded(word))] + [len(word)]
    return tuple(word[a:b] for a, b in zip(edges, edges[1:]) if b > a)


@lru_cache(maxsize=8192)
def breaks_inside_words(text: str, lines: tuple[str, ...]) -> tuple[int, ...]:
    """Positions in `text` where its wrapped `lines` end inside a word. Marked with U+200B
    (zero-width space) in the deck, they make renderers break there too: LibreOffice's own
    choice in a long word (fill the line, or take a '-' or '?') is not predictable."""
    def skip_spaces(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    found, pos = [], skip_spaces(0)
    for line in lines[:-1]:
        for ch in line:
            pos = skip_spaces(pos) if ch == " " else pos + 1
        if pos < len(text) and text[pos] not in " \t\r\n" and \
                not breaks_at(text, pos):  # not where renderers break anyway
            found.append(pos)
        pos = skip_spaces(pos)
    return tuple(found)


def _longest_prefix(text: str, font_file: str, limit: float, missing: float,
                    bold: str = "") -> str:
    """The longest start of `text` (at least one character) no wider than `limit` em."""
    used = 0.0
    for k, c in enumerate(text):
        used += char_width(font_file, c, missing, bold)
        if used > limit:
            return text[:max(k, 1)]
    return text


def set_text(paragraphs: list[str], style: Style, size_pt: float, width_pt: float) -> Fit:
    """Every paragraph wrapped at `size_pt` into a box `width_pt` wide (inner width).

    A `stable` style narrows the width (down to 85%) until every paragraph but the last
    keeps its line count however wide the renderer measures (shapes placed beside later
    paragraphs stay aligned); Fit.width_pt is the width used."""
    return _set_text(tuple(paragraphs), style, size_pt, width_pt)


@lru_cache(maxsize=8192)
def _set_text(paragraphs: tuple[str, ...], style: Style, size_pt: float, width_pt: float) -> Fit:
    fit = _set(paragraphs, style, size_pt, width_pt)
    if not style.stable or fit.stable:
        return fit
    for share in (0.97, 0.94, 0.91, 0.88, 0.85):
        narrower = _set(paragraphs, style, size_pt, width_pt * share)
        if narrower.stable:
            return narrower
    return fit


def largest_possible(paragraphs: tuple[str, ...], style: Style, width_pt: float,
                     height_pt: float) -> float:
    """A size the paragraphs surely cannot fit above: each needs at least (its width on one
    line) / (line width) lines, and at least one (a bound, not a fit: wrapping wastes room)."""
    usable = (width_pt - style.indent_pt) * WIDTH_SAFETY
    room = height_pt * HEIGHT_SAFETY
    if usable <= 0 or not paragraphs:
        return float("inf")
    total = sum(_tokens(text_of(p), style.font_file, MISSING_EM, style.bold_file)[4]
                for p in paragraphs)  # em
    if total <= 0:
        return float("inf")
    gaps = style.gap_factor * (len(paragraphs) - 1)
    # lines >= max(len, total * s / usable); height = lines * LINE_FACTOR * s + gaps * s
    bound = (room * usable / (total * LINE_FACTOR)) ** 0.5
    bound = min(bound, room / (len(paragraphs) * LINE_FACTOR + gaps))
    if style.max_lines is not None:
        bound = min(bound, style.max_lines * usable / total)
    return bound + 0.5  # rounding of the line pitch and of the bound itself


def reset(fit: Fit, paragraphs: list[str]) -> Fit:
    """`paragraphs` wrapped at the size and width of `fit` (after marks were added)."""
    return _set(paragraphs, fit.style, fit.size_pt, fit.width_pt)


def is_sub(paragraph: str) -> bool:
    """True for a sub-item's paragraph (one that starts with SUB_LEVEL)."""
    return paragraph.startswith(SUB_LEVEL)


def text_of(paragraph: str) -> str:
    """A paragraph as wrapped: without its SUB_LEVEL mark."""
    return paragraph[1:] if paragraph.startswith(SUB_LEVEL) else paragraph


def _set(paragraphs: list[str], style: Style, size_pt: float, width_pt: float) -> Fit:
    def text_w(p: str) -> float:
        return width_pt - style.indent_pt - (style.sub_indent_pt if is_sub(p) else 0.0)

    lines = tuple(wrap(text_of(p), style.font_file, size_pt, text_w(p) * WIDTH_SAFETY,
                       MISSING_EM, style.bold_file) for p in paragraphs)
    stable = not style.stable or all(  # the last paragraph moves nothing below it
        len(wrap(text_of(p), style.font_file, size_pt, text_w(p) * STABLE_WIDTH,
                 MISSING_EM_LOW, style.bold_file)) == len(ls)
        for p, ls in zip(paragraphs[:-1], lines))
    return Fit(size_pt, lines, style, width_pt, stable)


def drawn_lines(paragraphs: list[str], style: Style, size_pt: float,
                width_pt: float) -> tuple[tuple[str, ...], ...]:
    """The lines a renderer draws: each paragraph wrapped at the whole text width of a box
    `width_pt` wide inside (the safety margin only chooses the size)."""
    def text_w(p: str) -> float:
        sub = style.sub_indent_pt if is_sub(p) else 0.0
        return width_pt - style.indent_pt - sub - DRAWN_SLACK_PT
    return tuple(wrap(text_of(p), style.font_file, size_pt, text_w(p), MISSING_EM,
                      style.bold_file, True) for p in paragraphs)


def fits(fit: Fit, height_pt: float) -> bool:
    """True when the set text fits a box `height_pt` high (inner height)."""
    too_many = fit.style.max_lines is not None and fit.line_count > fit.style.max_lines
    return not too_many and fit.stable and fit.height() <= height_pt * HEIGHT_SAFETY


def fit_size(paragraphs: list[str], style: Style, width_pt: float, height_pt: float,
             max_pt: float, min_pt: float, step: float = 1.0) -> Fit | None:
    """The largest size from max_pt down to min_pt (in `step`s) at which the paragraphs fit
    the inner box width_pt x height_pt; None when they do not fit even at min_pt.

    The top size is tried first (most texts fit at once), then the range is bisected (a
    smaller size never needs more lines), except for a stable style, whose fits are not
    monotonic. Results are cached: plans ask again for the same texts."""
    return _fit_size(tuple(paragraphs), style, width_pt, height_pt, max_pt, min_pt, step)


@lru_cache(maxsize=4096)
def _fit_size(paragraphs: tuple[str, ...], style: Style, width_pt: float, height_pt: float,
              max_pt: float, min_pt: float, step: float) -> Fit | None:
    if max_pt < min_pt:
        return None
    sizes = [round(max_pt - i * step, 2) for i in range(int((max_pt - min_pt) / step + 1e-6) + 1)]
    ceiling = largest_possible(paragraphs, style, width_pt, height_pt)
    sizes = [s for s in sizes if s <= ceiling] or sizes[-1:]
    first = set_text(paragraphs, style, sizes[0], width_pt)
    if fits(first, height_pt):
        return first
    if style.stable:
        return next((f for f in (set_text(paragraphs, style, s, width_pt) for s in sizes[1:])
                     if fits(f, height_pt)), None)
    lo, hi, best = 1, len(sizes) - 1, None  # sizes[lo..hi] unknown; sizes[0] does not fit
    while lo <= hi:
        mid = (lo + hi) // 2
        fit = set_text(paragraphs, style, sizes[mid], width_pt)
        if fits(fit, height_pt):
            best, hi = fit, mid - 1
        else:
            lo = mid + 1
    return best


_MEASURED: dict[str, tuple[int, int] | None] = {}  # font file -> (mtime, size) when measured


def refresh(font_files) -> None:
    """Forget every measurement when one of `font_files` changed on disk since it was last
    measured (its modification time or size differ), so that a process running for days
    never fits text with a stale font. One stat per file; planning calls it once a deck."""
    changed = False
    for path in map(str, font_files):
        try:
            stat = os.stat(path)
            key = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = None
        changed |= _MEASURED.get(path, key) != key
        _MEASURED[path] = key
    if changed:
        for cached in (_font, metrics, char_widths, unit_width, _tokens, wrap, _set_text,
                       _fit_size):
            cached.cache_clear()
