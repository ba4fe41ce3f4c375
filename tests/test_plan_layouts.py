"""The plan of the layouts for what other authors write (compare, quote, checklist, section,
numbered bullets) on generated content, both aspects (hypothesis, as test_plan_properties
does for bullets): every text fits by fit.py's measure at 18 pt or more, no word is lost and
the order is kept, marks and check boxes sit on their item's first line, continuation slides
are numbered, notes follow their slides. HYPOTHESIS_EXAMPLES=5000 for a longer search."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_plan_properties import BRAND, KINDS, Writer, assert_fits, blocks, canonical

from sferum_deck.model import INSET_Y, TONES, Column, Deck, Item, Meeting, Quote, Topic
from sferum_deck.plan import emphasis, plan
from sferum_deck.plan.layouts.compare import MARK
from sferum_deck.plan.layouts.quote import quoted
from sferum_deck.plan.pages import part_title
from sferum_deck.plan.records import SECTION, TITLE_ONLY
from sferum_deck.plan.split import note_units
from sferum_deck.plan.text import BODY_MIN, runs_of

LAYOUTS = ["compare", "quote", "checklist", "section", "bullets"]


def items(write: Writer, count: int, words: int) -> tuple[Item, ...]:
    return tuple(Item(write(words, 400)) for _ in range(count))


@st.composite
def decks(draw) -> Deck:
    write = Writer(draw(st.integers(0, 2 ** 32)),
                   draw(st.lists(st.sampled_from(sorted(KINDS)), max_size=3)))
    topics = []
    for index in range(draw(st.integers(1, 3))):
        layout = draw(st.sampled_from(LAYOUTS))
        words = draw(st.sampled_from([4, 12, 50]))
        title = write(draw(st.sampled_from([3, 12, 40])), 150)
        fields = {"items": (), "content": None, "numbered": False}
        if layout == "compare":
            fields["content"] = tuple(
                Column(write(draw(st.sampled_from([1, 3, 10])), 60),
                       items(write, draw(st.integers(1, 12)), words), draw(st.sampled_from(TONES)))
                for _ in range(draw(st.integers(2, 3))))
        elif layout == "quote":
            fields["content"] = Quote(write(draw(st.sampled_from([8, 30, 120])), 600),
                                      *[write(6, 120) if draw(st.booleans()) else ""
                                        for _ in range(3)])
        elif layout in ("checklist", "bullets"):
            fields["items"] = items(write, draw(st.integers(1, 14)), words)
            fields["numbered"] = layout == "bullets"
        notes = "\n\n".join(write(50, 400) for _ in range(draw(st.integers(1, 4))))
        topics.append(Topic(id=f"t{index}", title=title, section=title if draw(st.booleans())
                            else "Раздел", layout=layout, audience=("parents",), links=(),
                            notes=notes, source=f"t{index}.yaml:1", **fields))
    return Deck(topics=tuple(topics), meeting=Meeting(), brand=BRAND,
                aspect=draw(st.sampled_from(["16:9", "4:3"])))


def check(deck: Deck) -> None:
    planned = plan(deck)
    body = planned.grid.body
    sections = list(dict.fromkeys(t.section for t in deck.topics))
    for topic in deck.topics:
        slides = [s for s in planned.slides if s.topic == topic.id]
        total = len(slides)
        assert [s.part for s in slides] == [(n, total) for n in range(1, total + 1)]
        notes = "\n\n".join(s.notes for s in slides)
        position = 0
        for _, unit in note_units(topic.notes):  # every part of the notes, in order
            said = emphasis.plain(unit)  # notes are plain: bold markers dropped
            position = notes.index(said, position) + len(said)
        for n, slide in enumerate(slides, start=1):
            assert slide.notes.strip()
            for b in blocks(slide):
                assert_fits(b, footer=b is slide.footer)
            shown = canonical(slide.title.paras[0].runs)
            assert shown == canonical(runs_of(part_title(topic.title, n, total))) or "…" in shown
            for shape in slide.shapes:  # nothing leaves the page
                assert 0 <= shape.box.x and shape.box.right <= planned.grid.width + 1e-6
                assert 0 <= shape.box.y and shape.box.bottom <= planned.grid.height + 1e-6
        CHECKS[topic.layout](topic, slides, body, sections)


def check_compare(topic, slides, body, sections) -> None:
    assert all(s.page == TITLE_ONLY and s.body is None for s in slides)
    columns = topic.content
    for slide in slides:
        headings = [sh for sh in slide.shapes if sh.text is not None and sh.text.bold]
        assert [canonical(h.text.paras[0].runs) for h in headings] == \
            [canonical(runs_of(c.heading)) for c in columns], "every slide repeats the headings"
        assert len({h.box.y for h in headings}) == 1 and len({h.box.h for h in headings}) == 1
        for shape in slide.shapes:
            assert shape.box.bottom <= body.bottom + 1e-6
    for k, column in enumerate(columns):
        texts, marks = [], 0
        for slide in slides:
            cards = [sh for sh in slide.shapes if sh.kind == "roundRect"]
            card = cards[k]
            inside = [sh for sh in slide.shapes if card.box.x <= sh.box.x < card.box.right]
            plain = [sh for sh in inside if sh.text is not None and not sh.text.bold]
            texts += [r for sh in plain for r in sh.text.paras[0].runs]
            for mark, text in zip(inside, inside[1:]):  # a mark, then the text it marks
                if mark.kind in ("check", "cross", "ellipse") and text in plain:
                    marks += 1
                    assert mark.kind == MARK[column.tone]
                    middle = text.box.y + INSET_Y + text.text.fit.line_pt / 2
                    assert abs(mark.box.y + mark.box.h / 2 - middle) < 0.01
                    assert mark.box.right <= text.box.x
            for a, b in zip(plain, plain[1:]):
                assert a.box.bottom <= b.box.y, "items never overlap"
            assert all(sh.text.fit.size_pt >= BODY_MIN for sh in plain)
        assert shown_text(texts) == shown_text([r for i in column.items for r in runs_of(i.text)])
        assert marks == len(column.items), "each item marked once, on its first line"


def shown_text(runs) -> str:
    """The visible text of runs (an address cut between two slides links to its parts)."""
    return re.sub(r"[\s\u200b]+", "", "".join(r.text for r in runs))


def check_quote(topic, slides, body, sections) -> None:
    quote = topic.content
    words = canonical([r for s in slides for r in s.body.paras[0].runs])
    # the words, in «» unless the author quoted them; a part that continues ends with «…»
    assert words.replace("…", "") == canonical(runs_of(quoted(quote.text))).replace("…", "")
    if len(slides) > 1:
        assert all(canonical(s.body.paras[0].runs).endswith("…") for s in slides[:-1])
    author = [sh for s in slides for sh in s.shapes if sh.text is not None]
    if quote.name or quote.role or quote.source:
        assert len(author) == 1 and author[0] in slides[-1].shapes, "the author, once, last"
        assert author[0].box.y >= slides[-1].body.box.bottom
        for part in (quote.name, quote.role, quote.source):
            assert canonical(runs_of(part)) in canonical(
                [r for p in author[0].text.paras for r in p.runs])
    else:
        assert not author


def check_checklist(topic, slides, body, sections) -> None:
    texts, boxes = [], 0
    for slide in slides:
        assert slide.page == TITLE_ONLY and slide.body is None
        shown = [sh for sh in slide.shapes if sh.text is not None]
        texts += [r for sh in shown for r in sh.text.paras[0].runs]
        for box, text in zip(slide.shapes, slide.shapes[1:]):
            if box.text is None:  # a check box, then its item
                boxes += 1
                assert box.line is not None and box.box.right <= text.box.x
                middle = text.box.y + INSET_Y + text.text.fit.line_pt / 2
                assert abs(box.box.y + box.box.h / 2 - middle) < 0.01
        for a, b in zip(shown, shown[1:]):
            assert a.box.bottom <= b.box.y
        assert shown[-1].box.bottom <= body.bottom + 1e-6
        assert len({sh.text.fit.size_pt for sh in shown}) == 1, "one size a slide"
    assert shown_text(texts) == shown_text([r for i in topic.items for r in runs_of(i.text)])
    assert boxes == len(topic.items)


def check_section(topic, slides, body, sections) -> None:
    [slide] = slides
    assert slide.page == SECTION
    number = [sh for sh in slide.shapes if sh.text is not None]
    assert [canonical(n.text.paras[0].runs) for n in number] == \
        [str(sections.index(topic.section) + 1)]
    band = next(sh for sh in slide.shapes if sh.behind)
    inner = slide.title.box
    assert band.box.y <= inner.y and inner.bottom <= band.box.bottom
    assert slide.title.colour == number[0].text.colour


def check_bullets(topic, slides, body, sections) -> None:
    labels = [p for s in slides for p in s.body.paras if p.bullet == "label"]
    assert [p.number for p in labels] == list(range(1, len(topic.items) + 1))
    assert not any(p.bullet == "dot" for s in slides for p in s.body.paras)


CHECKS = {"compare": check_compare, "quote": check_quote, "checklist": check_checklist,
          "section": check_section, "bullets": check_bullets}


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(decks())
def test_new_layouts_fit_and_keep_every_word(deck):
    check(deck)
