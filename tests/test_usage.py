"""The command line itself in Russian: help pages and mistakes in the command (usage.py)."""
from __future__ import annotations

import re

import pytest
from conftest import run_cli

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
