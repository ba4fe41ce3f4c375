"""Web address -> QR code PNG (segno: a small, pure-Python, well-kept QR encoder)."""
from __future__ import annotations

import io
from functools import lru_cache

SCALE = 10    # pixels per module: crisp on a projector and in print
BORDER = 4    # the quiet zone the QR standard asks for, in modules


@lru_cache(maxsize=256)
def qr_png(address: str) -> bytes:
    """A black-on-white QR code of `address` with its quiet zone, as PNG bytes."""
    import segno
    out = io.BytesIO()
    segno.make(address, error="m", micro=False).save(out, kind="png", scale=SCALE,
                                                      border=BORDER)
    return out.getvalue()
