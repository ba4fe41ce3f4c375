"""A whole planned deck -> SVG documents: the fonts and the logo prepared once, then
every slide drawn (slides.py)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from ..inputs.images import load_image
from ..inputs.resources import FONTS
from ..model import Deck, Upload
from ..plan.records import Block, DeckPlan
from .fonts import face
from .slides import Logo, Sheet, data_uri, draw_slide, font_file, text_blocks

BULLET_FILE = str(FONTS / "LiberationSans-Regular.ttf")  # bullets are set in Arial
LOGO_PX = 512  # the default emblem is this size: embedded as it is, no time spent
BULLET = frozenset("•")


def draw_deck(planned: DeckPlan, deck: Deck) -> list[str]:
    """One SVG document (a string) for each planned slide, in order."""
    sheet = sheet_for(planned, deck)
    return [draw_slide(sheet, slide) for slide in planned.slides]


def draw_slides(planned: DeckPlan, deck: Deck, numbers) -> list[str]:
    """The SVG documents of the slides numbered `numbers` alone, in order (the slides of
    a topic a teacher has just changed)."""
    sheet = sheet_for(planned, deck)
    wanted = set(numbers)
    return [draw_slide(sheet, slide) for slide in planned.slides if slide.number in wanted]


def sheet_for(planned: DeckPlan, deck: Deck) -> "Sheet":
    """What every slide of the deck is drawn with: the embedded faces of the characters
    each font file shows, the logo, the font files by name."""
    brand = deck.brand
    files = {}
    for font in (brand.body_font, brand.heading_font):
        files.setdefault((font.name, False), str(font.regular))
        files.setdefault((font.name, True), str(font.bold))
    sheet = Sheet(planned, deck, {}, "", _logo(deck), files, BULLET_FILE)
    chars: dict[tuple[str, bool], list[frozenset[str]]] = {}
    for slide in planned.slides:
        for block, _ in text_blocks(slide):
            _chars_of(sheet, block, chars)
        if slide.footer is not None:
            chars.setdefault((font_file(sheet, slide.footer, False), False), []).append(
                frozenset(str(slide.number)))
    faces = {key: face(key[0], frozenset().union(*found), key[1])
             for key, found in chars.items()}
    css = "".join(dict.fromkeys(f.css for f in faces.values() if f.css))
    return sheet._replace(faces=faces, css=css)


def _chars_of(sheet: Sheet, block: Block, chars: dict) -> None:
    text, labels, dot = _block_chars(block)
    chars.setdefault((font_file(sheet, block, block.bold), block.bold), []).append(text)
    if labels:
        chars.setdefault((font_file(sheet, block, True), True), []).append(labels)
    if dot:
        chars.setdefault((sheet.bullet_file, False), []).append(BULLET)


@lru_cache(maxsize=4096)
def _block_chars(block: Block) -> tuple[frozenset[str], frozenset[str], bool]:
    """The characters of a block's regular text, of its numbers and bold runs (drawn in
    the bold face), and whether it has bullets."""
    return (frozenset("".join(r.text for p in block.paras for r in p.runs
                              if block.bold or not r.bold)),
            frozenset("".join(p.label for p in block.paras) + "".join(
                r.text for p in block.paras for r in p.runs if r.bold and not block.bold)),
            any(p.bullet in ("dot", "sub") for p in block.paras))


def _logo(deck: Deck) -> Logo | None:
    if not deck.brand.logo:
        return None
    if isinstance(deck.brand.logo, Upload):  # an uploaded logo: keyed by its bytes
        return _web_logo(deck.brand.logo, 0, 0)
    path = Path(deck.brand.logo)
    stat = path.stat()
    return _web_logo(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _web_logo(path: Path | Upload, mtime: int, size: int) -> Logo:
    """The brand's logo for the SVG: at most LOGO_PX on its longer side (it is shown at
    most about 200 pt wide), as a data URI."""
    image = load_image(path)
    png = image.png
    if max(image.width, image.height) > LOGO_PX:
        from PIL import Image
        with Image.open(io.BytesIO(png)) as picture:
            picture.thumbnail((LOGO_PX, LOGO_PX), Image.LANCZOS)
            out = io.BytesIO()
            picture.save(out, "PNG")
            return Logo(data_uri(out.getvalue()), picture.width, picture.height)
    return Logo(data_uri(png), image.width, image.height)
