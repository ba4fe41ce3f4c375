"""`sferum-deck handout`: the parents' one-page A4 memo, planned, rendered and read back."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FULL, ROOT, decoded_qr, need_tools, pdf_pictures, run_cli, run_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from test_build import TOPICS

from sferum_deck.checks.rendered import check_deck, rendered_words
from sferum_deck.core import Options, load_deck
from sferum_deck.errors import DeckError
from sferum_deck.model import Item, Link, Meeting
from sferum_deck.plan import fit as fitting
from sferum_deck.plan.handout import MARGIN, PAGE_H, PAGE_W, PRINT_MIN_PT, QR_MIN_PT, plan_handout

STEPS = next(t for t in TOPICS if t["layout"] == "steps")
RESOURCES = next(t for t in TOPICS if t["layout"] == "links")
A4_EMU = (7560000, 10692000)
LONG = {
    "school": "Муниципальное автономное общеобразовательное учреждение «Средняя "
              "общеобразовательная школа № 7 с углублённым изучением предметов "
              "естественно-научного и физико-математического циклов имени Героя Советского "
              "Союза Александра Ивановича Покрышкина» города Перми Пермского края",
    "teacher": "Константинопольская-Преображенская Александра Вячеславовна, учитель русского "
               "языка и литературы",
    "contacts": "+7 (342) 212-34-56, konstantinopolskaya.preobrazhenskaya@school7.perm.ru",
}


def texts(pptx: Path) -> str:
    slide = Presentation(pptx).slides[0]
    return "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


@pytest.fixture(scope="session")
def handouts(tmp_path_factory) -> dict[str, dict]:
    """Two handouts built through the CLI: every meeting option with the six default links,
    and long names with four links and no meeting link."""
    need_tools("soffice", "pdftoppm", "pdftotext")
    out = tmp_path_factory.mktemp("handouts")
    full = run_cli("handout", "--school", FULL["school"], "--class", FULL["class"],
                   "--date", FULL["date"], "--time", FULL["time"], "--teacher", FULL["teacher"],
                   "--teacher-contacts", FULL["contacts"], "--meeting-link", FULL["link"],
                   "-o", str(out / "full.pdf"))
    assert full.exit_code == 0, full.output
    content = out / "content"
    shutil.copytree(ROOT / "slides" / "perm-letter", content)
    four = dict(RESOURCES, links=RESOURCES["links"][:4])
    (content / "12-resources.yaml").write_text(yaml.safe_dump(four, allow_unicode=True),
                                               encoding="utf-8")
    long = run_cli("handout", "--content", str(content), "--school", LONG["school"],
                   "--teacher", LONG["teacher"], "--teacher-contacts", LONG["contacts"],
                   "-o", str(out / "long.pdf"))
    assert long.exit_code == 0, long.output
    return {
        "full": {"pdf": out / "full.pdf", "pptx": out / "full.pptx", "output": full.output,
                 "qr": [link["url"] for link in RESOURCES["links"]] + [FULL["link"]],
                 "people": [f"Классный руководитель: {FULL['teacher']}, {FULL['contacts']}",
                            FULL["school"]]},
        "long": {"pdf": out / "long.pdf", "pptx": out / "long.pptx", "output": long.output,
                 "qr": [link["url"] for link in four["links"]],
                 "people": [f"Классный руководитель: {LONG['teacher']}, {LONG['contacts']}",
                            LONG["school"]]},
    }


@pytest.mark.parametrize("name", ["full", "long"])
def test_handout_is_one_a4_page_with_the_steps_and_contacts(handouts, name):
    made = handouts[name]
    pages = rendered_words(made["pdf"])
    assert len(pages) == 1
    assert round(pages[0][0]) == 595 and round(pages[0][1]) == 842
    prs = Presentation(made["pptx"])
    assert (prs.slide_width, prs.slide_height) == A4_EMU and len(prs.slides) == 1
    shown = texts(made["pptx"])
    assert "Памятка для родителей" in shown and STEPS["title"] in shown
    for step in STEPS["steps"]:  # taken from the content, word for word
        assert step in shown
    assert "Техническая поддержка Сферума: info@sferum.ru" in shown
    for line in made["people"]:
        assert line in shown
    drawn = " ".join(w[4] for w in pages[0][2])
    assert "konstantinopolskaya.preobrazhenskaya@school7.perm.ru" in drawn or name == "full"
    assert made["output"].splitlines()[0] == f"Готово: {made['pdf']} (для печати, A4, 1 страница)"


@pytest.mark.parametrize("name", ["full", "long"])
def test_every_qr_code_on_the_printed_page_leads_where_it_should(handouts, name, tmp_path):
    page, = pdf_pictures(handouts[name]["pdf"], tmp_path, dpi=150)
    assert sorted(decoded_qr(page)) == sorted(handouts[name]["qr"])


@pytest.mark.parametrize("name", ["full", "long"])
def test_handout_text_stays_in_its_boxes_at_print_size(handouts, name):
    assert check_deck(handouts[name]["pptx"], min_pt=PRINT_MIN_PT) == []


@pytest.mark.parametrize("tool,args", [
    ("check-layout", ["--min-pt", f"{PRINT_MIN_PT:g}", "--require-notes"]),
    ("validate-pptx", []),
    ("check-a11y", []),
])
def test_referee_tools_pass_the_handouts(handouts, tool, args):
    result = run_tool(tool, *args, handouts["full"]["pptx"], handouts["long"]["pptx"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_pdf_needs_no_libreoffice_and_without_it_nothing_is_half_made(tmp_path, no_tools):
    result = run_cli("handout", "-o", str(tmp_path / "памятка.pdf"), env=no_tools)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: не найдена программа soffice; установите LibreOffice и "
                             "poppler-utils: sudo apt install libreoffice-impress "
                             "poppler-utils\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]
    result = run_cli("handout", "--no-pdf", "-o", str(tmp_path / "памятка.pdf"),
                     env=no_tools)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "памятка.pptx"]
    prs = Presentation(tmp_path / "памятка.pptx")
    assert (prs.slide_width, prs.slide_height) == A4_EMU


def test_without_joining_steps_the_handout_says_so_and_has_none(tmp_path):
    out = tmp_path / "памятка.pdf"
    result = run_cli("handout", "--skip", "technical-steps", "--no-pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Предупреждение: в наборе «perm-letter» нет шагов подключения (поле handout.steps в "
        "pack.yaml; названные в нём темы «technical-steps» не выбраны: проверьте --only, "
        "--skip и --audience): памятка будет без них")
    page = texts(out.with_suffix(".pptx"))
    assert "Полезные ресурсы: наведите камеру" in page and "Как начать работу" not in page
    notes = Presentation(out.with_suffix(".pptx")).slides[0].notes_slide.notes_text_frame.text
    assert "Шагов подключения на нём нет" in notes


def test_with_neither_steps_nor_links_the_handout_is_refused_naming_the_fields():
    result = run_cli("handout", "--only", "why-sferum", "--no-pdf")
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: памятке нечего показать: у набора «perm-letter» среди выбранных тем нет ни "
        "шагов подключения, ни ссылок (поля handout.steps и handout.links в pack.yaml; "
        "названные в нём темы «technical-steps», «resources» не выбраны: проверьте --only, "
        "--skip и --audience)\n")


# ---------------------------------------------------------------- the plan, without rendering

BASE = load_deck(Options(audience="parents"))
WORDS = LONG["school"].split() + LONG["teacher"].split() + ["5А", "№", "г.", "Перми"]
CAPTIONS = [link["caption"] for link in RESOURCES["links"]] + [
    "Электронный дневник и расписание уроков", "Школьный сайт: новости и объявления"]


def phrase(max_chars: int):
    return st.lists(st.sampled_from(WORDS), max_size=60).map(
        lambda words: " ".join(words)[:max_chars].strip())


@st.composite
def decks(draw):
    count = draw(st.integers(0, 6))
    links = tuple(Link(f"https://school{n}.example.ru/{'p' * draw(st.integers(0, 80))}",
                       draw(st.sampled_from([f"school{n}.example.ru", "sferum.ru — канал",
                                             "web.vk.me"])), draw(st.sampled_from(CAPTIONS)))
                  for n in range(count))
    topics = tuple(t._replace(links=links) if t.layout == "links" else t for t in BASE.topics)
    meeting = Meeting(school=draw(phrase(300)), class_name=draw(st.sampled_from(["", "11Б"])),
                      date="01.09.2026", teacher=draw(phrase(100)),
                      teacher_contacts=draw(st.sampled_from(["", LONG["contacts"]])),
                      link=draw(st.sampled_from(["", "https://sferum.ru/?call_link=" + "x" * 40])))
    return BASE._replace(topics=topics, meeting=meeting)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_plan_fits_every_realistic_handout_on_the_page_without_overlaps(deck):
    page = plan_handout(deck)
    slide = page.slide
    blocks = [s.text for s in slide.shapes if s.text is not None]
    for block in blocks + [slide.title]:
        assert block.fit.size_pt >= PRINT_MIN_PT
    for shape in (s for s in slide.shapes if s.text is not None):
        if shape.kind == "ellipse":  # a step number, centred without insets
            assert shape.text.fit.height() <= shape.box.h
        else:
            assert fitting.fits(shape.text.fit, shape.text.box.inner_h)
    ahead = [s.box for s in slide.shapes if not s.behind] + [p.box for p in slide.pictures]
    for box in ahead + [s.box for s in slide.shapes if s.behind]:
        assert MARGIN - 0.01 <= box.x and box.right <= PAGE_W - MARGIN + 0.01
        assert 0 <= box.y and box.bottom <= PAGE_H - MARGIN + 0.01
    for i, a in enumerate(ahead):
        for b in ahead[i + 1:]:
            assert a.right <= b.x + 0.01 or b.right <= a.x + 0.01 or \
                a.bottom <= b.y + 0.01 or b.bottom <= a.y + 0.01, (a, b)
    links = len(next(t for t in deck.topics if t.layout == "links").links)
    assert len(slide.pictures) == links + bool(deck.meeting.link)
    assert all(p.box.w >= QR_MIN_PT - 0.01 for p in slide.pictures)


def test_content_that_cannot_fit_one_page_is_refused_not_cut():
    steps = next(t for t in BASE.topics if t.layout == "steps")
    crowded = steps._replace(items=tuple(Item(f"Шаг {n}: " + "очень подробное пояснение " * 6)
                                         for n in range(1, 16)))
    deck = BASE._replace(topics=tuple(crowded if t is steps else t for t in BASE.topics))
    with pytest.raises(DeckError) as caught:
        plan_handout(deck)
    assert caught.value.message == (
        "памятка не помещается на один лист A4 даже при шрифте 11 пт и QR-кодах 20 мм: на листе "
        "данные собрания — 17 мм; шаги «Как начать работу в Сферуме» (15 шагов) — 275 мм; ссылки "
        "«Полезные ресурсы» (6 QR-кодов) — 100 мм; контакты — 12 мм; всё вместе длиннее листа "
        "на 156 мм; сократите шаги, подписи ссылок или данные собрания")
