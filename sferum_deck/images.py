"""Images through Pillow: any common format in, a right-sized PNG out (no python-pptx)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError, Problem
from .load import display

MAX_SIDE = 800  # px: a logo is never shown larger than ~2.8 in, this is ~290 dpi there


@dataclass(frozen=True)
class Image:
    png: bytes
    width: int
    height: int


@lru_cache(maxsize=32)
def load_image(path: Path, max_side: int = MAX_SIDE) -> Image:
    """The picture at `path` as PNG bytes: EXIF rotation applied, colours converted to RGB(A),
    downscaled to `max_side`; InputError naming the file when it is not a readable image."""
    from PIL import Image as PILImage, ImageOps, UnidentifiedImageError
    try:
        with PILImage.open(path) as img:
            if _usable_as_is(img, max_side):
                img.verify()  # a truncated or corrupt file fails here
                return Image(Path(path).read_bytes(), img.width, img.height)
        with PILImage.open(path) as img:
            img = ImageOps.exif_transpose(img)
            img.load()
    except FileNotFoundError:
        raise InputError([Problem(display(path), "", "файл изображения не найден")]) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise InputError([Problem(display(path), "", "файл не является изображением или "
                                  "повреждён (подойдут PNG, JPEG, GIF, WebP, BMP, TIFF)")]) \
            from None
    img = _rgba(img)
    img.thumbnail((max_side, max_side), PILImage.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    return Image(out.getvalue(), img.width, img.height)


def _usable_as_is(img, max_side: int) -> bool:
    """A PNG that needs no conversion or downscaling goes into the deck unchanged (an EXIF
    orientation in a PNG is ignored, as browsers and PowerPoint ignore it)."""
    return img.format == "PNG" and img.mode in ("RGB", "RGBA") and max(img.size) <= max_side


def _rgba(img):
    """RGB or RGBA, whatever the mode (CMYK, palette with transparency, 16-bit, greyscale)."""
    if img.mode in ("RGB", "RGBA"):
        return img
    if img.mode == "P" and "transparency" in img.info or img.mode in ("LA", "PA"):
        return img.convert("RGBA")
    if img.mode.startswith("I;16") or img.mode == "I":
        return img.point(lambda v: v / 256).convert("L").convert("RGB")
    return img.convert("RGB")
