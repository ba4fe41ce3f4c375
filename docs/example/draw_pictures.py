"""Draw the example deck's pictures (our own art, no screenshots of anyone's app):
`python docs/example/draw_pictures.py` writes docs/example/slides/pictures/*.png."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parents[1] / "sferum_deck" / "fonts"
BLUE, LIGHT, PALE, ORANGE, INK = "#1F4E79", "#DCE6F0", "#F3F7FB", "#E07A1F", "#1F2933"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def chat_window(width: int = 1200, height: int = 760) -> Image.Image:
    """A class chat drawn as a plain window: a title bar, three messages, the field to
    type in and, ringed, the «Пригласить» button at the lower right."""
    im = Image.new("RGB", (width, height), PALE)
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((40, 40, width - 40, height - 40), 28, fill="white", outline=BLUE, width=4)
    d.rounded_rectangle((40, 40, width - 40, 140), 28, fill=BLUE)
    d.rectangle((40, 100, width - 40, 140), fill=BLUE)
    d.text((90, 68), "5А — чат класса", font=font(40, True), fill="white")
    messages = [("Классный руководитель", "Добрый вечер! Собрание в четверг в 18:30."),
                ("Мама Ани", "Спасибо, будем."),
                ("Классный руководитель", "Пригласите, пожалуйста, второго родителя.")]
    y = 180
    for who, text in messages:
        d.rounded_rectangle((90, y, 860, y + 110), 22, fill=LIGHT)
        d.text((120, y + 14), who, font=font(26, True), fill=BLUE)
        d.text((120, y + 56), text, font=font(30), fill=INK)
        y += 140
    d.rounded_rectangle((90, height - 150, width - 380, height - 80), 35, fill=PALE,
                        outline=LIGHT, width=3)
    d.text((130, height - 132), "Сообщение…", font=font(30), fill="#6B7785")
    button = (width - 340, height - 160, width - 90, height - 70)
    d.rounded_rectangle((button[0] - 14, button[1] - 14, button[2] + 14, button[3] + 14), 58,
                        outline=ORANGE, width=8)
    d.rounded_rectangle(button, 45, fill=BLUE)
    d.text(((button[0] + button[2]) // 2, (button[1] + button[3]) // 2), "Пригласить",
           font=font(34, True), fill="white", anchor="mm")
    return im


def main() -> None:
    out = HERE / "slides" / "pictures"
    out.mkdir(parents=True, exist_ok=True)
    chat_window().save(out / "class-chat.png", optimize=True)


if __name__ == "__main__":
    main()
