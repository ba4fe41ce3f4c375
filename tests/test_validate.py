"""Validation details that the catalogue does not show: values are read as the user wrote them,
Windows line ends and BOMs change nothing, unreadable files are named."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_cli

from sferum_deck.core import load_meeting, load_topics
from sferum_deck.errors import InputError
from sferum_deck.inputs import files, load, validate


def test_meeting_values_are_read_as_written(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_text("class: 05\ndate: 2026-12-01\ntime: 9:05\nteacher: yes\n"
                    "school: 1.10\n", encoding="utf-8")
    meeting = load_meeting(path, {"teacher": "Иванова М. П."})
    assert (meeting.class_name, meeting.date, meeting.time) == ("05", "01.12.2026", "09:05")
    assert meeting.school == "1.10" and meeting.teacher == "Иванова М. П."


def test_windows_line_ends_and_bom_change_nothing(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    for path in sorted((ROOT / "slides" / "perm-letter").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        (folder / path.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    mine, original = load_topics(folder), load_topics(ROOT / "slides" / "perm-letter")
    assert [(t.id, t.title, t.items, t.links, t.notes) for t in mine] == \
        [(t.id, t.title, t.items, t.links, t.notes) for t in original]
    assert [t.source.rsplit(":", 1)[1] for t in mine] == ["1"] * len(original)


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    logo = tmp_path / "logo.png"
    shutil.copy(ROOT / "assets" / "brands" / "default" / "emblem.png", logo)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(files, "open", refuse, raising=False)
    assert files.find(tmp_path, "logo.png") == \
        ("файл «logo.png» не читается: нет прав на чтение", None)


def test_an_unreadable_logo_is_reported_at_its_line(tmp_path, monkeypatch):
    (tmp_path / "brand.yaml").write_text("name: Школа\n\nlogo: logo.png\n", encoding="utf-8")
    shutil.copy(ROOT / "assets" / "brands" / "default" / "emblem.png", tmp_path / "logo.png")
    monkeypatch.setattr(files, "open", lambda *a, **k: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied")), raising=False)
    result = run_cli("check", "--brand", ".", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n"
                             "  brand.yaml:3 logo: файл «logo.png» не читается: нет прав на "
                             "чтение\n")


def test_too_many_bullets_are_refused_before_planning(tmp_path):
    (tmp_path / "slides").mkdir()
    bullets = "".join(f"  - Пункт {n}\n" for n in range(101))
    (tmp_path / "slides" / "01.yaml").write_text(
        f"id: many\ntitle: Много\nlayout: bullets\nnotes: Текст.\nbullets:\n{bullets}",
        encoding="utf-8")
    result = run_cli("check", "--content", "slides", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  slides/01.yaml:5 bullets: "
                             "слишком много пунктов: 101, не больше 100; разделите тему на "
                             "несколько файлов\n")


def test_hostile_nesting_is_refused_before_composing(tmp_path):
    """400 000 nested brackets overflow libyaml's composer (a segfault) if composed."""
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 400_000 + "]" * 400_000, encoding="utf-8")
    result = run_cli("check", "--meeting", str(path))
    assert result.exit_code == 1
    assert result.output.endswith("deep.yaml:1: слишком глубокая вложенность; так глубоко поля "
                                  "не вкладываются\n")


@pytest.mark.parametrize("text, line", [
    ("a: " + "[" * 1001 + "]" * 1001, 1),  # PyYAML 6.0.4's libyaml refuses 1000 levels itself
    ("a: " + "{" * 5000, 1),
    ("x: 1\n" * 5 + "a: " + "[" * 5 + "\n" + "{" * 3000, 7),
    ("".join(" " * i + "- \n" for i in range(1200)), 13),
    ("- " * 3000 + "x\n", 1),
    ("a:\n  b: [" + "[" * 2000 + "]" * 2001 + "\n", 2),
])
def test_too_deep_is_refused_at_its_line_with_every_pyyaml(tmp_path, text, line):
    """Whether libyaml gives up at 1000 levels (PyYAML 6.0.4) or not at all (6.0), the line
    where the nesting passes MAX_DEPTH is named, with our message."""
    path = tmp_path / "deep.yaml"
    with pytest.raises(InputError) as caught:
        load.load_yaml(path, text)
    assert [str(p) for p in caught.value.problems] == \
        [f"{load.display(path)}:{line}: {load.TOO_DEEP}"]


def test_an_alias_before_deep_nesting_is_named_as_an_alias(tmp_path):
    with pytest.raises(InputError) as caught:
        load.load_yaml(tmp_path / "deep.yaml", "a: &x 1\nb: *x\nc: " + "[" * 3000)
    assert caught.value.problems[0].where.endswith("deep.yaml:2")
    assert caught.value.problems[0].message == load.ALIASES


def test_a_long_title_counts_its_characters_in_russian(tmp_path):
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "01.yaml").write_text(
        f"id: long\ntitle: {'а' * 151}\nlayout: bullets\nnotes: Текст.\nbullets:\n  - Пункт\n",
        encoding="utf-8")
    result = run_cli("check", "--content", "slides", cwd=tmp_path)
    assert result.output == ("Ошибка: ошибка во входных данных:\n  slides/01.yaml:2 title: "
                             "слишком длинный текст: 151 символ, не больше 150\n")


TOPIC_FIELDS = ("id", "title", "section", "layout", "audience", "bullets", "answer", "steps",
                "links", "notes")


@pytest.mark.parametrize("word, known, guess", [
    ("section", ("bullets", "question", "steps", "links"), None),
    ("table", TOPIC_FIELDS, None),
    ("quote", TOPIC_FIELDS, None),
    ("bulets", TOPIC_FIELDS, "bullets"),
    ("Bullets", TOPIC_FIELDS, "bullets"),
    ("layuot", TOPIC_FIELDS, "layout"),
    ("audiance", TOPIC_FIELDS, "audience"),
    ("why-sfreum", ("why-sferum", "technical-steps"), "why-sferum"),
])
def test_a_guess_is_offered_only_for_a_slip(word, known, guess):
    assert validate.closest(word, known) == guess


def topic_with(tmp_path, bullets: str) -> str:
    (tmp_path / "slides").mkdir(exist_ok=True)
    (tmp_path / "slides" / "01.yaml").write_text(
        f"id: t\ntitle: Тема\nlayout: steps\nnotes: Текст.\nsteps:\n{bullets}", encoding="utf-8")
    return run_cli("check", "--content", "slides", cwd=tmp_path).output


def test_an_item_with_a_colon_is_shown_quoted_as_it_should_be(tmp_path):
    output = topic_with(tmp_path, '  - Шаг 1: откройте "Сферум"\n  - Итог:\n  - Время: 18:30\n')
    assert output == (
        "Ошибка: во входных данных найдены ошибки:\n"
        "  slides/01.yaml:6 steps[0]: в пункте есть двоеточие, и YAML прочитал его как поле "
        "«Шаг 1»; возьмите весь пункт в кавычки: - 'Шаг 1: откройте \"Сферум\"'\n"
        "  slides/01.yaml:7 steps[1]: в пункте есть двоеточие, и YAML прочитал его как поле "
        "«Итог»; возьмите весь пункт в кавычки: - \"Итог:\"\n"
        "  slides/01.yaml:8 steps[2]: в пункте есть двоеточие, и YAML прочитал его как поле "
        "«Время»; возьмите весь пункт в кавычки: - \"Время: 18:30\"\n")


def test_an_item_with_its_own_fields_is_not_taken_for_a_colon(tmp_path):
    output = topic_with(tmp_path, "  - text: Откройте Сферум\n    notes: Подробно.\n"
                                  "  - txt: Опечатка\n")
    assert output == ("Ошибка: во входных данных найдены ошибки:\n"
                      "  slides/01.yaml:8 steps[1].txt: неизвестное поле «txt»; возможно, "
                      "имелось в виду «text»\n"
                      "  slides/01.yaml:8 steps[1].text: обязательное поле не заполнено\n")


def test_meeting_fields_in_a_file_of_another_name_are_recognised(tmp_path):
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "собрание.yaml").write_text("class: 5Б\ntime: 18:30\n",
                                                       encoding="utf-8")
    (tmp_path / "slides" / "school.yaml").write_text("full_name: Школа\nlogo: logo.png\n",
                                                     encoding="utf-8")
    (tmp_path / "slides" / "title.yaml").write_text("title: Только заголовок\n", encoding="utf-8")
    output = run_cli("check", "--content", "slides", cwd=tmp_path).output
    assert output.splitlines()[1:] == [
        "  slides/school.yaml:1: это профиль оформления, а не тема; уберите его из папки тем "
        "(лучше в отдельную папку, вместе с логотипом) и укажите так: --brand ПАПКА/school.yaml",
        "  slides/title.yaml:1 id: обязательное поле не заполнено",
        "  slides/title.yaml:1 layout: обязательное поле не заполнено",
        "  slides/title.yaml:1 notes: обязательное поле не заполнено",
        "  slides/собрание.yaml:1: это файл данных собрания, а не тема; уберите его из папки тем "
        "(например, в папку выше) и укажите так: --meeting собрание.yaml"]
