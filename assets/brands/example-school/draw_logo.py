"""Draw the example school profile's logo (logo.png): an open book and the word «ПРИМЕР»,
3:1 wide, on a transparent background. Neutral art of the project.

Run from this folder: python draw_logo.py  (Pillow only; the output is committed).
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

W, H, SCALE = 600, 200, 4
TEAL, TERRACOTTA = (29, 92, 99, 255), (209, 96, 61, 255)
FONT = Path(__file__).resolve().parents[3] / "sferum_deck" / "fonts" / "LiberationSans-Bold.ttf"


def draw() -> Image.Image:
    w, h = W * SCALE, H * SCALE
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, top, bottom = h * 0.5, h * 0.2, h * 0.82  # the book, two pages
    d.polygon([(cx, top + h * 0.08), (h * 0.08, top), (h * 0.08, bottom - h * 0.08), (cx, bottom)],
              fill=TEAL)
    d.polygon([(cx, top + h * 0.08), (h * 0.92, top), (h * 0.92, bottom - h * 0.08), (cx, bottom)],
              fill=TERRACOTTA)
    font = ImageFont.truetype(str(FONT), int(h * 0.42))
    d.text((h * 1.08, h * 0.5), "ПРИМЕР", font=font, fill=TEAL, anchor="lm")
    return img.resize((W, H), Image.LANCZOS)


if __name__ == "__main__":
    draw().save("logo.png", optimize=True)
