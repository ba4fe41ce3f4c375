"""YAML files -> plain values that remember where each value came from (file:line).

Stricter than PyYAML: duplicate keys, anchors/aliases, several documents, non-UTF-8
text and files over 1 MiB are refused with a Russian message naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

MAX_BYTES = 1024 * 1024
try:  # the C loader is several times faster; the pure one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary"}


@dataclass
class Doc:
    """A loaded YAML document: `data` plus the line of every value, keyed by its path."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def where(self, path: tuple = ()) -> str:
        """'file:line' of the value at `path` (the nearest parent that has a line)."""
        while path and path not in self.lines:
            path = path[:-1]
        return f"{display(self.path)}:{self.lines.get(path, 1)}"


def display(path: Path) -> str:
    """A path as the user should read it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """The UTF-8 text of a file (BOM allowed); InputError for missing, huge or cp1251 files."""
    name = display(path)
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise InputError([Problem(name, "", "файл больше 1 МБ; это не похоже на файл "
                                      "настроек, проверьте, тот ли файл указан")])
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, "", "файл не найден")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "это папка, а нужен файл")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", f"файл не читается ({exc.strerror})")]) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Text of `raw` as UTF-8; a clear hint when it looks like Windows-1251."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        hint = ("файл сохранён не в UTF-8 (похоже на Windows-1251); откройте его в Блокноте "
                "и сохраните с кодировкой UTF-8")
        raise InputError([Problem(f"{name}:{line}", "", hint)]) from None


def load_yaml(path: Path, text: str | None = None) -> Doc:
    """Parse one YAML file into a Doc; InputError with file:line on any problem."""
    path = Path(path)
    text = read_text(path) if text is None else text
    name = display(path)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        column = f", столбец {mark.column + 1}" if mark else ""
        raise InputError([Problem(f"{name}{line}", "", "ошибка синтаксиса YAML"
                                  f"{column}: {_explain(exc.problem)}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, "", f"ошибка синтаксиса YAML: {exc}")]) from None
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        raise InputError([Problem(f"{name}:{line}", "", "в файле несколько документов "
                                  "(разделитель ---); оставьте один")])
    doc = Doc(path, None)
    if nodes:
        doc.data = _Builder(doc).value(nodes[0], ())
    return doc


_PROBLEMS = {
    "could not find expected ':'": "не найдено двоеточие после названия поля",
    "mapping values are not allowed here": "двоеточие в неожиданном месте (возьмите текст "
                                           "в кавычки)",
    "found character '\\t' that cannot start any token": "символ табуляции: используйте пробелы",
    "found undefined alias": "ссылка на неизвестную метку (*)",
}


def _explain(problem: str | None) -> str:
    text = (problem or "").strip()
    for english, russian in _PROBLEMS.items():
        if text.startswith(english):
            return russian
    return text or "неверная разметка"


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, path: tuple, message: str):
        where = f"{display(self.doc.path)}:{node.start_mark.line + 1}"
        raise InputError([Problem(where, dotted(path), message)])

    def value(self, node: yaml.Node, path: tuple) -> Any:
        if id(node) in self.seen:
            self.fail(node, path, "ссылки YAML (& и *) не поддерживаются; повторите текст явно")
        self.seen.add(id(node))
        self.doc.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(child, path + (i,)) for i, child in enumerate(node.value)]
        if node.tag in _KEEP_AS_TEXT:
            return node.value
        return self.constructor.construct_object(node, deep=True)

    def mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "название поля должно быть простым словом")
            key = key_node.value
            if key == "<<":
                self.fail(key_node, path, "слияние (<<) не поддерживается")
            if key in result:
                first = self.doc.lines[path + (key,)]
                self.fail(key_node, path + (key,), f"поле повторяется (уже было в строке {first})")
            result[key] = self.value(value_node, path + (key,))
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result


def dotted(path: tuple) -> str:
    """('bullets', 3, 'text') -> 'bullets[3].text'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
