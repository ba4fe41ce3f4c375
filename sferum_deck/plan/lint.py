"""What a teacher should hear about the texts of the topics before showing the deck: bold
markers never closed, and characters that no font of the deck can draw. Pure.

Missing glyphs are reported rather than drawn in a fallback font of our own: a fallback
(an emoji font) would have to be installed on every computer that shows the deck, its
colour glyphs are drawn differently by PowerPoint, LibreOffice and Р7, and no font file we
could measure them with is the one the viewer's computer would use."""
from __future__ import annotations

import unicodedata

from ..model import Topic
from . import emphasis
from . import fit as fitting
from .records import Context

LISTED = 4  # characters named in one warning


def topic_warnings(ctx: Context, topic: Topic) -> list[str]:
    """Warnings about the slide texts of `topic`, each naming the file:line and field."""
    out = []
    for where, field, text in topic.texts:
        if emphasis.unbalanced(text):
            out.append(f"{where} {field}: непарные звёздочки «**»: выделяемые полужирным "
                       "слова пишут между двумя парами звёздочек, **вот так**; лишние "
                       "звёздочки на слайде не показаны")
        missing = missing_glyphs(ctx, field, text)
        if missing:
            font = ctx.deck.brand.heading_font if _is_title(field) else ctx.deck.brand.body_font
            named = ", ".join(f"«{c}» ({unicodedata.name(c, 'без названия')}, "
                              f"U+{ord(c):04X})" for c in missing[:LISTED])
            more = f" и ещё {len(missing) - LISTED}" if len(missing) > LISTED else ""
            one = len(missing) == 1
            out.append(f"{where} {field}: в шрифте {font.name} нет "
                       f"{'символа' if one else 'символов'} {named}{more}: в LibreOffice и на "
                       f"многих компьютерах вместо {'него будет пустой квадратик' if one else 'них будут пустые квадратики'}; "
                       f"замените {'его словом' if one else 'их словами'} (например, «Важно:», "
                       "«Да», «Нет») или уберите")
    return out


def missing_glyphs(ctx: Context, field: str, text: str) -> list[str]:
    """The characters of `text` (each once, in order) that the font drawing it has no
    glyph for; marks that take no room (joiners, variation selectors) do not count."""
    found: dict[str, None] = {}
    for part, bold in emphasis.spans(text):
        path = ctx.heading_file if _is_title(field) else ctx.bold_file if bold else ctx.body_file
        font = fitting.metrics(path)
        if font is None:  # a font we cannot read that way: nothing to say
            continue
        for c in part:
            if c not in found and not c.isspace() and \
                    unicodedata.category(c) not in fitting.ZERO_WIDTH and not font.glyph(ord(c)):
                found[c] = None
    return list(found)


def _is_title(field: str) -> bool:
    return field == "title"
