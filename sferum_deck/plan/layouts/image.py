"""The image layout: a picture (a screenshot, a scheme) as large as its text allows, its
caption under it, up to three short bullets beside it (a wide page) or under it (4:3).
A picture is never distorted and never shown larger than its pixels at 96 dpi. When the
bullets do not fit at the minimum size beside even the smallest picture, the picture gets
the first slide and the bullets go on. Pure."""
from __future__ import annotations

import math
from typing import NamedTuple

from ...inputs.images import PICTURE_MAX_SIDE, PT_PER_PX, load_image
from ...model import INSET_Y, Box, Topic, record
from .. import fit as fitting
from ..grid import contain
from ..pages import part_title, part_titles, split_notes
from ..records import Block, Context, Para, Picture, PlannedSlide, Run
from ..split import Piece, paginate
from .links import CM_PER_PT
from ..text import (BODY_MAX, BODY_MIN, BULLET_INDENT, MAX_ITEMS, block, cut_to_fit,
                    fit_paras, full_title_note, runs_of)

CAPTION_MAX = 20       # pt; a caption is read as often as the text
CAPTION_LINES = 3
GAP = 18.0             # between the picture column and the text, the picture and its caption
SHARES = (0.78, 0.72, 0.66, 0.6, 0.54, 0.48, 0.42, 0.36)  # of the body the picture may take
TEXT_PREFERRED = 22    # pt: a larger picture is taken only while its text stays this large
CAPTION_MIN_W = 216.0  # 3 in: a caption under a narrow (portrait) picture


@record
class Arranged(NamedTuple):
    picture: Box
    caption: Block | None
    text: Box | None


def plan_image(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    figure = topic.figure
    image = load_image(figure.path, PICTURE_MAX_SIDE)
    pixels = (image.width, image.height)
    paras = [Para(runs_of(item.text), "dot") for item in topic.items]
    style = fitting.Style(ctx.body_file, indent_pt=BULLET_INDENT)
    beside = ctx.grid.width / ctx.grid.height > 1.5
    chosen = None
    if paras:
        for least in (TEXT_PREFERRED, BODY_MIN):
            chosen = next(((a, f) for share in SHARES
                           for a in [arrange(ctx, figure.caption, pixels, share, beside)]
                           for f in [a.text and fit_paras(paras, a.text, style, BODY_MAX, least)]
                           if f), None)
            if chosen:
                break
    alone = arrange(ctx, figure.caption, pixels, 1.0, beside, alone=True)
    arranged, fit = chosen or (alone, None)
    caption_note = _caption_note(figure.caption, arranged.caption)
    picture = Picture(arranged.picture, figure.alt, path=str(figure.path),
                      caption=arranged.caption, lead=True)
    lead = Piece(f"{figure.alt} {figure.caption}", -1, first=False)
    if fit or not paras:
        body = block(arranged.text, paras, fit, ctx.colours.body,
                     font=ctx.deck.brand.body_font.name) if fit else None
        notes = split_notes(topic, [[lead] + [Piece(i.text, k) for k, i in
                                              enumerate(topic.items)]])[0]
        title = part_titles(ctx, topic.title, 1)[0]
        return [PlannedSlide(kind="image", title=title, body=body, pictures=(picture,),
                             notes=full_title_note(topic.title, title) + notes + caption_note,
                             topic=topic.id)]
    return _picture_then_bullets(ctx, topic, picture, lead, paras, style, caption_note)


def _picture_then_bullets(ctx: Context, topic: Topic, picture: Picture, lead: Piece,
                          paras: list[Para], style: fitting.Style,
                          caption_note: str) -> list[PlannedSlide]:
    """The picture alone on the first slide, the bullets paginated on the next ones."""
    box = ctx.grid.body

    def page_fit(page: list[Piece], size: float) -> fitting.Fit:
        return fitting.set_text([paras[p.item].measured for p in page], style, size,
                                box.inner_w)

    pieces = [Piece(item.text, k) for k, item in enumerate(topic.items)]
    pages, size = paginate(pieces, lambda page, s: fitting.fits(page_fit(page, s), box.inner_h),
                           BODY_MAX, BODY_MIN, most=MAX_ITEMS)
    total = len(pages) + 1
    notes = split_notes(topic, [[lead]] + pages)
    titles = part_titles(ctx, topic.title, total)
    slides = []
    for n, title in enumerate(titles, start=1):
        page = pages[n - 2] if n > 1 else []
        body = block(box, [paras[p.item] for p in page], page_fit(page, size), ctx.colours.body,
                     font=ctx.deck.brand.body_font.name) if page else None
        slides.append(PlannedSlide(
            kind="image", title=title, body=body, pictures=() if page else (picture,),
            notes=full_title_note(part_title(topic.title, n, total), title) + notes[n - 1]
            + (caption_note if n == 1 else ""), topic=topic.id, part=(n, total)))
    return slides


def arrange(ctx: Context, caption: str, pixels: tuple[int, int], share: float, beside: bool,
            alone: bool = False) -> Arranged:
    """The picture's box (its aspect kept, never larger than its pixels at 96 dpi), its
    caption and the box left for the text, the picture taking `share` of the body: a
    column on the left (`beside`) or a band on top; `alone`, the whole body, centred."""
    body = ctx.grid.body
    most_w, most_h = pixels[0] * PT_PER_PX, pixels[1] * PT_PER_PX
    if alone or beside:
        column = body if alone else body._replace(w=body.w * share)
        used_w = column.w
        while True:  # a narrower caption may need another line: less room for the picture
            cap = caption_block(ctx, caption, used_w)
            room = column._replace(h=column.h - (cap_h(cap) + GAP if cap else 0))
            picture = _placed(room, pixels, most_w, most_h, centre=alone)
            narrower = max(picture.w, min(CAPTION_MIN_W, column.w))
            if alone or narrower >= used_w - 0.01:
                break
            used_w = narrower
        if not alone:  # a narrow picture centred over its caption (never wider than it:
            # a narrower caption may have taken a smaller size and fewer lines)
            picture = _placed(room._replace(w=used_w), pixels, most_w, most_h, centre=False)
            picture = picture._replace(x=body.x + (used_w - picture.w) / 2)
        text = None if alone else Box(body.x + used_w + GAP, body.y,
                                      body.w - used_w - GAP, body.h)
        top = picture.y if not alone else body.y + (body.h - picture.h - (
            cap_h(cap) + GAP if cap else 0)) / 2
        picture = picture._replace(y=top)
    else:
        cap = caption_block(ctx, caption, body.w)
        band = body._replace(h=body.h * share - (cap_h(cap) + GAP if cap else 0))
        picture = _placed(band, pixels, most_w, most_h, centre=True, top=True)
        used_h = picture.h + (cap_h(cap) + GAP if cap else 0)
        text = Box(body.x, body.y + used_h + GAP, body.w, body.h - used_h - GAP)
    if cap:
        x = picture.x + (picture.w - cap.box.w) / 2 if alone or not beside else body.x
        cap = cap._replace(box=cap.box._replace(x=x, y=picture.bottom + GAP / 2))
    return Arranged(picture, cap, text if text is None or text.w > 0 and text.h > 0 else None)


def _placed(room: Box, pixels: tuple[int, int], most_w: float, most_h: float,
            centre: bool, top: bool = False) -> Box:
    """The largest box of the picture's aspect inside `room`, at most its pixels at 96 dpi;
    at the top left of `room`, or centred (across, and down unless `top`)."""
    if room.w <= 0 or room.h <= 0:
        return Box(room.x, room.y, 0, 0)
    scale = min(room.w / pixels[0], room.h / pixels[1], most_w / pixels[0])
    w, h = pixels[0] * scale, pixels[1] * scale
    x = room.x + (room.w - w) / 2 if centre else room.x
    y = room.y + (room.h - h) / 2 if centre and not top else room.y
    return Box(x, y, w, h)


def caption_block(ctx: Context, caption: str, width: float) -> Block | None:
    """The caption, centred, CAPTION_MAX down to BODY_MIN in at most CAPTION_LINES lines,
    cut to «…» when even that does not fit (the notes then say it whole)."""
    if not caption:
        return None
    style = fitting.Style(ctx.body_file, gap_factor=0, max_lines=CAPTION_LINES)
    box = Box(0, 0, width, CAPTION_LINES * CAPTION_MAX * fitting.LINE_FACTOR
              / fitting.HEIGHT_SAFETY + 8)

    def fitted(text: str) -> fitting.Fit | None:
        return fit_paras([Para((Run(text),))], box, style, CAPTION_MAX, BODY_MIN)

    shown = caption if fitted(caption) else cut_to_fit(caption, lambda t: fitted(t) is not None)
    fit = fitted(shown) or fitting.set_text([shown], style, BODY_MIN, box.inner_w)
    height = math.ceil((fit.height() / fitting.HEIGHT_SAFETY + 2 * INSET_Y) * 10) / 10 + 0.1
    return block(box._replace(h=height), [Para((Run(shown),))], fit,
                 ctx.colours.on_page, align="ctr", font=ctx.deck.brand.body_font.name)


def cap_h(caption: Block | None) -> float:
    return caption.box.h if caption else 0.0


def _caption_note(caption: str, shown: Block | None) -> str:
    if shown is None or shown.paras[0].text.replace(fitting.ZERO_WIDTH_SPACE, "") == caption:
        return ""
    return f"\n\nПодпись к рисунку полностью: {caption}"



def summarise_image(slides: list[PlannedSlide]) -> list[str]:
    """The `check` row's note on an image topic: the picture's size on the slide, and that
    its bullets went on after it when they did not fit beside it."""
    pictures = [p.box for s in slides for p in s.pictures]
    if not pictures:
        return []
    box = pictures[0]
    done = [f"рисунок {box.w * CM_PER_PT:.1f} × {box.h * CM_PER_PT:.1f} см".replace(".", ",")]
    if len(slides) > 1:
        done.append("пункты не поместились рядом с рисунком и идут после него")
    return done
