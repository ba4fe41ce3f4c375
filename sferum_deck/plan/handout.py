"""Model -> the one-page A4 handout for parents, planned as one PlannedSlide. Pure.

Top to bottom: the title (the pack's handout.title); the meeting (what, school, class, date)
with the meeting-link QR code beside it; the steps of the topics the pack names in
handout.steps; cards of the links of the topics in handout.links (QR code, short address,
purpose); and, at the foot of the page, whom to ask: the teacher, the organisation, the
pack's handout.contacts. Topics are taken only as the pack names them, never by layout.
All body text shares one size: the largest from BODY_MAX_PT down to PRINT_MIN_PT at which
the link QR codes still get QR_GOOD_PT (else QR_MIN_PT) on the page. Content that does not
fit even then is refused with a message naming what is on the page and by how much it is
too long, never cut or overlapped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DeckError
from ..model import INSET_X, INSET_Y, Box, Deck, Link, Topic
from ..words import LINKS, QR_CODES, STEPS, count
from . import emphasis
from . import fit as fitting
from .colours import Colours, colours_for
from .deck import font_files
from .frame import teacher_line
from .grid import Grid
from .records import Block, Context, Para, Picture, PlannedSlide, Run, Shape
from .text import emphasised, runs_of

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM   # A4 portrait
MARGIN = 36.0                         # 12.7 mm: inside every office printer's printable area
PRINT_MIN_PT = 11.0                   # the smallest text on the printed page
BODY_MAX_PT = 14.0
TITLE_MAX_PT, TITLE_MIN_PT = 28.0, 20.0
QR_MAX_PT, QR_GOOD_PT, QR_MIN_PT = 42 * MM, 28 * MM, 20 * MM  # a phone held over the page
                                                            # reads even a long link at 2 cm
MEETING_QR_PT = 88.0               # 31 mm
SECTION_GAP = 12.0
CARD_GAP, CARD_PAD = 10.0, 6.0
CARD_TEXT_MIN = 84.0                  # narrowest text column beside a QR code
STEP_COLUMN = 30.0
RENDERER_TIGHTER = 1.03               # LibreOffice sets a line up to ~1 % narrower than we measure


@dataclass(frozen=True)
class HandoutPlan:
    slide: PlannedSlide
    colours: Colours
    grid: Grid
    size_pt: float            # the body text size chosen
    qr_pt: float              # the side of the link QR codes (0 without links)
    warnings: tuple[str, ...]


@dataclass
class Section:
    """What one part of the page draws, and the side of its link QR codes (if any)."""

    shapes: list[Shape]
    pictures: list[Picture] = field(default_factory=list)
    qr: float = 0.0

    @property
    def bottom(self) -> float:
        return max(b.bottom for b in [s.box for s in self.shapes] +
                   [p.box for p in self.pictures])


def page_grid() -> Grid:
    """The A4 page as a Grid, so the brand's master (band, logo, title, rule) fits it too."""
    w, h = PAGE_W, PAGE_H
    logo = Box(w - MARGIN - 48, 20, 48, 48)
    title = Box(MARGIN, 18, logo.x - 12 - MARGIN, 54)
    panel = Box(0, 0, round(w * 0.32), h)
    return Grid(width=w, height=h, band=Box(0, 0, w, 8), title=title,
                rule=Box(MARGIN + INSET_X, title.bottom + 4, 72, 4),
                body=Box(MARGIN, title.bottom + 18, w - 2 * MARGIN, h - title.bottom - 62),
                logo=logo, footer=Box(MARGIN, h - 34, w - 2 * MARGIN - 80, 24),
                number=Box(w - MARGIN - 72, h - 34, 72, 24), panel=panel,
                cover_title=Box(panel.right + MARGIN, 72, w - 2 * MARGIN - panel.right, 150),
                cover_body=Box(panel.right + MARGIN, 236, w - 2 * MARGIN - panel.right, 400))


def chosen(deck: Deck, ids: tuple[str, ...]) -> list[Topic]:
    """The selected topics of `ids`, in the pack's order."""
    by_id = {t.id: t for t in deck.topics}
    return [by_id[i] for i in ids if i in by_id]


def plan_handout(deck: Deck) -> HandoutPlan:
    """The planned page; DeckError when it would show neither steps nor links, or cannot
    fit. A pack without joining steps gives a page without them (with a warning)."""
    fitting.refresh(font_files(deck.brand))
    pack = deck.pack
    steps, links = chosen(deck, pack.handout_steps), chosen(deck, pack.handout_links)
    colours, warnings = colours_for(deck)
    warnings = list(deck.warnings) + warnings
    if not steps and not links:
        raise DeckError(f"памятке нечего показать: у набора «{pack.name}» среди выбранных тем "
                        "нет ни шагов подключения, ни ссылок (поля handout.steps и "
                        "handout.links в pack.yaml" + _filtered(pack.handout_steps +
                                                                 pack.handout_links) + ")")
    if not steps:
        warnings.append(f"в наборе «{pack.name}» нет шагов подключения (поле handout.steps в "
                        "pack.yaml" + _filtered(pack.handout_steps) + "): памятка будет без "
                        "них")
    ctx = Context(deck, page_grid(), colours, warnings)
    for qr_min in (QR_GOOD_PT, QR_MIN_PT):
        size = BODY_MAX_PT
        while size >= PRINT_MIN_PT:
            page = _page(ctx, steps, links, size, qr_min)
            if page is not None:
                return page
            size -= 0.5
    raise DeckError(f"памятка не помещается на один лист A4 даже при шрифте {PRINT_MIN_PT:g} пт "
                    f"и QR-кодах {QR_MIN_PT / MM:.0f} мм: " + _overflow(ctx, steps, links)
                    + "; сократите шаги, подписи ссылок или данные собрания")


def _filtered(ids: tuple[str, ...]) -> str:
    """Why topics a pack names are missing: «; темы … не выбраны (--only …)»."""
    if not ids:
        return ""
    return (f"; названные в нём темы {', '.join(f'«{i}»' for i in ids)} не выбраны: "
            "проверьте --only, --skip и --audience")


def _page(ctx: Context, steps: list[Topic], topics: list[Topic], size: float,
          qr_min: float) -> HandoutPlan | None:
    """The page with body text at `size` and link QR codes of at least `qr_min`, or None
    when it does not fit."""
    contacts = _contacts(ctx, size)
    sections = ([contacts] if contacts else []) + [_meeting(ctx, size, ctx.grid.body.y)]
    for topic in steps:
        sections.append(_steps(ctx, topic, size, sections[-1].bottom + SECTION_GAP))
    links = _links(topics)
    bottom = _floor(contacts)
    if links:
        sections.append(_link_section(ctx, topics[0].title, links, size,
                                      sections[-1].bottom + SECTION_GAP, bottom, qr_min))
    if sections[-1] is None or sections[-1].bottom > bottom:
        return None
    slide = PlannedSlide("handout", _title(ctx), emphasis.plain(_notes(ctx, steps)),
                         shapes=tuple(s for part in sections for s in part.shapes),
                         pictures=tuple(p for part in sections for p in part.pictures))
    return HandoutPlan(slide, ctx.colours, ctx.grid, size, sections[-1].qr if links else 0.0,
                       tuple(ctx.warnings))


def _floor(contacts: Section | None) -> float:
    """Where the page's upper sections must end: above the contacts card."""
    return (contacts.shapes[0].box.y if contacts else PAGE_H - MARGIN) - SECTION_GAP


def _overflow(ctx: Context, steps: list[Topic], topics: list[Topic]) -> str:
    """What is on the page at the smallest sizes, each part's height, and by how much the
    whole is too long: what a teacher needs to decide what to cut."""
    size, mm = PRINT_MIN_PT, (lambda pt: f"{pt / MM:.0f} мм")
    contacts = _contacts(ctx, size)
    meeting = _meeting(ctx, size, ctx.grid.body.y)
    parts, bottom = [f"данные собрания — {mm(meeting.bottom - ctx.grid.body.y)}"], meeting.bottom
    for topic in steps:
        section = _steps(ctx, topic, size, bottom + SECTION_GAP)
        parts.append(f"шаги «{topic.title}» ({count(len(topic.items), STEPS)}) — "
                     f"{mm(section.bottom - bottom)}")
        bottom = section.bottom
    links = _links(topics)
    if links:
        section = _tightest_links(ctx, topics[0].title, links, size, bottom + SECTION_GAP)
        if section is None:
            parts.append(f"ссылки «{topics[0].title}» ({count(len(links), LINKS)}): адрес или "
                         "подпись одной из них не помещается в карточку даже целым словом")
        else:
            parts.append(f"ссылки «{topics[0].title}» ({count(len(links), QR_CODES)}) — "
                         f"{mm(section.bottom - bottom)}")
            bottom = section.bottom
    if contacts:
        parts.append(f"контакты — {mm(PAGE_H - MARGIN - contacts.shapes[0].box.y)}")
    over = bottom - _floor(contacts)
    return "на листе " + "; ".join(parts) + (f"; всё вместе длиннее листа на {mm(over)}"
                                             if over > 0 else "")


# ---------------------------------------------------------------- text

def _text(ctx: Context, paras: list[Para], x: float, y: float, w: float, size: float,
          colour, bold: bool = False, align: str = "l", gap: float = 0.3) -> Block:
    """A block of `paras` set at `size` in a box `w` wide at (x, y), exactly as high as the
    text needs with fit.py's safety margin."""
    style = (ctx.bold_style if bold else ctx.body_style)(gap_factor=gap)
    fit = fitting.set_text([p.measured for p in paras], style, size, w - 2 * INSET_X)
    box = Box(x, y, w, fit.height() / fitting.HEIGHT_SAFETY + 2 * INSET_Y + 1)
    return Block(box, tuple(paras), fit, colour, bold=bold, align=align,
                 font=ctx.deck.brand.body_font.name)


def _plain(text: str) -> Para:
    return Para(runs_of(text))


def _title(ctx: Context) -> Block:
    box = ctx.grid.title
    style = ctx.heading_style(gap_factor=0, max_lines=2)
    title = ctx.deck.pack.handout_title
    fit = fitting.fit_size([title], style, box.inner_w, box.inner_h, TITLE_MAX_PT,
                           TITLE_MIN_PT) or fitting.set_text([title], style, TITLE_MIN_PT,
                                                             box.inner_w)
    return Block(box, (Para((Run(title),)),), fit, ctx.colours.title, bold=True, anchor="b",
                 font=ctx.deck.brand.heading_font.name)


def _heading(ctx: Context, text: str, size: float, y: float, w: float | None = None) -> Block:
    area = ctx.grid.body
    return _text(ctx, [_plain(text)], area.x, y, w or area.w, min(size + 3, 17.0),
                 ctx.colours.title, bold=True, gap=0)


def _on_page(block: Block, fill) -> Shape:
    return Shape("rect", block.box, fill, block)


# ---------------------------------------------------------------- sections

def _meeting(ctx: Context, size: float, y: float) -> Section:
    """What the meeting is and where; the meeting-link QR code on the right when given."""
    m, area, c = ctx.deck.meeting, ctx.grid.body, ctx.colours
    width, pictures = area.w, []
    lines = [_plain(line) for line in (m.school or ctx.deck.brand.full_name, _when(ctx))
             if line]
    if m.link:
        qr = Box(area.right - MEETING_QR_PT, y, MEETING_QR_PT, MEETING_QR_PT)
        pictures.append(Picture(qr, "QR-код: ссылка на онлайн-собрание", qr=m.link,
                                link=m.link))
        width -= MEETING_QR_PT + 16
        lines.append(Para((Run("Собрание онлайн", m.link),
                           Run(": наведите камеру телефона на QR-код справа"))))
    heading = _heading(ctx, ctx.deck.title, size, y, width)
    info = _text(ctx, lines, area.x, heading.box.bottom, width, size, c.body)
    return Section([_on_page(heading, c.background), _on_page(info, c.background)], pictures)


def _when(ctx: Context) -> str:
    """«Родительское собрание · 5А класс · 12.12.2026, 18:30» with what is known (the class
    in the pack's words)."""
    m, words = ctx.deck.meeting, ctx.deck.pack.words
    parts = ["Родительское собрание", words.of_group(words.group, m.class_name),
             ", ".join(x for x in (m.date, m.time) if x)]
    return " · ".join(p for p in parts if p)


def _steps(ctx: Context, topic: Topic, size: float, y: float) -> Section:
    """A steps topic: its title, then each step in a box of its own beside a numbered circle
    (so no renderer's line breaks can move a number off its step)."""
    heading = _heading(ctx, topic.title, size, y)
    shapes, y = [_on_page(heading, ctx.colours.background)], heading.box.bottom
    for number, item in enumerate(topic.items, start=1):
        step = _step(ctx, _plain(item.text), y, size)
        shapes += [_on_page(step, ctx.colours.background), _step_number(ctx, step, number)]
        y = step.box.bottom
    return Section(shapes)


def _step(ctx: Context, para: Para, y: float, size: float) -> Block:
    """A step's text box, made a little narrower when a renderer that sets the text slightly
    tighter than we measure could save a line (and leave a gap under the step)."""
    area = ctx.grid.body
    for cut in range(0, 60, 6):
        step = _text(ctx, [para], area.x + STEP_COLUMN, y, area.w - STEP_COLUMN - cut, size,
                     ctx.colours.body)
        if _steady(step.fit):
            return step
    return _text(ctx, [para], area.x + STEP_COLUMN, y, area.w - STEP_COLUMN, size,
                 ctx.colours.body)


def _steady(fit: fitting.Fit) -> bool:
    """True when every paragraph keeps its line count on a line RENDERER_TIGHTER wider."""
    wide = (fit.width_pt - fit.style.indent_pt) * RENDERER_TIGHTER
    return all(len(fitting.wrap(" ".join(lines), fit.style.font_file, fit.size_pt, wide,
                             fitting.MISSING_EM, fit.style.bold_file))
               == len(lines) for lines in fit.lines)


def _step_number(ctx: Context, step: Block, number: int) -> Shape:
    """A numbered circle beside the first line of `step`."""
    diameter = max(20.0, step.fit.size_pt * 1.6)
    centre = step.box.y + INSET_Y + step.fit.line_pt / 2
    box = Box(ctx.grid.body.x + 2, centre - diameter / 2, diameter, diameter)
    size = max(PRINT_MIN_PT, round(diameter * 0.55))
    label = Block(box, (Para((Run(str(number)),)),),
                  fitting.set_text([str(number)], ctx.bold_style(), size, box.w),
                  ctx.colours.on_primary, bold=True, align="ctr", anchor="ctr",
                  font=ctx.deck.brand.body_font.name)
    return Shape("ellipse", box, ctx.colours.primary, label)


def _links(topics: list[Topic]) -> list[Link]:
    """The links of the pack's handout topics, each address once."""
    seen, links = set(), []
    for topic in topics:
        for link in topic.links:
            if link.url not in seen:
                seen.add(link.url)
                links.append(link)
    return links


def _link_section(ctx: Context, title: str, links: list[Link], size: float, y: float,
                  bottom: float, qr_min: float) -> Section | None:
    """The heading and the link cards, in the arrangement (columns, QR code beside or above
    the text) that gives the QR codes the most room above `bottom`; None when none fits."""
    heading = _heading(ctx, f"{title}: наведите камеру телефона на QR-код", size, y)
    top = heading.box.bottom + 4
    arrangements = [_cards(ctx, links, size, top, bottom, cols, beside, qr_min)
                    for beside in (True, False) for cols in range(1, min(len(links), 5) + 1)]
    best = max((a for a in arrangements if a is not None), key=lambda a: a.qr, default=None)
    if best is None:
        return None
    best.shapes.insert(0, _on_page(heading, ctx.colours.background))
    return best


def _tightest_links(ctx: Context, title: str, links: list[Link], size: float,
                    y: float) -> Section | None:
    """The link section at its shortest (QR codes QR_MIN_PT, the best arrangement), however
    long the page; None when some word cannot fit a card at all."""
    heading = _heading(ctx, f"{title}: наведите камеру телефона на QR-код", size, y)
    top = heading.box.bottom + 4
    width = ctx.grid.body.w
    laid = [_lay_cards(ctx, [links[i:i + cols] for i in range(0, len(links), cols)], size,
                       top, (width - CARD_GAP * (cols - 1)) / cols, QR_MIN_PT, beside)
            for beside in (True, False) for cols in range(1, min(len(links), 5) + 1)]
    shortest = min((a for a in laid if a is not None), key=lambda a: a.bottom, default=None)
    if shortest is not None:
        shortest.shapes.insert(0, _on_page(heading, ctx.colours.background))
    return shortest


def _cards(ctx: Context, links: list[Link], size: float, top: float, bottom: float,
           cols: int, beside: bool, qr_min: float) -> Section | None:
    """Cards `cols` wide with the largest QR code, from QR_MAX_PT down to `qr_min`, at which
    every card's text fits and the last row ends above `bottom`; None when none does."""
    width = (ctx.grid.body.w - CARD_GAP * (cols - 1)) / cols
    rows = [links[i:i + cols] for i in range(0, len(links), cols)]
    largest = min(QR_MAX_PT, width - 2 * CARD_PAD - (CARD_TEXT_MIN + CARD_PAD if beside else 0))
    for qr in [largest - 4 * n for n in range(int((largest - qr_min) // 4) + 1)] + [qr_min]:
        laid = _lay_cards(ctx, rows, size, top, width, qr, beside)
        if laid is not None and laid.bottom <= bottom:
            return laid
    return None


def _lay_cards(ctx: Context, rows: list[list[Link]], size: float, top: float, width: float,
               qr: float, beside: bool) -> Section | None:
    """The cards with QR codes `qr` wide, row by row; None when a word cannot fit a card."""
    area, laid, y = ctx.grid.body, Section([], qr=qr), top
    for row in rows:
        texts = []
        for col, link in enumerate(row):
            x = area.x + col * (width + CARD_GAP)
            text_x = x + CARD_PAD + (qr + CARD_PAD if beside else 0)
            text_y = y + CARD_PAD + (0 if beside else qr + 2)
            texts.append(_card_text(ctx, link, text_x, text_y, x + width - CARD_PAD - text_x,
                                    size, beside))
        if None in texts:
            return None
        text_h = max(t[-1].box.bottom for t in texts) - (y + CARD_PAD)
        inner = max(qr, text_h) if beside else qr + 2 + text_h
        for col, (link, text) in enumerate(zip(row, texts)):
            card = Box(area.x + col * (width + CARD_GAP), y, width, inner + 2 * CARD_PAD)
            qr_x = card.x + CARD_PAD if beside else card.x + (card.w - qr) / 2
            laid.shapes.append(Shape("roundRect", card, ctx.colours.card, behind=True))
            laid.shapes += [_on_page(block, ctx.colours.card) for block in text]
            laid.pictures.append(Picture(Box(qr_x, y + CARD_PAD, qr, qr),
                                         f"QR-код: {link.label}", qr=link.url, link=link.url))
        y += inner + 2 * CARD_PAD + CARD_GAP
    return laid


def _card_text(ctx: Context, link: Link, x: float, y: float, w: float, size: float,
               beside: bool) -> tuple[Block, Block] | None:
    """The short address (bold, a link) over the purpose, left-aligned beside a QR code or
    centred under it; None when a word would have to be broken between letters."""
    if not (_whole_words(ctx.bold_file, link.label, w, size) and
            _whole_words(ctx.body_file, link.caption, w, size)):
        return None
    shown = emphasis.plain(link.label)  # a link shows no emphasis
    head, _, tail = shown.partition(" ")  # renderers never break a link at its spaces
    label = Para((Run(head, link.url), Run(" " + tail)) if tail else (Run(shown, link.url),))
    align = "l" if beside else "ctr"
    first = _text(ctx, [label], x, y, w, size, ctx.colours.link, bold=True, align=align, gap=0)
    second = _text(ctx, [Para(emphasised(link.caption))], x, first.box.bottom, w, size,
                   ctx.colours.on_card, align=align, gap=0)
    return first, second


def _whole_words(font_file: str, text: str, width: float, size: float) -> bool:
    """True when every word of `text` fits a line `width` wide (box insets included), so
    no address or word is broken between letters."""
    usable = (width - 2 * INSET_X) * fitting.WIDTH_SAFETY
    return all(fitting.text_width(font_file, word, size) <= usable for word in text.split())


def _contacts(ctx: Context, size: float) -> Section | None:
    """A card at the foot of the page with whom to ask: the teacher, the organisation, and
    the pack's handout contacts (support); None when there is no one to name."""
    m, brand, area, c = ctx.deck.meeting, ctx.deck.brand, ctx.grid.body, ctx.colours
    words = ctx.deck.pack.words
    lines = [teacher_line(m, words)] if m.teacher or m.teacher_contacts else []
    school = ", ".join(x for x in (brand.phone, brand.email, brand.site) if x)
    if school:
        lines.append(f"{words.organisation}: {school}")
    lines += ctx.deck.pack.handout_contacts
    if not lines:
        return None
    body = _text(ctx, [_plain(line) for line in lines], area.x + CARD_PAD, 0,
                 area.w - 2 * CARD_PAD, size, c.on_card)
    top = PAGE_H - MARGIN - body.box.h - 2 * CARD_PAD
    body = body._replace(box=body.box._replace(y=top + CARD_PAD), anchor="ctr")
    card = Box(area.x, top, area.w, body.box.h + 2 * CARD_PAD)
    return Section([Shape("roundRect", card, c.card, behind=True), _on_page(body, c.card)])


def _notes(ctx: Context, steps: list[Topic]) -> str:
    """Speaker notes of the page: what it is for, then the steps' full wording."""
    head = (f"{ctx.deck.pack.handout_title}: один лист A4 (книжная ориентация), распечатайте "
            "и раздайте после собрания.")
    if not steps:
        return head + " Шагов подключения на нём нет: в наборе материалов они не указаны."
    said = "\n\n".join(t.notes for t in steps)
    return (head + " Шаги взяты из темы «" + "», «".join(t.title for t in steps)
            + "»; их полный текст — ниже.\n\n" + said)
