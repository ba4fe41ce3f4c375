"""YAML files -> plain values that remember where each value came from (file:line).

Stricter than PyYAML: duplicate keys, anchors/aliases, several documents, non-UTF-8
text and files over 1 MiB are refused with a Russian message naming the file and line.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem

MAX_BYTES = 1024 * 1024
try:  # the C loader is several times faster; the pure one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

@dataclass
class Doc:
    """A loaded YAML document: `data` plus the line of every value, keyed by its path."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    text: dict[tuple, str] = field(default_factory=dict)  # as written, for numbers and yes/no
    name: str = ""      # what messages call it when it is no file (an upload, a form)
    in_memory: bool = False  # given in memory: no file it names is ever opened
    pictures: dict = field(default_factory=dict)  # in memory: the pictures it may name,
    # by the names the caller gave out (a server's pack pictures) -> the caller's own files

    def where(self, path: tuple = ()) -> str:
        """'file:line' of the value at `path` (the nearest parent that has a line); a form
        (no lines) is named alone."""
        while path and path not in self.lines:
            path = path[:-1]
        name = self.name or display(self.path)
        if self.in_memory and not self.lines:
            return name
        return f"{name}:{self.lines.get(path, 1)}"


def display(path: Path) -> str:
    """A path as the user should read it: relative to the current folder when inside it."""
    return _display(str(path), os.getcwd())


@lru_cache(maxsize=1024)
def _display(path: str, cwd: str) -> str:  # resolving costs a system call per folder
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return path


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
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        reason = getattr(exc, "strerror", None) or "недопустимое имя"
        raise InputError([Problem(name, "", f"файл не читается ({reason})")]) from None
    return decode(raw, name)


RESAVE = "откройте его в Блокноте и сохраните с кодировкой UTF-8"


def decode(raw: bytes, name: str) -> str:
    """Text of `raw` as UTF-8 (a BOM is dropped); InputError with a hint how to re-save it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(f"{name}:1", "", "файл сохранён в кодировке UTF-16 "
                                  f"(«Юникод»); {RESAVE}")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        guess = "похоже на Windows-1251" if _looks_cp1251(raw) else "неизвестная кодировка"
        raise InputError([Problem(f"{name}:{line}", "", f"файл сохранён не в UTF-8 ({guess}); "
                                  + RESAVE)]) from None


def _looks_cp1251(raw: bytes) -> bool:
    """True when most non-ASCII bytes are Cyrillic letters in Windows-1251."""
    high = [b for b in raw if b >= 0x80]
    return bool(high) and sum(b >= 0xC0 or b in (0xA8, 0xB8) for b in high) >= 0.8 * len(high)


def load_yaml(path: Path, text: str | None = None, name: str | None = None) -> Doc:
    """Parse one YAML file into a Doc; InputError with file:line on any problem. With
    `text` and `name` (an upload), the text is parsed as given and messages name `name`;
    nothing is read from disk."""
    path = Path(path)
    text = read_text(path) if text is None else text
    memory, name = name is not None, display(path) if name is None else name
    try:
        _scan(text, name)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(name, exc, text)]) from None
    except yaml.YAMLError as exc:  # the reader: control characters, bad code points
        position = getattr(exc, "position", None)
        line = f":{text[:position].count(chr(10)) + 1}" if isinstance(position, int) else ""
        raise InputError([Problem(f"{name}{line}", "", "в файле есть недопустимый управляющий "
                                  "символ; похоже, это не текстовый файл или он повреждён")]) \
            from None
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        raise InputError([Problem(f"{name}:{line}", "", "в файле несколько документов "
                                  "(разделитель ---); оставьте один")])
    doc = Doc(path, None, name=name if memory else "", in_memory=memory)
    if nodes:
        doc.data = _Builder(doc).value(nodes[0], ())
    return doc


def _scan(text: str, name: str) -> None:
    """InputError at the first alias (*name), which can expand a small file into a huge one,
    or at nesting deeper than MAX_DEPTH, which would overflow the YAML composer's stack.
    The event stream is read before anything is composed."""
    try:
        _check_events(text, name)
    except yaml.scanner.ScannerError as exc:
        if "nesting depth" not in (exc.problem or "") or exc.problem_mark is None:
            raise
        # The libyaml of newer PyYAML wheels (6.0.4) refuses 1000 levels itself, and may do so
        # while scanning ahead, before yielding the events at which MAX_DEPTH stops us. The text
        # before its mark (an index in characters) nests less deep: read it again to find the
        # line where MAX_DEPTH is passed; the mark's own line if it is not found there.
        try:
            _check_events(text[:exc.problem_mark.index], name)
        except yaml.YAMLError:
            pass
        raise InputError([Problem(f"{name}:{exc.problem_mark.line + 1}", "", TOO_DEEP)]) \
            from None


def _check_events(text: str, name: str) -> None:
    """InputError at the first alias or at the first collection deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise InputError([Problem(f"{name}:{event.start_mark.line + 1}", "", ALIASES)])
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError([Problem(f"{name}:{event.start_mark.line + 1}", "", TOO_DEEP)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


MAX_DEPTH = 12  # no input file nests deeper than 5; deeper YAML is a mistake or an attack
TOO_DEEP = "слишком глубокая вложенность; так глубоко поля не вкладываются"
ALIASES = "ссылки YAML (& и *) не поддерживаются; повторите текст явно или возьмите его в кавычки"

# Russian explanations of PyYAML/libyaml problems: (fragments of the English problem,
# fragments of its context, message). The first match wins; nothing English reaches the user.
_PROBLEMS = (
    ("tab", "", "символ табуляции в отступе: используйте пробелы"),
    ("escape", "", "неверный символ после «\\» в тексте в двойных кавычках; возьмите текст "
                   "в одинарные кавычки"),
    ("end of stream", "quoted scalar", "не закрыта кавычка"),
    ("',' or ']'", "flow sequence", "не закрыта квадратная скобка «[»"),
    ("',' or '}'", "flow mapping", "не закрыта фигурная скобка «{»"),
    ("could not find expected ':'", "", "не найдено двоеточие после названия поля"),
    ("mapping values are not allowed", "", "двоеточие в неожиданном месте: проверьте отступ "
                                           "или возьмите текст в кавычки"),
    ("expected '-' indicator|sequence entries are not allowed", "",
     "пункт списка «- » не на своём месте: проверьте отступ"),
    ("expected key|block end|document start", "", "неверный отступ: строка сдвинута не так, "
                                                  "как соседние"),
    ("cannot start any token", "", "текст не может начинаться с этого символа; возьмите его "
                                   "в кавычки"),
    ("alias|anchor", "alias|anchor", ALIASES),
    ("tag", "tag", "теги YAML (!…) не поддерживаются; возьмите текст в кавычки"),
    ("directive", "directive", "строка не может начинаться с «%»; возьмите текст в кавычки"),
    ("indentation indicator|chomping", "block scalar", "неверный многострочный текст после "
                                                       "«|» или «>»"),
    ("document", "", "лишний разделитель документов «---» или «...»"),
    ("end of stream", "", "файл обрывается на незаконченной строке"),
)


def _explain(problem: str, context: str) -> str:
    for problems, contexts, russian in _PROBLEMS:
        if any(f in problem for f in problems.split("|")) or \
                (contexts and any(f in context for f in contexts.split("|"))):
            return russian
    return "неверная разметка"


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error as one Russian Problem at the line (and column) it points to."""
    context, problem = exc.context or "", exc.problem or ""
    # point at the opening quote or bracket, or at the key that lacks its colon
    opened = "quoted scalar" in context or "flow" in context or "expected ':'" in problem
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem(name, "", f"ошибка синтаксиса YAML: {_explain(problem, context)}")
    line = (text.splitlines()[mark.line:mark.line + 1] or [""])[0]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    message = _PROBLEMS[0][2] if "\t" in indent else _explain(problem, context)
    return Problem(f"{name}:{mark.line + 1}", "", f"ошибка синтаксиса YAML, столбец "
                   f"{mark.column + 1}: {message}")


_PLAIN = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_CONSTRUCTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:null"}


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording lines.

    Scalars that YAML reads as numbers, yes/no or times keep their written text in
    `doc.text`, so a field that wants text gets `18:30`, not 1110 (YAML 1.1 base 60)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, path: tuple, message: str):
        where = f"{self.doc.name or display(self.doc.path)}:{node.start_mark.line + 1}"
        raise InputError([Problem(where, dotted(path), message)])

    def value(self, node: yaml.Node, path: tuple) -> Any:
        if id(node) in self.seen:
            self.fail(node, path, ALIASES)
        self.seen.add(id(node))
        self.doc.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return [self.value(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN:
            return node.value
        if isinstance(node, yaml.ScalarNode) and node.tag in _CONSTRUCTED:
            return self.scalar(node, path)
        self.fail(node, path, f"теги YAML ({node.tag.replace('tag:yaml.org,2002:', '!!')}) "
                              "не поддерживаются; возьмите текст в кавычки")

    def scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        self.doc.text[path] = node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # an integer of thousands of digits
            return node.value

    def mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "":
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
