"""The command line itself in Russian: help pages and mistakes in the command (usage.py)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli

from sferum_deck.commands.cli import cli

MISTAKES = [
    (["build", "--foo"], "нет параметра «--foo»; возможно, имелось в виду «--pdf», «--school»",
     "sferum-deck build"),
    (["build", "--school"], "после --school нужно указать значение", "sferum-deck build"),
    (["build", "--pdf=yes"], "параметр --pdf пишут без значения", "sferum-deck build"),
    (["bulid"], "нет команды «bulid»; возможно, имелось в виду «build»", "sferum-deck"),
    (["build", "Школа", "№ 7"], "лишнее в команде: Школа № 7; значение с пробелами возьмите "
     "в кавычки, например --school \"Школа № 7\"", "sferum-deck build"),
    (["build", "--audience", "kids"], "неверное значение --audience: можно parents, teachers, "
     "students", "sferum-deck build"),
    (["batch"], "не указан SCHOOLS (как вызывать: sferum-deck batch [ПАРАМЕТРЫ] SCHOOLS)",
     "sferum-deck batch"),
    (["preview", "--columns", "x"], "неверное значение --columns: нужно целое число от 1 до 10",
     "sferum-deck preview"),
    (["batch", "s.csv", "--jobs", "0"], "неверное значение --jobs: нужно целое число не "
     "меньше 1", "sferum-deck batch"),
    (["build", "--meeting-link", "sferum.ru"], "неверное значение --meeting-link: неверный "
     "адрес «sferum.ru»; нужен вид https://example.ru/", "sferum-deck build"),
]


@pytest.mark.parametrize("args, message, command", MISTAKES)
def test_a_mistake_in_the_command_is_told_in_russian(tmp_path, args, message, command):
    result = run_cli(*args, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Ошибка: {message}\nСправка: {command} -h\n"
    assert not list(tmp_path.iterdir())  # nothing was built or written


COMMANDS = [name for name in cli.commands] + [None]
ENGLISH = re.compile(r"\b(?:Usage|Options|Commands|Show|required|TEXT|PATH|INTEGER|FLOAT|"
                     r"ARGS|OPTIONS|COMMAND)\b|\bdefault:")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_page_is_russian(command):
    result = run_cli(*([command] if command else []), "-h")
    assert result.exit_code == 0
    assert result.output.startswith(f"Вызов: sferum-deck{' ' + command if command else ''} ")
    assert "Параметры:" in result.output and "Показать эту справку и выйти." in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


CLOSED_PIPE = 141  # a shell's code for a tool that SIGPIPE ended, as `yes | head -1` gives


def closed_pipe_run(cwd, *args: str, also_stderr: bool = False) -> subprocess.CompletedProcess:
    """sferum-deck with its output into a pipe whose reader has already gone, as at the end
    of `sferum-deck topics | head -2` (closed before the command writes, so never racy)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([sys.executable, "-m", "sferum_deck", *args], cwd=cwd,
                              stdout=writer, stderr=writer if also_stderr else subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    finally:
        os.close(writer)


@pytest.mark.parametrize("args", [["topics"], ["check"], ["-h"], ["build", "-h"], ["--version"],
                                  ["build", "-o", "deck.pptx"]])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path, args):
    result = closed_pipe_run(tmp_path, *args)
    assert (result.returncode, result.stderr.decode()) == (CLOSED_PIPE, "")
    if args[0] == "build" and "-o" in args:  # the deck was made; only its «Готово» was lost
        assert (tmp_path / "deck.pptx").stat().st_size > 10_000


def test_a_closed_pipe_stops_a_batch_with_its_report(tmp_path):
    (tmp_path / "schools.csv").write_text("Код школы;Полное наименование\ns1;Школа № 1\n"
                                          "s2;Школа № 2\n", encoding="utf-8")
    result = closed_pipe_run(tmp_path, "batch", "schools.csv", "-o", "out", "--jobs", "1")
    assert (result.returncode, result.stderr.decode()) == (CLOSED_PIPE, "")
    assert (tmp_path / "out" / "report.csv").is_file()
    assert (tmp_path / "out" / "s1.pptx").stat().st_size > 10_000  # written before its line
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_an_error_message_nobody_reads_ends_quietly(tmp_path):
    result = closed_pipe_run(tmp_path, "check", "--brand", "nope", also_stderr=True)
    assert result.returncode == CLOSED_PIPE


def test_a_broken_pipe_of_our_own_is_no_closed_output(tmp_path):
    """A pipe to a worker or a converter breaking is a failure to report, while our own
    output is read."""
    code = ("import sferum_deck.inputs.packs as packs\n"
            "def broken(*args, **kwargs): raise BrokenPipeError(32, 'Broken pipe')\n"
            "packs.load_content = broken\n"
            "from sferum_deck.commands.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code, "topics"], cwd=tmp_path, text=True,
                            capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("Ошибка: внутренняя ошибка программы (BrokenPipeError: [Errno 32] "
                             "Broken pipe). Запустите команду с --debug и сообщите "
                             "разработчикам.\n")
