"""Draw the project's own default emblem (emblem.png): a sphere with meridians in a speech bubble.

Run from this folder: python draw_emblem.py  (Pillow only; the output is committed).
"""
from PIL import Image, ImageDraw

SIZE, SCALE = 512, 4  # drawn at 4x and downsampled for smooth edges
PRIMARY, ACCENT, WHITE = (31, 78, 121, 255), (244, 162, 89, 255), (255, 255, 255, 255)


def draw() -> Image.Image:
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad, r = s * 0.04, s * 0.2
    d.rounded_rectangle([pad, pad, s - pad, s * 0.86], radius=r, fill=PRIMARY)
    d.polygon([(s * 0.22, s * 0.80), (s * 0.22, s - pad), (s * 0.42, s * 0.80)], fill=PRIMARY)
    cx, cy, rad, w = s / 2, s * 0.45, s * 0.27, int(s * 0.028)
    d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], outline=WHITE, width=w)
    for k in (0.45, 0.82):  # meridians
        d.ellipse([cx - rad * k, cy - rad, cx + rad * k, cy + rad], outline=WHITE, width=w)
    for k in (-0.5, 0, 0.5):  # parallels
        y, half = cy + rad * k, rad * (1 - k * k) ** 0.5
        d.line([cx - half, y, cx + half, y], fill=WHITE, width=w)
    dot = s * 0.085
    d.ellipse([s * 0.74 - dot, s * 0.2 - dot, s * 0.74 + dot, s * 0.2 + dot], fill=ACCENT,
              outline=WHITE, width=w)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    draw().save("emblem.png", optimize=True)
