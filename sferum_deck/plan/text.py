"""Text blocks every layout is made of: runs with links, titles, footers, fitted paragraphs,
cuts inside words marked for renderers. Pure."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from ..model import Box, Colour
from . import emphasis
from . import fit as fitting
from .records import Block, Context, Para, Run

TITLE_MAX, TITLE_MIN, TITLE_WIDE_MIN = 36, 28, 18
TITLE_TWO_LINES_MIN = 24  # a title keeps to two lines down to this size
BODY_MAX, BODY_MIN = 28, 18
COVER_MAX = 24  # the cover's school, class, date and teacher lines
FOOTER_MAX, FOOTER_MIN, FOOTER_LARGE = 12, 9, 18
BULLET_INDENT = 24.0
LABEL_INDENT = 44.0  # room for «10.» at 28 pt
MAX_ITEMS = 6  # DESIGN.md: at most six bullets a slide
STEP_COLUMN = 56.0
URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
SHORT_URL = 30      # characters of a web address with a path shown on a slide
SHORT_ADDRESS = 40  # of a bare domain or an e-mail address


@lru_cache(maxsize=8192)
def runs_of(text: str) -> tuple[Run, ...]:
    """Text split into runs: `**words**` become bold runs (the markers dropped); web and
    e-mail addresses become links, long ones shortened."""
    runs = [run for part, bold in emphasis.spans(text) for run in _linked(part, bold)]
    return tuple(runs) or (Run(""),)


def emphasised(text: str) -> tuple[Run, ...]:
    """Text split into runs at its `**bold**` markers only (a card's caption: its
    addresses stay text)."""
    return tuple(Run(part, bold=bold) for part, bold in emphasis.spans(text))


def _linked(text: str, bold: bool) -> list[Run]:
    """Runs of one span of text: its addresses as links."""
    if "@" not in text and "://" not in text and "www." not in text.casefold():
        return [Run(text, bold=bold)] if text else []
    runs, pos = [], 0
    for m in URL_RE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], bold=bold))
        address = m.group(0).rstrip(".,;:)»")
        target = address if "://" in address else ("mailto:" + address if "@" in address
                                                   else "https://" + address)
        runs.append(Run(shorten(address), target, bold))
        pos = m.start() + len(address)
    if pos < len(text):
        runs.append(Run(text[pos:], bold=bold))
    return runs


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
        cuts = sorted(set(fitting.breaks_inside_words(fitting.text_of(para.measured), lines))) \
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
                    runs += ([Run(fitting.ZERO_WIDTH_SPACE)] if k else []) + \
                        [Run(part, run.link, run.bold)]
            else:
                runs.append(Run(fitting.ZERO_WIDTH_SPACE.join(parts), bold=run.bold))
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
    two_lines = ctx.heading_style(gap_factor=0, max_lines=2)
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
        if fit is None:  # a box lower than one line: that line, whatever shows of it
            fit = fitting.set_text([paras[0].measured], two_lines._replace(max_lines=None),
                                   TITLE_WIDE_MIN, box.inner_w)
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
    style = ctx.body_style(gap_factor=0, max_lines=2)
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


def centred_text(ctx: Context, text: str, box: Box, size: float, colour: Colour) -> Block:
    style = ctx.bold_style(gap_factor=0)
    fit = fitting.set_text([text], style, size, box.w)
    return Block(box, (Para((Run(text),)),), fit, colour, bold=True, align="ctr", anchor="ctr",
                 font=ctx.deck.brand.body_font.name)
