"""The agenda's parts: a section divider opens one agenda item that the topics after it
belong to (inputs/sections.py, docs/schema.md «Разделы плана встречи»); a divider left
without topics is warned about, one whose topics a selection removed is left out."""
from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from sferum_deck.core import Inputs, load
from sferum_deck.inputs.schema import reference
from sferum_deck.plan import plan


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def topic(id_: str, title: str, layout: str = "bullets", section: str | None = None,
          body: str = "bullets: [Пункт]\n") -> str:
    return (f"id: {id_}\ntitle: {title}\n" + (f"section: {section}\n" if section else "") +
            f"layout: {layout}\n" + ("" if layout == "section" else body) + "notes: Заметки.\n")


# the reviewer's case: the second divider names no section, its topic names a shorter one
TWO_PARTS = {
    "01.yaml": topic("intro", "О чём поговорим", section="Введение"),
    "02.yaml": topic("sec-a", "Безопасность в чатах", "section", "Безопасность"),
    "03.yaml": topic("a1", "Не называйте код", section="Безопасность"),
    "04.yaml": topic("sec-b", "Телефоны детей", "section"),
    "05.yaml": topic("b1", "Экранное время", section="Телефоны"),
    "06.yaml": topic("b2", "Где ночует телефон"),
    "07.yaml": topic("other", "Итоги", section="Итоги"),
    "08.yaml": topic("after", "Вопросы классу"),
}


def planned(folder: Path, **selection):
    deck = load(Inputs(topics=folder, **selection))
    return deck, plan(deck)


def agenda(planned_deck) -> list[str]:
    slides = [s for s in planned_deck.slides if s.kind == "agenda"]
    return [p.text for s in slides for p in s.body.paras]


def divider_numbers(planned_deck) -> dict[str, str]:
    return {s.topic: s.shapes[1].text.paras[0].text for s in planned_deck.slides
            if s.kind == "section"}


def test_a_divider_is_one_agenda_item_with_the_topics_after_it(tmp_path):
    deck, planned_deck = planned(write(tmp_path / "slides", TWO_PARTS))
    assert agenda(planned_deck) == ["Введение", "Безопасность", "Телефоны детей", "Итоги",
                                    "Вопросы классу", "Ответы на вопросы"]
    assert divider_numbers(planned_deck) == {"sec-a": "2", "sec-b": "3"}
    sections = {t.id: t.section for t in deck.topics}
    # b1 names «Телефоны» right after a divider without a section: the divider's item;
    # b2 names none: still the divider's; «Итоги» opens the next item, and after it a
    # topic without a section is its own item again (its title)
    assert sections == {"intro": "Введение", "sec-a": "Безопасность", "a1": "Безопасность",
                        "sec-b": "Телефоны детей", "b1": "Телефоны детей",
                        "b2": "Телефоны детей", "other": "Итоги", "after": "Вопросы классу"}
    assert not [w for w in planned_deck.warnings if "разделитель" in w]


def test_a_divider_before_one_part_only_leaves_the_other_parts_as_they_are(tmp_path):
    files = {"01.yaml": topic("sec", "Безопасность", "section", "Безопасность"),
             "02.yaml": topic("a", "Код", section="Безопасность"),
             "03.yaml": topic("b", "Почему Сферум", section="Почему Сферум"),
             "04.yaml": topic("c", "Вход", section="Технические рекомендации")}
    _, planned_deck = planned(write(tmp_path / "slides", files))
    assert agenda(planned_deck) == ["Безопасность", "Почему Сферум", "Технические рекомендации",
                                    "Ответы на вопросы"]


def test_a_divider_left_without_topics_is_warned_about_in_check(tmp_path):
    files = {"01.yaml": topic("sec", "Безопасность в чатах", "section", "Безопасность"),
             "02.yaml": topic("a", "Код", section="Безопасность в чатах"),
             "03.yaml": topic("last", "Телефоны", "section")}
    write(tmp_path / "slides", files)
    result = run_cli("check", "--content", "slides", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "разделитель" in line]
    assert warned == [
        ("Предупреждение: slides/01.yaml:3 section: разделитель «Безопасность в чатах» остался "
        "без тем: следующая тема «a» (slides/02.yaml:3) называет другой пункт плана "
        "(«Безопасность в чатах»), и в плане встречи будет два пункта; напишите у тем раздела "
        "section: Безопасность или уберите section у разделителя (тогда темы после него "
        "войдут в его раздел)"),
        ("Предупреждение: slides/03.yaml:1 section: разделитель «Телефоны» остался без тем: "
        "после него нет ни одной темы; в плане встречи он будет пунктом без слайдов; добавьте "
        "темы раздела после него или уберите разделитель")]


def test_a_divider_whose_topics_were_all_skipped_is_left_out(tmp_path):
    folder = write(tmp_path / "slides", TWO_PARTS)
    _, planned_deck = planned(folder, skip=("b1", "b2"))
    assert "sec-b" not in {s.topic for s in planned_deck.slides}
    assert "Телефоны детей" not in agenda(planned_deck)
    assert f"{folder.as_posix()}/04.yaml:1: разделитель «Телефоны детей» не показан: все темы " \
        "его раздела убраны отбором (--only, --skip, --audience)" in planned_deck.warnings
    # one topic of the part left: the divider stays; the divider skipped: its topics keep
    # their item (the part is decided before the selection)
    _, kept = planned(folder, skip=("b1",))
    assert divider_numbers(kept) == {"sec-a": "2", "sec-b": "3"}
    deck, without = planned(folder, skip=("sec-b",))
    assert {t.id: t.section for t in deck.topics}["b1"] == "Телефоны детей"
    assert "Телефоны детей" in agenda(without)
    # asked for by --only, a divider is shown (with the warning that it has no topics)
    _, alone = planned(folder, only=("sec-b",))
    assert "sec-b" in {s.topic for s in alone.slides}


def test_the_schema_documents_the_rule_and_the_divider_reads_no_field():
    page = reference()
    assert "| `section` | `` |" not in page
    assert "| `section` | нет: только `title` (и `section`) |" in page
    assert "## Разделы плана встречи" in page
    assert (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(
        encoding="utf-8") == page + "\n"
