"""Loaded mappings -> the typed model. Every problem is collected with file:line and field."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from ..errors import Problems, shown
from ..model import Colour, Column, Figure, Item, Link, Quote, Table, Topic
from ..words import CELLS, ITEMS_OF, SYMBOLS, count
from . import files
from .images import PICTURE_MAX_SIDE
from .load import Doc, dotted
from .schema import (
    BRAND,
    CELL_MAX,
    COLUMN,
    CONTENT_FIELD,
    EXTRA_FIELDS,
    ITEM,
    LINK,
    MAX_COLUMNS,
    MEETING,
    OPTION_FIELD,
    QUOTE,
    SUBITEM,
    TOPIC,
    Field,
    Schema,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
URL_RE = re.compile(r"^(https?://[^\s/?#]+\.[^\s/?#]+[^\s]*|mailto:[^\s@]+@[^\s@]+\.[^\s@]+)$",
                    re.I)
EMAIL_RE = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]{2,}$")
DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
FILE_IN_MEMORY = "здесь нельзя указать путь к файлу; загрузите файл на странице"
PICTURE_IN_MEMORY = ("здесь нельзя указать путь к рисунку: у темы со страницы остаётся её "
                     "рисунок из набора")
LINE_MAX = 200  # characters of one line of a `lines` field
NOT_SHOWN = ("id", "notes")  # text fields that never appear on a slide
COLOUR_AS_COMMENT = ("пустое значение; цвет пишут в кавычках: \"#1F4E79\" (без кавычек YAML "
                     "считает всё после # комментарием)")


class Checker:
    """Checks values of one Doc against a schema, adding problems; returns clean values."""

    def __init__(self, doc: Doc, problems: Problems):
        self.doc, self.problems = doc, problems
        self.texts: list[tuple[str, str, str]] = []  # (file:line, field, text) on slides

    def add(self, path: tuple, message: str) -> None:
        self.problems.add(self.doc.where(path), dotted(path), message)

    def written(self, value: Any, path: tuple) -> Any:
        """A scalar as the user wrote it: `18:30`, `007` and `yes` stay text, not numbers."""
        if isinstance(value, (bool, int, float)):
            return self.doc.text.get(path, str(value))
        return value

    def scalar(self, value: Any, path: tuple, wanted: str = "текст") -> str | None:
        """The written text of a scalar value, or None (problem added) for a list or mapping."""
        if value is None or isinstance(value, (list, dict)):
            self.add(path, f"ожидался {wanted}, а не {kind_of(value)}")
            return None
        return str(self.written(value, path))

    def mapping(self, value: Any, path: tuple, schema: Schema | tuple[Field, ...]) -> dict:
        """The known fields of a mapping, checked; unknown and missing fields reported."""
        fields = schema.fields if isinstance(schema, Schema) else schema
        if not isinstance(value, dict):
            self.add(path, f"ожидался набор полей «название: значение», а не {kind_of(value)}")
            return {}
        names = [f.name for f in fields]
        for key in value:
            if key not in names:
                self.add(path + (key,), unknown_field(str(key), names))
        clean = {}
        for f in fields:
            if value.get(f.name) is None or value.get(f.name) == "":
                if f.required:
                    self.add(path + (f.name,), "обязательное поле не заполнено")
                elif f.kind == "colour" and f.name in value:  # `primary: #1F4E79` is a comment
                    self.add(path + (f.name,), COLOUR_AS_COMMENT)
                clean[f.name] = f.default
                continue
            clean[f.name] = self.field(value[f.name], path + (f.name,), f)
        return clean

    def field(self, value: Any, path: tuple, f: Field) -> Any:
        return getattr(self, "kind_" + f.kind)(value, path, f)

    def kind_text(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path)
        if text is None:
            return None
        text = " ".join(text.split()) if f.name != "notes" else text.strip()
        if not text:
            self.add(path, "пустой текст")
            return None
        if f.max_len and len(text) > f.max_len:
            self.add(path, too_long(text, f.max_len))
            return None
        if f.name not in NOT_SHOWN:
            self.texts.append((self.doc.where(path), dotted(path), text))
        return text

    def kind_subitems(self, value: Any, path: tuple, f: Field) -> tuple[str, ...] | None:
        """Sub-items: strings (or mappings with text), none with sub-items of its own."""
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список подпунктов (строки, начинающиеся с «- »)")
            return None
        if self.too_many(value, path, f):
            return None
        found = []
        for i, v in enumerate(value):
            if isinstance(v, dict):
                if "items" in v:
                    self.add(path + (i, "items"), "у подпункта не бывает своих подпунктов "
                             "(уровень один): напишите их подпунктами того же пункта")
                    v = {k: x for k, x in v.items() if k != "items"}
                v = self.mapping(v, path + (i,), SUBITEM).get("text")
                found.append(v)
            else:
                found.append(self.kind_text(v, path + (i,), SUBITEM.get("text")))
        return tuple(t for t in found if t)

    def kind_choice(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path)
        if text is None:
            return None
        if text not in f.choices:
            guess = suggestion(text, f.choices)
            self.add(path, f"неизвестное значение «{shown(text)}»; допустимо: {', '.join(f.choices)}"
                     + guess)
            return None
        return text

    def kind_choices(self, value: Any, path: tuple, f: Field) -> list | None:
        if value == []:
            self.add(path, f"пустой список; допустимо: {', '.join(f.choices)}")
            return None
        if isinstance(value, list):
            good = [self.kind_choice(v, path + (i,), f) for i, v in enumerate(value)]
        else:
            good = [self.kind_choice(value, path, f)]
        return [v for v in good if v] or None

    def kind_colour(self, value: Any, path: tuple, f: Field) -> Colour | None:
        text = self.scalar(value, path, "цвет")
        if text is None:
            return None
        try:
            return Colour.parse(text)
        except ValueError:
            self.add(path, f"неверный цвет «{shown(text)}»; нужен вид \"#1F4E79\" (в кавычках)")
            return None

    def kind_url(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path, "адрес")
        if text is not None and not URL_RE.match(text.strip()):
            self.add(path, f"неверный адрес «{shown(text.strip())}»; нужен вид https://example.ru/ "
                     "или mailto:имя@example.ru")
            return None
        return text and text.strip()

    def kind_email(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path, "адрес")
        if text is not None and not EMAIL_RE.match(text.strip()):
            self.add(path, f"неверный адрес электронной почты «{shown(text.strip())}»; "
                     "нужен вид имя@example.ru")
            return None
        return text and text.strip()

    def kind_date(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path, "дата")
        return text and parse_date(text.strip(), lambda m: self.add(path, m))

    def kind_time(self, value: Any, path: tuple, f: Field) -> str | None:
        text = self.scalar(value, path, "время")
        return text and parse_time(text.strip(), lambda m: self.add(path, m))

    def kind_path(self, value: Any, path: tuple, f: Field) -> Path | None:
        """An existing, readable file named relative to the YAML file's folder."""
        text = self.scalar(value, path, "путь к файлу")
        if text is None:
            return None
        if self.doc.in_memory:  # a page or an upload never names a file on the server
            self.add(path, FILE_IN_MEMORY)
            return None
        problem, found = files.find(self.doc.path.parent, text)
        if problem:
            self.add(path, problem)
        return found

    def kind_image(self, value: Any, path: tuple, f: Field) -> Path | None:
        return self.checked_file(value, path, f, files.image_problem)

    def kind_picture(self, value: Any, path: tuple, f: Field) -> Path | None:
        """A picture inside the topic file's folder (see files.inside_problem); in memory,
        only one of the pictures the caller gave the document, by the name it gave out."""
        text = self.scalar(value, path, "путь к файлу")
        if text is None:
            return None
        if self.doc.in_memory:  # never a path: a key of the caller's own pictures
            found = self.doc.pictures.get(text)
            if found is None:
                self.add(path, PICTURE_IN_MEMORY)
            return found
        problem = files.inside_problem(self.doc.path.parent, text)
        if problem:
            self.add(path, problem)
            return None
        return self.checked_file(value, path, f, lambda found, name: files.image_problem(
            found, name, PICTURE_MAX_SIDE))

    def kind_table(self, value: Any, path: tuple, f: Field) -> Table | None:
        """The header row and the body rows, every row as long as the header, at most
        MAX_COLUMNS cells of at most CELL_MAX characters."""
        if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
            self.add(path, "ожидался список строк таблицы, каждая строка — ячейки в "
                     "квадратных скобках: - [Класс, Почта]")
            return None
        if len(value) < 2:
            self.add(path, "в таблице нужна строка заголовков и хотя бы одна строка под ней")
            return None
        if self.too_many(value, path, f):
            return None
        columns = len(value[0])
        if columns > MAX_COLUMNS:
            self.add(path + (0,), f"в таблице {columns} столбцов, а на слайде читаются не "
                     f"больше {MAX_COLUMNS}; перенесите лишние столбцы в другую тему или в заметки")
            return None
        before = len(self.problems.items)
        rows = [tuple(self.cell(cell, path + (i, j), header=i == 0)
                      for j, cell in enumerate(row)) for i, row in enumerate(value)]
        for i, row in enumerate(value[1:], start=1):
            if len(row) != columns:
                self.add(path + (i,), f"в строке {i + 1} таблицы {count(len(row), CELLS)}, "
                         f"а в строке заголовков {columns}")
        if len(self.problems.items) > before:
            return None
        return Table(rows[0], tuple(rows[1:]), self.doc.where(path))

    def cell(self, value: Any, path: tuple, header: bool) -> str:
        """A cell's text (an empty body cell stays empty); problems added."""
        if value is None or value == "":
            if header:
                self.add(path, "пустой заголовок столбца")
            return ""
        text = self.scalar(value, path, "текст ячейки")
        text = " ".join((text or "").split())
        if len(text) > CELL_MAX:
            self.add(path, too_long(text, CELL_MAX) + "; подробности перенесите в заметки")
        return text

    def kind_font(self, value: Any, path: tuple, f: Field) -> Path | None:
        return self.checked_file(value, path, f, files.font_problem)

    def kind_template(self, value: Any, path: tuple, f: Field) -> Path | None:
        return self.checked_file(value, path, f, files.template_problem)

    def checked_file(self, value: Any, path: tuple, f: Field,
                     problem_of: Callable[[Path, str], str | None]) -> Path | None:
        """A found file that `problem_of` accepts (an image, a font, a template)."""
        found = self.kind_path(value, path, f)
        problem = found and problem_of(found, str(value))
        if problem:
            self.add(path, problem)
            return None
        return found

    def kind_map(self, value: Any, path: tuple, f: Field) -> dict:
        return self.mapping(value, path, f.fields)

    def kind_maps(self, value: Any, path: tuple, f: Field) -> list[dict] | None:
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список наборов полей (каждый начинается с «- »)")
            return None
        if self.too_many(value, path, f):
            return None
        return [self.mapping(entry, path + (i,), f.fields) for i, entry in enumerate(value)]

    def kind_ids(self, value: Any, path: tuple, f: Field) -> tuple[str, ...] | None:
        """Topic ids; [] is an explicit «none» (a pack may clear what its base names)."""
        values = value if isinstance(value, list) else [value]
        if self.too_many(values, path, f):
            return None
        ids = []
        for i, entry in enumerate(values):
            where = path + (i,) if isinstance(value, list) else path
            text = self.scalar(entry, where, "id темы")
            if text is not None and not ID_RE.match(text):
                self.add(where, f"«{shown(text)}» не похоже на id темы (латинские буквы, цифры, "
                         "«-» и «_»); список тем: sferum-deck topics")
            elif text is not None:
                ids.append(text)
        return tuple(ids)

    def kind_lines(self, value: Any, path: tuple, f: Field) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список строк (каждая начинается с «- »)")
            return None
        if self.too_many(value, path, f):
            return None
        line = Field("line", "text", "", max_len=LINE_MAX)
        lines = [self.kind_text(v, path + (i,), line) for i, v in enumerate(value)]
        return tuple(x for x in lines if x)

    def kind_items(self, value: Any, path: tuple, f: Field) -> tuple[Item, ...] | None:
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список пунктов (строки, начинающиеся с «- »)")
            return None
        if self.too_many(value, path, f):
            return None
        items = [self.item(v, path + (i,)) for i, v in enumerate(value)]
        return tuple(i for i in items if i)

    def too_many(self, value: list, path: tuple, f: Field) -> bool:
        if f.max_len and len(value) > f.max_len:
            self.add(path, f"слишком много пунктов: {len(value)}, не больше {f.max_len}; "
                     "разделите тему на несколько файлов")
            return True
        return False

    def item(self, value: Any, path: tuple) -> Item | None:
        names = [f.name for f in ITEM.fields]
        if isinstance(value, dict) and len(value) == 1 and \
                closest(str(next(iter(value))), names) is None:
            (key, inner), = value.items()  # `- Важно: не ...`: YAML read a field, not a text
            self.add(path, colon_in_item(str(key), self.written(inner, path + (key,)), names))
            return None
        if isinstance(value, dict):
            clean = self.mapping(value, path, ITEM)
            return Item(clean["text"], clean["notes"] or "", bool(clean["important"]),
                        tuple(clean["items"] or ())) if clean.get("text") else None
        text = self.kind_text(value, path, ITEM.get("text"))
        return Item(text) if text else None

    def kind_links(self, value: Any, path: tuple, f: Field) -> tuple[Link, ...] | None:
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список ссылок (url, label, caption)")
            return None
        if self.too_many(value, path, f):
            return None
        links = []
        for i, entry in enumerate(value):
            clean = self.mapping(entry, path + (i,), LINK)
            if clean.get("url") and clean.get("caption"):
                links.append(Link(clean["url"], clean["label"] or short_label(clean["url"]),
                                  clean["caption"]))
        return tuple(links)

    def kind_columns(self, value: Any, path: tuple, f: Field) -> tuple[Column, ...] | None:
        if not isinstance(value, list) or not value:
            self.add(path, "ожидался список колонок (heading, tone, items)")
            return None
        if not 2 <= len(value) <= 3:
            self.add(path, f"колонок {len(value)}, а нужно 2 или 3")
            return None
        columns = []
        for i, entry in enumerate(value):
            clean = self.mapping(entry, path + (i,), COLUMN)
            if clean.get("heading") and clean.get("items"):
                columns.append(Column(clean["heading"], clean["items"], clean["tone"]))
        return tuple(columns) if len(columns) == len(value) else None

    def kind_quote(self, value: Any, path: tuple, f: Field) -> Quote | None:
        if isinstance(value, str):  # the words alone
            text = self.kind_text(value, path, QUOTE.get("text"))
            return Quote(text) if text else None
        clean = self.mapping(value, path, QUOTE)
        if not clean.get("text"):
            return None
        return Quote(clean["text"], clean["name"] or "", clean["role"] or "",
                     clean["source"] or "")

    def kind_flag(self, value: Any, path: tuple, f: Field) -> bool | None:
        if isinstance(value, bool):
            return value
        text = self.scalar(value, path, "да или нет")
        if text is not None and text.strip().casefold() in FLAGS:
            return FLAGS[text.strip().casefold()]
        if text is not None:
            self.add(path, f"ожидалось да или нет (true или false), а не «{shown(text)}»")
        return None


FLAGS = {"да": True, "нет": False, "true": True, "false": False, "yes": True, "no": False}


def too_long(text: str, limit: int) -> str:
    """«слишком длинный текст: 151 символ, не больше 150»."""
    return f"слишком длинный текст: {count(len(text), SYMBOLS)}, не больше {limit}"


def colon_in_item(key: str, value: Any, names: list[str]) -> str:
    """What to do with a list item that has «: » and so was read as the field `key`."""
    if isinstance(value, (list, dict)):
        return (f"после «{shown(key)}:» идёт вложенный список, и YAML прочитал это как поле "
                f"«{shown(key)}», а у пункта есть только поля {', '.join(names)}; подпункты "
                f"пишут так: - text: \"{shown(key, 60)}\", а ниже, с отступом, items: и "
                "строки вложенного списка")
    text = f"{key}: {value}" if value is not None else f"{key}:"
    return (f"в пункте есть двоеточие, и YAML прочитал его как поле «{shown(key)}»; "
            f"возьмите весь пункт в кавычки: {quoted_item(text)}")


def quoted_item(text: str) -> str:
    """`- "text"` as it should be written (single quotes when the text has " or \\)."""
    text = shown(text, 70)
    if '"' in text or "\\" in text:
        return "- '" + text.replace("'", "''") + "'"
    return f'- "{text}"'


def kind_of(value: Any) -> str:
    """A Russian name for the YAML type of `value`."""
    if value is None:
        return "пустое значение"
    names = {bool: "да/нет", int: "число", float: "число", str: "текст", list: "список",
             dict: "набор полей"}
    return names.get(type(value), type(value).__name__)


def suggestion(word: str, known: tuple[str, ...] | list[str]) -> str:
    """«; возможно, имелось в виду «bullets»» for a name one slip away from a known one
    (a letter missing, extra, wrong or two swapped; one slip per four letters); else ''."""
    close = closest(word, known)
    return f"; возможно, имелось в виду «{close}»" if close else ""


def closest(word: str, known: tuple[str, ...] | list[str]) -> str | None:
    """The known name nearest to `word` when it is close enough to be a slip of the hand:
    `bulets` -> bullets, but `section` is not `question` nor `table` `title`."""
    word = word.casefold()
    allowed = max(1, len(word) // 4)
    distance, best = min(((slips(word, name.casefold(), allowed), name) for name in known),
                         default=(allowed + 1, None))
    return best if distance <= allowed else None


def slips(a: str, b: str, limit: int) -> int:
    """Edits from `a` to `b` (letters inserted, deleted, replaced, neighbours swapped);
    limit + 1 when the lengths alone need more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:  # two swapped
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:  # every way on costs more
            return limit + 1
        before, row = row, current
    return row[-1]


def unknown_field(key: str, known: list[str]) -> str:
    """«неизвестное поле «X»» with the near name, or else the names that are allowed."""
    return f"неизвестное поле «{shown(key)}»" + (
        suggestion(key, known) or "; допустимые поля: " + ", ".join(known))


def short_label(url: str) -> str:
    """The address a person would read aloud: no scheme, no 'www.', no trailing slash."""
    text = re.sub(r"^(https?://|mailto:)", "", url, flags=re.I)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


def parse_date(text: str, fail: Callable[[str], None]) -> str | None:
    """'ДД.ММ.ГГГГ' from either accepted form; `fail` called with a message otherwise."""
    import datetime
    m = DATE_RE.match(text)
    if m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else \
            (m.group(6), m.group(5), m.group(4))
        try:
            return datetime.date(int(year), int(month), int(day)).strftime("%d.%m.%Y")
        except ValueError:
            pass
    fail(f"неверная дата «{shown(text)}»; нужен вид 25.12.2026")
    return None


def parse_time(text: str, fail: Callable[[str], None]) -> str | None:
    m = TIME_RE.match(text)
    if not m:
        fail(f"неверное время «{shown(text)}»; нужен вид 18:30")
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def topics(docs: list[Doc]) -> tuple[Topic, ...]:
    """Topics of the loaded topic files; InputError listing every problem in all of them."""
    problems = Problems()
    found: list[Topic] = []
    first_of: dict[str, str] = {}
    for doc in docs:
        topic = topic_of(doc, problems)
        if topic is None:
            continue
        if topic.id in first_of:
            problems.add(doc.where(("id",)), "id",
                         f"тема с id «{topic.id}» уже есть в {first_of[topic.id]}")
            continue
        first_of[topic.id] = doc.where(("id",))
        found.append(topic)
    if not docs:
        problems.add("", "", "в папке нет файлов тем (*.yaml)")
    problems.raise_if_any()
    return tuple(found)


def topic_of(doc: Doc, problems: Problems) -> Topic | None:
    """One topic from its file, or None (problems added)."""
    before = len(problems.items)
    check = Checker(doc, problems)
    if doc.data is None:
        check.add((), "файл темы пуст; нужны поля " + ", ".join(
            f.name for f in TOPIC.fields if f.required))
        return None
    other = not_a_topic(doc)
    if other:
        check.add((), other)
        return None
    clean = check.mapping(doc.data, (), TOPIC)
    if not clean:
        return None
    if clean.get("id") and not ID_RE.match(clean["id"]):
        check.add(("id",), f"id «{shown(clean['id'])}» должен состоять из латинских букв в нижнем "
                  "регистре, цифр, «-» и «_»")
    layout = clean.get("layout")
    content = CONTENT_FIELD.get(layout or "")
    extra = EXTRA_FIELDS.get(layout or "", {})
    others = [n for n in dict.fromkeys(CONTENT_FIELD.values()) if n not in (content, "")]
    others += [n for e in EXTRA_FIELDS.values() for n in e if n not in others and n != content]
    for name in others if layout else ():
        if name not in extra and clean.get(name):
            check.add((name,), f"поле «{name}» не используется в макете «{layout}»" +
                      (f"; для него нужно поле «{content}»" if content else
                       ": на таком слайде только заголовок"))
    for name, owner in OPTION_FIELD.items() if layout else ():
        if owner != layout and doc.data.get(name) is not None:
            check.add((name,), f"поле «{name}» бывает только у макета «{owner}»")
    for name, most in extra.items():
        if most and clean.get(name) and len(clean[name]) > most:
            check.add((name,), f"у макета «{layout}» помещается не больше {count(most, ITEMS_OF)}, "
                      f"а их {len(clean[name])}; остальное перенесите в notes или в другую тему")
    if content and not clean.get(content) and not _reported(problems, before, content):
        check.add((content,), f"макету «{layout}» нужно поле «{content}»" +
                  (" со списком" if TOPIC.get(content).kind in ("items", "links", "columns")
                   else ""))
    if layout == "image" and not clean.get("alt") and not _reported(problems, before, "alt"):
        check.add(("alt",), "макету «image» нужно поле «alt»: что показывает рисунок, для тех, "
                  "кто не видит слайд")
    if len(problems.items) > before:
        return None
    kind = TOPIC.get(content).kind if content else ""
    items = clean.get("bullets") if layout == "image" else clean[content] if kind == "items" \
        else ()
    figure = Figure(clean["image"], clean["alt"], clean["caption"] or "",
                    doc.where(("image",)), check.scalar(doc.data["image"], ("image",))) \
        if layout == "image" else None
    return Topic(id=clean["id"], title=clean["title"], section=clean["section"] or clean["title"],
                 layout=layout, audience=tuple(clean["audience"]),
                 items=tuple(items or ()),
                 links=tuple(clean[content]) if kind == "links" else (),
                 notes=clean["notes"], source=doc.where(()),
                 content=clean[content] if kind not in ("", "items", "links", "table", "picture")
                 else None,
                 numbered=bool(clean.get("numbered")),
                 table=clean.get("table") if layout == "table" else None, figure=figure,
                 texts=tuple(check.texts))


MOVE_OUT = "уберите его из папки тем"


def not_a_topic(doc: Doc) -> str | None:
    """What to do with a meeting file or a brand profile put among the topics, else None.
    Told by its name (meeting.yaml, brand.yaml), or by fields that only such a file has."""
    data = doc.data
    if not isinstance(data, dict) or "id" in data or "layout" in data:
        return None
    keys, topic = {str(k) for k in data}, {f.name for f in TOPIC.fields}
    stem = doc.path.stem.casefold()
    if stem == "meeting" or keys <= {f.name for f in MEETING.fields} and keys - topic:
        return (f"это файл данных собрания, а не тема; {MOVE_OUT} (например, в папку выше) "
                f"и укажите так: --meeting {doc.path.name}")
    if stem == "brand" or keys <= {f.name for f in BRAND.fields} and keys - topic:
        named = "" if doc.path.name == "brand.yaml" else "/" + doc.path.name
        return (f"это профиль оформления, а не тема; {MOVE_OUT} (лучше в отдельную папку, "
                f"вместе с логотипом) и укажите так: --brand ПАПКА{named}")
    return None


def _reported(problems: Problems, since: int, name: str) -> bool:
    return any(p.field.startswith(name) for p in problems.items[since:])
