"""Fitting and splitting decisions of plan.py and split.py, and the `check` table."""
from __future__ import annotations

import re

from conftest import run_cli

from sferum_deck.core import Options, load_deck
from sferum_deck.model import Item, Topic
from sferum_deck.plan import plan
from sferum_deck.plan.split import Piece, balanced, item_text, paginate, pieces_of, share_notes
from sferum_deck.plan.text import BODY_MIN, runs_of, shorten

URL_120 = ("https://example-school-portal.permkrai.ru/parents/meetings/2026/december/materials/"
           "sferum-registration-guide-full.pdf")
SCHOOL_250 = ("Муниципальное автономное общеобразовательное учреждение «Средняя "
              "общеобразовательная школа № 7 с углублённым изучением отдельных предметов имени "
              "Героя Советского Союза Ивана Петровича Сидорова» Индустриального района города "
              "Перми (корпус 2, структурное подразделение)")[:250]


def default_plan(aspect: str = "16:9", **meeting):
    deck = load_deck(Options(aspect=aspect))
    return deck, plan(deck._replace(meeting=deck.meeting._replace(**meeting)))


def topic_of(items: list[str], layout: str = "bullets", notes: str = "Заметки.") -> Topic:
    return Topic(id="odd", title="Странная тема", section="Странная тема", layout=layout,
                 audience=("parents",), items=tuple(Item(t) for t in items), links=(),
                 notes=notes, source="odd.yaml:1")


def test_a_split_topic_takes_the_notes_about_each_slide_with_it():
    _, planned = default_plan("4:3")
    steps = [s for s in planned.slides if s.topic == "technical-steps"]
    assert [s.part for s in steps] == [(1, 2), (2, 2)]
    first, second = (s.notes for s in steps)
    shown_second = [p.number for p in steps[1].body_paras]
    assert shown_second[0] > 1  # the numbering continues on the second slide
    assert first.startswith("Технические рекомендации — по шагам.")
    for n in range(1, 8):  # «N. …» in the notes goes with step N
        assert (f"\n{n}. " in "\n" + second) == (n in shown_second), n
    links = [s for s in planned.slides if s.topic == "resources"]
    for slide in links[1:]:
        assert slide.notes.startswith("Продолжение темы «Полезные ресурсы».")
        for picture in slide.pictures:
            assert picture.qr.removeprefix("mailto:").rstrip("/").split("//")[-1] in slide.notes


def test_the_agenda_lists_a_split_topic_once():
    deck, _ = default_plan()
    many = topic_of([f"Пункт {i}: родители получают уведомления о событиях класса и школы"
                     for i in range(1, 31)])
    planned = plan(deck._replace(topics=(many,) + deck.topics[:2]))
    parts = [s.part for s in planned.slides if s.topic == "odd"]
    assert len(parts) >= 2
    agenda = [p.text for s in planned.slides if s.kind == "agenda" for p in s.body.paras]
    assert agenda.count("Странная тема") == 1
    assert [s.title.paras[0].text for s in planned.slides if s.topic == "odd"] == \
        [f"Странная тема ({n}/{len(parts)})" for n in range(1, len(parts) + 1)]


def test_long_addresses_are_shown_short_and_linked_in_full():
    runs = runs_of(f"Материалы: {URL_120}. Пишите: "
                   "very.long.mailbox.name.for.parents@school-number-seven.permkrai.ru")
    assert [(r.text, r.link) for r in runs] == [
        ("Материалы: ", ""), ("example-school-portal.permkrai.ru/…", URL_120),
        (". Пишите: ", ""),  # an e-mail address stays whole: a shortened one is of no use
        ("very.long.mailbox.name.for.parents@school-number-seven.permkrai.ru",
         "mailto:very.long.mailbox.name.for.parents@school-number-seven.permkrai.ru")]
    assert shorten("https://sferum.ru/") == "sferum.ru"
    assert shorten("https://" + "a" * 50 + ".ru/path") == "…" + "a" * 34 + ".ru/…"  # 40


def test_a_250_character_school_name_stays_whole_on_the_cover():
    for aspect in ("16:9", "4:3"):
        _, planned = default_plan(aspect, school=SCHOOL_250, class_name="5А",
                                  date="12.12.2026", time="18:30",
                                  teacher="Иванова Мария Петровна", link=URL_120)
        cover = planned.slides[0]
        assert cover.body.paras[0].text.replace("\u200b", "") == SCHOOL_250
        assert cover.body.fit.size_pt >= BODY_MIN
        closing = planned.slides[-1]
        assert [p.qr for p in closing.pictures] == [URL_120]
        if not cover.pictures:  # no room beside the text: the QR stays on the closing slide
            assert any("он есть на последнем слайде" in w for w in planned.warnings)


def test_titles_keep_to_two_lines_and_a_hopeless_one_is_shortened_with_a_warning():
    deck, _ = default_plan("4:3")
    words = ("Сферум и школа в семье и дома, в чате и на уроке, у нас и у вас " * 2).split()
    titles = [" ".join(words[:n]) for n in range(4, len(words) + 1)]  # a word longer each
    hopeless = "😀" * 150
    topics = tuple(topic_of(["Пункт"])._replace(title=t, id=f"t{i}")
                   for i, t in enumerate(titles + [hopeless]))
    planned = plan(deck._replace(topics=topics))
    shapes = {s.title.paras[0].text: (len(s.title.fit.lines[0]), s.title.fit.size_pt)
              for s in planned.slides if s.topic}
    assert (2, 36) in shapes.values() and any(  # some keep two lines below 28 pt ...
        lines == 2 and 24 <= size < 28 for lines, size in shapes.values())
    for lines, size in shapes.values():  # ... and three lines come only from 24 pt down
        assert lines <= 2 and size >= 24 or lines > 2 and size <= 24
    shown = planned.slides[-2].title.paras[0].text
    assert shown.endswith("…") and len(shown) < 150
    assert f"Заголовок слайда полностью: {hopeless}" in planned.slides[-2].notes
    assert any("не помещается на слайд даже шрифтом 18 пт" in w for w in planned.warnings)


def test_an_item_too_long_for_a_slide_is_cut_at_sentences_then_words_then_characters():
    short = lambda text: len(text) <= 12  # noqa: E731 - a slide that holds 12 characters
    items = [Item("Один. Два три. Четыре"), Item("короткий"),
             Item("длинноеслововсловевслове конец")]
    pieces = pieces_of(items, short)
    assert [(p.text, p.item, p.first) for p in pieces] == [
        ("Один.", 0, True), ("Два три.", 0, False), ("Четыре", 0, False),
        ("короткий", 1, True),
        ("длинноеслово", 2, True), ("всловевслове", 2, False), ("конец", 2, False)]
    for i, item in enumerate(items):
        assert item_text([p for p in pieces if p.item == i]) == item.text


def test_pages_are_as_few_as_the_minimum_allows_and_evenly_filled():
    pieces = [Piece(f"p{i}", i) for i in range(7)]
    fits = lambda page, size: len(page) * size <= 6 * 18  # noqa: E731 - 6 lines at 18 pt
    pages, size = paginate(pieces, fits, 28, 18, height=lambda page, s: len(page) * s)
    assert size == 27 and [len(p) for p in pages] == [4, 3]  # 2 pages as at 18 pt, not 6 + 1
    assert balanced(pieces, 3, lambda page: len(page)) is not None
    assert paginate(pieces[:3], fits, 28, 18) == ([pieces[:3]], 28)


def test_notes_go_with_the_slide_they_talk_about_and_keep_their_order():
    notes = ("Вступление.\n\n2. О втором шаге.\n\nПро уведомления и чаты класса.\n\n"
             "Ещё немного.\n\n1. О первом шаге.")
    parts = share_notes(notes, ["первый шаг", "второй шаг", "уведомления чаты"],
                        {0: 0, 1: 1, 2: 2})
    assert parts == ["Вступление.", "2. О втором шаге.",
                     "Про уведомления и чаты класса.\n\nЕщё немного.\n\n1. О первом шаге."]
    listed = "Ресурсы:\n— Журнал: https://prof-sferum.ru/\n— Почта: info@sferum.ru"
    assert share_notes(listed, ["prof-sferum.ru журнал", "info@sferum.ru почта"], {}) == \
        ["Ресурсы:\n— Журнал: https://prof-sferum.ru/", "— Почта: info@sferum.ru"]


def test_check_shows_a_curator_what_fitting_did():
    result = run_cli("check", "--aspect", "4:3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Набор: perm-letter — ")
    lines = lines[lines.index("Как уместился текст (размеры шрифта в пунктах):"):]
    assert re.split(r"\s{2,}", lines[1]) == ["Слайды", "Тема", "Текст, пт", "Заголовок, пт",
                                            "Что сделано"]
    rows = {re.split(r"\s{2,}", line)[1]: re.split(r"\s{2,}", line) for line in lines[2:]
            if re.match(r"^\d", line)}
    assert rows["Титульный слайд"][0] == "1" and rows["План встречи"][0] == "2"
    steps = rows["Как начать работу в Сферуме"]
    assert steps[0] == "13–14" and steps[-1].startswith("разделена на 2 слайда")
    assert rows["Полезные ресурсы"][2] == "20" and "QR-коды" in rows["Полезные ресурсы"][-1]
    assert "ничего менять не пришлось" in rows["Последний слайд"][-1]
    assert lines[-1] == "Ошибок нет: 18 слайдов."
