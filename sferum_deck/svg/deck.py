"""A whole planned deck -> SVG documents: the fonts and the logo prepared once, then
every slide drawn (slides.py)."""
from __future__ import annotations

from ..inputs.images import load_image
from ..model import Deck
from ..plan.records import Block, DeckPlan
from ..inputs.resources import FONTS
from .fonts import face
from .slides import Logo, Sheet, data_uri, draw_slide, font_file, text_blocks

BULLET_FILE = str(FONTS / "LiberationSans-Regular.ttf")  # bullets are set in Arial


def draw_deck(planned: DeckPlan, deck: Deck) -> list[str]:
    """One SVG document (a string) for each planned slide, in order."""
    sheet = sheet_for(planned, deck)
    return [draw_slide(sheet, slide) for slide in planned.slides]


def sheet_for(planned: DeckPlan, deck: Deck) -> "Sheet":
    """What every slide of the deck is drawn with: the embedded faces of the characters
    each font file shows, the logo, the font files by name."""
    brand = deck.brand
    files = {}
    for font in (brand.body_font, brand.heading_font):
        files.setdefault((font.name, False), str(font.regular))
        files.setdefault((font.name, True), str(font.bold))
    sheet = Sheet(planned, deck, {}, "", _logo(deck), files, BULLET_FILE)
    chars: dict[tuple[str, bool], set[str]] = {}
    for slide in planned.slides:
        for block, _ in text_blocks(slide):
            _chars_of(sheet, block, chars)
        if slide.footer is not None:
            chars.setdefault((font_file(sheet, slide.footer, False), False), set()).update(
                str(slide.number))
    faces = {key: face(key[0], frozenset(found), key[1]) for key, found in chars.items()}
    css = "".join(dict.fromkeys(f.css for f in faces.values() if f.css))
    return sheet._replace(faces=faces, css=css)


def _chars_of(sheet: Sheet, block: Block, chars: dict) -> None:
    text = set("".join(p.text for p in block.paras))
    chars.setdefault((font_file(sheet, block, block.bold), block.bold), set()).update(text)
    labels = "".join(p.label for p in block.paras)
    if labels:
        chars.setdefault((font_file(sheet, block, True), True), set()).update(labels)
    if any(p.bullet == "dot" for p in block.paras):
        chars.setdefault((sheet.bullet_file, False), set()).add("•")


def _logo(deck: Deck) -> Logo | None:
    if not deck.brand.logo:
        return None
    image = load_image(deck.brand.logo)
    return Logo(data_uri(image.png), image.width, image.height)
