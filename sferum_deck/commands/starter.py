"""`sferum-deck init DIR`: an editable starter for a school or a curator.

DIR/slides/pack.yaml a content pack extending the chosen one (perm-letter by default),
                    every field commented
DIR/slides/*.yaml   that pack's topics, each field explained in a Russian comment
DIR/brand/brand.yaml a brand profile extending the default, every field commented
DIR/meeting.yaml    the meeting's fields, every field commented
DIR/examples/*.yaml one topic of each layout (and option) the pack's topics do not use
                    (compare, quote, checklist, section ...), commented, to copy into slides/

The texts are composed from the one schema (schema.py), so a new field shows up here by
itself. Nothing is written when any of the files already exists.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import OutputError
from ..inputs.load import display, read_text
from ..inputs.packs import PACK_FILE, load_content, packs_dir
from ..inputs.resources import example_slides
from ..inputs.schema import BRAND, MEETING, OPTION_FIELD, PACK, TOPIC, Field
from ..output.write import write_atomic

EXAMPLES = {  # what an uncommented field could say
    "extends": "default",
    "name": "Моя школа",
    "full_name": "МАОУ «Средняя общеобразовательная школа № 1» г. Перми",
    "short_name": "СОШ № 1",
    "municipality": "г. Пермь",
    "logo": "logo.png",
    "colors.primary": '"#1F4E79"',
    "colors.accent": '"#F4A259"',
    "colors.background": '"#FFFFFF"',
    "colors.text": '"#1F2933"',
    "fonts.heading.name": "Arial",
    "fonts.heading.file": "fonts/MyFont-Bold.ttf",
    "fonts.heading.bold_file": "fonts/MyFont-Bold.ttf",
    "fonts.body.name": "Arial",
    "fonts.body.file": "fonts/MyFont-Regular.ttf",
    "fonts.body.bold_file": "fonts/MyFont-Bold.ttf",
    "footer": "СОШ № 1 · родительское собрание",
    "contacts.phone": "+7 (342) 000-00-00",
    "contacts.email": "school@example.ru",
    "contacts.site": "https://example.ru/",
    "principal": "Петров Пётр Петрович",
    "template": "шаблон-школы.pptx",
    "title": '"Сферум: цифровое общение школы и семьи"',
    "school": "МАОУ «СОШ № 1» г. Перми",
    "class": "5А",
    "date": "12.12.2026",
    "time": "18:30",
    "teacher": "Иванова Мария Петровна",
    "teacher_contacts": "+7 (342) 000-00-00, ivanova@example.ru",
    "meeting_link": "https://sferum.ru/?call_link=...",
}
PACK_EXAMPLES = {
    "extends": "perm-letter",
    "title": '"Памятка нашей школы о Сферуме"',
    "author": "МАОУ «СОШ № 1» г. Перми",
    "region": "Пермский край",
    "as_of": "01.12.2026",
    "review_after": "01.06.2027",
    "review_advice": "проверьте шаги подключения у администрации школы",
    "sources.title": "Памятка школы о Сферуме",
    "sources.organisation": "МАОУ «СОШ № 1» г. Перми",
    "sources.date": "01.12.2026",
    "sources.url": "https://example.ru/sferum",
    "sources.note": "страница на сайте школы",
    "drop": "[question-sanitary]",
    "meeting_title": '"Сферум: цифровое общение школы и семьи"',
    "subject": '"Родительское собрание: Сферум"',
    "keywords": "Сферум; родительское собрание",
    "words.organisation": "Школа",
    "words.group": '"{class} класс"',
    "words.group_of": '"{class} класса"',
    "words.teacher": "Классный руководитель",
    "words.head": "Директор",
    "cover.notes": "Сегодня поговорим о том, как школа общается с семьями в Сферуме.",
    "closing.lines": '["Сайт школы: example.ru"]',
    "closing.notes": "Вопросы о подключении задавайте классному руководителю.",
    "handout.title": "Памятка для родителей",
    "handout.steps": "[technical-steps]",
    "handout.links": "[resources]",
    "handout.contacts": '["Вопросы о подключении — классному руководителю"]',
}
ACTIVE = {"extends", "name", "title"}  # written as values; the rest commented out
BRAND_HEAD = """\
# Профиль оформления школы. Поля, которых здесь нет (или которые закомментированы),
# берутся из профиля, указанного в extends. Чтобы включить поле, уберите «# » в начале
# его строки. Пути к файлам (логотип, шрифты, шаблон) считаются от этой папки.
"""
MEETING_HEAD = """\
# Данные собрания. Чтобы включить поле, уберите «# » в начале его строки и впишите свои
# данные. Параметры команды build (--school, --date ...) важнее этого файла.
"""


def commented(fields: tuple[Field, ...], indent: str = "", prefix: str = "",
              examples: dict | None = None, active=ACTIVE) -> list[str]:
    """YAML lines for `fields`, each after its Russian description. At the top level only
    `active` fields are on; inside a map every field is on (so that uncommenting the map
    gives a working block) except paths to files, which must exist."""
    examples = EXAMPLES if examples is None else examples
    lines: list[str] = []
    for f in fields:
        path = prefix + f.name
        if f.fields:
            inner = commented(f.fields, indent + "  ", path + ".", examples, active)
            if f.kind == "maps":  # one entry of the list: «- » before its first field
                first = next(i for i, line in enumerate(inner)
                             if not line.lstrip().startswith("#"))
                inner = [line if i < first else
                         indent + "  - " + line[len(indent) + 2:] if i == first else
                         indent + "  " + line[len(indent):] for i, line in enumerate(inner)]
            block = [f"{indent}{f.name}:"] + inner
        else:
            block = [f"{indent}{f.name}: {examples.get(path, '')}".rstrip()]
        off = path not in active if not prefix else (f.kind == "path")
        lines += [] if prefix or not lines else [""]  # a blank line between top-level fields
        lines.append(f"{indent}# {_described(f)}")
        lines += [indent + "# " + line[len(indent):] for line in block] if off else block
    return lines


def _described(f: Field) -> str:
    choices = f" Значения: {', '.join(f.choices)}." if f.choices else ""
    return f.description + choices


def brand_text() -> str:
    return BRAND_HEAD + "\n".join(commented(BRAND.fields)) + "\n"


def meeting_text() -> str:
    return MEETING_HEAD + "\n".join(commented(MEETING.fields)) + "\n"


PACK_HEAD = """\
# Набор материалов: кто его составил, по каким документам, на какую дату верны сведения,
# и текст рамки презентации. Набор строится на наборе из extends: поля, которых здесь нет
# (или которые закомментированы), берутся оттуда. Темы этой папки заменяют темы с тем же id.
# Чтобы включить поле, уберите «# » в начале его строки (и у всех строк вложенного блока).
"""


def pack_text(extends: str) -> str:
    examples = dict(PACK_EXAMPLES, extends=extends)
    return PACK_HEAD + "\n".join(commented(PACK.fields, examples=examples,
                                           active={"extends"})) + "\n"


TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)


def topic_text(source: str) -> str:
    """A topic file with each top-level field explained in a comment above it."""
    out = ["# Тема презентации: один слайд (или несколько, если текст длинный).",
           "# Файлы тем показываются в порядке имён файлов."]
    for line in source.splitlines():
        key = TOP_KEY.match(line)
        f = TOPIC.get(key.group(1)) if key else None
        if f is not None:
            out.append(f"# {_described(f)}")
        out.append(line)
    return "\n".join(out) + "\n"


EXAMPLE_HEAD = """\
# Пример макета «{layout}». Чтобы он попал в презентацию, скопируйте файл в папку slides/
# и поправьте текст под свою встречу.
"""
LAYOUT_LINE = re.compile(r"^layout:\s*(\S+)", re.M)


def starter_files(folder: Path, pack: str | None = None) -> dict[Path, str]:
    """Every file of the starter and its text: the pack's topics (its extends chain
    applied), a pack.yaml extending it, and examples/ of the layouts and options those
    topics do not show."""
    content = load_content(pack)
    named = content.pack.name
    if (packs_dir() / named / PACK_FILE).is_file() and not (pack and Path(pack).is_dir()):
        extends = named
    else:  # a pack folder of the user's: named by its full path, wherever the starter goes
        extends = str(Path(pack).resolve())
    files = {folder / "brand" / "brand.yaml": brand_text(),
             folder / "meeting.yaml": meeting_text(),
             folder / "slides" / PACK_FILE: pack_text(extends)}
    used = set()  # the layouts and options the pack's topics already show
    for path in content.files:
        text = read_text(path)
        used |= set(LAYOUT_LINE.findall(text)) | _options(text)
        files[folder / "slides" / path.name] = topic_text(text)
    for topic in sorted(example_slides().glob("*.yaml")):
        text = read_text(topic)
        layout = (LAYOUT_LINE.findall(text) or [""])[0]
        shows = {layout} | _options(text)
        if shows - used:
            used |= shows
            files[folder / "examples" / topic.name] = EXAMPLE_HEAD.format(layout=layout) + \
                topic_text(text)
    return files


def _options(text: str) -> set[str]:
    """The layout options (such as numbered) a topic file sets."""
    return {m.group(1) for m in TOP_KEY.finditer(text) if m.group(1) in OPTION_FIELD}


def write_starter(folder: Path, pack: str | None = None) -> list[Path]:
    """Write the starter into `folder`; OutputError (nothing written) when it is a file or
    any of the starter's files is already there."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{display(folder)}: это файл, а нужна папка для стартового набора")
    files = starter_files(folder, pack)
    present = [path for path in files if path.exists()]
    if present:
        listed = ", ".join(display(p) for p in present[:5]) + (" …" if len(present) > 5 else "")
        raise OutputError(f"{display(folder)}: файлы стартового набора уже есть ({listed}); "
                          "ничего не записано, чтобы не потерять ваши правки. Укажите новую "
                          "папку или удалите эти файлы.")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    return list(files)
