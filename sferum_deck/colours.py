"""Readable colours for any brand or template: every text/background pair the deck draws,
checked with the WCAG 2.1 contrast ratio and replaced by the nearest readable shade. Pure.

The pairs (text on what lies behind it):
  titles and agenda numbers      on the title and body backdrops
  body text, cover lines         on the body and cover backdrops
  text on cards (answers, link captions)               on the card colour
  numbers in circles (steps), the question mark        on the primary colour
  link labels, QR captions       on cards and on the page
  footer and slide number        on the footer backdrop
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .model import BLACK, WHITE, Backdrops, Brand, Colour, Deck

TEXT_NEED = 4.5    # WCAG 2.1 AA for text of any size we draw
ENHANCED = 7.0     # WCAG 2.1 AAA: what a replaced colour aims for (a dim projector)
MARK_NEED = 3.0    # non-text marks that carry meaning (bullets)
CARD_TINT = 0.08   # a card is the page moved this far towards the primary colour
STEPS = 40


@dataclass(frozen=True)
class Colours:
    """Text and fill colours, each checked for contrast against what lies behind it."""

    background: Colour  # the page (for a picture background, its average colour)
    primary: Colour
    accent: Colour
    card: Colour
    title: Colour
    body: Colour
    on_card: Colour
    on_primary: Colour
    link: Colour
    muted: Colour
    label: Colour        # agenda numbers (the title colour, on the body backdrop)
    cover_title: Colour
    cover_body: Colour
    bullet: Colour       # bullet marks on the body backdrop


def worst_contrast(colour: Colour, behind: Sequence[Colour]) -> float:
    """The lowest contrast of `colour` against any of the colours `behind`."""
    return min(colour.contrast(b) for b in behind)


def readable(preferred: Colour, behind: Colour | Sequence[Colour], need: float) -> Colour:
    """`preferred` if it reaches the contrast `need` on every colour `behind`, else the
    nearest shade of it (mixed towards black or white) that does; when none does (a busy
    picture), the shade with the best worst-case contrast."""
    behind = (behind,) if isinstance(behind, Colour) else tuple(behind)
    best = preferred
    for step in range(STEPS + 1):
        shades = [preferred.mix(target, step / STEPS) for target in (BLACK, WHITE)]
        top = max(shades, key=lambda c: worst_contrast(c, behind))
        if worst_contrast(top, behind) >= need:
            return top
        if worst_contrast(top, behind) > worst_contrast(best, behind):
            best = top
    return best


class _Audit:
    """Chooses readable colours and words a warning for each brand colour it replaced."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def __call__(self, role: str, colour: Colour, behind: Sequence[Colour],
                 need: float = TEXT_NEED, quiet: bool = False) -> Colour:
        chosen = readable(colour, behind, need)
        if chosen != colour:  # replaced anyway: go for the enhanced level when it exists
            better = readable(colour, behind, ENHANCED)
            chosen = better if worst_contrast(better, behind) >= ENHANCED else chosen
        if chosen != colour and not quiet:
            worst = min(behind, key=colour.contrast)
            reached = worst_contrast(chosen, behind)
            result = (f"заменён на {chosen} ({reached:.1f}:1)" if reached >= need else
                      f"лучший возможный цвет {chosen} даёт только {reached:.1f}:1")
            self.warnings.append(f"{role}: {colour} на {worst} — контраст "
                                 f"{colour.contrast(worst):.1f}:1 (нужно {need:g}:1), {result}")
        return chosen


def colours_for(deck: Deck) -> tuple[Colours, list[str]]:
    """The deck's colours and a warning for each brand or template colour that had to be
    replaced because text in it would be hard to read."""
    brand, template = deck.brand, deck.template
    p = brand.palette
    backdrops = template.backdrops if template else Backdrops.plain(p.background)
    prefer = template.text if template else _brand_text(brand)
    audit = _Audit()
    page = p.background
    card = page.mix(p.primary, CARD_TINT)
    title = audit("цвет заголовков", prefer.title[0], backdrops.title)
    body = audit("цвет текста", prefer.body[0], backdrops.body)
    link_preferred = template.link if template else readable(title, (card, page), TEXT_NEED)
    return Colours(
        background=page, primary=p.primary, accent=p.accent, card=card,
        title=title, body=body,
        on_card=audit("текст на карточках", body, (card,)),
        on_primary=audit("цифры в кругах основного цвета", WHITE, (p.primary,)),
        link=audit("цвет ссылок", link_preferred, (card, page) + backdrops.body),
        muted=audit("колонтитул и номер слайда", prefer.footer[0], backdrops.footer,
                    quiet=template is None),
        label=audit("номера в плане встречи", title, backdrops.body, quiet=template is None),
        cover_title=audit("заголовок титульного слайда", prefer.cover_title[0],
                          backdrops.cover_title, quiet=template is None),
        cover_body=audit("текст титульного слайда", prefer.cover_body[0],
                         backdrops.cover_body, quiet=template is None),
        bullet=readable(p.accent, backdrops.body, MARK_NEED),
    ), audit.warnings


def _brand_text(brand: Brand) -> Backdrops:
    """The text colours a brand profile asks for, by kind of text."""
    p = brand.palette
    return Backdrops((p.primary,), (p.text,), (p.primary,), (p.text,),
                     (p.text.mix(p.background, 0.35),))
