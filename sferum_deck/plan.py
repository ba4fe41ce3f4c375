"""Model -> planned slides: layout chosen, every text fitted, long topics split. Pure.

A PlannedSlide says exactly what render.py draws: boxes in points, fitted sizes, colours,
pictures with alt text, and the speaker notes. Nothing here imports python-pptx.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Callable, NamedTuple

from . import fit as fitting
from .colours import Colours, colours_for
from .grid import INSET_X, INSET_Y, Box, Grid, clear_of, grid_for, template_grid
from .images import load_image
from .model import Colour, Deck, Item, Link, Topic
from .split import Piece, paginate, pieces_of, share_notes

TITLE_MAX, TITLE_MIN, TITLE_WIDE_MIN = 36, 28, 18
TITLE_TWO_LINES_MIN = 24  # a title keeps to two lines down to this size
BODY_MAX, BODY_MIN = 28, 18
COVER_MAX = 24  # the cover's school, class, date and teacher lines
FOOTER_MAX, FOOTER_MIN, FOOTER_LARGE = 12, 9, 18
BULLET_INDENT = 24.0
LABEL_INDENT = 44.0  # room for «10.» at 28 pt
MAX_ITEMS = 6  # DESIGN.md: at most six bullets a slide
AGENDA_ITEMS = 10  # agenda entries are short: up to ten on one slide
STEP_COLUMN = 56.0
QR_MIN = 116.0  # 1.6 in
CAPTION_MIN_H = 76.0  # three lines at 18 pt
URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
SHORT_URL = 30      # characters of a web address with a path shown on a slide
SHORT_ADDRESS = 40  # of a bare domain or an e-mail address


class Run(NamedTuple):
    text: str
    link: str = ""


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    bullet: str = "none"  # none | dot | label ("2." before a tab) | step (number in a circle)
    number: int = 0

    @cached_property
    def measured(self) -> str:
        """The text as wrapping sees it: a link never breaks at its spaces or hyphens
        (LibreOffice draws it as one field, cut between characters only when over-long)."""
        return "".join(r.text.replace(" ", "\u00a0").replace("-", fitting.NO_BREAK_HYPHEN)
                       if r.link else r.text for r in self.runs)

    @property
    def label(self) -> str:
        return f"{self.number}." if self.bullet == "label" else ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class Block(NamedTuple):
    """Fitted text in a box: what goes into one placeholder or text box."""

    box: Box
    paras: tuple[Para, ...]
    fit: fitting.Fit
    colour: Colour
    bold: bool = False
    align: str = "l"   # l | ctr | r
    anchor: str = "t"  # t | ctr | b
    font: str = "Arial"


class Shape(NamedTuple):
    kind: str  # rect | roundRect | ellipse
    box: Box
    fill: Colour
    text: Block | None = None
    behind: bool = False  # drawn under the placeholders (cards behind text)


class Picture(NamedTuple):
    box: Box
    alt: str
    qr: str = ""    # the address a QR code encodes
    path: str = ""  # an image file (logo)
    link: str = ""


class PlannedSlide(NamedTuple):
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

@lru_cache(maxsize=8192)
def runs_of(text: str) -> tuple[Run, ...]:
    """Text split into runs; web and e-mail addresses become links, long ones shortened."""
    if "@" not in text and "://" not in text and "www." not in text.casefold():
        return (Run(text),)
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
    """An address as shown on a slide: whole when it has at most SHORT_URL characters (a
    bare domain: SHORT_ADDRESS), and an e-mail address always whole (a shortened one is of
    no use); else a web address as its domain and «/…», a domain too long for that with
    its end («…permkrai.ru/…»)."""
    shown = re.sub(r"^(https?://|mailto:)?(www\.)?", "", address, flags=re.I).rstrip("/")
    bare = not re.search(r"[/?#]", shown)
    if len(shown) <= (SHORT_ADDRESS if bare else SHORT_URL) or bare and "@" in shown:
        return shown
    return _domain_end(re.split(r"[/?#]", shown)[0], SHORT_ADDRESS - 2) + "/…"


def _domain_end(domain: str, limit: int) -> str:
    """`domain` if it has at most `limit` characters, else «…» and its end: whole labels
    when at least two of them fit, else the last characters."""
    if len(domain) <= limit:
        return domain
    labels = domain.split(".")
    for k in range(1, len(labels) - 1):
        tail = ".".join(labels[k:])
        if len(tail) < limit:
            return "…" + tail
    return "…" + domain[-(limit - 1):]


def block(box: Box, paras: list[Para], fit: fitting.Fit, colour: Colour, **kw) -> Block:
    """A Block of `paras` set as `fit` says, cuts inside words marked (see marked)."""
    shown = marked(paras, fit)
    if shown != list(paras):  # marks are break opportunities: lines may only get fewer
        fit = fitting.reset(fit, [p.measured for p in shown])
    return Block(box, tuple(shown), fit, colour, **kw)


def marked(paras: list[Para], fit: fitting.Fit) -> list[Para]:
    """The paragraphs with a zero-width space wherever a fitted line ends inside a word, so
    renderers cut the word where the fitting did. A hyperlink cut so becomes one link per
    line: LibreOffice ignores marks inside a link and, cutting one itself, misplaces the
    lines of a bottom- or centre-anchored box."""
    out = []
    for para, lines in zip(paras, fit.lines):
        cuts = sorted(set(fitting.breaks_inside_words(para.measured, lines))) \
            if len(lines) > 1 else []
        if not cuts:
            out.append(para)
            continue
        runs: list[Run] = []
        start = 0
        for run in para.runs:
            end = start + len(run.text)
            edges = [start] + [c for c in cuts if start < c < end] + [end]
            parts = [run.text[a - start:b - start] for a, b in zip(edges, edges[1:])]
            if run.link:
                for k, part in enumerate(parts):
                    runs += ([Run(fitting.ZERO_WIDTH_SPACE)] if k else []) + [Run(part, run.link)]
            else:
                runs.append(Run(fitting.ZERO_WIDTH_SPACE.join(parts)))
            if end in cuts:  # a cut between two runs
                runs.append(Run(fitting.ZERO_WIDTH_SPACE))
            start = end
        out.append(replace(para, runs=tuple(runs)))
    return out


def fit_paras(paras: list[Para], box: Box, style: fitting.Style, max_pt: float,
              min_pt: float) -> fitting.Fit | None:
    return fitting.fit_size([p.measured for p in paras], style, box.inner_w, box.inner_h,
                            max_pt, min_pt)


def title_block(ctx: Context, text: str, box: Box | None = None, max_pt: float = TITLE_MAX,
                colour: Colour | None = None, suffix: str = "") -> Block:
    """A title (`text` + `suffix`, such as « (2/3)») in at most two lines from `max_pt` down
    to 24 pt, else in more lines down to 18 pt; a `text` too long even for that loses its
    last words to «…», the suffix stays (the caller keeps the whole title in the notes, see
    full_title_note)."""
    box = box or ctx.grid.title
    two_lines = fitting.Style(ctx.heading_file, gap_factor=0, max_lines=2)
    attempts = [(two_lines, max_pt, TITLE_TWO_LINES_MIN),
                (two_lines._replace(max_lines=None), min(max_pt, TITLE_TWO_LINES_MIN),
                 TITLE_WIDE_MIN)]

    def fitted(shown: str) -> tuple[list[Para], fitting.Fit | None]:
        paras = [Para(runs_of(shown))]
        return paras, next((fit for style, hi, lo in attempts if hi >= lo
                            for fit in [fit_paras(paras, box, style, hi, lo)] if fit), None)

    paras, fit = fitted(text + suffix)
    if fit is None:
        shown = cut_to_fit(text, lambda t: fitted(t + suffix)[1] is not None)
        paras, fit = fitted(shown + suffix)
        warning = (f"заголовок «{text[:60]}…» не помещается на слайд даже шрифтом "
                   f"{TITLE_WIDE_MIN} пт; на слайде он сокращён, полностью — в заметках")
        if warning not in ctx.warnings:  # once for all the slides of a topic
            ctx.warnings.append(warning)
    return block(box, paras, fit, colour or ctx.colours.title, bold=True, anchor="b",
                 font=ctx.deck.brand.heading_font.name)


def cut_to_fit(text: str, fits: Callable[[str], bool]) -> str:
    """The longest start of `text` that, ended with «…», fits (whole words when it can)."""
    words = text.split(" ")
    lo, hi = 0, len(words) - 1
    while lo < hi:  # whole words first
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(" ".join(words[:mid]) + "…") else (lo, mid - 1)
    if lo:
        return " ".join(words[:lo]) + "…"
    lo, hi = 0, len(text) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if fits(text[:mid] + "…") else (lo, mid - 1)
    return text[:lo] + "…"


def full_title_note(text: str, shown: Block) -> str:
    """A notes line with the whole title when the slide shows `text` shortened, else ""."""
    whole = "".join(r.text for r in runs_of(text))
    shown_text = shown.paras[0].text.replace(fitting.ZERO_WIDTH_SPACE, "")
    return "" if shown_text == whole else f"Заголовок слайда полностью: {text}\n\n"


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


# ---------------------------------------------------------------- layouts

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
    return [s._replace(body=s.body._replace(colour=ctx.colours.on_card)) for s in slides]


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
    label = link.label
    if " " not in label and (len(label) > SHORT_ADDRESS or
                             not _label_fits(ctx, label, link.url, box)):
        label = shorten(label)
    if short and not _label_fits(ctx, label, link.url, box):
        label = cut_to_fit(label, lambda text: _label_fits(ctx, text, link.url, box))
    return _label_runs(ctx, label, link.url, box)


def _caption_para(ctx: Context, link: Link, box: Box, short: bool) -> Para:
    """The caption; with `short`, cut to «…» when it does not fit (read out in the notes)."""
    def para(text: str) -> Para:
        return Para((Run(text),))

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
    one_line = fitting.Style(ctx.bold_file, gap_factor=0, max_lines=1)
    head, _, tail = label.partition(" ")
    if not tail or fit_paras([whole], box, one_line, 22, BODY_MIN):
        return whole
    return Para((Run(head, url), Run(" " + tail)))


def _card_text(ctx: Context, para: Para, box: Box, bold: bool) -> fitting.Fit | None:
    style = fitting.Style(ctx.bold_file if bold else ctx.body_file, gap_factor=0)
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
        [para.measured], fitting.Style(ctx.bold_file if bold else ctx.body_file, gap_factor=0),
        BODY_MIN, box.inner_w)


LAYOUTS: dict[str, Callable[[Context, Topic], list[PlannedSlide]]] = {
    "bullets": plan_bullets,
    "question": plan_question,
    "steps": plan_steps,
    "links": plan_links,
}


# ---------------------------------------------------------------- frame slides

def plan_cover(ctx: Context) -> PlannedSlide:
    """The title slide. Long meeting data (a school name of 250 characters) first gets the
    room the title does not use, then the meeting-link QR code leaves the cover for a text
    line (it stays on the closing slide), and last the longest line is shortened."""
    grid, meeting, brand = ctx.grid, ctx.deck.meeting, ctx.deck.brand
    qr, parts, clear = bool(meeting.link), ([], []), (lambda box: box)
    if qr:
        qr_box, caption, picture = _meeting_qr(ctx, grid.cover_qr or grid.cover_body)
        zone = Box(qr_box.x, qr_box.y, qr_box.w, caption.box.bottom - qr_box.y)
        parts, clear = ([caption], [picture]), (lambda box: clear_of(box, zone, 16))
    title = title_block(ctx, meeting.title, clear(grid.cover_title), max_pt=44,
                        colour=ctx.colours.cover_title)
    wide = grid.cover_wide or grid.cover_body  # a template's subtitle may be too small
    options = [(title, clear(grid.cover_body), qr), (title, clear(wide), qr)]
    if grid.cover_body.y >= grid.cover_title.bottom:  # lines under the title may move up
        raised, top = _raised(title, grid.cover_body.y - grid.cover_title.bottom)
        area = Box(wide.x, top, wide.w, wide.bottom - top)
        options += [(raised, clear(area), qr)] + [(raised, area, False)] * qr
    style = fitting.Style(ctx.body_file, gap_factor=0.35)
    title, body_box, with_qr, paras, fit, cut = _first_fitting(
        ctx, cover_lines(ctx), options, style, COVER_MAX, "титульный слайд", link_line=False)
    shapes, pictures = parts if with_qr else ([], [])
    body = block(body_box, paras, fit, ctx.colours.cover_body, font=brand.body_font.name)
    notes = cover_notes(ctx) + "".join(f"\n\nНа слайде сокращено: {line}" for line in cut)
    return PlannedSlide("cover", title, notes, body=body, shapes=tuple(shapes),
                        pictures=tuple(pictures))


def _raised(title: Block, gap: float) -> tuple[Block, float]:
    """The title in a box just as high as its text (its top kept), and where text under
    it may start."""
    height = title.fit.height() / fitting.HEIGHT_SAFETY + 2 * INSET_Y + 1
    box = title.box._replace(h=min(title.box.h, height))
    return title._replace(box=box), box.bottom + gap


def _meeting_qr(ctx: Context, area: Box) -> tuple[Box, Shape, Picture]:
    """The meeting-link QR code in the lower right of `area`: its box, the caption under it
    and the picture."""
    qr_box, caption = _qr_corner(ctx, area)
    return qr_box, caption, Picture(qr_box, "QR-код: ссылка на онлайн-собрание",
                                    qr=ctx.deck.meeting.link, link=ctx.deck.meeting.link)


def _first_fitting(ctx: Context, lines: list[str], options: list[tuple], style: fitting.Style,
                   max_pt: float, where: str, bullet: str = "none", link_line: bool = True):
    """The first of `options` (title, text box, with the meeting QR code) in which `lines`
    fit; an option without the QR code shows the meeting link as a line when `link_line`.
    When none fits, the last one with its longest lines shortened. Returns (title, box,
    with_qr, paras, fit, the lines shortened)."""
    def attempt(shown: list[str], box: Box) -> tuple[list[Para], fitting.Fit | None]:
        paras = [Para(runs_of(t), bullet) for t in shown]
        return paras, fit_paras(paras, box, style, max_pt, BODY_MIN)

    link = ctx.deck.meeting.link
    extra = [f"Собрание онлайн: {link}"] if link and link_line else []
    for title, box, with_qr in options:
        shown = lines if with_qr else lines + extra
        paras, fit = attempt(shown, box)
        if fit is not None:
            if link and not with_qr:
                ctx.warnings.append(f"{where}: QR-код ссылки на собрание не поместился рядом с "
                                    "текстом; " + ("ссылка дана строкой" if extra else
                                                   "он есть на последнем слайде"))
            return title, box, with_qr, paras, fit, []
    shown, cut = list(shown), []
    while fit is None:  # shorten the longest line until everything fits
        longest = max(range(len(shown)), key=lambda i: len(shown[i]))
        cut.append(lines[longest] if longest < len(lines) else shown[longest])
        shown[longest] = cut_to_fit(shown[longest], lambda t: attempt(
            shown[:longest] + [t] + shown[longest + 1:], box)[1] is not None)
        paras, fit = attempt(shown, box)
    ctx.warnings.append(f"{where}: текст не помещается даже шрифтом {BODY_MIN} пт; самая длинная "
                        "строка сокращена (полностью — в заметках)")
    return title, box, with_qr, paras, fit, cut


def _qr_corner(ctx: Context, area: Box) -> tuple[Box, Shape]:
    """A meeting-link QR code in the lower right of `area`, with its caption under it."""
    side, caption_h = 124.0, 58.0
    qr = Box(area.right - side - 8, area.bottom - side - caption_h, side, side)
    text_box = Box(qr.x - 20, qr.bottom + 2, side + 40, caption_h)
    style = fitting.Style(ctx.body_file, gap_factor=0)
    link = ctx.deck.meeting.link  # two links: a renderer may break between them
    para = Para((Run("Собрание", link), Run(" "), Run("онлайн", link)))
    fit = fitting.set_text([para.measured], style, BODY_MIN, text_box.inner_w)
    caption = block(text_box, [para], fit, ctx.colours.link, align="ctr",
                    font=ctx.deck.brand.body_font.name)
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
    title = title_block(ctx, "Спасибо! Вопросы?")
    lines = closing_lines(ctx)
    parts, options = ([], []), [(title, grid.body, False)]
    if m.link:
        qr_box, caption, picture = _meeting_qr(ctx, grid.body)
        parts = ([caption], [picture])
        options.insert(0, (title, grid.body.shifted(dw=-(qr_box.w + 48)), True))
    style = fitting.Style(ctx.body_file, indent_pt=BULLET_INDENT)
    _, body_box, with_qr, paras, fit, cut = _first_fitting(
        ctx, lines, options, style, BODY_MAX, "последний слайд", "dot")
    shapes, pictures = parts if with_qr else ([], [])
    body = block(body_box, paras, fit, ctx.colours.body, font=brand.body_font.name)
    notes = ("Спасибо за внимание! Отвечаю на вопросы. Напомню контакты: "
             + "; ".join(lines) + ". Если при регистрации что-то пошло не так, поддержка "
             "Сферума отвечает по адресу info@sferum.ru.")
    return PlannedSlide("closing", title, notes, body=body, shapes=tuple(shapes),
                        pictures=tuple(pictures))


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

class DeckPlan(NamedTuple):
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
    numbered = [s._replace(number=i) for i, s in enumerate(slides, start=1)]
    footer = footer_for(ctx, numbered)
    numbered = [s if s.kind == "cover" else s._replace(footer=footer) for s in numbered]
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
    return slide._replace(shapes=under + slide.shapes) if under else slide


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
