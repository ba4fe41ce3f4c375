"""The links layout: one card per link with its QR code, short address and purpose."""
from __future__ import annotations

from typing import NamedTuple

from ...model import Box, Link, Topic, record
from .. import emphasis
from .. import fit as fitting
from ..pages import part_title, part_titles
from ..records import Context, Para, Picture, PlannedSlide, Run, Shape
from ..split import share_notes
from ..text import (BODY_MIN, SHORT_ADDRESS, block, cut_to_fit, emphasised, fit_paras,
                    full_title_note, shorten)

QR_MIN = 116.0  # 1.6 in
CM_PER_PT = 2.54 / 72
CAPTION_MIN_H = 76.0  # three lines at 18 pt


@record
class CardForm(NamedTuple):
    """How the link cards of a topic are laid out."""

    side: float          # of the QR code
    across: bool = False  # the QR code left of the texts (a low card), not above them
    short: int = 0        # 1: labels cut to «…», 2: captions too (when nothing else fits)


def plan_links(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    """Cards of QR code, short address and purpose: as many columns as fit with the
    largest QR code (at least QR_MIN) that leaves room for every card's text; pages as
    needed, the links shared evenly between them."""
    cols, form = _links_grid(ctx, topic.links)
    count = -(-len(topic.links) // cols)
    per_page = -(-len(topic.links) // count)
    pages = [topic.links[i:i + per_page] for i in range(0, len(topic.links), per_page)]
    cards = _link_cards(ctx, per_page)
    texts = [" ".join(f"{l.label} {l.caption} {l.url}" for l in links) for links in pages]
    shared = share_notes(topic.notes, texts, {})
    slides = []
    for n, (links, title) in enumerate(zip(pages, part_titles(ctx, topic.title, len(pages))),
                                       start=1):
        shift = (len(cards) - len(links)) * (cards[1].x - cards[0].x) / 2 if len(cards) > 1 \
            else 0.0  # a short last page keeps its cards centred
        shapes, pictures = [], []
        for link, card in zip(links, cards):
            s, p = _card(ctx, link, card.shifted(dx=shift), form)
            shapes += s
            pictures.append(p)
        listed = "\n".join(f"— {l.caption}: {l.url.removeprefix('mailto:')}" for l in links)
        said = "\n\n".join(x for x in (shared[n - 1], listed if form.short > 1 else "")
                           if x) or listed  # cut captions are read out whole
        notes = (f"Продолжение темы «{topic.title}».\n\n" if n > 1 else "") + said
        slides.append(PlannedSlide(
            kind="links", title=title, shapes=tuple(shapes), pictures=tuple(pictures),
            notes=full_title_note(part_title(topic.title, n, len(pages)), title) + notes,
            topic=topic.id, part=(n, len(pages))))
    return slides


def summarise_links(slides: list[PlannedSlide]) -> list[str]:
    """The `check` row's note on a links topic: the side of its smallest QR code."""
    qr = [p.box.w for s in slides for p in s.pictures if p.qr]
    return [f"QR-коды {min(qr) * CM_PER_PT:.1f} см".replace(".", ",")] if qr else []


def _links_grid(ctx: Context, links: tuple[Link, ...]) -> tuple[int, CardForm]:
    """(columns, card form): the most columns, then the QR code above the texts, then the
    largest QR code, at which every card's text fits; an address as label may be shortened
    to its domain, texts are cut only when nothing else helps."""
    columns = 3 if ctx.grid.width > 800 else 2
    for short in (0, 1, 2):
        for cols in range(min(columns, len(links)), 0, -1):
            card = _link_cards(ctx, cols)[0]
            for across in (False, True):
                for side in _qr_sides(card, across):
                    form = CardForm(side, across, short)
                    if all(_card_fits(ctx, link, card, form) for link in links):
                        return cols, form
    return 1, CardForm(QR_MIN, across=True, short=2)


def _link_cards(ctx: Context, cols: int) -> list[Box]:
    body, gap = ctx.grid.body, 18.0
    w = (body.w - gap * (cols - 1)) / cols
    return [Box(body.x + i * (w + gap), body.y, w, body.h) for i in range(cols)]


def _qr_sides(card: Box, across: bool = False) -> list[float]:
    """QR sides to try in a card, from the largest down to QR_MIN; none when too small."""
    if across:
        top = min(card.h - 28, card.w * 0.4, 172.0)
    else:
        room = card.h - 14 - 8 - 58 - CAPTION_MIN_H - 8  # three caption lines on a low card
        top = min(card.w - 32, card.h * 0.52, max(QR_MIN, room), 172.0)
    if top < QR_MIN:
        return []
    sides = [top - 8 * i for i in range(int((top - QR_MIN) // 8) + 1)]
    return sides + [QR_MIN] if sides[-1] != QR_MIN else sides


def _card_layout(ctx: Context, card: Box, form: CardForm) -> tuple[Box, Box, Box]:
    """QR, label and caption boxes inside a card."""
    side = form.side
    if form.across:
        qr_box = Box(card.x + 14, card.y + 14, side, side)
        x = qr_box.right + 12
        label = Box(x, card.y + 14, card.right - 8 - x, 58)
    else:
        qr_box = Box(card.x + (card.w - side) / 2, card.y + 14, side, side)
        label = Box(card.x + 8, qr_box.bottom + 8, card.w - 16, 58)
    caption = Box(label.x, label.bottom, label.w, card.bottom - label.bottom - 8)
    return qr_box, label, caption


def _card_fits(ctx: Context, link: Link, card: Box, form: CardForm) -> bool:
    _, label_box, caption_box = _card_layout(ctx, card, form)
    label = _label_para(ctx, link, label_box, form.short > 0)
    return _card_text(ctx, label, label_box, True) is not None and \
        _card_text(ctx, _caption_para(ctx, link, caption_box, form.short > 1), caption_box,
                   False) is not None


def _label_para(ctx: Context, link: Link, box: Box, short: bool = False) -> Para:
    """The short address as a link. An address as label is shortened as on the slides
    («domain/…») when it does not fit or is long (a long bare address says nothing to a
    listener); with `short`, any label is cut to «…»."""
    label = emphasis.plain(link.label)  # a link shows no emphasis
    if " " not in label and (len(label) > SHORT_ADDRESS or
                             not _label_fits(ctx, label, link.url, box)):
        label = shorten(label)
    if short and not _label_fits(ctx, label, link.url, box):
        label = cut_to_fit(label, lambda text: _label_fits(ctx, text, link.url, box))
    return _label_runs(ctx, label, link.url, box)


def _caption_para(ctx: Context, link: Link, box: Box, short: bool) -> Para:
    """The caption; with `short`, cut to «…» when it does not fit (read out in the notes)."""
    def para(text: str) -> Para:
        return Para(emphasised(text))

    if short and _card_text(ctx, para(link.caption), box, False) is None:
        return para(cut_to_fit(link.caption, lambda t: _card_text(ctx, para(t), box, False)
                               is not None))
    return para(link.caption)


def _label_fits(ctx: Context, label: str, url: str, box: Box) -> bool:
    return _card_text(ctx, _label_runs(ctx, label, url, box), box, True) is not None


def _label_runs(ctx: Context, label: str, url: str, box: Box) -> Para:
    """The label as a link; when it cannot stay on one line, only its first word is the
    link (renderers never break a link at its spaces)."""
    whole = Para((Run(label, url),))
    one_line = ctx.bold_style(gap_factor=0, max_lines=1)
    head, _, tail = label.partition(" ")
    if not tail or fit_paras([whole], box, one_line, 22, BODY_MIN):
        return whole
    return Para((Run(head, url), Run(" " + tail)))


def _card_text(ctx: Context, para: Para, box: Box, bold: bool) -> fitting.Fit | None:
    style = (ctx.bold_style if bold else ctx.body_style)(gap_factor=0)
    return fit_paras([para], box, style, 22 if bold else 20, BODY_MIN)


def _card(ctx: Context, link: Link, card: Box, form: CardForm) -> tuple[list[Shape], Picture]:
    qr, label_box, caption_box = _card_layout(ctx, card, form)
    c, font, align = ctx.colours, ctx.deck.brand.body_font.name, "l" if form.across else "ctr"
    label_para = _label_para(ctx, link, label_box, form.short > 0)
    caption_para = _caption_para(ctx, link, caption_box, form.short > 1)
    label = block(label_box, [label_para], _fitted_card_text(ctx, label_para, label_box, True),
                  c.link, bold=True, align=align, anchor="ctr", font=font)
    caption = block(caption_box, [caption_para],
                    _fitted_card_text(ctx, caption_para, caption_box, False), c.on_card,
                    align=align, font=font)
    shapes = [Shape("roundRect", card, c.card), Shape("rect", label_box, c.card, label),
              Shape("rect", caption_box, c.card, caption)]
    return shapes, Picture(qr, f"QR-код: {link.label}", qr=link.url, link=link.url)


def _fitted_card_text(ctx: Context, para: Para, box: Box, bold: bool) -> fitting.Fit:
    """The card text fitted; at the minimum size when nothing fits (a card too small for
    even a few words)."""
    return _card_text(ctx, para, box, bold) or fitting.set_text(
        [para.measured], (ctx.bold_style if bold else ctx.body_style)(gap_factor=0),
        BODY_MIN, box.inner_w)
