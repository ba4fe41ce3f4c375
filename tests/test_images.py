"""Logos in every common format, made with Pillow in tmp_path, go through a real build with a
brand profile (a brand.yaml in a folder passed with --brand) and come out right-sized PNGs:
rotated by EXIF, transparent where they were, in RGB, never bigger than the slide needs."""
from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sferum_deck.inputs.images import MAX_SIDE

RED, BLUE = (220, 20, 20), (20, 40, 200)


def two_halves(mode: str = "RGB", size=(240, 120)) -> Image.Image:
    """Red left half, blue right half: orientation and colours can be checked after."""
    img = Image.new("RGB", size, RED)
    img.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return img.convert(mode) if mode != "RGB" else img


def with_transparent_corner(img: Image.Image) -> Image.Image:
    rgba = img.convert("RGBA")
    rgba.paste((0, 0, 0, 0), (0, 0, 20, 20))
    return rgba


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + \
        struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png16_rgba(width: int, height: int) -> bytes:
    """A 16-bit-per-channel RGBA PNG (Pillow cannot write one): red, with a transparent
    top-left 20 x 20 square."""
    rows = b""
    for y in range(height):
        row = b"".join(struct.pack(">HHHH", 56000, 5000, 5000, 0 if x < 20 and y < 20 else 65535)
                       for x in range(width))
        rows += b"\x00" + row
    header = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) \
        + chunk(b"IEND", b"")


def save(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def exif_rotated() -> bytes:
    """A 240 x 120 JPEG whose EXIF says «rotate 90° clockwise to show» (orientation 6)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return save(two_halves(), "JPEG", quality=95, exif=exif.tobytes())


def palette_transparent() -> bytes:
    """A palette PNG whose top-left colour index is marked transparent (tRNS)."""
    img = with_transparent_corner(two_halves()).quantize(colors=8)
    return save(img, "PNG", transparency=img.getpixel((0, 0)))


def grey16() -> bytes:
    img = Image.new("I;16", (240, 120))
    img.putdata([(x * 65535) // 239 for _y in range(120) for x in range(240)])
    return save(img, "PNG")


LOGOS = {
    "logo.png": lambda: save(with_transparent_corner(two_halves()), "PNG"),
    "logo.jpg": lambda: save(two_halves(), "JPEG", quality=95),
    "rotated.jpg": exif_rotated,
    "logo.gif": lambda: save(two_halves("P"), "GIF"),
    "logo.webp": lambda: save(two_halves(), "WEBP", lossless=True),
    "logo.bmp": lambda: save(two_halves(), "BMP"),
    "logo.tiff": lambda: save(two_halves(), "TIFF"),
    "cmyk.jpg": lambda: save(two_halves("CMYK"), "JPEG", quality=95),
    "palette.png": palette_transparent,
    "grey16.png": grey16,
    "rgba16.png": lambda: png16_rgba(240, 120),
}


def brand_with_logo(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "brand.yaml").write_text(f"name: Школа\nlogo: {name}\n", encoding="utf-8")
    return folder


def built_logo(tmp_path: Path, brand: Path) -> tuple[Image.Image, Path]:
    """Build a one-topic deck with the brand; the logo picture on its master, as Pillow sees it."""
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "--brand", str(brand), "--only", "why-sferum", "-o", str(out))
    assert result.exit_code == 0, result.output
    master = Presentation(out).slide_master
    logos = [sh for sh in master.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(logos) == 1
    return Image.open(io.BytesIO(logos[0].image.blob)), out


@pytest.mark.parametrize("name", LOGOS)
def test_logo_formats_work(tmp_path, name):
    brand = brand_with_logo(tmp_path / "brand", name, LOGOS[name]())
    logo, _ = built_logo(tmp_path, brand)
    assert logo.format == "PNG" and logo.mode in ("RGB", "RGBA")
    rgb = logo.convert("RGBA")
    if name == "rotated.jpg":  # shown upright: tall, red on top (the left half turned)
        assert logo.size == (120, 240)
        top, bottom = rgb.getpixel((60, 40)), rgb.getpixel((60, 200))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
        return
    if name == "grey16.png":  # a 16-bit grey ramp stays a ramp, dark to light
        assert logo.size == (240, 120)
        assert rgb.getpixel((2, 60))[0] < 10 and rgb.getpixel((237, 60))[0] > 245
        return
    assert logo.size == (240, 120)
    if name in ("logo.png", "palette.png", "rgba16.png"):  # transparency kept
        assert logo.mode == "RGBA" and rgb.getpixel((5, 5))[3] == 0
        assert rgb.getpixel((60, 60))[3] == 255
    red = rgb.getpixel((60, 60))
    assert red[0] > 150 and red[1] < 90 and red[2] < 90, red
    if name != "rgba16.png":
        blue = rgb.getpixel((180, 60))
        assert blue[2] > 150 and blue[0] < 90, blue


def test_a_30_mb_photo_does_not_make_a_big_deck(tmp_path):
    photo = Image.frombytes("RGB", (5000, 3500), os.urandom(5000 * 3500 * 3))  # noise: worst case
    data = save(photo, "JPEG", quality=100)
    assert len(data) > 30 * 1024 * 1024
    brand = brand_with_logo(tmp_path / "brand", "photo.jpg", data)
    logo, deck = built_logo(tmp_path, brand)
    assert max(logo.size) == MAX_SIDE and logo.size == (800, 560)
    assert deck.stat().st_size < 2 * 1024 * 1024


@pytest.mark.parametrize("side", [60000, 9000])
def test_a_picture_bomb_is_refused_before_decoding(tmp_path, side):
    """PNGs that claim 60000 x 60000 pixels (past Pillow's own limit) or 9000 x 9000 (past
    ours) in a few bytes."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")
    brand_with_logo(tmp_path / "brand", "bomb.png", bomb)
    result = run_cli("check", "--brand", "brand", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: ошибка во входных данных:\n"
        "  brand/brand.yaml:2 logo: файл «bomb.png» слишком большой (больше 80 миллионов "
        "точек); уменьшите рисунок до 4000 точек по большей стороне\n")


def test_a_logo_replaced_on_disk_is_read_again(tmp_path):
    from PIL import Image as PILImage

    from sferum_deck.inputs.images import load_image
    logo = tmp_path / "logo.png"
    PILImage.new("RGB", (40, 20), "red").save(logo)
    assert (load_image(logo).width, load_image(logo).height) == (40, 20)
    PILImage.new("RGB", (30, 90), "blue").save(logo)
    assert (load_image(logo).width, load_image(logo).height) == (30, 90)
