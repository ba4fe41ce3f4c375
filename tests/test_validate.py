"""Validation details that the catalogue does not show: values are read as the user wrote them,
Windows line ends and BOMs change nothing, unreadable files are named."""
from __future__ import annotations

import shutil

from conftest import ROOT, run_cli

from sferum_deck.core import load_meeting, load_topics
from sferum_deck.inputs import files


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
    for path in sorted((ROOT / "slides").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        (folder / path.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    mine, original = load_topics(folder), load_topics(ROOT / "slides")
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
