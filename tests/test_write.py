"""Nothing lost: whatever fails (input, rendering, the disk, the output path), a deck that was
already there is byte-identical afterwards and no temporary file is left beside it."""
from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli

PREVIOUS = b"PK previous deck the teacher already edited"


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "deck.pptx").write_bytes(PREVIOUS)
    return tmp_path


def assert_untouched(folder: Path, *others: str) -> None:
    assert (folder / "deck.pptx").read_bytes() == PREVIOUS
    assert sorted(p.name for p in folder.iterdir()) == sorted(["deck.pptx", *others])


def build(folder: Path, *args: str):
    return run_cli("build", "--only", "why-sferum", *args, cwd=folder)


def test_bad_input_keeps_the_deck(folder):
    (folder / "meeting.yaml").write_text("date: 31.12.2026\ntime: 25:61\n", encoding="utf-8")
    result = build(folder, "--meeting", "meeting.yaml", "-o", "deck.pptx")
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n"
                             "  meeting.yaml:2 time: неверное время «25:61»; нужен вид 18:30\n")
    assert_untouched(folder, "meeting.yaml")


def test_a_crash_while_rendering_keeps_the_deck(folder, monkeypatch):
    import sferum_deck.render

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(sferum_deck.render, "render", broken)
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 1
    assert result.output == ("Ошибка: внутренняя ошибка программы (RuntimeError: boom). "
                             "Запустите команду с --debug и сообщите разработчикам.\n")
    assert_untouched(folder)


def test_debug_lets_a_crash_through_with_its_traceback(folder, monkeypatch):
    import sferum_deck.render

    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(sferum_deck.render, "render", broken)
    with pytest.raises(RuntimeError, match="boom"):
        run_cli("--debug", "build", "--only", "why-sferum", "-o", "deck.pptx", cwd=folder)
    assert_untouched(folder)


def test_interrupting_keeps_the_deck(folder, monkeypatch):
    import sferum_deck.render

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(sferum_deck.render, "render", interrupted)
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 130 and result.output == "Прервано.\n"
    assert_untouched(folder)


@pytest.mark.parametrize("failing,error,reason", [
    ("fsync", errno.ENOSPC, "на диске нет места"),
    ("replace", errno.EIO, "Input/output error"),
])
def test_a_failing_disk_keeps_the_deck_and_leaves_no_temporary_file(folder, monkeypatch,
                                                                      failing, error, reason):
    def fail(*args, **kwargs):
        raise OSError(error, os.strerror(error))
    monkeypatch.setattr(os, failing, fail)
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 1
    assert result.output == f"Ошибка: deck.pptx: не удалось записать файл ({reason})\n"
    assert_untouched(folder)


def test_a_read_only_folder_is_explained(folder, monkeypatch):
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):  # root may write anywhere: let the system say no
            real = os.access
            monkeypatch.setattr(os, "access", lambda path, mode, **kw:
                                not mode & os.W_OK and real(path, mode, **kw))
        result = build(folder, "-o", "deck.pptx")
    finally:
        os.chmod(folder, 0o755)
    assert result.exit_code == 1, result.output
    assert result.output == "Ошибка: deck.pptx: нет прав на запись в это место\n"
    assert_untouched(folder)


def test_a_refused_temporary_file_is_explained(folder, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 1
    assert result.output == "Ошибка: deck.pptx: нет прав на запись в это место\n"
    assert_untouched(folder)


@pytest.mark.parametrize("target,message", [
    ("slides", "slides: это папка; укажите имя файла, например slides/sferum-deck.pptx"),
    ("нет/deck.pptx", "нет/deck.pptx: папка нет не существует"),
    ("meeting.yaml", "meeting.yaml: имя файла презентации должно оканчиваться на .pptx, "
                     "например meeting.pptx"),
])
def test_impossible_targets_are_refused_before_loading(folder, target, message):
    (folder / "slides").mkdir()
    (folder / "meeting.yaml").write_text("time: 99:99\n", encoding="utf-8")  # never read
    result = build(folder, "--meeting", "meeting.yaml", "-o", target)
    assert result.exit_code == 1 and result.output == f"Ошибка: {message}\n"
    assert (folder / "meeting.yaml").read_text(encoding="utf-8") == "time: 99:99\n"
    assert list((folder / "slides").iterdir()) == []
    assert_untouched(folder, "slides", "meeting.yaml")


def test_a_successful_build_replaces_the_deck_completely(folder):
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(folder / "deck.pptx") as deck:
        assert deck.testzip() is None and "ppt/presentation.xml" in deck.namelist()
    assert sorted(p.name for p in folder.iterdir()) == ["deck.pptx"]


def test_two_parts_of_one_name_are_never_written(folder, monkeypatch):
    """A package with a duplicate entry is broken (PowerPoint offers to repair it, and one of
    the two pictures is lost): the writer refuses it and the old deck stays."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart

    import sferum_deck.render
    real = sferum_deck.render.render

    def with_a_twin(*args, **kwargs):
        prs = real(*args, **kwargs)
        master = prs.slide_master.part
        twin = ImagePart(PackURI("/ppt/media/logo1.png"), "image/png", master.package, b"x",
                         None)
        master.relate_to(twin, RT.IMAGE)
        return prs
    monkeypatch.setattr(sferum_deck.render, "render", with_a_twin)
    result = build(folder, "-o", "deck.pptx")
    assert result.exit_code == 1
    assert "two parts of the package are named ppt/media/logo1.png" in result.output
    assert_untouched(folder)
