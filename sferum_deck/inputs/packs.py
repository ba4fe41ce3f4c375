"""Content packs: a folder of topic files with its pack.yaml, built on other packs.

A pack names who wrote it and from what, the region, the date its facts hold (`as_of`) and
when to look at it again (`review_after`), and the frame text of its decks (cover notes,
closing lines, organisation words, what the handout takes). `extends:` builds a pack on
another, as brand profiles do: a topic of the same id replaces the base's topic in its
place, new topics take their place by file name, `drop:` removes base topics, and frame
fields replace the base's (nested fields one by one). A folder without pack.yaml is a pack
with the neutral frame (model.NEUTRAL) and no description.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from . import validate
from ..errors import InputError, Problem, Problems, file_and_line
from .chains import extends_chain
from .load import Doc, display, load_yaml
from ..model import NEUTRAL, Pack, Source, Topic, Words, record
from .resources import default_slides
from ..plan.layouts import LAYOUTS, layout_of
from .schema import GROUP, PACK
from .sections import in_parts

PACK_FILE = "pack.yaml"
STARTER_FILE = "starter.yaml"  # the example values init writes (inputs/examples.py), no topic
DEFAULT_PACK = "perm-letter"
REQUIRED = ("title", "author", "as_of", "review_after")  # after the extends chain is merged
TODAY_VARIABLE = "SFERUM_DECK_TODAY"  # a fixed «today» for freshness (tests, rehearsals)


@record
class Content(NamedTuple):
    pack: Pack
    topics: tuple[Topic, ...]
    files: tuple[Path, ...]  # the file of each topic


def packs_dir() -> Path:
    """The folder of the built-in packs (slides/ in the source tree or the wheel)."""
    return default_slides()


def builtin_packs() -> list[str]:
    return sorted(p.name for p in packs_dir().iterdir() if (p / PACK_FILE).is_file())


def pack_folder(ref: str | Path, relative_to: Path | None = None) -> Path:
    """The folder a pack reference names: a path (the folder or its pack.yaml; an extends:
    relative to the folder of its pack) or the name of a built-in pack; InputError naming
    the built-in packs otherwise."""
    try:
        ref_path = Path(ref).expanduser()
    except RuntimeError:  # ~user that does not exist
        ref_path = Path(ref)
    # an extends: is read from its pack's folder, a command-line reference from the current one
    candidates = [relative_to / ref_path if relative_to is not None else ref_path]
    if "/" not in str(ref) and "\\" not in str(ref):
        candidates.append(packs_dir() / str(ref))
    for path in candidates:
        try:
            if path.is_file() and path.name == PACK_FILE:
                return path.parent
            if path.is_dir() and (path / PACK_FILE).is_file():
                return path
        except (OSError, ValueError):  # a name too long or with a NUL byte: not found
            continue
    known = builtin_packs()
    folder = next((p for p in candidates if _is_dir(p)), None)
    if folder is not None:
        message = (f"в папке нет файла {PACK_FILE}; папку с одними темами укажите как "
                   "--content ПАПКА")
    else:
        message = "набор материалов не найден"
    raise InputError([Problem(str(ref), "", message + "; встроенные наборы: " + ", ".join(known)
                              + validate.suggestion(str(ref), known))])


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def load_content(pack: str | Path | None = None, content: Path | None = None) -> Content:
    """The pack and its topics: --pack NAME|DIR, or --content DIR (a pack when it holds
    pack.yaml, else topics with the neutral frame), or the default pack; each topic's
    `section` is its agenda item (inputs/sections.py)."""
    found = _content(pack, content)
    return found._replace(topics=in_parts(found.topics))


def _content(pack: str | Path | None, content: Path | None) -> Content:
    if pack is not None and content is not None:
        raise InputError([Problem("--pack", "", "укажите что-то одно: --pack (набор "
                                  "материалов) или --content (папка с темами)")])
    if content is not None:
        folder = Path(content)
        if not folder.is_dir():
            what = "это файл, а нужна папка с файлами тем" if folder.is_file() else \
                "папка с темами не найдена"
            raise InputError([Problem(display(folder), "", what)])
        if not (folder / PACK_FILE).is_file():
            return Content(NEUTRAL._replace(name=display(folder)), *folder_topics(folder))
        return load_pack(folder, display(folder))
    ref = DEFAULT_PACK if pack is None else pack
    folder = pack_folder(ref)
    return load_pack(folder, str(ref))


# ---------------------------------------------------------------- topics of one folder

NOT_TOPICS = (PACK_FILE, "pack.yml", STARTER_FILE)


def topic_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.name not in NOT_TOPICS)


def folder_topics(folder: Path, allow_empty: bool = False
                  ) -> tuple[tuple[Topic, ...], tuple[Path, ...]]:
    """Every topic of one folder in file-name order, and each one's file;
    InputError listing every problem of every file."""
    docs, problems = [], []
    paths = topic_files(folder)
    for path in paths:
        try:
            docs.append(load_yaml(path))
        except InputError as exc:  # keep going: every broken file is reported at once
            problems += exc.problems
    topics: tuple[Topic, ...] = ()
    if docs or not (problems or allow_empty):
        try:
            topics = validate.topics(docs)
        except InputError as exc:
            problems += exc.problems
    if problems:
        order = {display(path): i for i, path in enumerate(paths)}
        raise InputError(sorted(problems, key=lambda p: order.get(file_and_line(p)[0], -1)))
    return topics, tuple(doc.path for doc in docs)  # no problems: one topic per file


# ---------------------------------------------------------------- the chain

@record
class Level(NamedTuple):
    """One pack of a chain: its folder, pack.yaml and checked fields."""

    folder: Path
    doc: Doc
    values: dict


def load_chain(folder: Path, named: str) -> list[Level]:
    """The pack in `folder` and the packs it extends, the most general first."""
    def read(path: Path) -> tuple[Level, Doc, str]:
        doc = load_yaml(path)
        problems = Problems()
        check = validate.Checker(doc, problems)
        values = check.mapping(doc.data if doc.data is not None else {}, (), PACK)
        _check_words(check, values.get("words") or {})
        problems.raise_if_any()
        return Level(path.parent, doc, values), doc, values.get("extends") or ""

    return extends_chain(folder / PACK_FILE, named, read,
                         lambda ref, path: pack_folder(ref, path.parent) / PACK_FILE,
                         "наборы строятся друг на друге по кругу")


def _check_words(check: validate.Checker, words: dict) -> None:
    """{class} where the class name goes, and no other {…}."""
    for name in ("group", "group_of"):
        text = words.get(name)
        if not text:
            continue
        rest = text.replace(GROUP, "")
        if GROUP not in text:
            check.add(("words", name), f"нет места для названия класса или группы: напишите "
                      f"{GROUP}, например «{GROUP} класс»")
        elif "{" in rest or "}" in rest:
            check.add(("words", name), f"в фигурных скобках может стоять только {GROUP}")


def load_pack(folder: Path, named: str) -> Content:
    """The merged pack of `folder` and its topics; InputError listing every problem of
    every pack.yaml and topic file of the chain."""
    chain = load_chain(folder, named)
    problems: list[Problem] = []
    merged: list[tuple[str, Topic, Path]] = []  # (sort key: file name, topic, its file)
    declared: dict[str, str] = {}             # a frame field -> where it was last set
    values: dict = {}
    for level in chain:
        try:
            topics, paths = folder_topics(level.folder, allow_empty=len(chain) > 1)
        except InputError as exc:
            problems += exc.problems
            topics, paths = (), ()
        position = {t.id: i for i, (_, t, _) in enumerate(merged)}
        for path, topic in zip(paths, topics):
            if topic.id in position:  # replaced in its place
                merged[position[topic.id]] = (merged[position[topic.id]][0], topic, path)
            else:
                merged.append((path.name, topic, path))
        ids = [t.id for _, t, _ in merged]
        for i, topic_id in enumerate(level.values.get("drop") or ()):
            if topic_id not in ids:
                problems.append(Problem(level.doc.where(("drop", i)), f"drop[{i}]",
                                        f"нет темы с id «{topic_id}»" +
                                        validate.suggestion(topic_id, ids)))
        dropped = set(level.values.get("drop") or ())
        merged = [entry for entry in merged if entry[1].id not in dropped]
        _merge_into(values, level.values, level.doc, (), declared)
    merged.sort(key=lambda entry: entry[0])
    topics = tuple(t for _, t, _ in merged)
    top = chain[-1].doc
    for name in REQUIRED:
        if not values.get(name):
            problems.append(Problem(top.where(()), name, "обязательное поле набора не заполнено"
                                    + (" (ни в этом наборе, ни в тех, на которых он строится)"
                                       if len(chain) > 1 else "")))
    if values.get("as_of") and values.get("review_after") and \
            _day(values["review_after"]) < _day(values["as_of"]):
        problems.append(Problem(declared["review_after"], "review_after",
                                f"дата пересмотра {values['review_after']} раньше даты сведений "
                                f"{values['as_of']} (as_of)"))
    ids = [t.id for t in topics]
    handout = values.get("handout") or {} if not problems else {}  # topics are all there
    for field in ("steps", "links"):
        for topic_id in handout.get(field) or ():
            where = declared.get(f"handout.{field}", top.where(()))
            topic = next((t for t in topics if t.id == topic_id), None)
            if topic is None:
                problems.append(Problem(where, f"handout.{field}", f"нет темы с id «{topic_id}»"
                                        + validate.suggestion(topic_id, ids)))
            elif layout_of(topic).handout != field:  # the layout record: what it can give
                fits = ", ".join(x.name for x in LAYOUTS if x.handout == field)
                what = "шагов" if field == "steps" else "ссылок"
                problems.append(Problem(where, f"handout.{field}",
                                        f"тема «{topic_id}» (макет {topic.layout}) не даёт "
                                        f"памятке {what}; их дают темы с макетом {fits}"))
    if not topics and not problems:
        problems.append(Problem(display(chain[-1].folder), "", "в наборе не осталось ни одной "
                                "темы"))
    if problems:
        raise InputError(problems)
    name = chain[-1].folder.name if chain[-1].folder.parent.resolve() == \
        packs_dir().resolve() else display(chain[-1].folder)
    return Content(pack_of(values, name, top.where(()),
                           tuple(_level_name(level) for level in reversed(chain))), topics,
                   tuple(path for _, _, path in merged))


def _level_name(level: Level) -> str:
    if level.folder.parent.resolve() == packs_dir().resolve():
        return level.folder.name
    return display(level.folder)


def _merge_into(base: dict, over: dict, doc: Doc, path: tuple, declared: dict) -> None:
    """`over`'s values over `base`'s; nested maps merged key by key; where each was set."""
    for key, value in over.items():
        if value is None or key in ("extends", "drop"):
            continue
        if isinstance(value, dict):
            _merge_into(base.setdefault(key, {}), value, doc, path + (key,), declared)
        else:
            base[key] = value
            declared[".".join(path + (key,))] = doc.where(path + (key,))


def _day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d.%m.%Y").date()


def pack_of(values: dict, name: str, source: str, chain: tuple[str, ...]) -> Pack:
    """A Pack from merged pack.yaml values; what a pack leaves out stays neutral."""
    words = {k: v for k, v in (values.get("words") or {}).items() if v}
    cover, closing = values.get("cover") or {}, values.get("closing") or {}
    handout = values.get("handout") or {}

    def given(value, default):
        return default if value is None else value

    return Pack(
        name=name, title=values.get("title") or "", author=values.get("author") or "",
        region=values.get("region") or "", as_of=values.get("as_of") or "",
        review_after=values.get("review_after") or "",
        review_advice=values.get("review_advice") or "",
        sources=tuple(Source(**{k: v or "" for k, v in s.items()})
                      for s in values.get("sources") or () if s.get("title")),
        meeting_title=values.get("meeting_title") or NEUTRAL.meeting_title,
        subject=values.get("subject") or values.get("title") or NEUTRAL.subject,
        keywords=values.get("keywords") or NEUTRAL.keywords,
        words=Words(**words),
        cover_notes=cover.get("notes") or "",
        closing_lines=tuple(given(closing.get("lines"), ())),
        closing_notes=closing.get("notes") or "",
        handout_title=handout.get("title") or NEUTRAL.handout_title,
        handout_steps=tuple(given(handout.get("steps"), ())),
        handout_links=tuple(given(handout.get("links"), ())),
        handout_contacts=tuple(given(handout.get("contacts"), ())),
        source=source, chain=chain)


# ---------------------------------------------------------------- freshness

def today() -> dt.date:
    """Today, or the date in SFERUM_DECK_TODAY (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД)."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return dt.date.today()
    problems = []
    text = validate.parse_date(fixed, problems.append)
    if text is None:
        raise InputError([Problem(TODAY_VARIABLE, "", problems[0])])
    return _day(text)


def stale_warning(pack: Pack, on: dt.date | None = None) -> str | None:
    """One Russian line when the pack's review_after date has passed, else None."""
    if not pack.review_after:
        return None
    on = on or today()
    if on <= _day(pack.review_after):
        return None
    advice = pack.review_advice or (f"сверьте его с источниками (их показывает sferum-deck "
                                    f"check --pack {pack.name}) и обновите pack.yaml")
    return (f"набор «{pack.name}» составлен по сведениям на {pack.as_of}, а срок его проверки "
            f"({pack.review_after}) прошёл: {advice}")


def description(pack: Pack) -> list[str]:
    """What `check` says of the pack: name, author, region, dates, sources."""
    if not pack.source:
        return [f"Набор: папка {pack.name} без {PACK_FILE}: текст рамки нейтральный, источники "
                "не указаны"]
    based = f" (строится на {', '.join(pack.chain[1:])})" if len(pack.chain) > 1 else ""
    lines = [f"Набор: {pack.name}{based} — {pack.title}",
             f"  Составитель: {pack.author}" + (f"; регион: {pack.region}" if pack.region
                                                else ""),
             f"  Сведения на {pack.as_of}; проверить после {pack.review_after}"]
    for source in pack.sources:
        lines.append("  Источник: " + source.cited(note=True)
                     + (f", {source.url}" if source.url else ""))
    return lines
