"""The deck's frame around the topics: the cover, the agenda and the closing slide. Pure."""
from __future__ import annotations

from ..model import INSET_Y, Box, Item, Topic, Words
from . import fit as fitting
from .grid import clear_of
from .pages import topic_slides
from .records import COVER, Block, Context, Para, Picture, PlannedSlide, Run, Shape
from .text import (
    BODY_MAX,
    BODY_MIN,
    BULLET_INDENT,
    COVER_MAX,
    LABEL_INDENT,
    block,
    cut_to_fit,
    fit_paras,
    runs_of,
    title_block,
)

AGENDA_ITEMS = 10  # agenda entries are short: up to ten on one slide
NO_CONTACTS = "Вопросы можно задать сейчас или после встречи"  # a closing with nothing to list


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
    title = title_block(ctx, ctx.deck.title, clear(grid.cover_title), max_pt=44,
                        colour=ctx.colours.cover_title)
    wide = grid.cover_wide or grid.cover_body  # a template's subtitle may be too small
    options = [(title, clear(grid.cover_body), qr), (title, clear(wide), qr)]
    if grid.cover_body.y >= grid.cover_title.bottom:  # lines under the title may move up
        raised, top = _raised(title, grid.cover_body.y - grid.cover_title.bottom)
        area = Box(wide.x, top, wide.w, wide.bottom - top)
        options += [(raised, clear(area), qr)] + [(raised, area, False)] * qr
    style = ctx.body_style(gap_factor=0.35)
    title, body_box, with_qr, paras, fit, cut = _first_fitting(
        ctx, cover_lines(ctx), options, style, COVER_MAX, "титульный слайд", link_line=False)
    shapes, pictures = parts if with_qr else ([], [])
    body = block(body_box, paras, fit, ctx.colours.cover_body, font=brand.body_font.name)
    notes = cover_notes(ctx) + "".join(f"\n\nНа слайде сокращено: {line}" for line in cut)
    return PlannedSlide("cover", title, notes, body=body, shapes=tuple(shapes),
                        pictures=tuple(pictures), page=COVER)


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
    style = ctx.body_style(gap_factor=0)
    link = ctx.deck.meeting.link  # two links: a renderer may break between them
    para = Para((Run("Собрание", link), Run(" "), Run("онлайн", link)))
    fit = fitting.set_text([para.measured], style, BODY_MIN, text_box.inner_w)
    caption = block(text_box, [para], fit, ctx.colours.link, align="ctr",
                    font=ctx.deck.brand.body_font.name)
    return qr, Shape("rect", text_box, ctx.colours.background, caption)


def cover_lines(ctx: Context) -> list[str]:
    m, brand, words = ctx.deck.meeting, ctx.deck.brand, ctx.deck.pack.words
    school = m.school or brand.full_name
    when = ", ".join(x for x in (m.date, m.time) if x)
    group = words.of_group(words.group, m.class_name)
    meeting = "Родительское собрание" + (f" · {group}" if group else "")
    lines = [school, meeting, when, f"{words.teacher}: {m.teacher}" if m.teacher else ""]
    return [line for line in lines if line]


def cover_notes(ctx: Context) -> str:
    """The greeting, what the meeting is about and what the material is based on (from the
    content pack), and the meeting link."""
    m, pack = ctx.deck.meeting, ctx.deck.pack
    me = f"Меня зовут {m.teacher.rstrip('.')}. " if m.teacher else ""
    group = pack.words.of_group(pack.words.group_of, m.class_name)
    link = (" Тем, кто подключился онлайн: ссылка на собрание — в QR-коде на этом и на "
            f"последнем слайде ({m.link}).") if m.link else ""
    about = f"{pack.cover_notes} " if pack.cover_notes else ""
    return (f"Здравствуйте, уважаемые родители{' ' + group if group else ''}! {me}{about}"
            + based_on(pack) + link)


def based_on(pack) -> str:
    """What the material is based on: the pack's sources and the date its facts hold."""
    if not pack.sources and not pack.author:
        return "Для докладчика: источники материала не указаны (в папке тем нет pack.yaml)."
    sources = "; ".join(s.cited(note=not s.date) for s in pack.sources) or pack.title
    named = {s.organisation for s in pack.sources}
    author = f" Составитель: {pack.author}." if pack.author and pack.author not in named else ""
    when = f" Сведения — на {pack.as_of}." if pack.as_of else ""
    return f"Материал подготовлен по источникам: {sources}.{author}{when}"


def plan_agenda(ctx: Context, topics: tuple[Topic, ...]) -> list[PlannedSlide]:
    sections = list(dict.fromkeys(t.section for t in topics)) + ["Ответы на вопросы"]
    agenda = Topic(id="agenda", title="План встречи", section="План встречи", layout="steps",
                   audience=(), items=tuple(Item(s) for s in sections), links=(),
                   notes=agenda_notes(sections), source="")
    style = ctx.body_style(indent_pt=LABEL_INDENT)
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
    style = ctx.body_style(indent_pt=BULLET_INDENT)
    _, body_box, with_qr, paras, fit, cut = _first_fitting(
        ctx, lines, options, style, BODY_MAX, "последний слайд", "dot")
    shapes, pictures = parts if with_qr else ([], [])
    body = block(body_box, paras, fit, ctx.colours.body, font=brand.body_font.name)
    more = ctx.deck.pack.closing_notes
    listed = f" Напомню контакты: {'; '.join(lines)}." if lines != [NO_CONTACTS] else ""
    notes = "Спасибо за внимание! Отвечаю на вопросы." + listed + (f" {more}" if more else "")
    return PlannedSlide("closing", title, notes, body=body, shapes=tuple(shapes),
                        pictures=tuple(pictures))


def closing_lines(ctx: Context) -> list[str]:
    m, brand, pack = ctx.deck.meeting, ctx.deck.brand, ctx.deck.pack
    lines = []
    if m.teacher or m.teacher_contacts:
        lines.append(teacher_line(m, pack.words))
    school = m.school or brand.full_name
    contacts = ", ".join(x for x in (brand.phone, brand.email, brand.site) if x)
    if school or contacts:
        lines.append(": ".join(x for x in (school, contacts) if x))
    if brand.principal:
        lines.append(f"{pack.words.head}: {brand.principal}")
    lines += pack.closing_lines
    return lines or [NO_CONTACTS]


def teacher_line(m, words: Words) -> str:
    """«Классный руководитель: name, contacts» (the pack's word) with whatever is known."""
    return f"{words.teacher}: " + ", ".join(x for x in (m.teacher, m.teacher_contacts) if x)
