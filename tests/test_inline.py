"""What goes inside text: **bold** runs, important items as callouts, sub-items, steps that
hold on every renderer, characters the fonts cannot draw.

Plan and validation first (pure), then decks read back with python-pptx, then decks rendered
by LibreOffice: the steps drift case (step 1 fills 99% of its line: fitting predicts a wrap,
LibreOffice draws one line) in both aspects, and topics using every inline feature in both
aspects on our brand and on a school template, through the three referees.
"""
from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, need_tools, run_cli, run_tool
from pptx import Presentation
from test_plan_render import assert_numbers_on_first_lines, lines_in, steps_and_numbers

from sferum_deck.checks.rendered import rendered_words
from sferum_deck.core import Options, load_deck
from sferum_deck.model import Item, Topic
from sferum_deck.output.convert import to_pdfs
from sferum_deck.output.write import build_time
from sferum_deck.plan import fit as fitting
from sferum_deck.plan import plan
from sferum_deck.plan.emphasis import rebalanced, spans
from sferum_deck.plan.pages import CALLOUT_BAR
from sferum_deck.plan.records import TITLE_ONLY
from sferum_deck.plan.text import runs_of
from sferum_deck.render import render
from sferum_deck.render.package import save

TEMPLATE = ROOT / "tests" / "templates" / "russian-4x3.pptx"


def topic(items, layout="bullets", title="Что важно знать", notes="Заметки к теме.") -> Topic:
    return Topic(id="t", title=title, section=title, layout=layout, audience=("parents",),
                 items=tuple(items), links=(), notes=notes, source="t.yaml:1")


def planned_with(*topics, aspect="16:9"):
    deck = load_deck(Options(aspect=aspect))
    return plan(deck._replace(topics=topics))


# ---------------------------------------------------------------- emphasis

def test_bold_markers_become_bold_runs_and_are_never_shown():
    assert [(r.text, r.link, r.bold) for r in runs_of("**Сначала** зайдите на https://sferum.ru")] \
        == [("Сначала", "", True), (" зайдите на ", "", False),
            ("sferum.ru", "https://sferum.ru", False)]
    assert [(r.text, r.link, r.bold) for r in runs_of("**пишите на info@sferum.ru**")] == [
        ("пишите на ", "", True), ("info@sferum.ru", "mailto:info@sferum.ru", True)]
    assert spans("лишняя ** звёздочка") == (("лишняя звёздочка", False),)
    assert spans("**раз** и **два") == (("раз", True), (" и два", False))
    assert spans("****") == (("", False),)


def test_a_cut_inside_bold_closes_and_reopens_it():
    assert rebalanced(["**Сначала зайдите.", "Потом войдите** в профиль."]) == \
        ["**Сначала зайдите.**", "**Потом войдите** в профиль."]


def test_bold_text_is_measured_with_the_bold_font():
    deck = load_deck(Options())
    regular, bold = str(deck.brand.body_font.regular), str(deck.brand.body_font.bold)
    text = "Сначала зайдите в профиль"
    shown = fitting.emboldened(text)
    assert len(shown) == len(text) and fitting.unbolded(shown) == text
    assert fitting.unit_width(regular, shown, fitting.MISSING_EM, bold) == \
        pytest.approx(fitting.unit_width(bold, text))
    assert fitting.unit_width(bold, text) > fitting.unit_width(regular, text) * 1.05
    # a paragraph that fits a line in regular type wraps when it is bold
    size = 28.0
    width = fitting.unit_width(regular, text) * size / fitting.WIDTH_SAFETY + 1
    style = fitting.Style(regular, bold)
    assert len(fitting.set_text([text], style, size, width).lines[0]) == 1
    assert len(fitting.set_text([shown], style, size, width).lines[0]) == 2


def test_a_paragraph_mixing_bold_and_regular_is_planned_with_bold_widths():
    half = "Сначала зайдите на сайт школы и"
    planned = planned_with(topic([Item(f"**{half}** {half}")]))
    body = next(s for s in planned.slides if s.topic == "t").body
    para = body.paras[0]
    assert [(r.text, r.bold) for r in para.runs] == [(half, True), (" " + half, False)]
    assert para.measured.startswith(fitting.emboldened(half))


# ---------------------------------------------------------------- callouts and sub-items

def test_an_important_item_is_a_callout_on_a_tint_with_an_accent_bar():
    planned = planned_with(topic([Item("Первый пункт"),
                                  Item("Важно: не регистрируйте ребёнка сами", important=True),
                                  Item("Третий пункт")]))
    slide = next(s for s in planned.slides if s.topic == "t")
    c = planned.colours
    tint = [s for s in slide.shapes if s.fill == c.callout]
    bar = [s for s in slide.shapes if s.fill == c.callout_bar and s.box.w == CALLOUT_BAR]
    assert len(tint) == len(bar) == 1 and tint[0].behind and bar[0].behind
    blocks = slide.body_blocks
    assert [[p.text for p in b.paras] for b in blocks] == [
        ["Первый пункт"], ["Важно: не регистрируйте ребёнка сами"], ["Третий пункт"]]
    assert blocks[0] is slide.body  # the first box is the body placeholder (the outline)
    callout = blocks[1]
    assert callout.colour == c.on_callout
    assert tint[0].box.y < callout.box.y and \
        callout.box.y + callout.fit.height() < tint[0].box.bottom
    assert blocks[0].box.bottom <= tint[0].box.y and tint[0].box.bottom <= blocks[2].box.y
    assert c.on_callout.contrast(c.callout) >= 4.5
    assert c.callout_bar.contrast(c.callout) >= 3 and c.callout_bar.contrast(c.background) >= 3


@pytest.mark.parametrize("brand", ["default", "example-school"])
def test_callout_colours_are_readable_in_every_brand(brand):
    deck = load_deck(Options(brand=brand))
    c = plan(deck._replace(topics=())).colours
    assert c.on_callout.contrast(c.callout) >= 4.5
    assert c.callout_bar.contrast(c.callout) >= 3 and c.callout_bar.contrast(c.card) >= 3
    assert c.bullet.contrast(c.callout) >= 3


def test_sub_items_are_indented_under_their_item_with_a_smaller_bullet():
    planned = planned_with(topic([Item("Особенности", items=("первое", "второе")),
                                  Item("Дальше")]))
    body = next(s for s in planned.slides if s.topic == "t").body
    assert [(p.text, p.bullet, p.level) for p in body.paras] == [
        ("Особенности", "dot", 0), ("первое", "sub", 1), ("второе", "sub", 1),
        ("Дальше", "dot", 0)]
    assert body.paras[1].measured.startswith(fitting.SUB_LEVEL)


def test_a_sub_item_stays_on_the_slide_of_its_item():
    items = [Item(f"Пункт {i}: родители получают уведомления о событиях класса",
                  items=("подпункт один", "подпункт два")) for i in range(1, 6)]
    planned = planned_with(topic(items), aspect="4:3")
    slides = [s for s in planned.slides if s.topic == "t"]
    assert len(slides) > 1
    for slide in slides:
        paras = slide.body_paras
        assert paras[0].bullet == "dot"  # no slide starts with a sub-item
        assert all(p.bullet == "sub" for k, p in enumerate(paras) if k % 3)


# ---------------------------------------------------------------- steps

def test_each_step_is_a_text_box_beside_its_number():
    steps = [Item(f"Шаг {i}: откройте приложение и войдите") for i in range(1, 5)]
    planned = planned_with(topic(steps, "steps"))
    slide = next(s for s in planned.slides if s.topic == "t")
    assert slide.body is None and slide.page == TITLE_ONLY  # the title is the outline
    pairs = steps_and_numbers(slide)
    assert [(int(n.text.paras[0].text), [p.text for p in b.paras]) for n, b in pairs] == \
        [(i, [steps[i - 1].text]) for i in range(1, 5)]
    for number, step in pairs:  # the number's centre on the step's first line
        first = step.box.y + 3.6 + step.fit.line_pt / 2
        assert abs(number.box.y + number.box.h / 2 - first) < 0.5
        assert number.box.right <= step.box.x
    for (_, a), (_, b) in zip(pairs, pairs[1:]):
        assert a.box.bottom <= b.box.y + 1e-6


# ---------------------------------------------------------------- warnings

def write_topic(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-t.yaml").write_text(body, encoding="utf-8")
    return folder


TOPIC_YAML = """id: t
title: Важно
layout: bullets
bullets:
  - "**Сначала** зайдите"
  - text: "Не регистрируйте ребёнка сами ⛔"
    important: true
  - "Лишняя ** звёздочка"
notes: Заметки.
"""


def test_check_warns_of_open_markers_and_of_characters_no_font_draws(tmp_path):
    content = write_topic(tmp_path / "c", TOPIC_YAML)
    result = run_cli("check", "--content", str(content))
    assert result.exit_code == 0, result.output
    where = content / "01-t.yaml"
    assert (f"Предупреждение: {where}:6 bullets[1].text: в шрифте Arial нет символа «⛔» "
            "(NO ENTRY, U+26D4): в LibreOffice и на многих компьютерах вместо него будет "
            "пустой квадратик; замените его словом (например, «Важно:», «Да», «Нет») или "
            "уберите") in result.output
    assert (f"Предупреждение: {where}:8 bullets[2]: непарные звёздочки «**»: выделяемые "
            "полужирным слова пишут между двумя парами звёздочек, **вот так**; лишние "
            "звёздочки на слайде не показаны") in result.output


def test_a_flag_that_is_not_yes_or_no_is_refused(tmp_path):
    content = write_topic(tmp_path / "c", TOPIC_YAML.replace("important: true",
                                                             "important: очень"))
    result = run_cli("check", "--content", str(content))
    assert result.exit_code == 1
    assert f"{content / '01-t.yaml'}:7 bullets[1].important: ожидалось да или нет " \
        "(true или false), а не «очень»" in result.output


def test_sub_items_have_no_sub_items_of_their_own(tmp_path):
    content = write_topic(tmp_path / "c", TOPIC_YAML.replace(
        '  - "Лишняя ** звёздочка"\n',
        "  - text: Особенности\n    items:\n      - text: первое\n        items: [второе]\n"))
    result = run_cli("check", "--content", str(content))
    assert result.exit_code == 1
    assert (f"{content / '01-t.yaml'}:11 bullets[2].items[0].items: у подпункта не бывает "
            "своих подпунктов (уровень один): напишите их подпунктами того же пункта") \
        in result.output


# ---------------------------------------------------------------- decks read back

def build_deck(tmp: Path, name: str, topics: list[dict], aspect: str,
               template: Path | None = None) -> tuple[Path, object]:
    content = tmp / f"{name}-content"
    content.mkdir()
    for i, t in enumerate(topics):
        (content / f"{i:02d}-{t['id']}.yaml").write_text(
            yaml.safe_dump(t, allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = load_deck(Options(content=content, aspect=aspect, template=template))
    planned = plan(deck)
    out = tmp / f"{name}.pptx"
    when = build_time()
    save(render(planned, deck, when), out, when)
    return out, planned


INLINE_TOPICS = [
    {"id": "bold", "title": "Как **правильно** зарегистрироваться", "layout": "bullets",
     "bullets": ["**Сначала** зайдите на сайт sferum.ru и нажмите «Войти»",
                 {"text": "**Важно:** не регистрируйте ребёнка сами, это делает школа",
                  "important": True, "notes": "Типичная ошибка родителей."},
                 {"text": "Что понадобится", "items": ["номер телефона **родителя**",
                                                       "код из SMS", "5 минут"]},
                 "Вопросы — классному руководителю"],
     "notes": "**Главное** в теме: регистрация через школу."},
    {"id": "answer", "title": "Нужен ли ВКонтакте?", "layout": "question",
     "answer": [{"text": "**Нет**: достаточно номера телефона", "important": True},
                {"text": "Можно войти", "items": ["через VK ID", "по номеру телефона"]}],
     "notes": "Ответ: нет."},
    {"id": "steps", "title": "Шаги", "layout": "steps",
     "steps": ["Установите **VK Мессенджер** из магазина приложений",
               {"text": "**Не** нажимайте «Войти ВКонтакте», если нет аккаунта",
                "important": True},
               {"text": "Подключитесь к чатам", "items": ["учебный чат класса",
                                                          "чат родителей"]},
               "Проверьте уведомления"],
     "notes": "Шаги по порядку."},
    {"id": "links", "title": "Ресурсы", "layout": "links",
     "links": [{"url": "https://sferum.ru/", "caption": "**Официальный** сайт"},
               {"url": "mailto:info@sferum.ru", "caption": "Поддержка: пишите **сюда**"}],
     "notes": "Ресурсы."},
]


def pptx_texts(deck: Path) -> str:
    """Every text of the package's XML parts (slides, notes, layouts)."""
    with zipfile.ZipFile(deck) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_bold_runs_are_bold_and_no_marker_is_anywhere_in_the_deck(tmp_path):
    deck, _ = build_deck(tmp_path, "inline", INLINE_TOPICS, "16:9")
    assert "**" not in pptx_texts(deck)
    prs = Presentation(str(deck))
    runs = {r.text: r.font.bold for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs}
    for word in ("Сначала", "Важно:", "родителя", "VK Мессенджер", "Не", "Официальный",
                 "сюда", "Нет"):
        assert runs[word] is True, word
    assert runs[" зайдите на сайт sferum.ru и нажмите «Войти»"] is False
    levels = [(p.level, p.text) for s in prs.slides for sh in s.shapes if sh.has_text_frame
              for p in sh.text_frame.paragraphs if p.text in ("код из SMS", "Что понадобится")]
    assert levels == [(0, "Что понадобится"), (1, "код из SMS")]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert any("Главное в теме" in n for n in notes)


# ---------------------------------------------------------------- rendered

def drift_topics(aspect: str) -> list[dict]:
    """Five steps, the first filling 99% of its line at the size the steps are set."""
    words = "Откройте приложение и войдите в профиль ученика своего класса".split()
    others = ["Войдите", "Выберите школу", "Подтвердите номер", "Готово"]

    def planned(first: str):
        topics = [{"id": "drift", "title": "Шаги", "layout": "steps",
                   "steps": [first] + others, "notes": "Шаги."}]
        items = tuple(Item(t) for t in topics[0]["steps"])
        p = planned_with(topic(items, "steps", "Шаги"), aspect=aspect)
        step = steps_and_numbers(next(s for s in p.slides if s.topic == "t"))[0][1]
        return topics, step

    _, step = planned("Шаг")
    file, size = step.fit.style.font_file, step.fit.size_pt
    width = step.box.inner_w - step.fit.style.indent_pt
    text = ""
    for k in range(200):  # whole words while they fit 94%, then letters up to 99%
        longer = (text + " " + words[k % len(words)]).strip()
        if fitting.unit_width(file, longer) * size > 0.94 * width:
            break
        text = longer
    tail = ""
    for letter in "аi":  # a wide letter, then a narrow one to come close
        while fitting.unit_width(file, f"{text} {tail}{letter}") * size <= 0.99 * width:
            tail += letter
    text = f"{text} {tail}"
    topics, step = planned(text)
    share = fitting.unit_width(file, text) * size / width
    assert 0.975 <= share <= 0.99 and step.fit.size_pt == size, (share, text, size, width)
    assert len(step.fit.lines[0]) == 2  # our fitting predicts a wrap
    return topics


@pytest.fixture(scope="module")
def rendered():
    """The drift case and the inline topics in both aspects (and the inline topics on a
    school template), rendered by LibreOffice once: {name: (deck, plan, pages)}."""
    need_tools("soffice", "pdftotext")
    with tempfile.TemporaryDirectory(prefix="sferum-inline-") as tmp:
        folder = Path(tmp)
        built = {}
        for aspect in ("16:9", "4:3"):
            tag = aspect.replace(":", "x")
            built[f"drift-{tag}"] = build_deck(folder, f"drift-{tag}", drift_topics(aspect),
                                               aspect)
            built[f"inline-{tag}"] = build_deck(folder, f"inline-{tag}", INLINE_TOPICS,
                                                aspect)
        built["inline-template"] = build_deck(folder, "inline-template", INLINE_TOPICS,
                                              "16:9", TEMPLATE)
        decks = [deck for deck, _ in built.values()]
        pages = dict(zip(decks, map(rendered_words, to_pdfs(decks, folder / "pdf"))))
        yield {name: (deck, planned, pages[deck]) for name, (deck, planned) in built.items()}


@pytest.mark.parametrize("aspect", ["16x9", "4x3"])
def test_step_numbers_hold_when_libreoffice_draws_fewer_lines(rendered, aspect):
    deck, planned, pages = rendered[f"drift-{aspect}"]
    slides = [s for s in planned.slides if s.topic == "drift"]
    numbers = []
    for slide in slides:
        words = pages[slide.number - 1][2]
        numbers += assert_numbers_on_first_lines(words, slide, deck.name)
        first = steps_and_numbers(slide)[0][1] if slide.part[0] == 1 else None
        if first is not None:  # the case itself: LibreOffice draws step 1 on one line
            assert len(lines_in(words, first.box, first.fit.line_pt)) == 1
    assert numbers == [1, 2, 3, 4, 5]


def test_callouts_hold_their_text_when_rendered(rendered):
    for name in ("inline-16x9", "inline-4x3", "inline-template"):
        deck, planned, pages = rendered[name]
        for slide in planned.slides:
            tints = [s.box for s in slide.shapes if s.fill == planned.colours.callout]
            words = pages[slide.number - 1][2]
            for body in slide.body_blocks:
                drawn = lines_in(words, body.box, body.fit.line_pt)
                assert len(drawn) <= body.fit.line_count, (name, slide.number)
                for tint in (t for t in tints if t.y < body.box.y < t.bottom):
                    assert all(tint.y < y < tint.bottom for y in drawn), (name, slide.number)


def test_inline_decks_pass_the_referees(rendered):
    decks = [str(deck) for deck, _, _ in rendered.values()]
    result = run_tool("check-layout", "--require-notes", *decks)
    assert result.returncode == 0, result.stdout + result.stderr
    for tool in ("validate-pptx", "check-a11y"):
        result = run_tool(tool, *decks)
        assert result.returncode == 0, result.stdout + result.stderr
