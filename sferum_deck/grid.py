"""The page grid, in points: one set of boxes every layout is placed on (see DESIGN.md)."""
from __future__ import annotations

from dataclasses import dataclass

SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
MARGIN = 36.0          # 0.5 in
INSET_X, INSET_Y = 7.2, 3.6  # text insets inside every box we write


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def inner_w(self) -> float:
        return self.w - 2 * INSET_X

    @property
    def inner_h(self) -> float:
        return self.h - 2 * INSET_Y

    def shifted(self, dx: float = 0, dw: float = 0, dy: float = 0, dh: float = 0) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w + dw, self.h + dh)


@dataclass(frozen=True)
class Grid:
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


def grid_for(aspect: str) -> Grid:
    """The grid of a 16:9 or 4:3 page."""
    w, h = SIZES[aspect]
    logo = Box(w - MARGIN - 56, 26, 56, 56)
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
    )


def contain(box: Box, width: float, height: float) -> Box:
    """The largest box of the aspect width:height centred inside `box`."""
    scale = min(box.w / width, box.h / height)
    w, h = width * scale, height * scale
    return Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)
