"""The examples of docs/errors.md: parsed, run, and (with --update) written back.

An example is a `### heading`, then input files, each a line «`path` (notes):» and a fenced
block with its content, then a ```console block whose first line is «$ sferum-deck ...» and
whose other lines are the exact output (the command may start with VARIABLE=value settings,
as in a shell). An example whose output has no «Ошибка:» shows warnings: it exits 0. Notes
say how to turn the text into bytes:
  Windows-1251 | UTF-16 | с BOM | CRLF      encoding and line ends
  → — табуляция                            «→» stands for a tab
  строка повторена N раз                   the block repeated N times (big files)
  первые N байт рисунка PNG                a real PNG cut after N bytes (the block is empty)
  рисунок PNG                              a whole real PNG, 64 x 64 (the block is empty)

    python tests/catalogue.py --update     rewrite every expected output from a real run
"""
from __future__ import annotations

import io
import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "docs" / "errors.md"
FILE_LINE = re.compile(r"^`([^`]+)`(?: \(([^)]*)\))?:$")


@dataclass
class Example:
    title: str
    files: list[tuple[str, str, str]] = field(default_factory=list)  # path, notes, text
    command: str = ""
    output: str = ""


def parse(text: str) -> list[Example]:
    """Every example of the catalogue, in order."""
    examples: list[Example] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("### "):
            examples.append(Example(line[4:].strip()))
        elif examples and FILE_LINE.match(line) and lines[i + 1].startswith("```"):
            name, notes = FILE_LINE.match(line).groups()
            block, i = _block(lines, i + 1)
            examples[-1].files.append((name, notes or "", block))
            continue
        elif examples and line == "```console":
            block, i = _block(lines, i)
            command, _, output = block.partition("\n")
            examples[-1].command, examples[-1].output = command.removeprefix("$ "), output
            continue
        i += 1
    return examples


def _block(lines: list[str], start: int) -> tuple[str, int]:
    """The text of the fenced block opening at `start`, and the index after it."""
    end = lines.index("```", start + 1)
    return "\n".join(lines[start + 1:end]) + ("\n" if end > start + 1 else ""), end + 1


def content(text: str, notes: str) -> bytes:
    """The bytes of an input file from its block text and notes."""
    cut = re.search(r"первые (\d+) байт рисунка PNG", notes)
    if cut:
        return _png()[:int(cut.group(1))]
    if notes == "рисунок PNG":
        return _png()
    repeat = re.search(r"строка повторена ([\d ]+) раз", notes)
    if repeat:
        text *= int(repeat.group(1).replace(" ", ""))
    if "→ — табуляция" in notes:
        text = text.replace("→", "\t")
    if "CRLF" in notes:
        text = text.replace("\n", "\r\n")
    encoding = "cp1251" if "Windows-1251" in notes else "utf-16" if "UTF-16" in notes else "utf-8"
    data = text.encode(encoding)
    return b"\xef\xbb\xbf" + data if "с BOM" in notes else data


def _png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (31, 78, 121)).save(out, "PNG")
    return out.getvalue()


def run(example: Example, folder: Path):
    """Write the example's files into `folder` and run its command there; the click Result."""
    from click.testing import CliRunner

    from sferum_deck.commands.cli import cli
    for name, notes, text in example.files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content(text, notes))
    args = shlex.split(example.command)
    env = {}
    while args and re.match(r"^[A-Z_]+=", args[0]):  # «SFERUM_DECK_TODAY=… sferum-deck …»
        name, _, value = args.pop(0).partition("=")
        env[name] = value
    assert args[0] == "sferum-deck", example.command
    old = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(cli, args[1:], env=env)
    finally:
        os.chdir(old)


def update() -> None:
    """Rewrite every expected output in docs/errors.md with what the program prints now."""
    import tempfile
    text = CATALOGUE.read_text(encoding="utf-8")
    cursor = 0
    for example in parse(text):
        with tempfile.TemporaryDirectory() as tmp:
            result = run(example, Path(tmp))
        old = f"$ {example.command}\n{example.output}```"
        new = f"$ {example.command}\n{result.output}```"
        at = text.index(old, text.index(f"### {example.title}", cursor))
        text = text[:at] + new + text[at + len(old):]
        cursor = at + len(new)
    CATALOGUE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        for example in parse(CATALOGUE.read_text(encoding="utf-8")):
            print(example.title, "|", example.command)
