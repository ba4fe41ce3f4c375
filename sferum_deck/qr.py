"""Web address -> QR code PNG: segno (a small, pure-Python, well-kept encoder) computes the
modules; the PNG is written directly, one byte per module (8 pixels at 1 bit a pixel)."""
from __future__ import annotations

import struct
import zlib
from functools import lru_cache

SCALE = 8     # pixels per module: crisp on a projector and in print; one byte of a 1-bit row
BORDER = 4    # the quiet zone the QR standard asks for, in modules
MASK = 2      # any of the eight masks is valid for every reader; letting segno try all eight
              # (pure Python) costs ~10 ms a code, a tenth of the whole build for six codes
DARK, LIGHT = b"\x00", b"\xff"  # eight black or eight white pixels of a grey 1-bit image


@lru_cache(maxsize=256)
def qr_png(address: str) -> bytes:
    """A black-on-white QR code of `address` with its quiet zone, as PNG bytes."""
    import segno
    matrix = segno.make(address, error="m", micro=False, mask=MASK).matrix
    side = len(matrix) + 2 * BORDER
    quiet = LIGHT * BORDER
    blank = b"\x00" + LIGHT * side  # each row starts with its filter type, 0 (none)
    rows = [blank] * (BORDER * SCALE)
    for modules in matrix:
        row = b"\x00" + quiet + b"".join(DARK if m else LIGHT for m in modules) + quiet
        rows += [row] * SCALE
    rows += [blank] * (BORDER * SCALE)
    pixels = side * SCALE
    header = struct.pack(">IIBBBBB", pixels, pixels, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) +
            _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + \
        struct.pack(">I", zlib.crc32(kind + data))
