"""Readable colours for any brand or template: every text/background pair the deck draws,
checked with the WCAG 2.1 contrast ratio and replaced by the nearest readable shade. Pure.

The pairs (text on what lies behind it):
  titles and agenda numbers      on the title and body backdrops
  body text, cover lines         on the body and cover backdrops
  text on cards (answers, link captions)               on the card colour
  text of an important item (a callout)                on the callout tint
  the callout's accent bar, bullets (marks, 3:1)       on the tint, the page and the card
  numbers in circles (steps), the question mark        on the primary colour
  link labels, QR captions       on cards and on the page
  footer, slide number           on the footer and number backdrops
  compare columns: heading, items and the mark (check, cross, dot) on each tone's tint
  check boxes, the quote's rule  on the body backdrop (marks, 3:1)
  a section's title and number   on the primary colour (the band)
  table headers                  on the primary colour (on_primary: white when readable)
  table cells, picture captions  on the page colour (cells are filled with it)
  table rules (a mark)           on the page colour
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Sequence

from ..model import BLACK, TONES, WHITE, Backdrops, Colour, Deck, Palette, Template, record

TEXT_NEED = 4.5    # WCAG 2.1 AA for text of any size we draw
ENHANCED = 7.0     # WCAG 2.1 AAA: what a replaced colour aims for (a dim projector)
MARK_NEED = 3.0    # non-text marks that carry meaning (bullets)
CARD_TINT = 0.08   # a card is the page moved this far towards the primary colour
CALLOUT_TINT = 0.14  # a callout: the page moved this far towards the accent colour
STEPS = 40
TONE_HUES = {"positive": Colour("2E7D32"), "negative": Colour("C62828")}  # green, red;
TONE_TINT = 0.12                                  # neutral takes the primary colour


@record
class Tone(NamedTuple):
    """The colours of a compare column of one tone (model.TONES)."""

    card: Colour     # the column's tint: the page moved towards the tone's hue
    mark: Colour     # the drawn check, cross or dot
    heading: Colour
    text: Colour
RULE_MIX = 0.5     # table rules: the primary colour halfway to the page, darkened as needed


@record
class Colours(NamedTuple):
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
    number: Colour       # the slide number
    label: Colour        # agenda numbers (the title colour, on the body backdrop)
    cover_title: Colour
    cover_body: Colour
    bullet: Colour       # bullet marks on the body backdrop (and on callouts)
    callout: Colour      # the tint behind an important item
    callout_bar: Colour  # its accent bar
    on_callout: Colour   # its text
    panels: tuple[tuple[str, Colour], ...] = ()  # (kind of text, plain fill put under it)
    tones: tuple[tuple[str, Tone], ...] = ()   # compare columns, by tone
    mark: Colour = BLACK  # check boxes, the quote's rule: the primary, 3:1 on the page

    def tone(self, name: str) -> Tone:
        return dict(self.tones)[name]
    on_page: Colour = BLACK    # table cells and captions, on the page colour
    rule: Colour = BLACK       # lines between table rows, on the page colour

    def panel(self, role: str) -> Colour | None:
        """The plain fill put under a kind of text, None when it needs none."""
        return dict(self.panels).get(role)


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
    colours, warnings = _colours(deck.brand.palette, deck.template)
    return colours, list(warnings)


@lru_cache(maxsize=64)  # a batch's schools share a few palettes
def _colours(p: Palette, template: Template | None) -> tuple[Colours, tuple[str, ...]]:
    backdrops = template.backdrops if template else Backdrops.plain(p.background)
    prefer = template.text if template else _brand_text(p)
    audit = _Audit()
    backdrops, panels = _panelled(backdrops, prefer, audit)
    page = panels.get("body", p.background)  # what our own labels and cards stand for
    title = audit("цвет заголовков", prefer.title[0], backdrops.title)
    body = audit("цвет текста", prefer.body[0], backdrops.body)
    card = card_colour(page, p.primary, body)
    callout = card_colour(page, p.accent, body, CALLOUT_TINT)
    link_preferred = template.link if template else readable(title, (card, page), TEXT_NEED)
    return Colours(
        background=page, primary=p.primary, accent=p.accent, card=card,
        title=title, body=body,
        on_card=audit("текст на карточках", body, (card,)),
        on_primary=audit("цифры в кругах основного цвета", WHITE, (p.primary,)),
        link=audit("цвет ссылок", link_preferred, (card, page) + backdrops.body),
        muted=audit("колонтитул", prefer.footer[0], backdrops.footer, quiet=template is None),
        number=audit("номер слайда", prefer.number[0], backdrops.number, quiet=template is None),
        label=audit("номера в плане встречи", _first_readable(
            (title, p.primary, body), backdrops.body), backdrops.body, quiet=template is None),
        cover_title=audit("заголовок титульного слайда", prefer.cover_title[0],
                          backdrops.cover_title, quiet=template is None),
        cover_body=audit("текст титульного слайда", prefer.cover_body[0],
                         backdrops.cover_body, quiet=template is None),
        bullet=readable(p.accent, backdrops.body + (callout,), MARK_NEED),
        callout=callout,
        callout_bar=readable(p.accent, (callout, page, card), MARK_NEED),
        on_callout=audit("текст важных пунктов на плашке", body, (callout,)),
        panels=tuple(panels.items()),
        tones=tuple((name, _tone(page, TONE_HUES.get(name, p.primary), title, body))
                    for name in TONES),
        mark=readable(p.primary, (page,) + backdrops.body, MARK_NEED),
        on_page=audit("текст таблиц и подписи рисунков", body, (page,), quiet=True),
        rule=readable(p.primary.mix(page, RULE_MIX), (page,), MARK_NEED),
    ), tuple(audit.warnings)


def _tone(page: Colour, hue: Colour, heading: Colour, text: Colour) -> Tone:
    """A tone's tint and the readable colours on it: its mark in the hue itself (4.5:1, a
    mark that also carries the column's meaning), heading and items in the deck's colours."""
    card = card_colour(page, hue, text, TONE_TINT)
    return Tone(card, readable(hue, card, TEXT_NEED), readable(heading, card, TEXT_NEED),
                readable(text, card, TEXT_NEED))


def card_colour(page: Colour, primary: Colour, text: Colour, tint: float = CARD_TINT) -> Colour:
    """A card: the page tinted towards the primary colour, or, when that tint would take
    contrast from the text on it, lightened or darkened away from the text instead."""
    tinted = page.mix(primary, tint)
    if text.contrast(tinted) >= min(TEXT_NEED, text.contrast(page)):
        return tinted
    return page.mix(WHITE if text.luminance() < page.luminance() else BLACK, tint)


def _first_readable(colours: tuple[Colour, ...], behind: tuple[Colour, ...]) -> Colour:
    """The first of `colours` readable on `behind` as it is, else the first."""
    return next((c for c in colours if worst_contrast(c, behind) >= TEXT_NEED), colours[0])


ROLE_NAMES = {"title": "заголовками", "body": "текстом", "cover_title": "заголовком "
              "титульного слайда", "cover_body": "текстом титульного слайда",
              "footer": "колонтитулом", "number": "номером слайда"}


def _panelled(backdrops: Backdrops, prefer: Backdrops,
              audit: _Audit) -> tuple[Backdrops, dict[str, Colour]]:
    """Backdrops on which some text colour is readable: where no colour reads on all that
    lies behind a kind of text (a busy picture, shapes of many colours), a plain panel of
    the colour at its centre goes under it."""
    panels, kept = {}, {}
    for role in Backdrops._fields:
        behind = getattr(backdrops, role)
        best = readable(getattr(prefer, role)[0], behind, TEXT_NEED)
        if worst_contrast(best, behind) < TEXT_NEED:
            panels[role] = behind[0]
            audit.warnings.append(f"фон шаблона под {ROLE_NAMES[role]} слишком пёстрый "
                                  f"(ни один цвет текста не даёт {TEXT_NEED:g}:1): под текст "
                                  f"подложена плашка цвета {behind[0]}")
        kept[role] = (behind[0],) if role in panels else behind
    return Backdrops(**kept), panels


def _brand_text(p: Palette) -> Backdrops:
    """The text colours a brand profile asks for, by kind of text."""
    muted = p.text.mix(p.background, 0.35)
    return Backdrops((p.primary,), (p.text,), (p.primary,), (p.text,), (muted,), (muted,))
