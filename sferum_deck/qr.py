"""Web address -> QR code PNG: segno (a small, pure-Python, well-kept encoder) computes the
modules, Pillow draws them (much faster than a pure-Python PNG writer)."""
from __future__ import annotations

import io
from functools import lru_cache

SCALE = 8     # pixels per module: crisp on a projector and in print
BORDER = 4    # the quiet zone the QR standard asks for, in modules
MASK = 2      # any of the eight masks is valid for every reader; letting segno try all eight
              # (pure Python) costs ~10 ms a code, a tenth of the whole build for six codes


@lru_cache(maxsize=256)
def qr_png(address: str) -> bytes:
    """A black-on-white QR code of `address` with its quiet zone, as PNG bytes."""
    import segno
    from PIL import Image
    matrix = segno.make(address, error="m", micro=False, mask=MASK).matrix
    side = len(matrix) + 2 * BORDER
    pad = bytes(BORDER)
    rows = [bytes(side)] * BORDER + [pad + bytes(row) + pad for row in matrix] + \
        [bytes(side)] * BORDER
    img = Image.frombytes("L", (side, side), b"".join(rows)).point(lambda v: 0 if v else 255)
    out = io.BytesIO()
    img.resize((side * SCALE, side * SCALE), Image.NEAREST).convert("1").save(out, "PNG")
    return out.getvalue()
