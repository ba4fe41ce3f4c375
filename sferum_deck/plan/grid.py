"""The page grid, in points: one set of boxes every layout is placed on (see DESIGN.md)."""
from __future__ import annotations

from typing import NamedTuple

from ..model import INSET_X, Box, Template, record

SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
MARGIN = 36.0          # 0.5 in
LOGO_SIDE, LOGO_WIDEST = 56.0, 168.0  # the master logo: 56 pt high, up to 3:1 wide
FOOTER_MIN_H = 32.0    # room for an 18 pt footer line
TITLE_MIN_H = 48.0     # room for a one-line title at 28 pt
NUMBER_MIN_W = 48.0    # room for a three-digit slide number at 18 pt
EDGE = 6.0             # a template box closer than this to the top or bottom edge touches it


@record
class Grid(NamedTuple):
    width: float
    height: float
    band: Box       # thin brand band across the top
    title: Box
    rule: Box       # accent rule under the title
    body: Box
    logo: Box
    footer: Box
    number: Box
    panel: Box      # title slide: brand panel on the left
    cover_title: Box
    cover_body: Box
    cover_qr: Box | None = None    # title slide: where the meeting QR goes (lower right);
    cover_wide: Box | None = None  # the widest box its lines may take; both cover_body if None


def grid_for(aspect: str, logo_ratio: float = 1.0) -> Grid:
    """The grid of a 16:9 or 4:3 page; a wide logo (`logo_ratio` = width / height) takes
    more of the title row."""
    w, h = SIZES[aspect]
    logo_w = min(LOGO_WIDEST, max(LOGO_SIDE, LOGO_SIDE * logo_ratio))
    logo = Box(w - MARGIN - logo_w, 26, logo_w, LOGO_SIDE)
    title = Box(MARGIN, 24, logo.x - 12 - MARGIN, 100)
    body_top = title.bottom + 22
    footer_top = h - 40
    panel = Box(0, 0, round(w * 0.32), h)
    cover_x = panel.right + MARGIN
    return Grid(
        width=w, height=h,
        band=Box(0, 0, w, 8),
        title=title,
        rule=Box(MARGIN + INSET_X, title.bottom + 6, 72, 4),
        body=Box(MARGIN, body_top, w - 2 * MARGIN, footer_top - 10 - body_top),
        logo=logo,
        footer=Box(MARGIN, footer_top, w - 2 * MARGIN - 80, 32),
        number=Box(w - MARGIN - 72, footer_top, 72, 32),
        panel=panel,
        cover_title=Box(cover_x, 72, w - MARGIN - cover_x, 150),
        cover_body=Box(cover_x, 236, w - MARGIN - cover_x, h - 236 - 40),
        cover_qr=Box(cover_x, 236, w - MARGIN - cover_x, h - 236 - 40),
        cover_wide=Box(cover_x, 236, w - MARGIN - cover_x, h - 236 - 40),
    )


def template_grid(t: Template) -> Grid:
    """The grid of a school's template: titles and text exactly in its placeholders (our
    margins kept where a box reaches the page edge); no band, rule, panel or logo of ours."""
    w, h = t.width, t.height
    none = Box(0, 0, 0, 0)
    body = within_margins(t.body, w, h)
    footer = on_page(_tall_enough(t.footer or Box(MARGIN, h - 40, w - 2 * MARGIN - 80, 32)),
                     w, h)
    number = on_page(_wide_enough(_tall_enough(
        t.number or Box(w - MARGIN - 72, footer.y, 72, footer.h))), w, h)
    return Grid(
        width=w, height=h, band=none, rule=none, logo=none, panel=none,
        title=_title_room(within_margins(t.title, w, h), h), body=body, footer=footer,
        number=number, cover_title=_title_room(within_margins(t.cover_title, w, h), h),
        cover_body=within_margins(t.cover_body, w, h),
        cover_qr=Box(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN),
        cover_wide=across(t.cover_body, w),
    )


def across(box: Box, width: float) -> Box:
    """`box` stretched across the page between the side margins."""
    return Box(MARGIN, box.y, width - 2 * MARGIN, box.h)


def within_margins(box: Box, width: float, height: float) -> Box:
    """`box` with a side edge that comes closer than half a margin to the page edge (or
    beyond it) moved in to the margin; a top or bottom edge only when it touches the page
    edge (titles often sit high, in a band)."""
    side, end = MARGIN / 2, EDGE
    x0 = box.x if box.x >= side else MARGIN
    x1 = box.right if box.right <= width - side else width - MARGIN
    y0 = box.y if box.y >= end else 2 * end
    y1 = box.bottom if box.bottom <= height - end else height - 2 * end
    return Box(x0, y0, max(x1 - x0, 0.0), max(y1 - y0, 0.0))


def _title_room(box: Box, height: float) -> Box:
    """A title box lower than TITLE_MIN_H grown upwards (its bottom kept, where the text
    sits), or downwards where the page ends."""
    if box.h >= TITLE_MIN_H:
        return box
    y = max(2 * EDGE, box.bottom - TITLE_MIN_H)
    return box._replace(y=y, h=min(TITLE_MIN_H, height - 2 * EDGE - y))


def _wide_enough(box: Box) -> Box:
    """A slide-number box widened about its middle to NUMBER_MIN_W (a template's box may
    be made for one digit; two would wrap under each other)."""
    if box.w >= NUMBER_MIN_W:
        return box
    return box._replace(x=box.x + box.w / 2 - NUMBER_MIN_W / 2, w=NUMBER_MIN_W)


def on_page(box: Box, width: float, height: float) -> Box:
    """`box` moved (not resized) to lie EDGE inside the page, where it reaches beyond."""
    x = min(max(box.x, EDGE), width - EDGE - box.w)
    y = min(max(box.y, EDGE), height - EDGE - box.h)
    return box._replace(x=max(x, 0.0), y=max(y, 0.0))


def _tall_enough(box: Box) -> Box:
    """A footer box grown upwards to FOOTER_MIN_H (its bottom edge kept)."""
    if box.h >= FOOTER_MIN_H:
        return box
    return box._replace(y=box.bottom - FOOTER_MIN_H, h=FOOTER_MIN_H)


def clear_of(box: Box, obstacle: Box, gap: float) -> Box:
    """`box` narrowed (or else shortened) so that it keeps `gap` away from `obstacle`, which
    sits in its lower right; unchanged when they do not meet."""
    if box.right + gap <= obstacle.x or obstacle.right + gap <= box.x or \
            box.bottom + gap <= obstacle.y or obstacle.bottom + gap <= box.y:
        return box
    narrowed = box._replace(w=obstacle.x - gap - box.x)
    shortened = box._replace(h=obstacle.y - gap - box.y)
    if narrowed.w >= 0.4 * box.w or narrowed.w * narrowed.h >= shortened.w * shortened.h:
        return narrowed
    return shortened


def cover_logo(grid: Grid, width: float, height: float) -> tuple[Box, Box]:
    """(card, picture) of a logo `width` x `height` on the cover's brand panel: a card as
    wide or tall as the logo's own shape, centred on the panel, the logo inside it."""
    pad = 14.0
    inner = contain(Box(0, 0, grid.panel.w - 72 - 2 * pad, 200 - 2 * pad), width, height)
    w, h = inner.w + 2 * pad, inner.h + 2 * pad
    card = Box(grid.panel.x + (grid.panel.w - w) / 2, (grid.height - h) / 2, w, h)
    return card, card.shifted(pad, -2 * pad, pad, -2 * pad)


def contain(box: Box, width: float, height: float) -> Box:
    """The largest box of the aspect width:height centred inside `box`."""
    scale = min(box.w / width, box.h / height)
    w, h = width * scale, height * scale
    return Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)
