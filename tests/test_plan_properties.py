"""The plan of generated content nobody has seen: Russian and Latin text, over-long words,
many bullets, emoji and other scripts, long addresses, both aspects (hypothesis).

For every example: every text fits its box by fit.py's own measure, no word of the input
is lost and the order is kept, sizes stay within the design's bounds, steps keep their
numbers across slides, the agenda lists each section once, notes follow their slides.
300 examples by default; HYPOTHESIS_EXAMPLES=5000 for a longer search.
"""
from __future__ import annotations

import os
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sferum_deck.inputs.brands import load_brand
from sferum_deck.model import INSET_Y, Deck, Item, Link, Meeting, Topic
from sferum_deck.plan import emphasis
from sferum_deck.plan import fit as fitting
from sferum_deck.plan import plan
from sferum_deck.plan.layouts.links import QR_MIN
from sferum_deck.plan.pages import part_title
from sferum_deck.plan.records import Block, DeckPlan, Run
from sferum_deck.plan.split import note_units
from sferum_deck.plan.text import (
    BODY_MAX,
    BODY_MIN,
    FOOTER_MIN,
    TITLE_MAX,
    TITLE_WIDE_MIN,
    emphasised,
    runs_of,
)

EXAMPLES = {"tried": 0}
BRAND = load_brand("default")

RUSSIAN = ["Сферум", "родители", "учитель", "школа", "ребёнка", "чат", "собрание", "профиль",
           "регистрация", "уведомления", "кто-нибудь", "северо-западный", "«Сферум»", "ВКонтакте",
           "12+", "№", "14", "—", "т. е.", "Минпросвещения", "и", "в", "на", "не", "по"]
LATIN = ["VK", "Messenger", "online", "Wi-Fi", "e-mail", "ID", "app", "Zoom", "ok"]
OTHER = ["😀", "👍", "✅", "❤️", "👨‍👩‍👧‍👦", "📚", "中文", "日本語", "שלום", "مرحبا",
         "Ελληνικά", "Ўзбек", "Қазақ", "ßüö", "é́"]
LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz"
HOST = "abcdefghijklmnopqrstuvwxyz0123456789"


def letters(rng: random.Random, low: int, high: int, alphabet: str = LETTERS) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def host(rng: random.Random) -> str:
    return ".".join(letters(rng, 1, 20, HOST) for _ in range(rng.randint(1, 4))) + ".ru"


def url(rng: random.Random) -> str:
    path = letters(rng, 0, 90, LETTERS + "/-_?=&0123456789")
    return rng.choice(["https://", "http://", "https://www."]) + host(rng) + "/" + path


def email(rng: random.Random) -> str:
    return letters(rng, 1, 3) + letters(rng, 0, 37, HOST + "._-") + "@" + host(rng)


KINDS = {  # a kind of word -> how to make one
    "russian": lambda rng: rng.choice(RUSSIAN),
    "latin": lambda rng: rng.choice(LATIN),
    "emoji and scripts": lambda rng: rng.choice(OTHER),
    "long word": lambda rng: letters(rng, 25, 90),
    "path": lambda rng: rng.choice("/-_.").join(letters(rng, 2, 12)
                                                for _ in range(rng.randint(3, 8))),
    "url": url,
    "e-mail": email,
    "number": lambda rng: str(rng.randint(0, 10 ** 12)),
}


class Writer:
    """Text as validation leaves it (single spaces, length capped) from a seeded generator,
    words drawn from the chosen kinds (Russian always among them)."""

    def __init__(self, seed: int, kinds: list[str]):
        self.rng, self.kinds = random.Random(seed), ["russian", "russian"] + kinds

    def __call__(self, max_words: int, limit: int) -> str:
        words = []
        for _ in range(self.rng.randint(1, max_words)):
            word = KINDS[self.rng.choice(self.kinds)](self.rng)
            words.append(word + (self.rng.choice(".!?…;") if self.rng.random() < 0.15 else ""))
        if self.rng.random() < 0.3:  # **bold** words; a marker left open now and then
            i = self.rng.randrange(len(words))
            j = self.rng.randint(i + 1, len(words))
            words[i] = "**" + words[i]
            if self.rng.random() < 0.9:
                words[j - 1] += "**"
        return " ".join(words)[:limit].strip() or "Сферум"


@st.composite
def decks(draw) -> Deck:
    write = Writer(draw(st.integers(0, 2 ** 32)),
                   draw(st.lists(st.sampled_from(sorted(KINDS)), max_size=4)))
    chosen = []
    for index in range(draw(st.integers(1, 3))):
        layout = draw(st.sampled_from(["bullets", "question", "steps", "links"]))
        count = draw(st.integers(1, 4 if layout == "question" else 16))
        words = draw(st.sampled_from([6, 15, 70]))
        found = tuple(Item(write(words, 400), write(30, 600) if write.rng.random() < 0.3 else "",
                           write.rng.random() < 0.2,
                           tuple(write(words // 2 + 1, 200) for _ in range(
                               write.rng.choice([0, 0, 0, 1, 2, 4]))))
                      for _ in range(count)) if layout != "links" else ()
        found_links = tuple(_link(write) for _ in range(min(count, 9))) \
            if layout == "links" else ()
        paragraphs = [write(60, 500) for _ in range(draw(st.integers(1, 6)))]
        if layout == "steps" and draw(st.booleans()):
            paragraphs = [f"{i}. {p}" for i, p in enumerate(paragraphs, start=1)]
        title = write(draw(st.sampled_from([3, 12, 40])), 150)
        chosen.append(Topic(
            id=f"t{index}", title=title, section=title if draw(st.booleans()) else "Раздел",
            layout=layout, audience=("parents",), items=found, links=found_links,
            notes="\n\n".join(paragraphs), source=f"t{index}.yaml:1"))
    plain = emphasis.plain  # emphasis is for topics; a meeting's fields are what they say
    meeting = Meeting(
        school=plain(write(draw(st.sampled_from([8, 35, 80])), 400)) if draw(st.booleans())
        else "",
        class_name=draw(st.sampled_from(["", "5А", "11 «Б»"])),
        date=draw(st.sampled_from(["", "12.12.2026"])), time=draw(st.sampled_from(["", "18:30"])),
        teacher=plain(write(draw(st.sampled_from([3, 30])), 200)) if draw(st.booleans())
        else "",
        link=url(write.rng) if draw(st.booleans()) else "")
    return Deck(topics=tuple(chosen), meeting=meeting,
                aspect=draw(st.sampled_from(["16:9", "4:3"])),
                brand=BRAND._replace(full_name=meeting.school or BRAND.full_name))


def _link(write: Writer) -> Link:
    target = url(write.rng) if write.rng.random() < 0.8 else "mailto:" + email(write.rng)
    label = write(6, 60) if write.rng.random() < 0.5 else \
        re.sub(r"^(https?://|mailto:)(www\.)?", "", target).rstrip("/")
    return Link(target, label, write(25, 120))


# ---------------------------------------------------------------- checks

def canonical(runs) -> str:
    """Text of runs with each link as its target (a link cut into one run a line counts
    once) and no whitespace or zero-width spaces."""
    parts: list[str] = []
    for r in runs:
        if r.link and parts and parts[-1] == f"<{r.link}>":
            continue
        if r.link or r.text.strip("\u200b"):
            parts.append(f"<{r.link}>" if r.link else r.text)
    return re.sub(r"[\s\u200b]+", "", "".join(parts))


def blocks(slide):
    yield slide.title
    if slide.body is not None:
        yield slide.body
    if slide.footer is not None:
        yield slide.footer
    for shape in slide.shapes:
        if shape.text is not None:
            yield shape.text


def assert_fits(block: Block, footer: bool) -> None:
    fit = block.fit
    texts = [p.measured for p in block.paras]
    assert fit.size_pt >= (FOOTER_MIN if footer else BODY_MIN)
    if len(texts) == 1 and len(texts[0]) <= 3 and block.align == "ctr" and \
            block.anchor == "ctr" and block.box.w < 60:  # a number or «?» in a circle
        assert fitting.text_width(fit.style.font_file, texts[0], fit.size_pt) <= block.box.w
        return
    assert fit.width_pt <= block.box.inner_w + 1e-6
    again = fitting.set_text(texts, fit.style._replace(stable=False), fit.size_pt, fit.width_pt)
    assert again.lines == fit.lines, "the block's lines are what its text gives"
    if any(fitting.ZERO_WIDTH_SPACE in t for t in texts):  # an over-long word was cut: the
        fit = fit._replace(stable=True)  # renderer follows the marks, a wider one may join
    assert fitting.fits(fit, block.box.inner_h), (block.box, fit.size_pt, fit.lines)


def check_callouts(topic: Topic, slides, colours) -> None:
    """Each important item, and only those, is set in boxes of its own, each on a tint with
    an accent bar beside it that hold its text."""
    callouts = []
    for slide in slides:
        tints = [s.box for s in slide.shapes if s.behind and s.kind == "rect" and
                 s.fill == colours.callout]
        bars = [s.box for s in slide.shapes if s.behind and s.kind == "rect" and
                s.fill == colours.callout_bar and s.box.w < 10]
        assert [(b.x, b.y, b.h) for b in bars] == [(t.x, t.y, t.h) for t in tints]
        for body in slide.body_blocks:
            tint = [t for t in tints if t.x == body.box.x and t.y < body.box.y < t.bottom]
            if tint:
                assert body.box.y + body.fit.height() + 2 * INSET_Y <= tint[0].bottom + 1e-6
                callouts.append(body)
        assert len(tints) == len([b for b in slide.body_blocks if b in callouts])
    shown = [r for b in callouts for p in b.paras for r in p.runs]
    written = [r for item in topic.items if item.important for text in (item.text,) + item.items
               for r in runs_of(text)]
    assert canonical(shown) == canonical(written)


def check(deck: Deck, planned: DeckPlan) -> None:
    slides = planned.slides
    for slide in slides:
        assert slide.notes.strip()
        assert "**" not in slide.notes, "markers never shown in the notes"
        for b in blocks(slide):
            assert all("**" not in r.text for p in b.paras for r in p.runs), "markers never shown"
        for b in blocks(slide):
            assert_fits(b, footer=b is slide.footer)
        assert TITLE_WIDE_MIN <= slide.title.fit.size_pt <= max(TITLE_MAX, 44)
        if slide.kind != "cover":
            for body in slide.body_blocks:
                assert BODY_MIN <= body.fit.size_pt <= BODY_MAX
    by_topic = {t.id: [s for s in slides if s.topic == t.id] for t in deck.topics}
    order = [s.topic for s in slides if s.topic in by_topic]
    assert order == [t.id for t in deck.topics for _ in by_topic[t.id]], "topics keep order"
    for topic in deck.topics:
        check_topic(topic, by_topic[topic.id], planned.colours)
    agenda = [p for s in slides if s.kind == "agenda" for p in s.body.paras if p.bullet == "label"]
    sections = list(dict.fromkeys(t.section for t in deck.topics)) + ["Ответы на вопросы"]
    assert [canonical(p.runs) for p in agenda] == [canonical(runs_of(s)) for s in sections]
    assert [p.number for p in agenda] == list(range(1, len(sections) + 1))


def check_topic(topic: Topic, slides, colours) -> None:
    total = len(slides)
    assert [s.part for s in slides] == [(n, total) for n in range(1, total + 1)]
    for n, slide in enumerate(slides, start=1):
        shown = canonical(slide.title.paras[0].runs)
        whole = part_title(topic.title, n, total)
        assert shown == canonical(runs_of(whole)) or (
            "…" in shown and f"Заголовок слайда полностью: {emphasis.plain(whole)}" in slide.notes)
        if total > 1:  # a shortened title keeps its «(2/3)»: slide titles stay distinct
            assert shown.endswith(f"({n}/{total})")
    notes = "\n\n".join(s.notes for s in slides)
    position = 0
    for _, unit in note_units(topic.notes):  # every part of the notes, in order
        position = notes.index(emphasis.plain(unit), position) + len(emphasis.plain(unit))
    if topic.layout == "links":
        pictures = [p for s in slides for p in s.pictures]
        assert [p.qr for p in pictures] == [link.url for link in topic.links]
        assert all(p.box.w >= QR_MIN - 1e-6 for p in pictures)
        captions = [canonical(sh.text.paras[0].runs) for s in slides for sh in s.shapes
                    if sh.text is not None and sh.kind == "rect" and not sh.text.bold]
        for shown, link in zip(captions, topic.links):  # whole, or cut and read out whole
            assert shown == canonical(emphasised(link.caption)) or \
                shown.endswith("…") and f"— {emphasis.plain(link.caption)}:" in notes
        assert len(captions) == len(topic.links)
        return
    paras = [p for s in slides for p in s.body_paras]
    written = [r for item in topic.items for text in (item.text,) + item.items
               for r in runs_of(text)]
    assert canonical([r for p in paras for r in p.runs]) == canonical(written), "no text lost"
    assert canonical([r for p in paras for r in p.runs if r.bold]) == \
        canonical([r for r in written if r.bold]), "bold stays bold"
    subs = [p for p in paras if p.bullet == "sub"]
    assert len(subs) == sum(len(item.items) for item in topic.items)
    assert all(p.level == 1 for p in subs)
    check_callouts(topic, slides, colours)
    firsts = [p for p in paras if p.bullet in ("dot", "step")]
    assert len(firsts) == len(topic.items)
    if topic.layout == "steps":
        assert [p.number for p in firsts] == list(range(1, len(topic.items) + 1))
    for k, item in enumerate(topic.items):  # an item's own notes are on its first slide
        if item.notes:
            first = next(s for s in slides for p in s.body_paras if p is firsts[k])
            assert emphasis.plain(item.notes) in first.notes


@pytest.fixture(scope="module", autouse=True)
def report_examples(request):
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nhypothesis: {EXAMPLES['tried']} generated decks planned and checked")


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(decks())
def test_any_content_is_planned_to_fit_without_losing_a_word(deck):
    EXAMPLES["tried"] += 1
    check(deck, plan(deck))
