"""Images through Pillow: any common format in (a file or bytes), a right-sized PNG out
(no python-pptx)."""
from __future__ import annotations

import io
import os
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError, Problem
from ..model import Upload, record
from .load import display

MAX_SIDE = 800  # px: a logo is never shown larger than ~2.8 in, this is ~290 dpi there
PICTURE_MAX_SIDE = 1600  # px: a topic's picture fills at most a 16:9 slide shown 1920 px wide
PT_PER_PX = 0.75  # a pixel at 96 dpi: a picture is never shown larger than this per pixel
MAX_PIXELS = 80_000_000  # a 10000 x 8000 picture; bigger ones are refused before decoding
FORMATS = "PNG, JPEG, GIF, WebP, BMP, TIFF"
TOO_BIG = "слишком большой (больше 80 миллионов точек); уменьшите рисунок до 4000 точек по " \
    "большей стороне"


@record
class Image(NamedTuple):
    png: bytes
    width: int
    height: int


class BadImage(ValueError):
    """Why a file is not a usable picture; the message continues «файл «name» ...»."""


def load_image(source: Path | Upload, max_side: int = MAX_SIDE) -> Image:
    """The picture in `source` (a file, or bytes given in memory) as PNG bytes: EXIF
    rotation applied, colours converted to RGB(A), downscaled to `max_side`; InputError
    naming the file when it is not a readable image. Cached by the file's path,
    modification time and size (a replaced logo is read again), an upload by its bytes."""
    if isinstance(source, Upload):
        return _cached(source, 0, 0, max_side)
    try:
        stat = os.stat(source)
    except (OSError, ValueError):
        stat = None
    key = (stat.st_mtime_ns, stat.st_size) if stat else (0, -1)
    return _cached(str(source), *key, max_side)


@lru_cache(maxsize=32)
def _cached(source: str | Upload, mtime: int, size: int, max_side: int) -> Image:
    try:
        return read_image(source, max_side)
    except BadImage as exc:
        name = source.name if isinstance(source, Upload) else display(source)
        raise InputError([Problem(name, "", f"файл {exc}")]) from None


def read_image(source: Path | Upload, max_side: int) -> Image:
    """The picture in `source`, right-sized; BadImage when it cannot be used."""
    from PIL import Image as PILImage
    if isinstance(source, Upload):
        data, suffix = source.data, source.suffix
    else:
        path = Path(source)
        try:
            data, suffix = path.read_bytes(), path.suffix
        except FileNotFoundError:
            raise BadImage("не найден") from None
        except OSError as exc:
            raise BadImage(f"не читается ({exc.strerror})") from None
    head = data[:512]
    if not head:
        raise BadImage(f"пустой (0 байт); нужен рисунок {FORMATS}")
    if _is_svg(suffix, head):
        raise BadImage("в формате SVG, а SVG не поддерживается; сохраните логотип в PNG "
                       "(например, в Inkscape: «Файл → Экспорт PNG») и укажите PNG-файл")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as img:
                _refuse_huge(img)
                if _usable_as_is(img, max_side):
                    img.verify()  # a truncated or corrupt file fails here
                    return Image(data, img.width, img.height)
            from PIL import ImageOps  # only for pictures that need converting
            with PILImage.open(io.BytesIO(data)) as img:
                img.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale
                img = ImageOps.exif_transpose(img)
                img.load()
    except BadImage:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise BadImage(TOO_BIG) from None
    except Exception:  # Pillow raises many kinds for broken files; all mean the same here
        raise BadImage(f"повреждён или не является рисунком; подойдут {FORMATS}") from None
    img = _rgba(img)
    img.thumbnail((max_side, max_side), PILImage.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    return Image(out.getvalue(), img.width, img.height)


def _usable_as_is(img, max_side: int) -> bool:
    """A PNG that needs no conversion or downscaling goes into the deck unchanged (an EXIF
    orientation in a PNG is ignored, as browsers and PowerPoint ignore it)."""
    return img.format == "PNG" and img.mode in ("RGB", "RGBA") and max(img.size) <= max_side


def _is_svg(suffix: str, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return suffix.lower() in (".svg", ".svgz") or text.startswith(b"<svg") or \
        (text.startswith(b"<?xml") and b"<svg" in text)


def _refuse_huge(img) -> None:
    width, height = img.size
    if width * height > MAX_PIXELS:
        raise BadImage(TOO_BIG)


def _rgba(img):
    """RGB or RGBA, whatever the mode (CMYK, palette with transparency, 16-bit, greyscale)."""
    if img.mode in ("RGB", "RGBA"):
        return img
    if img.mode.startswith("I") or img.mode == "F":  # 16/32-bit greyscale: scale to 8 bits
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if "transparency" in img.info or img.mode in ("LA", "PA", "La", "RGBa"):
        return img.convert("RGBA")
    return img.convert("RGB")
