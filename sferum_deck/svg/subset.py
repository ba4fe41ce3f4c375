"""A TrueType font cut down to the characters a deck shows, for embedding in an SVG as a web
font (standard library only).

The glyphs are renumbered (the .notdef glyph first, then the glyphs of the characters and
the components of composite glyphs), and the tables that name glyphs are rewritten: 'cmap'
(format 4), 'hmtx', 'loca', 'glyf', 'kern' (pairs of kept glyphs) and 'post' (version 3,
no glyph names). Glyph substitution and positioning tables (GSUB, GPOS, GDEF) and device
metrics are dropped: the slides' text needs no ligatures, and the kern table keeps pair
kerning; so are the hinting instructions (half the glyph data; browsers draw the outlines
well without them). The font is renamed (`family`): the OFL asks a modified font not to carry its
Reserved Font Name; the copyright and licence records stay.
"""
from __future__ import annotations

import struct
from typing import Iterable

KEEP = (b"OS/2", b"head", b"hhea", b"maxp")
RENAMED = {1, 3, 4, 6, 16, 17, 18, 21, 22}  # family, unique, full, PostScript, typographic
ARG_WORDS, HAS_SCALE, MORE, XY_SCALE, TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080
INSTRUCTIONS = 0x0100


class NotSubsettable(ValueError):
    """The file is not a TrueType font this module can cut (CFF outlines, a collection)."""


def tables_of(data: bytes) -> dict[bytes, bytes]:
    """The tables of an sfnt font file by tag; NotSubsettable for collections and CFF."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise NotSubsettable("not a TrueType font")
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = data[offset:offset + length]
    if b"glyf" not in tables or b"loca" not in tables:
        raise NotSubsettable("no TrueType outlines")
    return tables


def subset(data: bytes, codes: Iterable[int], glyph_of, family: str) -> bytes:
    """The font file `data` with only the glyphs of `codes` (their glyph ids from
    `glyph_of(code)`, 0 when missing), renamed `family`."""
    t = tables_of(data)
    head, maxp, hhea = t[b"head"], t[b"maxp"], t[b"hhea"]
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    count = struct.unpack_from(">H", maxp, 4)[0]
    loca = struct.unpack(f">{count + 1}{'I' if long_loca else 'H'}", t[b"loca"][:(count + 1) *
                                                                          (4 if long_loca else 2)])
    if not long_loca:
        loca = tuple(2 * v for v in loca)
    glyf = t[b"glyf"]

    def glyph_data(gid: int) -> bytes:
        return glyf[loca[gid]:loca[gid + 1]] if gid < count else b""

    mapping = {code: g for code in sorted(set(codes)) if 0 < (g := glyph_of(code)) < count
               and code <= 0xFFFF}
    order = [0]  # old glyph ids in their new order
    new_id = {0: 0}
    pending = sorted(set(mapping.values()))
    while pending:
        gid = pending.pop(0)
        if gid in new_id:
            continue
        new_id[gid] = len(order)
        order.append(gid)
        pending += [c for c in _components(glyph_data(gid)) if c not in new_id]
    glyphs = [_renumbered(glyph_data(gid), new_id) for gid in order]

    offsets, body = [0], bytearray()
    for g in glyphs:
        body += g + b"\x00" * (-len(g) % 4)
        offsets.append(len(body))
    new_long = offsets[-1] >= 0x20000
    new_loca = struct.pack(f">{len(offsets)}I", *offsets) if new_long else \
        struct.pack(f">{len(offsets)}H", *(o // 2 for o in offsets))

    metrics = struct.unpack_from(">H", hhea, 34)[0]
    hmtx = t[b"hmtx"]

    def metric(gid: int) -> tuple[int, int]:
        if gid < metrics:
            return struct.unpack_from(">Hh", hmtx, 4 * gid)
        advance = struct.unpack_from(">H", hmtx, 4 * (metrics - 1))[0]
        return advance, struct.unpack_from(">h", hmtx, 4 * metrics + 2 * (gid - metrics))[0]

    new_hmtx = b"".join(struct.pack(">Hh", *metric(gid)) for gid in order)
    out = {tag: t[tag] for tag in KEEP if tag in t}
    out[b"head"] = head[:8] + b"\x00\x00\x00\x00" + head[12:50] + \
        struct.pack(">h", 1 if new_long else 0) + head[52:]
    out[b"maxp"] = maxp[:4] + struct.pack(">H", len(order)) + maxp[6:]
    out[b"hhea"] = hhea[:34] + struct.pack(">H", len(order)) + hhea[36:]
    out[b"hmtx"], out[b"loca"], out[b"glyf"] = new_hmtx, new_loca, bytes(body)
    out[b"cmap"] = _cmap({code: new_id[g] for code, g in mapping.items()})
    out[b"post"] = b"\x00\x03\x00\x00" + t[b"post"][4:32]
    out[b"name"] = _name(t.get(b"name", b""), family)
    if b"kern" in t:
        kern = _kern(t[b"kern"], new_id)
        if kern:
            out[b"kern"] = kern
    return _sfnt(out)


def _components(glyph: bytes) -> list[int]:
    """The glyph ids a composite glyph is made of (none for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, at = [], 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        found.append(gid)
        at += 4 + _component_tail(flags)
        if not flags & MORE:
            return found


def _component_tail(flags: int) -> int:
    size = 4 if flags & ARG_WORDS else 2
    if flags & HAS_SCALE:
        size += 2
    elif flags & XY_SCALE:
        size += 4
    elif flags & TWO_BY_TWO:
        size += 8
    return size


def _renumbered(glyph: bytes, new_id: dict[int, int]) -> bytes:
    """A glyph without its hinting instructions, the ids of its components (if composite)
    renumbered."""
    if len(glyph) < 10:
        return glyph
    contours = struct.unpack_from(">h", glyph, 0)[0]
    if contours >= 0:
        at = 10 + 2 * contours
        length = struct.unpack_from(">H", glyph, at)[0]
        return glyph[:at] + b"\x00\x00" + glyph[at + 2 + length:]
    out, at = bytearray(glyph), 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        struct.pack_into(">HH", out, at, flags & ~INSTRUCTIONS, new_id[gid])
        at += 4 + _component_tail(flags)
        if not flags & MORE:
            return bytes(out[:at])


def _cmap(mapping: dict[int, int]) -> bytes:
    """A 'cmap' table with one format 4 subtable (Windows Unicode BMP): one segment for
    each run of consecutive codes whose glyph ids are consecutive too."""
    runs: list[list[int]] = []  # [first code, last code, first glyph]
    for code in sorted(mapping):
        g = mapping[code]
        if runs and code == runs[-1][1] + 1 and g == runs[-1][2] + code - runs[-1][0]:
            runs[-1][1] = code
        else:
            runs.append([code, code, g])
    runs.append([0xFFFF, 0xFFFF, 0])  # the final segment maps 0xFFFF to glyph 0
    segs = len(runs)
    power = 1 << (segs.bit_length() - 1)
    ends = struct.pack(f">{segs}H", *(r[1] for r in runs))
    starts = struct.pack(f">{segs}H", *(r[0] for r in runs))
    deltas = struct.pack(f">{segs}H", *(((r[2] - r[0]) & 0xFFFF) if r[0] != 0xFFFF else 1
                                        for r in runs))
    ranges = b"\x00\x00" * segs
    body = struct.pack(">HHHH", 2 * segs, 2 * power, (power.bit_length() - 1),
                       2 * segs - 2 * power) + ends + b"\x00\x00" + starts + deltas + ranges
    sub = struct.pack(">HHH", 4, 6 + len(body), 0) + body
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + sub


def _name(table: bytes, family: str) -> bytes:
    """A 'name' table (format 0, Windows platform) with the family names replaced by
    `family` and every other Windows record (copyright, licence, version) kept."""
    records: list[tuple[int, int, int, int, bytes]] = []
    if len(table) >= 6:
        _, count, storage = struct.unpack_from(">HHH", table, 0)
        for i in range(count):
            platform, encoding, lang, name_id, length, offset = \
                struct.unpack_from(">HHHHHH", table, 6 + 12 * i)
            if platform == 3 and encoding in (0, 1) and name_id not in RENAMED:
                value = table[storage + offset:storage + offset + length]
                records.append((platform, encoding, lang, name_id, value))
    encoded = family.encode("utf-16-be")
    postscript = "".join(c for c in family if c.isalnum()).encode("utf-16-be")
    for name_id, value in ((1, encoded), (3, encoded), (4, encoded), (6, postscript)):
        records.append((3, 1, 0x409, name_id, value))
    records.sort(key=lambda r: r[:4])
    head = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    directory, strings = bytearray(), bytearray()
    for platform, encoding, lang, name_id, value in records:
        directory += struct.pack(">HHHHHH", platform, encoding, lang, name_id, len(value),
                                 len(strings))
        strings += value
    return head + bytes(directory) + bytes(strings)


def _kern(table: bytes, new_id: dict[int, int]) -> bytes:
    """The 'kern' table (version 0, format 0 subtables) with the pairs of kept glyphs."""
    version, count = struct.unpack_from(">HH", table, 0)
    if version != 0:
        return b""
    at, pairs = 4, {}
    for _ in range(count):
        _, length, coverage = struct.unpack_from(">HHH", table, at)
        if coverage >> 8 == 0 and coverage & 0x1:  # format 0, horizontal
            n = struct.unpack_from(">H", table, at + 6)[0]
            for k in range(n):
                left, right, value = struct.unpack_from(">HHh", table, at + 14 + 6 * k)
                if left in new_id and right in new_id:
                    pairs[(new_id[left], new_id[right])] = value
        at += length
    if not pairs:
        return b""
    n = len(pairs)
    power = 1 << (n.bit_length() - 1)
    body = struct.pack(">HHHH", n, 6 * power, power.bit_length() - 1, 6 * (n - power)) + \
        b"".join(struct.pack(">HHh", l, r, v) for (l, r), v in sorted(pairs.items()))
    return struct.pack(">HH", 0, 1) + struct.pack(">HHH", 0, 6 + len(body), 0x0001) + body


def _checksum(data: bytes) -> int:
    data += b"\x00" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    """A font file of `tables`, with checksums and head.checkSumAdjustment set."""
    tags = sorted(tables)
    n = len(tags)
    power = 1 << (n.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, n, 16 * power, power.bit_length() - 1,
                         16 * (n - power))
    offset = 12 + 16 * n
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\x00" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[:tags.index(b"head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
