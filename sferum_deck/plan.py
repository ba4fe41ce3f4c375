"""Model -> planned slides: layout chosen, every text fitted, long topics split. Pure.

A PlannedSlide says exactly what render.py draws: boxes in points, fitted sizes, colours,
pictures with alt text, and the speaker notes. Nothing here imports python-pptx.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from . import fit as fitting
from .colours import Colours, colours_for
from .grid import INSET_Y, Box, Grid, clear_of, grid_for, template_grid
from .images import load_image
from .model import Colour, Deck, Item, Link, Topic

TITLE_MAX, TITLE_MIN, TITLE_WIDE_MIN = 36, 28, 18
BODY_MAX, BODY_MIN = 28, 18
FOOTER_MAX, FOOTER_MIN, FOOTER_LARGE = 12, 9, 18
BULLET_INDENT = 24.0
LABEL_INDENT = 44.0  # room for «10.» at 28 pt
MAX_ITEMS = 6  # DESIGN.md: at most six bullets a slide
AGENDA_ITEMS = 10  # agenda entries are short: up to ten on one slide
STEP_COLUMN = 56.0
QR_MIN = 116.0  # 1.6 in
CAPTION_MIN_H = 76.0  # three lines at 18 pt
URL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
SHORT_URL = 30
SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+")


@dataclass(frozen=True)
class Run:
    text: str
    link: str = ""


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bullet: str = "none"  # none | dot | label ("2." before a tab) | step (number in a circle)
    number: int = 0

    @property
    def measured(self) -> str:
        """The text as wrapping sees it: a link never breaks at its spaces (LibreOffice draws
        it as one field)."""
        return "".join(r.text.replace(" ", "\u00a0") if r.link else r.text for r in self.runs)

    @property
    def label(self) -> str:
        return f"{self.number}." if self.bullet == "label" else ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Block:
    """Fitted text in a box: what goes into one placeholder or text box."""

    box: Box
    paras: tuple[Para, ...]
    fit: fitting.Fit
    colour: Colour
    bold: bool = False
    align: str = "l"   # l | ctr | r
    anchor: str = "t"  # t | ctr | b
    font: str = "Arial"


@dataclass(frozen=True)
class Shape:
    kind: str  # rect | roundRect | ellipse
    box: Box
    fill: Colour
    text: Block | None = None
    behind: bool = False  # drawn under the placeholders (cards behind text)


@dataclass(frozen=True)
class Picture:
    box: Box
    alt: str
    qr: str = ""    # the address a QR code encodes
    path: str = ""  # an image file (logo)
    link: str = ""


@dataclass(frozen=True)
class PlannedSlide:
    kind: str        # cover | agenda | bullets | question | steps | links | closing
    title: Block
    notes: str
    body: Block | None = None
    shapes: tuple[Shape, ...] = ()
    pictures: tuple[Picture, ...] = ()
    topic: str = ""
    part: tuple[int, int] = (1, 1)
    footer: Block | None = None
    number: int = 0


@dataclass
class Context:
    deck: Deck
    grid: Grid
    colours: Colours
    warnings: list[str] = field(default_factory=list)

    @property
    def heading_file(self) -> str:
        return str(self.deck.brand.heading_font.bold)

    @property
    def body_file(self) -> str:
        return str(self.deck.brand.body_font.regular)

    @property
    def bold_file(self) -> str:
        return str(self.deck.brand.body_font.bold)


# ---------------------------------------------------------------- text blocks

def runs_of(text: str) -> tuple[Run, ...]:
    """Text split into runs; web and e-mail addresses become links, long ones shortened."""
    runs, pos = [], 0
    for m in URL_RE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()]))
        address = m.group(0).rstrip(".,;:)»")
        target = address if "://" in address else ("mailto:" + address if "@" in address
                                                   else "https://" + address)
        runs.append(Run(shorten(address), target))
        pos = m.start() + len(address)
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs) or (Run(""),)


def shorten(address: str) -> str:
    """An address as shown on a slide: at most SHORT_URL characters, the domain kept;
    an e-mail address whole (a shortened one is of no use)."""
    shown = re.sub(r"^https?://(www\.)?", "", address).rstrip("/")
    if len(shown) <= SHORT_URL or "/" not in shown and "@" in shown:
        return shown
    domain = shown.split("/")[0]
    return (domain if len(domain) <= SHORT_URL - 2 else domain[:SHORT_URL - 2]) + "/…"


def block(box: Box, paras: list[Para], fit: fitting.Fit, colour: Colour, **kw) -> Block:
    return Block(box, tuple(paras), fit, colour, **kw)


def fit_paras(paras: list[Para], box: Box, style: fitting.Style, max_pt: float,
              min_pt: float) -> fitting.Fit | None:
    return fitting.fit_size([p.measured for p in paras], style, box.inner_w, box.inner_h,
                            max_pt, min_pt)


def title_block(ctx: Context, text: str, box: Box | None = None, max_pt: float = TITLE_MAX,
                colour: Colour | None = None) -> Block:
    """A title fitted in two lines at 28 pt or more, else in more lines down to 18 pt."""
    box = box or ctx.grid.title
    paras = [Para(runs_of(text))]
    two_lines = fitting.Style(ctx.heading_file, gap_factor=0, max_lines=2)
    fit = fit_paras(paras, box, two_lines, max_pt, TITLE_MIN) or fit_paras(
        paras, box, replace(two_lines, max_lines=None), TITLE_MIN, TITLE_WIDE_MIN)
    if fit is None:  # validation caps titles, so only an extreme font gets here
        fit = fitting.set_text([text], two_lines, TITLE_WIDE_MIN, box.inner_w)
    return block(box, paras, fit, colour or ctx.colours.title, bold=True, anchor="b",
                 font=ctx.deck.brand.heading_font.name)


def footer_block(ctx: Context, text: str, max_pt: float = FOOTER_MAX,
                 min_pt: float = FOOTER_MIN) -> Block:
    box = ctx.grid.footer
    style = fitting.Style(ctx.body_file, gap_factor=0, max_lines=2)
    fit = fitting.fit_size([text], style, box.inner_w, box.inner_h, max_pt, min_pt, 0.5)
    while fit is None:  # a footer is decoration: shorten it rather than shrink it further
        shorter = text[:max(1, len(text) - 7)].rstrip(" ,.;:«") + "…"
        if len(shorter) >= len(text):  # a box too low for even one line at min_pt
            break
        text = shorter
        fit = fitting.fit_size([text], style, box.inner_w, box.inner_h, max_pt, min_pt, 0.5)
    fit = fit or fitting.set_text([text], style, min_pt, box.inner_w)
    return block(box, [Para((Run(text),))], fit, ctx.colours.muted, anchor="ctr",
                 font=ctx.deck.brand.body_font.name)


# ---------------------------------------------------------------- pagination

@dataclass(frozen=True)
class Piece:
    """A unit of body text that may start a slide: an item or a sentence of a long one."""

    text: str
    item: int
    first: bool = True


def pieces_of(items: tuple[Item, ...], fits_alone: Callable[[str], bool]) -> list[Piece]:
    """Items as pieces; an item that cannot fit a slide alone is cut at sentence ends,
    and a sentence that still cannot, between words."""
    out: list[Piece] = []
    for i, item in enumerate(items):
        if fits_alone(item.text):
            out.append(Piece(item.text, i))
            continue
        parts = _grouped(SENTENCE_END.split(item.text), " ", fits_alone)
        parts = [chunk for part in parts for chunk in
                 ([part] if fits_alone(part) else _grouped(part.split(), " ", fits_alone))]
        out += [Piece(part, i, first=(k == 0)) for k, part in enumerate(parts)]
    return out


def _grouped(parts: list[str], joiner: str, fits_alone: Callable[[str], bool]) -> list[str]:
    """Consecutive parts joined greedily while the result still fits alone."""
    groups: list[str] = []
    for part in parts:
        if groups and fits_alone(groups[-1] + joiner + part):
            groups[-1] += joiner + part
        else:
            groups.append(part)
    return groups


def paginate(pieces: list[Piece], fits: Callable[[list[Piece], float], bool],
             max_pt: float, min_pt: float, max_items: int = 0) -> tuple[list[list[Piece]], float]:
    """Pieces grouped into as few slides as the minimum size allows (and at most
    MAX_ITEMS items a slide), spread evenly, at the largest size common to those slides."""
    def pack(size: float, cap: int) -> list[list[Piece]]:
        pages: list[list[Piece]] = [[]]
        for piece in pieces:
            full = len({p.item for p in pages[-1] + [piece]}) > cap
            if pages[-1] and (full or not fits(pages[-1] + [piece], size)):
                pages.append([])
            pages[-1].append(piece)
        return pages

    most = max_items or MAX_ITEMS
    fewest = len(pack(min_pt, most))
    items = len({p.item for p in pieces})
    for cap in (-(-items // fewest), most):  # even pages first (7 steps: 4 + 3)
        size = max_pt
        while size >= min_pt:
            pages = pack(size, cap)
            if len(pages) <= fewest:
                return pages, size
            size -= 1
    return pack(min_pt, most), min_pt


# ---------------------------------------------------------------- layouts

def topic_slides(ctx: Context, topic: Topic, kind: str, box: Box, style: fitting.Style,
                 para_of: Callable[[Piece], Para], extras=None,
                 max_items: int = MAX_ITEMS) -> list[PlannedSlide]:
    """Slides of a list topic: pieces paginated into `box`, each page fitted, notes split."""
    def fits(page: list[Piece], size: float) -> bool:
        set_ = fitting.set_text([para_of(p).measured for p in page], style, size, box.inner_w)
        return fitting.fits(set_, box.inner_h)

    pieces = pieces_of(topic.items, lambda text: fits([Piece(text, 0)], BODY_MIN))
    pages, size = paginate(pieces, fits, BODY_MAX, BODY_MIN, max_items)
    slides = []
    for n, page in enumerate(pages, start=1):
        paras = [para_of(p) for p in page]
        fit = fitting.set_text([p.measured for p in paras], style, size, box.inner_w)
        body = block(box, paras, fit, ctx.colours.body, font=ctx.deck.brand.body_font.name)
        slides.append(PlannedSlide(
            kind=kind, title=title_block(ctx, part_title(topic.title, n, len(pages))),
            body=body, notes=page_notes(topic, page, n), topic=topic.id, part=(n, len(pages)),
            shapes=tuple(extras(body) if extras else ())))
    return slides


def part_title(title: str, n: int, total: int) -> str:
    return title if total == 1 else f"{title} ({n}/{total})"


def page_notes(topic: Topic, page: list[Piece], n: int) -> str:
    """Speaker notes of one page: the topic's notes on the first, the items' own after."""
    own = [topic.items[p.item].notes for p in page if p.first and topic.items[p.item].notes]
    if n == 1:
        return "\n\n".join([topic.notes] + own)
    said = own or [p.text for p in page]
    return "\n\n".join([f"Продолжение темы «{topic.title}»."] + said)


def plan_bullets(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    style = fitting.Style(ctx.body_file, indent_pt=BULLET_INDENT)
    return topic_slides(ctx, topic, "bullets", ctx.grid.body, style,
                        lambda p: Para(runs_of(p.text), "dot" if p.first else "none"))


def plan_question(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    card = ctx.grid.body
    box = card.shifted(dx=STEP_COLUMN + 8, dw=-(STEP_COLUMN + 16), dy=10, dh=-20)
    style = fitting.Style(ctx.body_file, indent_pt=BULLET_INDENT)
    cue_size = 44.0

    def cue(body: Block) -> list[Shape]:
        mark = Box(card.x + 12, card.y + 14, cue_size, cue_size)
        q = _centred_text(ctx, "?", mark, 26, ctx.colours.on_primary)
        return [Shape("roundRect", card, ctx.colours.card, behind=True), Shape("ellipse", mark,
                                                                    ctx.colours.primary, q)]
    slides = topic_slides(ctx, topic, "question", box, style,
                          lambda p: Para(runs_of(p.text), "dot" if p.first else "none"), cue)
    return [replace(s, body=replace(s.body, colour=ctx.colours.on_card)) for s in slides]


def plan_steps(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    box = ctx.grid.body.shifted(dx=STEP_COLUMN, dw=-STEP_COLUMN)
    style = fitting.Style(ctx.body_file, gap_factor=0.6, stable=True)

    def circles(body: Block) -> list[Shape]:
        out = []
        tops = body.fit.paragraph_tops()
        diameter = min(STEP_COLUMN - 12, max(30.0, body.fit.size_pt * 1.5))
        for para, top in zip(body.paras, tops):
            if para.bullet != "step":
                continue
            centre_y = body.box.y + INSET_Y + top + body.fit.line_pt / 2
            mark = Box(ctx.grid.body.x + (STEP_COLUMN - 12 - diameter) / 2,
                       centre_y - diameter / 2, diameter, diameter)
            label = _centred_text(ctx, str(para.number), mark,
                                  max(18.0, min(24.0, diameter * 0.55)), ctx.colours.on_primary)
            out.append(Shape("ellipse", mark, ctx.colours.primary, label))
        return out
    return topic_slides(ctx, topic, "steps", box, style,
                        lambda p: Para(runs_of(p.text), "step" if p.first else "none",
                                       p.item + 1), circles)


def _centred_text(ctx: Context, text: str, box: Box, size: float, colour: Colour) -> Block:
    style = fitting.Style(ctx.bold_file, gap_factor=0)
    fit = fitting.set_text([text], style, size, box.w)
    return Block(box, (Para((Run(text),)),), fit, colour, bold=True, align="ctr", anchor="ctr",
                 font=ctx.deck.brand.body_font.name)


def plan_links(ctx: Context, topic: Topic) -> list[PlannedSlide]:
    """Cards of QR code, short address and purpose; as many columns as fit, pages as needed."""
    columns = 3 if ctx.grid.width > 800 else 2
    for cols in range(columns, 0, -1):
        cards = _link_cards(ctx, cols)
        if all(_card_fits(ctx, link, cards[0]) for link in topic.links):
            break
    pages = [topic.links[i:i + cols] for i in range(0, len(topic.links), cols)]
    slides = []
    for n, links in enumerate(pages, start=1):
        shapes, pictures = [], []
        for link, card in zip(links, cards):
            s, p = _card(ctx, link, card)
            shapes += s
            pictures.append(p)
        notes = topic.notes if n == 1 else "\n".join(
            [f"Продолжение темы «{topic.title}»."] +
            [f"— {l.caption}: {l.url.removeprefix('mailto:')}" for l in links])
        slides.append(PlannedSlide(kind="links", title=title_block(
            ctx, part_title(topic.title, n, len(pages))), notes=notes, shapes=tuple(shapes),
            pictures=tuple(pictures), topic=topic.id, part=(n, len(pages))))
    return slides


def _link_cards(ctx: Context, cols: int) -> list[Box]:
    body, gap = ctx.grid.body, 18.0
    w = (body.w - gap * (cols - 1)) / cols
    return [Box(body.x + i * (w + gap), body.y, w, body.h) for i in range(cols)]


def _card_layout(ctx: Context, card: Box) -> tuple[Box, Box, Box]:
    """QR, label and caption boxes inside a card."""
    room = card.h - 14 - 8 - 58 - CAPTION_MIN_H - 8  # three caption lines kept on a low card
    qr = min(card.w - 32, card.h * 0.52, max(QR_MIN, room), 172.0)
    qr_box = Box(card.x + (card.w - qr) / 2, card.y + 14, qr, qr)
    label = Box(card.x + 8, qr_box.bottom + 8, card.w - 16, 58)
    caption = Box(card.x + 8, label.bottom, card.w - 16, card.bottom - label.bottom - 8)
    return qr_box, label, caption


def _card_fits(ctx: Context, link: Link, card: Box) -> bool:
    _, label_box, caption_box = _card_layout(ctx, card)
    return _card_text(ctx, _label_para(ctx, link, label_box), label_box, True) is not None and \
        _card_text(ctx, Para((Run(link.caption),)), caption_box, False) is not None


def _label_para(ctx: Context, link: Link, box: Box) -> Para:
    """The short address as a link; when it cannot stay on one line, only its first word
    is the link (renderers never break a link at its spaces)."""
    whole = Para((Run(link.label, link.url),))
    one_line = fitting.Style(ctx.bold_file, gap_factor=0, max_lines=1)
    head, _, tail = link.label.partition(" ")
    if not tail or fit_paras([whole], box, one_line, 22, BODY_MIN):
        return whole
    return Para((Run(head, link.url), Run(" " + tail)))


def _card_text(ctx: Context, para: Para, box: Box, bold: bool) -> fitting.Fit | None:
    style = fitting.Style(ctx.bold_file if bold else ctx.body_file, gap_factor=0)
    return fit_paras([para], box, style, 22 if bold else 20, BODY_MIN)


def _card(ctx: Context, link: Link, card: Box) -> tuple[list[Shape], Picture]:
    qr, label_box, caption_box = _card_layout(ctx, card)
    c, font = ctx.colours, ctx.deck.brand.body_font.name
    label_para, caption_para = _label_para(ctx, link, label_box), Para((Run(link.caption),))
    label = Block(label_box, (label_para,), _card_text(ctx, label_para, label_box, True), c.link,
                  bold=True, align="ctr", anchor="ctr", font=font)
    caption = Block(caption_box, (caption_para,), _card_text(ctx, caption_para, caption_box,
                                                             False), c.on_card, align="ctr",
                    font=font)
    shapes = [Shape("roundRect", card, c.card), Shape("rect", label_box, c.card, label),
              Shape("rect", caption_box, c.card, caption)]
    return shapes, Picture(qr, f"QR-код: {link.label}", qr=link.url, link=link.url)


LAYOUTS: dict[str, Callable[[Context, Topic], list[PlannedSlide]]] = {
    "bullets": plan_bullets,
    "question": plan_question,
    "steps": plan_steps,
    "links": plan_links,
}


# ---------------------------------------------------------------- frame slides

def plan_cover(ctx: Context) -> PlannedSlide:
    grid, meeting, brand = ctx.grid, ctx.deck.meeting, ctx.deck.brand
    body_box, title_box = grid.cover_body, grid.cover_title
    pictures, shapes = [], []  # the brand panel and logo are on the title layout
    if meeting.link:
        qr_box, caption = _qr_corner(ctx, grid.cover_qr or grid.cover_body)
        zone = Box(qr_box.x, qr_box.y, qr_box.w, caption.box.bottom - qr_box.y)
        body_box, title_box = clear_of(body_box, zone, 16), clear_of(title_box, zone, 16)
        pictures.append(Picture(qr_box, "QR-код: ссылка на онлайн-собрание", qr=meeting.link,
                                link=meeting.link))
        shapes.append(caption)
    lines = cover_lines(ctx)
    paras = [Para(runs_of(t)) for t in lines]
    style = fitting.Style(ctx.body_file, gap_factor=0.35)
    fit = fit_paras(paras, body_box, style, 24, BODY_MIN)
    if fit is None:  # a template's subtitle too small: the lines take the page's width
        wide = grid.cover_wide or grid.cover_body
        wide = clear_of(wide, zone, 16) if meeting.link else wide
        fit = fit_paras(paras, wide, style, 24, BODY_MIN)
        body_box = wide if fit else body_box
    fit = fit or fitting.set_text([p.measured for p in paras], style, BODY_MIN,
                                  body_box.inner_w)
    body = block(body_box, paras, fit, ctx.colours.cover_body, font=brand.body_font.name)
    title = title_block(ctx, meeting.title, title_box, max_pt=44,
                        colour=ctx.colours.cover_title)
    return PlannedSlide("cover", title, cover_notes(ctx), body=body, shapes=tuple(shapes),
                        pictures=tuple(pictures))


def _qr_corner(ctx: Context, area: Box) -> tuple[Box, Shape]:
    """A meeting-link QR code in the lower right of `area`, with its caption under it."""
    side, caption_h = 124.0, 58.0
    qr = Box(area.right - side - 8, area.bottom - side - caption_h, side, side)
    text_box = Box(qr.x - 20, qr.bottom + 2, side + 40, caption_h)
    style = fitting.Style(ctx.body_file, gap_factor=0)
    text = "Собрание онлайн"
    fit = fitting.fit_size([text], style, text_box.inner_w, text_box.inner_h, 18, 18) or \
        fitting.set_text([text], style, 18, text_box.inner_w)
    caption = Block(text_box, (Para((Run(text, ctx.deck.meeting.link),)),), fit,
                    ctx.colours.link, align="ctr", font=ctx.deck.brand.body_font.name)
    return qr, Shape("rect", text_box, ctx.colours.background, caption)


def cover_lines(ctx: Context) -> list[str]:
    m, brand = ctx.deck.meeting, ctx.deck.brand
    school = m.school or brand.full_name
    when = ", ".join(x for x in (m.date, m.time) if x)
    meeting = "Родительское собрание" + (f" · {m.class_name} класс" if m.class_name else "")
    lines = [school, meeting, when, f"Классный руководитель: {m.teacher}" if m.teacher else ""]
    return [line for line in lines if line]


def cover_notes(ctx: Context) -> str:
    m = ctx.deck.meeting
    me = f"Меня зовут {m.teacher}. " if m.teacher else ""
    cls = f" {m.class_name} класса" if m.class_name else ""
    link = (" Тем, кто подключился онлайн: ссылка на собрание — в QR-коде на этом и на "
            f"последнем слайде ({m.link}).") if m.link else ""
    return (f"Здравствуйте, уважаемые родители{cls}! {me}Сегодня поговорим о платформе "
            "«Сферум»: что это такое, почему школа её использует, чем она полезна детям, "
            "родителям и учителям, и как в ней зарегистрироваться. Материал подготовлен по "
            "рекомендациям разработчиков ИКОП «Сферум», которые Министерство образования и науки "
            "Пермского края направило школам для родительских собраний." + link)


def plan_agenda(ctx: Context, topics: tuple[Topic, ...]) -> list[PlannedSlide]:
    sections = list(dict.fromkeys(t.section for t in topics)) + ["Ответы на вопросы"]
    agenda = Topic(id="agenda", title="План встречи", section="План встречи", layout="steps",
                   audience=(), items=tuple(Item(s) for s in sections), links=(),
                   notes=agenda_notes(sections), source="")
    style = fitting.Style(ctx.body_file, indent_pt=LABEL_INDENT)
    return topic_slides(ctx, agenda, "agenda", ctx.grid.body, style,
                        lambda p: Para(runs_of(p.text), "label" if p.first else "none",
                                       p.item + 1), max_items=AGENDA_ITEMS)


def agenda_notes(sections: list[str]) -> str:
    listed = "; ".join(f"{i}) {s}" for i, s in enumerate(sections, start=1))
    return ("План нашей встречи: " + listed + ". Вопросы можно задавать по ходу, а в конце "
            "оставим время на ответы.")


def plan_closing(ctx: Context) -> PlannedSlide:
    grid, m, brand = ctx.grid, ctx.deck.meeting, ctx.deck.brand
    body_box, shapes, pictures = grid.body, [], []
    if m.link:
        qr_box, caption = _qr_corner(ctx, grid.body)
        body_box = body_box.shifted(dw=-(qr_box.w + 48))
        pictures.append(Picture(qr_box, "QR-код: ссылка на онлайн-собрание", qr=m.link,
                                link=m.link))
        shapes.append(caption)
    lines = closing_lines(ctx)
    paras = [Para(runs_of(t), "dot") for t in lines]
    style = fitting.Style(ctx.body_file, indent_pt=BULLET_INDENT)
    fit = fit_paras(paras, body_box, style, BODY_MAX, BODY_MIN) or fitting.set_text(
        [p.measured for p in paras], style, BODY_MIN, body_box.inner_w)
    body = block(body_box, paras, fit, ctx.colours.body, font=brand.body_font.name)
    notes = ("Спасибо за внимание! Отвечаю на вопросы. Напомню контакты: "
             + "; ".join(lines) + ". Если при регистрации что-то пошло не так, поддержка "
             "Сферума отвечает по адресу info@sferum.ru.")
    return PlannedSlide("closing", title_block(ctx, "Спасибо! Вопросы?"), notes, body=body,
                        shapes=tuple(shapes), pictures=tuple(pictures))


def closing_lines(ctx: Context) -> list[str]:
    m, brand = ctx.deck.meeting, ctx.deck.brand
    lines = []
    if m.teacher or m.teacher_contacts:
        lines.append(teacher_line(m))
    school = m.school or brand.full_name
    contacts = ", ".join(x for x in (brand.phone, brand.email, brand.site) if x)
    if school or contacts:
        lines.append(": ".join(x for x in (school, contacts) if x))
    if brand.principal:
        lines.append(f"Директор: {brand.principal}")
    lines.append("Поддержка Сферума: info@sferum.ru")
    lines.append("Сайты: sferum.ru, prof-sferum.ru")
    return lines


def teacher_line(m) -> str:
    """«Классный руководитель: name, contacts» with whatever of the two is known."""
    return "Классный руководитель: " + ", ".join(x for x in (m.teacher, m.teacher_contacts)
                                                 if x)


# ---------------------------------------------------------------- the deck

@dataclass(frozen=True)
class DeckPlan:
    slides: tuple[PlannedSlide, ...]
    colours: Colours
    grid: Grid
    warnings: tuple[str, ...]


def plan(deck: Deck) -> DeckPlan:
    """Every slide of the deck, numbered and footed, and the warnings planning produced."""
    colours, warnings = colours_for(deck)
    grid = template_grid(deck.template) if deck.template else \
        grid_for(deck.aspect, logo_ratio(deck.brand))
    ctx = Context(deck, grid, colours, list(deck.warnings) + warnings)
    slides = [plan_cover(ctx)] + plan_agenda(ctx, deck.topics)
    for topic in deck.topics:
        slides += LAYOUTS[topic.layout](ctx, topic)
    slides.append(plan_closing(ctx))
    numbered = [replace(s, number=i) for i, s in enumerate(slides, start=1)]
    footer = footer_for(ctx, numbered)
    numbered = [s if s.kind == "cover" else replace(s, footer=footer) for s in numbered]
    numbered = [with_panels(ctx, s) for s in numbered]
    return DeckPlan(tuple(numbered), colours, ctx.grid, tuple(ctx.warnings))


def with_panels(ctx: Context, slide: PlannedSlide) -> PlannedSlide:
    """The slide with a plain panel under each kind of text that a template's backdrop
    would leave hard to read (Colours.panels)."""
    cover = slide.kind == "cover"
    boxes = [("cover_title" if cover else "title", slide.title.box),
             ("cover_body" if cover else "body", slide.body.box if slide.body else None),
             ("footer", slide.footer.box if slide.footer else None),
             ("number", ctx.grid.number if slide.footer else None)]
    under = tuple(Shape("rect", box, ctx.colours.panel(role), behind=True)
                  for role, box in boxes if box is not None and ctx.colours.panel(role))
    return replace(slide, shapes=under + slide.shapes) if under else slide


def logo_ratio(brand) -> float:
    """Width / height of the brand's logo (1 without one)."""
    if not brand.logo:
        return 1.0
    image = load_image(brand.logo)
    return image.width / image.height


def footer_for(ctx: Context, slides: list[PlannedSlide]) -> Block:
    """The footer, 12 pt; 18 pt when one of its words (or a slide number) also stands in
    a slide's own text: a layout check cannot tell the two apart, so neither may be small."""
    small = footer_block(ctx, footer_text(ctx.deck))
    words = set(tokens(small.paras[0].text))
    if any((words | {str(s.number)}) & tokens_of(s) for s in slides if s.kind != "cover"):
        return footer_block(ctx, footer_text(ctx.deck), FOOTER_LARGE, FOOTER_LARGE)
    return small


def tokens(text: str) -> set[str]:
    """Words as a renderer check matches them: case-folded, punctuation dropped."""
    return {w for w in (re.sub(r"[^\w]", "", t.casefold()) for t in text.split()) if w}


def tokens_of(slide: PlannedSlide) -> set[str]:
    blocks = [slide.title, slide.body] + [s.text for s in slide.shapes]
    found = set()
    for b in (b for b in blocks if b is not None):
        for para in b.paras:
            found |= tokens(para.text) | tokens(para.label)
    return found


def footer_text(deck: Deck) -> str:
    return deck.meeting.school or deck.brand.footer
