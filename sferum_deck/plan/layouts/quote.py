"""The quote layout: the words large, who said them (name, role, source) small beneath, a
quiet accent rule beside both. Words too long for one slide continue on the next; the
author stands under the last part."""
from __future__ import annotations

from ...model import Box, Item, Quote, Topic
from .. import fit as fitting
from ..pages import part_title, part_titles
from ..records import Block, Context, Para, PlannedSlide, Shape
from ..split import Piece, pieces_of, share_notes
from ..text import BODY_MIN, block, fit_paras, full_title_note, runs_of
from ._stack import box_height

WORDS_MAX = 36   # the words: 36 pt down to BODY_MIN, then continued on a second slide
AUTHOR_MAX = 22
RULE_W, RULE_GAP = 6.0, 18.0
OPEN, CLOSE = "«", "»"


def plan_quote(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    quote: Quote = topic.content
    area = ctx.grid.body
    inner = area.shifted(dx=RULE_W + RULE_GAP, dw=-(RULE_W + RULE_GAP))
    author = _author(ctx, quote, inner)
    room = inner._replace(h=inner.h - (author.box.h + 12 if author else 0))
    style = fitting.Style(ctx.body_file, gap_factor=0.3)
    words = quoted(quote.text)
    parts = [words]
    if fit_paras([Para(runs_of(words))], room, style, WORDS_MAX, BODY_MIN) is None:
        parts = _parts(ctx, words, room, style)
    titles = part_titles(ctx, topic.title, len(parts))
    shared = share_notes(topic.notes, parts, {})
    slides = []
    for n, (text, title) in enumerate(zip(parts, titles), start=1):
        last = n == len(parts)
        para = Para(runs_of(text))
        box = room if last or not author else inner
        fit = fit_paras([para], box, style, WORDS_MAX, BODY_MIN) or \
            fitting.set_text([para.measured], style, BODY_MIN, box.inner_w)  # never happens
        height = box_height(fit)
        group = height + (author.box.h + 12 if author and last else 0)
        y = area.y + max(0.0, (area.h - group) / 2)  # the words and author centred
        body = block(box._replace(y=y, h=height), [para], fit, ctx.colours.body,
                     font=ctx.deck.brand.body_font.name)
        shapes = [Shape("rect", Box(area.x + 2, y, RULE_W, group), ctx.colours.bullet)]
        if author and last:
            shapes.append(Shape("rect", author.box._replace(y=body.box.bottom + 12),
                                ctx.colours.background,
                                author._replace(box=author.box._replace(y=body.box.bottom + 12))))
        said = shared[n - 1] or quote.text
        notes = (f"Продолжение темы «{topic.title}».\n\n" if n > 1 else "") + said
        slides.append(PlannedSlide(
            kind="quote", title=title, body=body, shapes=tuple(shapes), topic=topic.id,
            part=(n, len(parts)),
            notes=full_title_note(part_title(topic.title, n, len(parts)), title) + notes))
    return slides


def quoted(text: str) -> str:
    """The words in «», unless the author already put quotation marks around them."""
    stripped = text.strip()
    if stripped[:1] in "«\"„“" and stripped[-1:] in "»\"“”":
        return stripped
    return OPEN + stripped + CLOSE


def _author(ctx: Context, quote: Quote, box: Box) -> Block | None:
    """«— name, role» and the source under it, small: AUTHOR_MAX down to BODY_MIN."""
    who = ", ".join(x for x in (quote.name, quote.role) if x)
    lines = ([f"— {who}"] if who else []) + ([quote.source] if quote.source else [])
    if not lines:
        return None
    paras = [Para(runs_of(line)) for line in lines]
    style = fitting.Style(ctx.body_file, gap_factor=0.15)
    room = box._replace(h=box.h / 3)
    fit = fit_paras(paras, room, style, AUTHOR_MAX, BODY_MIN) or \
        fitting.set_text([p.measured for p in paras], style, BODY_MIN, box.inner_w)
    high = box_height(fit)
    return block(box._replace(h=high), paras, fit, ctx.colours.body,
                 font=ctx.deck.brand.body_font.name)


def _parts(ctx: Context, words: str, room: Box, style: fitting.Style) -> list[str]:
    """Words too long for one slide at BODY_MIN, in as few parts as fit (sentence ends
    first), each part's text ending or starting with «…» where it continues."""
    def fits(text: str) -> bool:
        return fit_paras([Para(runs_of(f"… {text} …"))], room, style, BODY_MIN, BODY_MIN) \
            is not None

    pieces = pieces_of([Item(words)], fits)
    parts, current = [], ""
    for piece in pieces:
        joined = f"{current}{piece.glue or ' '}{piece.text}" if current else piece.text
        if current and not fits(joined):
            parts.append(current)
            joined = piece.text
        current = joined
    parts.append(current)
    return [("… " if i else "") + p + (" …" if i < len(parts) - 1 else "")
            for i, p in enumerate(parts)]
