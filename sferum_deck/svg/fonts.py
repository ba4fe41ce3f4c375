"""Web fonts for the SVG slides: each font file the deck is set in, cut down to the
characters the deck shows (subset.py) and embedded as a data URI in an @font-face rule, so
that a browser draws the slides in the very font the text was fitted with.

A face is cached by the file (path, modification time, size) and the set of characters; a
deck redrawn while a teacher types asks for the same faces again and gets them at once.
A file that cannot be cut (CFF outlines, a collection) is embedded whole when it is not
too large, else not at all (the SVG then names the font and its fallbacks).
"""
from __future__ import annotations

import base64
import hashlib
import os
import struct
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..model import record
from ..plan.fit import metrics
from .subset import NotSubsettable, subset

WHOLE_MAX = 1_500_000  # bytes of a font embedded whole when it cannot be cut
FALLBACKS = '"Liberation Sans", Arial, Helvetica, sans-serif'


@record
class Face(NamedTuple):
    family: str   # the CSS family name of the embedded face ("" when nothing is embedded)
    weight: int   # 400 or 700
    css: str      # the @font-face rule ("" when nothing is embedded)
    size: int     # bytes of the embedded font file


@record
class Vertical(NamedTuple):
    """A font's vertical metrics in em: what renderers place lines with."""

    ascent: float
    descent: float  # positive, below the baseline


def face(path: str, chars: frozenset[str], bold: bool) -> Face:
    """The embedded face of the font file `path` for `chars`."""
    try:
        stat = os.stat(path)
    except OSError:
        return Face("", 700 if bold else 400, "", 0)
    return _face(path, stat.st_mtime_ns, stat.st_size, chars, bold)


@lru_cache(maxsize=64)
def _face(path: str, mtime: int, size: int, chars: frozenset[str], bold: bool) -> Face:
    data = _file(path, mtime, size)
    weight = 700 if bold else 400
    digest = hashlib.blake2b(repr((path, mtime, size, sorted(chars))).encode(),
                             digest_size=5).hexdigest()
    family = f"sd-{digest}"
    found = metrics(path)
    try:
        if found is None:
            raise NotSubsettable("unreadable cmap")
        font, kind = subset(data, map(ord, chars), found.glyph, f"Sferum Deck {digest}"), \
            "truetype"
    except (NotSubsettable, struct.error, KeyError, IndexError, ValueError):
        if len(data) > WHOLE_MAX:
            return Face("", weight, "", 0)
        font, kind = data, "opentype" if data[:4] == b"OTTO" else "truetype"
    uri = "data:font/ttf;base64," + base64.b64encode(font).decode("ascii")
    css = (f'@font-face{{font-family:"{family}";font-weight:{weight};font-style:normal;'
           f'src:url({uri}) format("{kind}")}}')
    return Face(family, weight, css, len(font))


@lru_cache(maxsize=8)
def _file(path: str, mtime: int, size: int) -> bytes:
    return Path(path).read_bytes()


@lru_cache(maxsize=64)
def vertical(path: str) -> Vertical:
    """Ascent and descent of a font file in em (OS/2 Windows metrics, as LibreOffice uses
    them; hhea when there is no OS/2 table); Liberation Sans's when unreadable."""
    try:
        with open(path, "rb") as file:
            data = file.read(4096)
            start = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
            count = struct.unpack_from(">H", data, start + 4)[0]
            tables = {}
            for i in range(count):
                tag, _, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * i)
                tables[tag] = offset
            file.seek(tables[b"head"] + 18)
            em = struct.unpack(">H", file.read(2))[0]
            if b"OS/2" in tables:
                file.seek(tables[b"OS/2"] + 74)
                ascent, descent = struct.unpack(">HH", file.read(4))
            else:
                file.seek(tables[b"hhea"] + 4)
                ascent, descent = struct.unpack(">hh", file.read(4))
                descent = -descent
        return Vertical(ascent / em, descent / em)
    except (OSError, struct.error, KeyError):
        return Vertical(0.905, 0.212)
