"""One exception family for everything the user must be told. Messages are Russian."""
from __future__ import annotations

from typing import NamedTuple

import click

from .model import record


@record
class Problem(NamedTuple):
    """One mistake in the input: where (file:line), which field, and what is wrong."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        place = f"{self.where} {self.field}".strip()
        return f"{place}: {self.message}" if place else self.message


def shown(text, limit: int = 60) -> str:
    """User text quoted back in a message: unprintable characters as «?», at most `limit`."""
    clean = "".join(c if c.isprintable() else "?" for c in str(text))
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"


def shown_path(text, limit: int = 60) -> str:
    """A file name or path quoted back in a message: at most `limit` characters, cut at the
    start (folders), so that the file's own name stays whole; a name longer than that
    keeps its beginning and its end (the extension)."""
    clean = shown(text, 10 ** 6)
    if len(clean) <= limit:
        return clean
    cut = max(clean.rfind("/"), clean.rfind("\\"))
    name = clean[cut + 1:]
    if cut >= 0 and len(name) + 2 <= limit:
        tail = clean[len(clean) - limit + 1:]
        folder = min((i for i in (tail.find("/"), tail.find("\\")) if i >= 0), default=0)
        return "…" + tail[folder:]  # from the start of a folder's name
    half = (limit - 1) // 2
    return name[:limit - 1 - half] + "…" + name[len(name) - half:]


class DeckError(click.ClickException):
    """An error the user can fix; printed without a traceback, exit code 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"Ошибка: {self.format_message()}", err=True, file=file)


class InputError(DeckError):
    """Every problem found in the input files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = in_file_order(problems)
        lines = [str(p) for p in self.problems]
        head = "во входных данных найдены ошибки" if len(lines) > 1 else "ошибка во входных данных"
        super().__init__(head + ":\n" + "\n".join("  " + line for line in lines))


def file_and_line(problem: Problem) -> tuple[str, int]:
    """('slides/01.yaml', 12) of a problem at 'slides/01.yaml:12'; line 0 when none is known."""
    name, _, line = problem.where.rpartition(":")
    return (name, int(line)) if line.isdigit() and name else (problem.where, 0)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (files in order of first mention), by line within a file."""
    first: dict[str, int] = {}
    for problem in problems:
        first.setdefault(file_and_line(problem)[0], len(first))
    return sorted(problems, key=lambda p: (first[file_and_line(p)[0]], file_and_line(p)[1]))


class OutputError(DeckError):
    """The deck could not be written where asked."""


class ToolMissing(DeckError):
    """An external program (LibreOffice, pdftotext) is not installed."""


class Problems:
    """A collector: add problems while validating, raise them all at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: str, field: str, message: str) -> None:
        self.items.append(Problem(where, field, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)
