"""The curators' school list -> one checked row per school, each remembering its line.

A list is a CSV file as Excel saves it (UTF-8 with or without BOM, Windows-1251 or UTF-16;
comma, semicolon or tab; quoted fields with doubled quotes and line breaks) or a YAML list
of mappings. Columns are matched by name, case-insensitively, trimmed, «ё» read as «е»;
Russian names are accepted (ALIASES). A bad row fails alone; a bad file fails as a whole.
"""
from __future__ import annotations

import codecs
import csv
import difflib
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem, Problems
from ..model import Colour, Upload
from .load import Doc, decode, display, load_yaml
from .schema import SCHOOL
from .validate import Checker

MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH = 10  # a title or empty rows above the header are allowed
MAX_CELL_LINES = 5  # a quoted cell spanning more lines is an unclosed quote
DELIMITERS = (";", ",", "\t")
MAX_STEM = 100
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never valid in a deck's XML
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}

ALIASES = {  # the first is the name README documents; every one is matched like a header
    "school_id": ("код школы", "код", "код оо", "код оу", "идентификатор", "id", "ид",
                  "id школы", "номер"),
    "full_name": ("полное наименование", "полное название", "наименование",
                  "наименование школы", "наименование оо", "наименование оу", "название",
                  "название школы", "школа", "образовательная организация"),
    "short_name": ("краткое наименование", "краткое название", "сокращенное наименование",
                   "сокращенное название", "короткое название"),
    "municipality": ("муниципалитет", "муниципальное образование", "муниципальный округ",
                     "городской округ", "округ", "район", "территория"),
    "principal": ("директор", "руководитель", "фио директора", "фио руководителя"),
    "phone": ("телефон", "тел", "контактный телефон", "телефон школы"),
    "email": ("e-mail", "эл. почта", "электронная почта", "адрес электронной почты", "почта"),
    "site": ("сайт", "веб-сайт", "адрес сайта", "сайт школы", "web"),
    "primary_color": ("основной цвет", "цвет", "главный цвет"),
    "accent_color": ("акцентный цвет", "дополнительный цвет", "цвет акцента"),
    "logo": ("логотип", "эмблема", "файл логотипа"),
}


def header_key(text: str) -> str:
    """A column name as it is compared: case-folded, «ё» = «е», spaces, «_», «-», «.» alike."""
    text = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").casefold()
    text = text.replace("ё", "е")
    return re.sub(r"[\s_\-.]+", " ", text).strip(" *:")


COLUMN_OF = {header_key(alias): name for name, aliases in ALIASES.items()
             for alias in (name, *aliases)}


@dataclass(frozen=True)
class School:
    """A checked row: its line, id, output file name and the brand values it brings."""

    line: int
    school_id: str
    file_name: str
    values: dict = field(hash=False)


@dataclass(frozen=True)
class BadRow:
    line: int
    school_id: str
    problems: tuple[Problem, ...]

    @property
    def message(self) -> str:
        return "; ".join(str(p) for p in self.problems)


@dataclass
class SchoolList:
    path: Path | Upload
    schools: list[School]
    bad: list[BadRow]
    warnings: list[str]
    delimiter: str = ";"  # the report is written with the list's own delimiter


@dataclass
class _Row:
    line: int
    values: dict             # school field -> raw value
    labels: dict             # school field -> the column name as the user wrote it
    lines: dict = field(default_factory=dict)  # school field -> line (YAML)
    extra: str = ""          # a problem of the row as a whole
    yaml: bool = False       # from a YAML list: quoting advice applies, nulls are reported
    whole: bool = False      # `extra` says it all: no field is checked


def read_schools(path: Path | Upload, logos: dict[str, Upload] | None = None) -> SchoolList:
    """Every row of the list, checked; InputError when the file as a whole is unusable.
    An uploaded list (Upload) is read from its bytes and named by its name; its logo
    column names only pictures uploaded with it (`logos`, by file name), never a path."""
    path = path if isinstance(path, Upload) else Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        rows, warnings, delimiter = _yaml_rows(path), [], ";"
    else:
        rows, warnings, delimiter = _csv_rows(path)
    result = SchoolList(path, [], [], warnings, delimiter)
    first_line: dict[str, int] = {}
    for row in rows:
        _check(path, row, result, first_line, logos or {})
    if not result.schools and not result.bad:
        raise InputError([Problem(name_of(path), "", "в списке нет ни одной школы")])
    return result


def name_of(path: Path | Upload) -> str:
    """The list as messages name it: the path as the user reads it, or the upload's name."""
    return path.name if isinstance(path, Upload) else display(path)


# ---------------------------------------------------------------- CSV

def _csv_rows(path: Path | Upload) -> tuple[list[_Row], list[str], str]:
    text = decode_table(_read_bytes(path), name_of(path))
    if not text.strip():
        raise InputError([Problem(name_of(path), "", "файл пуст; сохраните в него таблицу школ")])
    delimiter = _delimiter(text)
    records = _records(text, delimiter, name_of(path))
    start, header = _find_header(records)
    columns, warnings = _columns(path, header[1], header[0])
    rows = []
    last_line = text.count("\n") + (not text.endswith("\n"))
    ends = [line - 1 for line, _ in records[start + 2:]] + [last_line]
    for (line, cells), end in zip(records[start + 1:], ends, strict=False):
        if not any(c.strip() for c in cells):
            continue  # Excel writes empty rows as ";;;;"
        values = {name: cells[i].strip() for i, name in columns.items() if i < len(cells)}
        labels = {name: header[1][i].strip() for i, name in columns.items()}
        row = _Row(line, values, labels)
        spare = [c for c in cells[len(header[1]):] if c.strip()]
        if spare:
            shown = "табуляция" if delimiter == "\t" else f"«{delimiter}»"
            row.extra = (f"в строке больше значений, чем столбцов в заголовке ({len(cells)} "
                         f"вместо {len(header[1])}); возможно, в тексте есть {shown} без кавычек")
        if end - line >= MAX_CELL_LINES:
            row.extra = (f"кавычка в этой строке не закрыта: значение тянется до строки {end}, "
                         "и строки ниже прочитаны как его часть")
        rows.append(row)
    return rows, warnings, delimiter


def _read_bytes(path: Path | Upload) -> bytes:
    name = name_of(path)
    try:
        size = len(path.data) if isinstance(path, Upload) else path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem(name, "", "файл больше 20 МБ; это не похоже на список школ")])
        return path.data if isinstance(path, Upload) else path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, "", "файл со списком школ не найден")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "это папка; укажите файл со списком школ "
                                  "(.csv или .yaml)")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", f"файл не читается ({exc.strerror})")]) from None


def decode_table(raw: bytes, name: str) -> str:
    """The text of a table as Excel saves it: UTF-8 (BOM or not), UTF-16 with BOM, else
    Windows-1251 (Excel's «CSV (разделители — точка с запятой)» in a Russian Windows)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(raw, "utf-16", name)
    if raw.startswith(codecs.BOM_UTF8):
        return _decoded(raw, "utf-8-sig", name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _decoded(raw, "cp1251", name)


def _decoded(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError([Problem(f"{name}:{line}", "", "не удаётся прочитать текст: файл не "
                                  "в UTF-8 и не в Windows-1251; сохраните его в Excel как "
                                  "«CSV UTF-8 (разделитель — запятая)»")]) from None


def _delimiter(text: str) -> str:
    """The delimiter under which the most known column names appear in the first rows;
    csv.Sniffer decides when no name is known."""
    best, best_score = None, (0, 0)
    for delimiter in DELIMITERS:
        try:
            records = list(itertools.islice(_parse(text, delimiter), HEADER_SEARCH * 2))
        except csv.Error:
            continue
        known = max((_known(cells) for _, cells in records), default=0)
        width = max((len(cells) for _, cells in records), default=0)
        if (known, width > 1) > best_score:
            best, best_score = delimiter, (known, width > 1)
    if best is not None and best_score[0]:
        return best
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return best or ";"


def _known(cells: list[str]) -> int:
    return len({COLUMN_OF[k] for k in map(header_key, cells) if k in COLUMN_OF})


def _parse(text: str, delimiter: str):
    """(first line, cells) of each record; a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                        doublequote=True, strict=False)
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _records(text: str, delimiter: str, name: str) -> list[tuple[int, list[str]]]:
    records = []
    try:
        for line, cells in _parse(text, delimiter):
            records.append((line, cells))
    except csv.Error as exc:
        line = records[-1][0] + 1 if records else 1
        why = "значение длиннее 128 тысяч знаков: похоже, где-то не закрыта кавычка" \
            if "field limit" in str(exc) else f"ошибка разметки CSV ({exc})"
        raise InputError([Problem(f"{name}:{line}", "", why)]) from None
    return records


def _find_header(records: list) -> tuple[int, tuple[int, list[str]]]:
    """Index and record of the header: the first of the first rows naming most columns."""
    candidates = [(i, r) for i, r in enumerate(records[:HEADER_SEARCH * 2]) if any(
        c.strip() for c in r[1])][:HEADER_SEARCH]
    if not candidates:
        return 0, (1, [])
    return max(candidates, key=lambda ir: (_known(ir[1][1]), -ir[0]))


def _columns(path: Path | Upload, header: list[str], line: int) -> tuple[dict[int, str],
                                                                         list[str]]:
    """{cell index: school field} of a header; InputError when a required column is missing
    or two columns mean the same field; a warning for each unknown column."""
    name = f"{name_of(path)}:{line}"
    columns: dict[int, str] = {}
    problems, warnings = Problems(), []
    for i, cell in enumerate(header):
        key = header_key(cell)
        if not key:
            continue
        field_name = COLUMN_OF.get(key)
        if field_name is None:
            warnings.append(f"{name}: столбец «{cell.strip()}» не используется"
                            + _close_column(key))
        elif field_name in columns.values():
            first = next(header[j] for j, f in columns.items() if f == field_name)
            problems.add(name, "", f"столбцы «{first.strip()}» и «{cell.strip()}» означают одно "
                         f"и то же ({field_name}); оставьте один")
        else:
            columns[i] = field_name
    for required in ("school_id", "full_name"):
        if required not in columns.values():
            problems.add(name, "", missing_column(required, header))
    problems.raise_if_any()
    return columns, warnings


def _close_column(key: str) -> str:
    """A hint for a misspelt column name; strict, since a spreadsheet often has columns
    of its own («Примечание») that only look like ours."""
    close = difflib.get_close_matches(key, list(COLUMN_OF), n=1, cutoff=0.8)
    return f"; возможно, имелось в виду «{close[0]}»" if close else ""


def missing_column(field_name: str, header: list[str]) -> str:
    found = ", ".join(f"«{c.strip()}»" for c in header if c.strip()) or "пустая строка"
    return (f"нет обязательного столбца «{field_name}» (или «{ALIASES[field_name][0]}»); "
            f"в заголовке: {found}")


# ---------------------------------------------------------------- YAML

def _yaml_rows(path: Path | Upload) -> list[_Row]:
    if isinstance(path, Upload):
        doc = load_yaml(Path("upload.yaml"), decode(_read_bytes(path), path.name), path.name)
    else:
        doc = load_yaml(path)
    data = doc.data
    if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
        key = next(iter(data))
        data = [(v, (key, i)) for i, v in enumerate(data[key])]
    elif isinstance(data, list):
        data = [(v, (i,)) for i, v in enumerate(data)]
    else:
        raise InputError([Problem(doc.where(()), "", "ожидался список школ: строки, "
                                  "начинающиеся с «- school_id: …»")])
    return [_yaml_row(doc, value, at) for value, at in data]


def _yaml_row(doc: Doc, value, at: tuple) -> _Row:
    line = int(doc.where(at).rsplit(":", 1)[1])
    if not isinstance(value, dict):
        return _Row(line, {}, {}, extra="ожидался набор полей «school_id: …, full_name: …»",
                    yaml=True, whole=True)
    row = _Row(line, {}, {}, yaml=True)
    for key, raw in value.items():
        field_name = COLUMN_OF.get(header_key(key))
        key_line = int(doc.where(at + (key,)).rsplit(":", 1)[1])
        if field_name is None or field_name in row.values:
            why = "поле повторяется" if field_name else \
                "неизвестное поле" + _close_column(header_key(key))
            row.extra = row.extra or f"«{key}»: {why}"
            continue
        row.values[field_name] = raw
        row.labels[field_name] = str(key)
        row.lines[field_name] = key_line
    return row


# ---------------------------------------------------------------- checking a row

class _RowChecker(Checker):
    """Checker whose messages name the column as the user wrote it, at the row's line."""

    def __init__(self, doc: Doc, problems: Problems, labels: dict, yaml: bool,
                 logos: dict[str, Upload]):
        super().__init__(doc, problems)
        self.labels, self.yaml, self.logos = labels, yaml, logos

    def kind_image(self, value, path: tuple, f):
        """In an uploaded list, a logo is one of the pictures uploaded with it, found by
        its file name alone (whatever folders the cell names); nothing else is opened."""
        if not self.doc.in_memory:
            return super().kind_image(value, path, f)
        text = self.scalar(value, path, "имя файла")
        if text is None:
            return None
        found = self.logos.get(text.replace("\\", "/").rsplit("/", 1)[-1].strip())
        if found is None:
            self.add(path, f"логотип «{text}» не загружен вместе со списком; добавьте файл "
                     "логотипа к списку при загрузке")
            return None
        from .files import image_problem
        problem = image_problem(found, found.name)
        if problem:
            self.add(path, problem)
            return None
        return found

    def add(self, path: tuple, message: str) -> None:
        column = self.labels.get(path[-1], path[-1]) if path else ""
        self.problems.add(self.doc.where(path), str(column), message)

    def kind_colour(self, value, path: tuple, f):
        """A spreadsheet cell needs no quotes around a colour (YAML does: `#` starts a
        comment there), so a CSV row is told the plain form."""
        if self.yaml:
            return super().kind_colour(value, path, f)
        try:
            return Colour.parse(str(value))
        except ValueError:
            self.add(path, f"неверный цвет «{value}»; нужен вид #1F4E79")
            return None


def _check(path: Path | Upload, row: _Row, result: SchoolList, first_line: dict[str, int],
           logos: dict[str, Upload]) -> None:
    values = {k: v if v is None else _cleaned(k, v) for k, v in row.values.items()}
    values = {k: v for k, v in values.items() if v is not None or row.yaml}  # YAML null: said
    lines = {(): row.line, **{(k,): n for k, n in row.lines.items()}}
    problems = Problems()
    if row.extra:
        problems.add(f"{name_of(path)}:{row.line}", "", row.extra)
    if row.whole:
        result.bad.append(BadRow(row.line, "", tuple(problems.items)))
        return
    doc = Doc(Path("upload"), values, lines, name=path.name, in_memory=True) \
        if isinstance(path, Upload) else Doc(path, values, lines)
    checker = _RowChecker(doc, problems, row.labels, row.yaml, logos)
    clean = checker.mapping(values, (), SCHOOL)
    school_id = clean.get("school_id") or ""
    stem = file_stem(school_id) if school_id else None
    where, column = f"{name_of(path)}:{row.line}", row.labels.get("school_id", "school_id")
    if school_id and stem is None:
        problems.add(where, column, f"из кода «{school_id}» не получается имя файла; используйте "
                     "буквы и цифры")
    elif stem and stem.casefold() in first_line:
        problems.add(where, column, f"код «{school_id}» уже встречался в строке "
                     f"{first_line[stem.casefold()]}" + _same_file(school_id, stem))
    if isinstance(clean.get("logo"), Path):
        clean["logo"] = clean["logo"].resolve()
    if problems:
        result.bad.append(BadRow(row.line, str(row.values.get("school_id", "")).strip(),
                                 tuple(problems.items)))
        return
    first_line[stem.casefold()] = row.line
    result.schools.append(School(row.line, school_id, stem + ".pptx", clean))


def _same_file(school_id: str, stem: str) -> str:
    return "" if school_id == stem else f" (оба дают файл {stem}.pptx)"


def _cleaned(name: str, value):
    """A raw cell as the checks expect it: text trimmed, empty -> None, a site without
    https:// completed, a Windows path to the logo made portable."""
    if isinstance(value, str):
        value = CONTROL.sub(" ", value).strip()
        if not value:
            return None
        if name == "site" and re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?$", value):
            value = "https://" + value
        if name == "logo":
            value = value.replace("\\", "/")
    return value


def file_stem(school_id: str) -> str | None:
    """A safe file name (without .pptx) for a school id: letters of any alphabet, digits,
    «-», «_» and «.» kept, anything else (slashes, spaces, quotes) made «_»; no leading dot,
    no path, no Windows device name (CON, NUL, COM1 ...); None when nothing is left."""
    text = unicodedata.normalize("NFC", str(school_id))
    text = re.sub(r"[^\w\-.]+", "_", text).strip("._-")[:MAX_STEM].rstrip("._-")
    if not text:
        return None
    if text.split(".")[0].upper() in WINDOWS_RESERVED:
        text = "_" + text
    return text
