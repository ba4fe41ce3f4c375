"""`sferum-deck init DIR`: an editable starter for a school or a curator.

DIR/slides/pack.yaml a content pack extending the chosen one (perm-letter by default),
                    every field commented
DIR/slides/*.yaml   that pack's topics, each field explained in a Russian comment
DIR/brand/brand.yaml a brand profile extending the default, every field commented
DIR/meeting.yaml    the meeting's fields, every field commented
DIR/examples/*.yaml one topic of each layout (and option) the pack's topics do not use
                    (compare, quote, checklist, section ...), commented, to copy into slides/

The texts are composed from the one schema (schema.py), so a new field shows up here by
itself; the example values in its commented fields come from data that fits the chosen
pack (inputs/examples.py: assets/starter.yaml and the starter.yaml of each pack in its
chain), the meeting's title and the topic ids from the pack itself. Nothing is written
when any of the files already exists.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..errors import OutputError
from ..inputs.examples import Examples, chain_examples
from ..inputs.load import display, read_text
from ..inputs.packs import DEFAULT_PACK, PACK_FILE, Content, load_chain, load_content, \
    pack_folder, packs_dir
from ..inputs.resources import example_slides
from ..inputs.schema import BRAND, MEETING, OPTION_FIELD, PACK, TOPIC, Field
from ..output.write import write_atomic
from ..plan.layouts import layout_of

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


def commented(fields: tuple[Field, ...], examples: dict, indent: str = "", prefix: str = "",
              active=ACTIVE) -> list[str]:
    """YAML lines for `fields`, each after its Russian description, with the value of
    `examples` (dotted path -> text or list). At the top level only `active` fields are on;
    inside a map every field is on (so that uncommenting the map gives a working block)
    except paths to files, which must exist."""
    lines: list[str] = []
    for f in fields:
        path = prefix + f.name
        if f.fields:
            inner = commented(f.fields, examples, indent + "  ", path + ".", active)
            if f.kind == "maps":  # one entry of the list: «- » before its first field
                first = next(i for i, line in enumerate(inner)
                             if not line.lstrip().startswith("#"))
                inner = [line if i < first else
                         indent + "  - " + line[len(indent) + 2:] if i == first else
                         indent + "  " + line[len(indent):] for i, line in enumerate(inner)]
            block = [f"{indent}{f.name}:"] + inner
        else:
            value = yaml_text(examples[path]) if path in examples else ""
            block = [f"{indent}{f.name}: {value}".rstrip()]
        off = path not in active if not prefix else (f.kind == "path")
        lines += [] if prefix or not lines else [""]  # a blank line between top-level fields
        lines.append(f"{indent}# {_described(f)}")
        lines += [indent + "# " + line[len(indent):] for line in block] if off else block
    return lines


def _described(f: Field) -> str:
    choices = f" Значения: {', '.join(f.choices)}." if f.choices else ""
    return f.description + choices


def yaml_text(value) -> str:
    """A text or a list of texts as YAML on one line: plain where YAML reads it back as
    written (a number-like 18:30 included: our reader keeps what is written), else quoted;
    in a list, words with spaces quoted too (a comma added while editing stays text)."""
    if isinstance(value, list):
        items = [v if " " not in v and _reads_back(v, v) else json.dumps(v, ensure_ascii=False)
                 for v in value]
        return "[" + ", ".join(items) + "]"
    return value if _reads_back(value, value) else json.dumps(value, ensure_ascii=False)


def _reads_back(text: str, value) -> bool:
    try:
        read = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    numbers = isinstance(read, (bool, int, float)) and isinstance(value, str)
    return read == value or numbers and str(read) != "" and "\n" not in text


def brand_text(examples: Examples) -> str:
    return BRAND_HEAD + "\n".join(commented(BRAND.fields, examples["brand"])) + "\n"


def meeting_text(examples: Examples) -> str:
    return MEETING_HEAD + "\n".join(commented(MEETING.fields, examples["meeting"])) + "\n"


PACK_HEAD = """\
# Набор материалов: кто его составил, по каким документам, на какую дату верны сведения,
# и текст рамки презентации. Набор строится на наборе из extends: поля, которых здесь нет
# (или которые закомментированы), берутся оттуда. Темы этой папки заменяют темы с тем же id.
# Чтобы включить поле, уберите «# » в начале его строки (и у всех строк вложенного блока).
"""


def pack_text(examples: Examples, extends: str) -> str:
    values = dict(examples["pack"], extends=extends)
    return PACK_HEAD + "\n".join(commented(PACK.fields, values, active={"extends"})) + "\n"


def pack_examples(ref: str | None, content: Content) -> Examples:
    """The examples of the pack's chain, with the meeting's title and the organisation
    words the pack's own, and the topic ids (drop, handout) ones the pack has: those of the
    examples that it has, else its own handout topics and, for drop, its last topic the
    handout does not take."""
    ref = DEFAULT_PACK if ref is None else ref
    examples = chain_examples([level.folder for level in load_chain(pack_folder(ref),
                                                                    str(ref))])
    examples["meeting"]["title"] = content.pack.meeting_title
    examples["pack"].update({f"words.{name}": word for name, word
                             in content.pack.words._asdict().items() if word})
    ids = [t.id for t in content.topics]
    giving = {field: [t.id for t in content.topics if layout_of(t).handout == field][:1]
              for field in ("steps", "links")}
    own = {"handout.steps": list(content.pack.handout_steps) or giving["steps"],
           "handout.links": list(content.pack.handout_links) or giving["links"]}
    taken = set(own["handout.steps"]) | set(own["handout.links"])
    own["drop"] = [i for i in ids if i not in taken][-1:]
    pack = examples["pack"]
    for key, fallback in own.items():
        given = pack.get(key, [])
        kept = [i for i in ([given] if isinstance(given, str) else given) if i in ids]
        pack[key] = kept or fallback
        if not pack[key]:
            del pack[key]
    return examples


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


def starter_files(folder: Path, pack: str | None = None) -> dict[Path, str | bytes]:
    """Every file of the starter and its text: the pack's topics (its extends chain
    applied), a pack.yaml extending it, and examples/ of the layouts and options those
    topics do not show."""
    content = load_content(pack)
    named = content.pack.name
    if (packs_dir() / named / PACK_FILE).is_file() and not (pack and Path(pack).is_dir()):
        extends = named
    else:  # a pack folder of the user's: named by its full path, wherever the starter goes
        extends = str(Path(pack).resolve())
    examples = pack_examples(pack, content)
    files = {folder / "brand" / "brand.yaml": brand_text(examples),
             folder / "meeting.yaml": meeting_text(examples),
             folder / "slides" / PACK_FILE: pack_text(examples, extends)}
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
    for picture in sorted((example_slides() / "pictures").glob("*.png")):  # image examples
        files[folder / "examples" / "pictures" / picture.name] = picture.read_bytes()
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
        write_atomic(path, text if isinstance(text, bytes) else text.encode("utf-8"))
    return list(files)
