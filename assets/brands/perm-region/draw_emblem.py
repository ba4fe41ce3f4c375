"""Draw the example region profile's emblem (emblem.png): a river under a hill and a fir,
in a circle. Neutral art of the project, not a coat of arms.

Run from this folder: python draw_emblem.py  (Pillow only; the output is committed).
"""
from PIL import Image, ImageDraw

SIZE, SCALE = 512, 4  # drawn at 4x and downsampled for smooth edges
TEAL, GOLD, WHITE = (29, 92, 99, 255), (233, 180, 76, 255), (255, 255, 255, 255)


def draw() -> Image.Image:
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = s * 0.03
    d.ellipse([pad, pad, s - pad, s - pad], fill=TEAL)
    d.ellipse([s * 0.2, s * 0.42, s * 1.0, s * 1.2], fill=GOLD)  # the hill
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).ellipse([pad, pad, s - pad, s - pad], fill=255)
    for k in range(3):  # fir: three tiers
        top, bottom, half = s * (0.22 + 0.1 * k), s * (0.42 + 0.1 * k), s * (0.08 + 0.035 * k)
        d.polygon([(s * 0.36, top), (s * 0.36 - half, bottom), (s * 0.36 + half, bottom)],
                  fill=WHITE)
    d.rectangle([s * 0.34, s * 0.62, s * 0.38, s * 0.7], fill=WHITE)
    w = int(s * 0.035)
    for k in range(3):  # the river: three waves
        y = s * (0.72 + 0.075 * k)
        points = [(s * (0.1 + 0.1 * i), y + (s * 0.025 if i % 2 else -s * 0.025)) for i in range(9)]
        d.line(points, fill=WHITE, width=w, joint="curve")
    img.putalpha(Image.composite(img.getchannel("A"), mask, mask))
    return img.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    draw().save("emblem.png", optimize=True)
