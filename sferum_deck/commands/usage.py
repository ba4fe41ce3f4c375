"""The command line in Russian: help pages and mistakes in the command line itself (an
unknown option, a missing value, a bad choice), the latter with exit code 1 like every
other input error. click words both in English around our Russian text ("Usage:",
"Options:", "Error: Invalid value for ..."); the classes below give its help pages Russian
headings and catch its usage errors where it raises them, to say them in plain Russian.
Output whose reader has gone (`sferum-deck topics | head -2`) ends the program quietly, as it
ends a Unix tool."""
from __future__ import annotations

import errno
import os
import select
import stat
import sys
from typing import NoReturn

import click

from ..errors import DeckError, shown

EXTRA_ARGUMENTS = "Got unexpected extra argument"  # click's words, the only way to know


class UsageProblem(DeckError):
    """A command-line mistake; the message ends with where to find help."""

    def __init__(self, message: str, command: str):
        super().__init__(f"{message}\nСправка: {command} -h")


HELP = "Показать эту справку и выйти."
SHOWS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click 8.2: no arguments


METAVARS = {"INTEGER RANGE": "ЧИСЛО", "INTEGER": "ЧИСЛО", "TEXT": "ТЕКСТ", "PATH": "ПУТЬ"}
EXTRAS = {"[default: ": "[по умолчанию: ", "; required]": "; обязательно]", "[required]":
          "[обязательно]"}


class RussianHelp:
    """Russian headings, placeholders and notes for the help page of a command or group."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[ПАРАМЕТРЫ]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Вызов: ")

    def format_options(self, ctx, formatter) -> None:
        records = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)) if r]
        if records:
            with formatter.section("Параметры"):
                formatter.write_dl([_russian(*record) for record in records])


def _russian(names: str, help_text: str) -> tuple[str, str]:
    """click's placeholder (TEXT, PATH ...) and notes ([default: ...]) in Russian."""
    for english, russian in METAVARS.items():
        if names.endswith(" " + english):
            names = names[:-len(english)] + russian
            break
    for english, russian in EXTRAS.items():
        help_text = help_text.replace(english, russian)
    return names, help_text


class RussianCommand(RussianHelp, click.Command):
    pass


class RussianGroup(RussianHelp, click.Group):
    """A click group with Russian help pages whose usage errors, and those of its commands,
    reach the user in Russian."""

    command_class = RussianCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "КОМАНДА [ПАРАМЕТРЫ]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        commands = [(name, c) for name, c in commands if c is not None and not c.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Команды"):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in commands])

    def main(self, *args, **kwargs):
        try:
            try:
                return super().main(*args, **kwargs)
            finally:  # what is still buffered, so that a reader gone meanwhile is seen here
                sys.stdout.flush()
        except OSError as exc:  # an error message that could not be shown, a last flush
            if output_gone(exc):
                end_quietly()
            raise

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except SHOWS_HELP:
            raise
        except click.UsageError as exc:
            raise UsageProblem(explained(exc), _command(exc, info_name)) from exc
        except OSError as exc:  # the help page, read by `| head -1`
            if output_gone(exc):
                end_quietly()
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            command = " ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand)))
            raise UsageProblem(explained(exc), _command(exc, command)) from exc
        except OSError as exc:  # a command's output (or its help page) nobody reads now
            if output_gone(exc):
                end_quietly()
            raise

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:  # shell completion only asks
            from ..inputs.validate import suggestion
            raise UsageProblem(f"нет команды «{shown(name)}»" +
                               suggestion(name, sorted(self.commands)), ctx.command_path)
        return super().resolve_command(ctx, args)


def explained(exc: click.UsageError) -> str:
    """The Russian sentence for one of click's usage errors (click's own text when none
    fits: a newer click may add kinds)."""
    if isinstance(exc, click.NoSuchOption):
        near = ", ".join(f"«{p}»" for p in sorted(exc.possibilities or ()))
        return f"нет параметра «{shown(exc.option_name)}»" + \
            (f"; возможно, имелось в виду {near}" if near else "")
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"параметр {exc.option_name} пишут без значения"
        return f"после {exc.option_name} нужно указать значение"
    if isinstance(exc, click.MissingParameter):
        usage = " ".join(exc.ctx.command.collect_usage_pieces(exc.ctx)) if exc.ctx else ""
        return f"не указан {_name(exc.param)}" + \
            (f" (как вызывать: {exc.ctx.command_path} {usage})" if usage else "")
    if isinstance(exc, click.BadParameter):
        return f"неверное значение {_name(exc.param)}: {_expected(exc)}"
    text = exc.format_message()
    if text.startswith(EXTRA_ARGUMENTS):
        extra = text[text.find("(") + 1:text.rfind(")")]
        return (f"лишнее в команде: {shown(extra)}; значение с пробелами возьмите в кавычки, "
                "например --school \"Школа № 7\"")
    return text


def _expected(exc: click.BadParameter) -> str:
    """What a value of this kind must be: our own types say it in Russian already."""
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        return "можно " + ", ".join(str(c) for c in kind.choices)
    if isinstance(kind, click.IntRange):
        low, high = kind.min, kind.max
        bounds = f" от {low} до {high}" if low is not None and high is not None else \
            f" не меньше {low}" if low is not None else f" не больше {high}" if high else ""
        return "нужно целое число" + bounds
    if isinstance(kind, click.types.IntParamType):
        return "нужно целое число"
    return exc.message


def _name(param) -> str:
    """How the user wrote the parameter: --date, SCHOOLS."""
    if param is None:
        return "параметр"
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return max(param.opts, key=len)


def _command(exc: click.UsageError, fallback: str) -> str:
    return exc.ctx.command_path if exc.ctx is not None else fallback


CLOSED_PIPE = 128 + 13  # what a shell reports for a tool that SIGPIPE ended (`yes | head -1`)


def output_gone(exc: BaseException) -> bool:
    """Whether `exc` is a write to our standard output or error whose reader has gone (the
    `head` or pager at the other end of the pipe has finished); a broken pipe to a worker
    process or to LibreOffice is a real failure and not this."""
    if not (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
        return False
    return any(_reader_gone(stream) for stream in (sys.stdout, sys.stderr))


def _reader_gone(stream) -> bool:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests' CliRunner)
        return False
    if not hasattr(select, "poll"):  # Windows: a broken pipe on a pipe is the pipe
        try:
            return stat.S_ISFIFO(os.fstat(fd).st_mode)
        except OSError:
            return False
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))


def end_quietly() -> NoReturn:
    """End as a Unix tool ends when nobody reads its output: no message, no traceback,
    exit code 141. What Python still holds for the closed streams goes nowhere."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            if _reader_gone(stream):
                os.dup2(nowhere, stream.fileno())
        except (AttributeError, OSError, ValueError):
            pass
    os.close(nowhere)
    sys.exit(CLOSED_PIPE)
