"""The table layout: a header row in the brand colour and rows of short cells under it,
thin rules between the rows; a long table goes on as many slides as it needs, each with
the header repeated. Pure."""
from __future__ import annotations

import math
from functools import lru_cache

from ...errors import InputError, Problem
from ...model import Box, Table, Topic
from .. import fit as fitting
from ..pages import part_title, part_titles
from ..records import Block, Cell, Context, Para, PlannedSlide, TableFrame
from ..split import Piece, paginate, share_notes
from ...words import ROWS, count
from ..text import BODY_MIN, block, full_title_note, runs_of

TABLE_MAX = 24     # pt: a table's text at most (its cells are narrower than a list)
MARGIN_X, MARGIN_Y = 7.2, 5.0  # cell margins
MAX_ROWS = 8       # body rows a slide shows at most
SLACK = 1.0        # pt a column is wider than its widest line needs
WHOLE_MAX = 24     # a cell of this many characters without letters (a phone number, a
                   # date, a sum) keeps to one line: its column is made wide enough


def plan_table(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    """Slides of the topic's table: rows paginated under a repeated header at one size for
    the whole table (columns as wide on every slide); InputError at the table's line when
    it cannot be read at BODY_MIN (a word wider than any column could be, a row higher
    than a slide)."""
    table, box = topic.table, ctx.grid.body
    layout = _Layout(ctx, table, box)
    pieces = [Piece(" ".join(row), i) for i, row in enumerate(table.rows)]
    too_high = [p.item for p in pieces if not layout.fits([p], BODY_MIN)]
    if too_high:
        raise InputError([Problem(table.source, "table", (
            f"строка {too_high[0] + 2} таблицы не помещается на слайд даже шрифтом "
            f"{BODY_MIN:g} пт; сократите текст её ячеек (подробности — в заметки)"))])
    pages, size = paginate(pieces, layout.fits, TABLE_MAX, BODY_MIN,
                           height=lambda page, s: layout.height(page, s), most=MAX_ROWS)
    unwrapped = paginate(pieces, layout.fits_unwrapped, TABLE_MAX, BODY_MIN,
                         height=lambda page, s: layout.height(page, s), most=MAX_ROWS)
    if len(unwrapped[0]) == len(pages):  # a size smaller by a point or two beats lines
        pages, size = unwrapped          # broken in two (what a table is read by)
    layout.pad = layout.padding(pages, size)
    shared = share_notes(topic.notes, [" ".join(p.text for p in page) for page in pages], {})
    slides = []
    titles = part_titles(ctx, topic.title, len(pages))
    for n, (page, title) in enumerate(zip(pages, titles), start=1):
        rows = [table.rows[p.item] for p in page]
        said = shared[n - 1] or "\n".join(read_out(table.header, row) for row in rows)
        head = f"Продолжение темы «{topic.title}».\n\n" if n > 1 else ""
        slides.append(PlannedSlide(
            kind="table", title=title, topic=topic.id, part=(n, len(pages)),
            notes=full_title_note(part_title(topic.title, n, len(pages)), title) + head + said,
            tables=(layout.frame([p.item for p in page], size),)))
    return slides


def read_out(header: tuple[str, ...], row: tuple[str, ...]) -> str:
    """A row as a speaker reads it: «Класс: 5А; Почта: …»."""
    return "; ".join(f"{h}: {c}" for h, c in zip(header, row) if c)


class _Layout:
    """Column widths, row heights and cells of one table in one box, by size."""

    def __init__(self, ctx: Context, table: Table, box: Box):
        self.ctx, self.table, self.box = ctx, table, box
        self.bold = fitting.Style(ctx.bold_file, gap_factor=0)
        self.plain = fitting.Style(ctx.body_file, gap_factor=0)
        self.header = [Para(runs_of(t)) for t in table.header]
        self.rows = [[Para(runs_of(t)) for t in row] for row in table.rows]
        self.pad = 0.0  # added above and below the text of every cell (see padding)
        self.columns = lru_cache(maxsize=None)(self._columns)
        self.row_height = lru_cache(maxsize=None)(self._row_height)

    def _columns(self, size: float) -> tuple[float, ...]:
        """Column widths filling the box: each as wide as its widest line when all fit,
        else at least as wide as its longest word and the rest shared by how much more
        each would need; InputError when even the longest words do not fit."""
        natural, least = [], []
        for j, head in enumerate(self.header):
            cells = [(head, self.bold)] + [(row[j], self.plain) for row in self.rows]
            natural.append(max(_width(p, s, size, whole=True) for p, s in cells))
            least.append(max(_width(p, s, size, whole=False) for p, s in cells))
        room = self.box.w
        if sum(natural) <= room:
            extra = (room - sum(natural)) / len(natural)
            return tuple(w + extra for w in natural)
        if sum(least) > room:
            if size > BODY_MIN:
                return ()
            j = max(range(len(least)), key=lambda k: least[k] - natural[k] / len(least))
            raise InputError([Problem(self.table.source, "table", (
                f"столбцы таблицы не помещаются на слайд по ширине даже шрифтом {BODY_MIN:g} "
                f"пт: слишком длинные слова в столбце «{self.table.header[j]}»; сократите "
                "текст ячеек или уберите столбец"))])
        wanted = [n - m for n, m in zip(natural, least)]
        share = (room - sum(least)) / sum(wanted)
        return tuple(m + w * share for m, w in zip(least, wanted))

    def _fit(self, para: Para, style: fitting.Style, size: float, width: float) -> fitting.Fit:
        return fitting.set_text([para.measured], style, size, width - 2 * MARGIN_X)

    def _row_height(self, row: int, size: float) -> float:
        """Height of a row (-1: the header) at `size`: its tallest cell and the margins,
        with the safety margin fitting keeps for every box."""
        line = round(size * fitting.LINE_FACTOR, 1)
        return math.ceil((self.lines(row, size) * line / fitting.HEIGHT_SAFETY + 2 * MARGIN_Y)
                         * 10 - 1e-6) / 10 + 0.1

    def height(self, page: list[Piece], size: float) -> float:
        return self.row_height(-1, size) + sum(self.row_height(p.item, size) for p in page)

    def lines(self, row: int, size: float) -> int:
        paras, style = (self.header, self.bold) if row < 0 else (self.rows[row], self.plain)
        return max(self._fit(p, style, size, w).line_count
                   for p, w in zip(paras, self.columns(size)))

    def fits_unwrapped(self, page: list[Piece], size: float) -> bool:
        """fits, with no row in more lines than it takes at the minimum size."""
        return self.fits(page, size) and all(
            self.lines(r, size) <= self.lines(r, BODY_MIN) for r in [-1] + [p.item for p in page])

    def padding(self, pages: list[list[Piece]], size: float) -> float:
        """Room added above and below every cell's text, the same on every slide: what the
        fullest slide leaves, shared by its rows, up to a third of a line."""
        rows = max(len(page) for page in pages) + 1
        spare = self.box.h - max(self.height(page, size) for page in pages)
        return math.floor(max(0.0, min(spare / rows / 2, size * fitting.LINE_FACTOR / 3)) * 10) / 10

    def fits(self, page: list[Piece], size: float) -> bool:
        return bool(self.columns(size)) and self.height(page, size) <= self.box.h

    def frame(self, rows: list[int], size: float) -> TableFrame:
        """The header and `rows` as a TableFrame at `size`, at the top of the box."""
        c, font = self.ctx.colours, self.ctx.deck.brand.body_font.name
        widths = self.columns(size)
        heights = [self.row_height(-1, size) + 2 * self.pad] + \
            [self.row_height(i, size) + 2 * self.pad for i in rows]
        cells, y = [], self.box.y
        for k, (paras, h) in enumerate(zip([self.header] + [self.rows[i] for i in rows],
                                           heights)):
            style, colour = (self.bold, c.on_primary) if k == 0 else (self.plain, c.on_page)
            x, row = self.box.x, []
            for para, w in zip(paras, widths):
                cell = Box(x, y, w, h)
                text = block(cell, [para], self._fit(para, style, size, w), colour,
                             bold=k == 0, anchor="ctr", font=font)
                row.append(Cell(text, c.primary if k == 0 else c.background))
                x += w
            cells.append(tuple(row))
            y += h
        frame = Box(self.box.x, self.box.y, sum(widths), sum(heights))
        return TableFrame(frame, widths, tuple(heights), tuple(cells), c.rule, MARGIN_X,
                          MARGIN_Y + self.pad, name=f"Таблица: {', '.join(self.table.header)}")


def _width(para: Para, style: fitting.Style, size: float, whole: bool) -> float:
    """The column width `para` needs at `size`: on one line (`whole`), or for its widest
    unbreakable piece; fitting's width safety and the cell margins included."""
    text = para.measured
    if whole or len(text) <= WHOLE_MAX and not any(c.isalpha() for c in text):
        em = fitting.unit_width(style.font_file, " ".join(text.split()))
    else:
        em = max((fitting.unit_width(style.font_file, seg) for word in text.split()
                  for seg in fitting.segments(word)), default=0.0)
    return em * size / fitting.WIDTH_SAFETY + 2 * MARGIN_X + SLACK


def summarise_table(slides: list[PlannedSlide]) -> list[str]:
    """The `check` row's note on a table topic: its rows, the header repeated when the
    table goes on (the cells' size stands in the row's text column)."""
    frames = [t for s in slides for t in s.tables]
    if not frames:
        return []
    rows = sum(len(t.cells) - t.header for t in frames)
    note = f"таблица: {count(rows, ROWS)}"
    return [note + (", заголовки повторены на каждом слайде" if len(frames) > 1 else "")]
