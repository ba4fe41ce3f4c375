"""Pair kerning of a font file, as renderers apply it (LibreOffice and browsers shape text
with HarfBuzz): the pair adjustments of the GPOS 'kern' feature, else the legacy 'kern'
table. Pure (struct); read once per font file, pairs looked up by glyph id.

LibreOffice draws «от» 0.57 pt narrower at 26 pt than the sum of its advances; a line
measured without kerning is a little too long, so a paragraph that just fits a box would
be expected on one more line than the renderer draws.
"""
from __future__ import annotations

import struct


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _coverage(data: bytes, at: int) -> dict[int, int]:
    """glyph -> coverage index of an OpenType Coverage table."""
    count = _u16(data, at + 2)
    if _u16(data, at) == 1:
        return {g: i for i, g in enumerate(struct.unpack_from(f">{count}H", data, at + 4))}
    found = {}
    for k in range(count):
        first, last, index = struct.unpack_from(">HHH", data, at + 4 + 6 * k)
        for g in range(first, last + 1):
            found[g] = index + g - first
    return found


def _class_def(data: bytes, at: int) -> dict[int, int]:
    """glyph -> class (absent: class 0) of an OpenType ClassDef table."""
    if _u16(data, at) == 1:
        first, count = struct.unpack_from(">HH", data, at + 2)
        values = struct.unpack_from(f">{count}H", data, at + 6)
        return {first + i: c for i, c in enumerate(values) if c}
    found = {}
    for k in range(_u16(data, at + 2)):
        first, last, c = struct.unpack_from(">HHH", data, at + 4 + 6 * k)
        if c:
            found.update(dict.fromkeys(range(first, last + 1), c))
    return found


def _record_size(value_format: int) -> int:
    return 2 * bin(value_format).count("1")


def _x_advance(value_format: int) -> int | None:
    """Offset of XAdvance in a value record, None when the record has none."""
    return 2 * bin(value_format & 0x3).count("1") if value_format & 0x4 else None


class Kerning:
    """The kerning pairs of one font, in font units."""

    def __init__(self, gpos: bytes = b"", kern: bytes = b""):
        self.data = gpos
        self.lookups: list[list[tuple]] = []
        self.pairs: dict[tuple[int, int], int] = {}
        if gpos:
            self.lookups = [[self._subtable(at) for at in subtables]
                            for subtables in _kern_lookups(gpos)]
        if not any(self.lookups) and kern:
            self.pairs = _legacy_pairs(kern)

    def _subtable(self, at: int) -> tuple:
        data = self.data
        fmt, coverage, first_format, second_format = struct.unpack_from(">HHHH", data, at)
        size = _record_size(first_format) + _record_size(second_format)
        common = (fmt, _coverage(data, at + coverage), _x_advance(first_format), size, at)
        if fmt == 1:
            count = _u16(data, at + 8)
            return common + (struct.unpack_from(f">{count}H", data, at + 10),)
        first_classes, second_classes, _, count2 = struct.unpack_from(">HHHH", data, at + 8)
        return common + ((_class_def(data, at + first_classes),
                          _class_def(data, at + second_classes), count2),)

    def __call__(self, left: int, right: int) -> int:
        """The kerning of glyph `left` followed by glyph `right`, in font units."""
        if self.pairs:
            return self.pairs.get((left, right), 0)
        total = 0
        for subtables in self.lookups:
            for fmt, coverage, x_advance, size, at, extra in subtables:
                index = coverage.get(left)
                if index is None:
                    continue
                if fmt == 1:
                    found = self._pair_value(at + extra[index], right, size, x_advance)
                    if found is None:
                        continue
                    total += found
                else:
                    first, second, count2 = extra
                    if x_advance is not None:
                        row = first.get(left, 0) * count2 + second.get(right, 0)
                        total += struct.unpack_from(">h", self.data,
                                                    at + 16 + row * size + x_advance)[0]
                break  # the first subtable that applies, in each lookup
        return total

    def _pair_value(self, pair_set: int, right: int, size: int, x_advance) -> int | None:
        data, step = self.data, 2 + size
        lo, hi = 0, _u16(data, pair_set) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            glyph = _u16(data, pair_set + 2 + mid * step)
            if glyph == right:
                if x_advance is None:
                    return 0
                return struct.unpack_from(">h", data, pair_set + 2 + mid * step + 2 +
                                          x_advance)[0]
            lo, hi = (mid + 1, hi) if glyph < right else (lo, mid - 1)
        return None


def _kern_lookups(gpos: bytes) -> list[list[int]]:
    """Offsets of the pair-positioning subtables of each lookup of the 'kern' feature."""
    _, _, _, features, lookups = struct.unpack_from(">HHHHH", gpos, 0)
    indices: set[int] = set()
    for i in range(_u16(gpos, features)):
        tag, offset = struct.unpack_from(">4sH", gpos, features + 2 + 6 * i)
        if tag == b"kern":
            table = features + offset
            count = _u16(gpos, table + 2)
            indices.update(struct.unpack_from(f">{count}H", gpos, table + 4))
    count = _u16(gpos, lookups)
    offsets = struct.unpack_from(f">{count}H", gpos, lookups + 2)
    found = []
    for index in sorted(i for i in indices if i < count):
        lookup = lookups + offsets[index]
        kind, _, subtables = struct.unpack_from(">HHH", gpos, lookup)
        pairs = []
        for k in range(subtables):
            at = lookup + _u16(gpos, lookup + 6 + 2 * k)
            real = kind
            if kind == 9:  # an extension subtable points to the real one
                real, offset = struct.unpack_from(">HI", gpos, at + 2)
                at += offset
            if real == 2:
                pairs.append(at)
        found.append(pairs)
    return found


def _legacy_pairs(kern: bytes) -> dict[tuple[int, int], int]:
    """The pairs of a version 0 'kern' table (format 0 horizontal subtables)."""
    version, count = struct.unpack_from(">HH", kern, 0)
    pairs: dict[tuple[int, int], int] = {}
    at = 4
    for _ in range(count if version == 0 else 0):
        _, length, coverage = struct.unpack_from(">HHH", kern, at)
        if coverage >> 8 == 0 and coverage & 1:
            for k in range(_u16(kern, at + 6)):
                left, right, value = struct.unpack_from(">HHh", kern, at + 14 + 6 * k)
                pairs[(left, right)] = pairs.get((left, right), 0) + value
        at += length
    return pairs
