"""A list topic laid out on as many slides as it needs: items paginated, one size per page,
titles numbered «(2/3)», the notes shared out. Pure."""
from __future__ import annotations

from typing import Callable

from ..model import INSET_X, Box, Topic
from . import fit as fitting
from .records import Block, Context, Para, PlannedSlide
from .split import Piece, paginate, pieces_of, share_notes
from .text import BODY_MAX, BODY_MIN, MAX_ITEMS, block, full_title_note, title_block


def topic_slides(ctx: Context, topic: Topic, kind: str, box: Box, style: fitting.Style,
                 para_of: Callable[[Piece], Para], extras=None,
                 max_items: int = MAX_ITEMS) -> list[PlannedSlide]:
    """Slides of a list topic: pieces paginated into `box` (at most `max_items` items a
    slide), each page fitted at one common size, the notes shared out so each slide's
    notes speak about that slide."""
    measured: dict[Piece, str] = {}

    def page_fit(page: list[Piece], size: float) -> fitting.Fit:
        texts = [measured.get(p) or measured.setdefault(p, para_of(p).measured) for p in page]
        return fitting.set_text(texts, style, size, box.inner_w)

    def fits(page: list[Piece], size: float) -> bool:
        return fitting.fits(page_fit(page, size), box.inner_h)

    pieces = [Piece(item.text, i) for i, item in enumerate(topic.items)]
    if not fits(pieces, BODY_MIN):  # else every item surely fits a slide alone
        pieces = pieces_of(topic.items, lambda text: fits([Piece(text, 0)], BODY_MIN))
    pages, size = paginate(pieces, fits, BODY_MAX, BODY_MIN,
                           height=lambda page, s: page_fit(page, s).height(), most=max_items)
    notes = split_notes(topic, pages)
    titles = part_titles(ctx, topic.title, len(pages))
    slides = []
    for n, (page, title) in enumerate(zip(pages, titles), start=1):
        paras = [para_of(p) for p in page]
        fit = page_fit(page, size)
        frame = box if fit.width_pt == box.inner_w else box._replace(w=fit.width_pt + 2 * INSET_X)
        body = block(frame, paras, fit, ctx.colours.body, font=ctx.deck.brand.body_font.name)
        note = full_title_note(part_title(topic.title, n, len(pages)), title) + notes[n - 1]
        slides.append(PlannedSlide(
            kind=kind, title=title, body=body, notes=note, topic=topic.id,
            part=(n, len(pages)), shapes=tuple(extras(body) if extras else ())))
    return slides


def part_title(title: str, n: int, total: int) -> str:
    """«Title (2/3)» for the second of three slides; the title alone for one."""
    return title if total == 1 else f"{title} ({n}/{total})"


def part_titles(ctx: Context, title: str, total: int) -> list[Block]:
    """The titles of a topic's slides («(2/3)» added when split), all at one size."""
    suffixes = [part_title("", n, total) for n in range(1, total + 1)]
    blocks = [title_block(ctx, title, suffix=suffix) for suffix in suffixes]
    size = min(b.fit.size_pt for b in blocks)
    return [b if b.fit.size_pt == size else title_block(ctx, title, max_pt=size, suffix=suffix)
            for b, suffix in zip(blocks, suffixes)]


def split_notes(topic: Topic, pages: list[list[Piece]]) -> list[str]:
    """Speaker notes of each page: the part of the topic's notes about its items, the
    items' own notes, and on a continuation page a line saying so."""
    page_of_item: dict[int, int] = {}
    for n, page in enumerate(pages):
        for piece in page:
            page_of_item.setdefault(piece.item, n)
    shared = share_notes(topic.notes, [" ".join(p.text for p in page) for page in pages],
                         page_of_item)
    return [page_notes(topic, page, n, part)
            for n, (page, part) in enumerate(zip(pages, shared), start=1)]


def page_notes(topic: Topic, page: list[Piece], n: int, part: str) -> str:
    own = [topic.items[p.item].notes for p in page if p.first and topic.items[p.item].notes]
    said = ([part] if part else []) + own
    if not said:  # nothing in the notes is about this slide: say what it shows
        said = [" ".join(p.text for p in page)]
    head = [f"Продолжение темы «{topic.title}»."] if n > 1 else []
    return "\n\n".join(head + said)
