"""Property-based fuzzing: random YAML documents, mutated real files and random bytes go into
every loader (topic folder, brand profile, meeting file) and through `build` and `check`.
The result is always a deck or a clean Russian error (exit 1, or 2 for a bad option),
never a traceback, and a previous deck is never touched. The number of examples is bounded;
how many were tried is printed at the end of the run (conftest.FUZZ_TRIED).
"""
from __future__ import annotations

import copy
import itertools
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FUZZ_TRIED, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sferum_deck import core
from sferum_deck.commands.cli import cli
from sferum_deck.errors import DeckError
from sferum_deck.inputs.brands import load_brand
from sferum_deck.inputs.schema import BRAND, FONT, ITEM, LINK, MEETING, TOPIC

CYRILLIC = re.compile("[а-яё]", re.I)
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # FUZZ_SCALE=20 for a long local hunt
BUDGET = settings(max_examples=int(80 * SCALE), deadline=None,
                  suppress_health_check=list(HealthCheck))
CLI_BUDGET = settings(max_examples=int(60 * SCALE), deadline=None,
                      suppress_health_check=list(HealthCheck))
TOPIC_FILE = (ROOT / "slides" / "perm-letter" / "11-technical-steps.yaml").read_bytes()
BRAND_FILE = """name: Школа
full_name: "МАОУ «СОШ № 7»"
logo: logo.png
colors:
  primary: "#1F4E79"
  accent: "#F4A259"
fonts:
  body:
    name: Arial
contacts:
  email: school@example.ru
  site: https://school.example.ru/
""".encode()
MEETING_FILE = """school: Школа № 7
class: 5А
date: 12.12.2026
time: 18:30
teacher: Иванова М. П.
meeting_link: https://sferum.ru/?call_link=abc
""".encode()
PREVIOUS = b"previous deck, must survive"

# --- strategies -----------------------------------------------------------------------------

NAMES = sorted({f.name for s in (TOPIC, ITEM, LINK, BRAND, MEETING) for f in s.fields}
               | {f.name for f in FONT} | {"primary", "accent", "background", "text", "heading",
                                            "body", "phone", "email", "site"})
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), words,
    st.sampled_from(["bullets", "question", "steps", "links", "parents", "#1F4E79", "18:30",
                     "12.12.2026", "https://sferum.ru/", "a@b.ru", "logo.png", "yes", "",
                     "emblem.png", "../brand.yaml", "default", "x" * 500, "~nouser/x",
                     "/", "brand.yaml", "../../../../etc/passwd"]),
)
keys = st.one_of(st.sampled_from(NAMES), words.filter(bool))
edges = st.sampled_from([[], {}, None, "", [None], [[]], [{}], [""], 0, True, "   ", ["parents"]])
values = edges | st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)), max_leaves=25)
documents = st.one_of(st.dictionaries(keys, values, max_size=10), values)


TOKENS = [b":", b"- ", b"\t", b"&a ", b"*a ", b"#", b"\n  ", b"'", b'"', b"!x ", b"!!set ",
          b"!!python/name:os.system ", b"!!binary ", b"[", b"{", b"|", b">", b"? ", b"---\n",
          b"%YAML 1.1\n", b"\xef\xbb\xbf", b"\r\n", b"yes", b"18:30", b"0x1F", b"~", b"<<: ",
          b"9" * 5000, b"[" * 40, b"\xff", b"\x00", b"\xc0\xc1", "Привет".encode("cp1251")]


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """A real file with a few random edits (insert, delete, replace), mostly at the places
    where YAML is fragile: line starts and just after «: »."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        spots = [m.end() for m in re.finditer(rb": |\n", bytes(data))] or [0]
        at = draw(st.sampled_from(spots) | st.integers(0, len(data)))
        chunk = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        op = draw(st.sampled_from(["insert", "insert", "delete", "replace"]))
        if op == "insert":
            data[at:at] = chunk
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        else:
            data[at:at + len(chunk)] = chunk
    return bytes(data)


@st.composite
def perturbed(draw, original: bytes) -> bytes:
    """A real file, parsed, with a few fields (nested ones too) replaced by random values,
    removed, or added: wrong types, empty lists, nulls, odd text in otherwise valid files."""
    document = yaml.safe_load(original)
    for _ in range(draw(st.integers(1, 4))):
        target = document
        while isinstance(target, dict) and target and draw(st.booleans()):
            inner = target[draw(st.sampled_from(sorted(target)))]
            if not isinstance(inner, dict):
                break
            target = inner
        if not isinstance(target, dict):
            continue
        key = draw(st.sampled_from(sorted(target)) | keys) if target else draw(keys)
        if draw(st.integers(0, 4)) == 0:
            target.pop(key, None)
        else:
            # a copy: `edges` hands out the same [] and {} every time, and a later round may
            # add keys to what it put here (hypothesis then sees its draws change)
            target[key] = copy.deepcopy(draw(values))
    return dumped(document)


def dumped(document) -> bytes:
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True).encode("utf-8")


def inputs(original: bytes):
    """Bytes of one input file: a real file with fields changed or bytes edited, a random
    YAML document or random bytes."""
    return st.one_of(perturbed(original), perturbed(original), documents.map(dumped),
                     mutated(original), st.binary(max_size=600))


# --- helpers --------------------------------------------------------------------------------

_counter = itertools.count()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def fresh(work: Path) -> Path:
    """An empty folder for one example; the logo a brand may name is there."""
    folder = work / str(next(_counter))
    folder.mkdir()
    shutil.copy(ROOT / "assets" / "brands" / "default" / "emblem.png", folder / "logo.png")
    return folder


def clean(call, name: str):
    """Run a loader: a value or a DeckError with a Russian message; anything else fails."""
    FUZZ_TRIED[name] = FUZZ_TRIED.get(name, 0) + 1
    try:
        return call()
    except DeckError as exc:
        assert CYRILLIC.search(exc.format_message()), exc.format_message()
        return None


def run(args: list[str], name: str, cwd: Path):
    """Run the CLI; assert a deck or a clean Russian error and an untouched previous deck."""
    FUZZ_TRIED[name] = FUZZ_TRIED.get(name, 0) + 1
    out = cwd / "deck.pptx"
    out.write_bytes(PREVIOUS)
    result = CliRunner().invoke(cli, args + (["-o", str(out)] if args[0] == "build" else []))
    text = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert "Traceback" not in text and "внутренняя ошибка" not in text, text
    assert result.exit_code in (0, 1), text
    if result.exit_code == 1:
        assert text.startswith("Ошибка: ") and CYRILLIC.search(text), text
        assert out.read_bytes() == PREVIOUS
    elif args[0] == "build":
        with zipfile.ZipFile(out) as deck:
            assert "ppt/presentation.xml" in deck.namelist()
    assert not [p.name for p in cwd.iterdir() if p.name.endswith(".tmp")]
    return result


# --- loaders --------------------------------------------------------------------------------

@BUDGET
@given(data=inputs(TOPIC_FILE))
def test_topic_folder_loader_never_crashes(work, data):
    folder = fresh(work)
    (folder / "01-topic.yaml").write_bytes(data)
    topics = clean(lambda: core.load_topics(folder), "topic folder loader")
    assert topics is None or len(topics) == 1


@BUDGET
@given(data=inputs(BRAND_FILE))
def test_brand_profile_loader_never_crashes(work, data):
    folder = fresh(work)
    (folder / "brand.yaml").write_bytes(data)
    clean(lambda: load_brand(folder), "brand profile loader")


@BUDGET
@given(data=inputs(MEETING_FILE))
def test_meeting_loader_never_crashes(work, data):
    folder = fresh(work)
    (folder / "meeting.yaml").write_bytes(data)
    clean(lambda: core.load_meeting(folder / "meeting.yaml", {}), "meeting loader")


# --- every field with every edge value, systematically ---------------------------------------

EDGES = [[], {}, None, "", "   ", [None], [[]], [{}], [""], 0, -1, 1.5, True, "x" * 5000,
         "18:30", "#1F4E79", "../../..", ["parents", "parents"]]


def field_paths(fields, prefix=()):
    """Every field path of a schema, nested maps included."""
    for f in fields:
        yield prefix + (f.name,)
        yield from field_paths(f.fields, prefix + (f.name,))


def with_value(document, path, value):
    """A copy of `document` with the value at `path` (dict keys or list indexes) replaced."""
    document = copy.deepcopy(document)
    target = document
    for part, after in zip(path[:-1], path[1:]):
        wanted = list if isinstance(after, int) else dict
        if not isinstance(target[part] if isinstance(target, list) else target.get(part), wanted):
            target[part] = wanted()
        target = target[part]
    target[path[-1]] = value
    return document


def edge_cases():
    topics = [yaml.safe_load((ROOT / "slides" / "perm-letter" / name).read_bytes())
              for name in ("01-why-sferum.yaml", "11-technical-steps.yaml", "12-resources.yaml")]
    brand, meeting = yaml.safe_load(BRAND_FILE), yaml.safe_load(MEETING_FILE)
    for topic in topics:
        body = next(k for k in ("bullets", "answer", "steps", "links") if k in topic)
        inner = [(body, 0)] + [(body, 0, f.name) for f in (LINK if body == "links" else ITEM).fields]
        for path in [*field_paths(TOPIC.fields), *inner]:
            yield "topic", with_value, topic, path
    for path in field_paths(BRAND.fields):
        yield "brand", with_value, brand, path
    for path in field_paths(MEETING.fields):
        yield "meeting", with_value, meeting, path


def test_every_field_with_every_edge_value(work):
    folder = fresh(work)  # one folder, rewritten: the logo is decoded once (images cache)
    for kind, change, document, path in edge_cases():
        for value in EDGES:
            for old in folder.glob("*.yaml"):
                old.unlink()
            (folder / "input.yaml").write_bytes(dumped(change(document, path, value)))
            name = "every field x edge value"
            if kind == "topic":
                clean(lambda: core.load_topics(folder), name)
            elif kind == "brand":
                (folder / "input.yaml").rename(folder / "brand.yaml")
                clean(lambda: load_brand(folder), name)
            else:
                clean(lambda: core.load_meeting(folder / "input.yaml", {}), name)


# --- the command line -----------------------------------------------------------------------

@CLI_BUDGET
@given(data=inputs(TOPIC_FILE))
def test_build_with_random_topic_file(work, data):
    folder = fresh(work)
    (folder / "slides").mkdir()
    (folder / "slides" / "01-topic.yaml").write_bytes(data)
    run(["build", "--content", str(folder / "slides")], "CLI build, topic file", folder)


@CLI_BUDGET
@given(brand=inputs(BRAND_FILE), meeting=inputs(MEETING_FILE))
def test_build_with_random_brand_and_meeting(work, brand, meeting):
    folder = fresh(work)
    (folder / "brand.yaml").write_bytes(brand)
    (folder / "meeting.yaml").write_bytes(meeting)
    run(["build", "--brand", str(folder), "--meeting", str(folder / "meeting.yaml"),
         "--only", "why-sferum"], "CLI build, brand + meeting", folder)


@CLI_BUDGET
@given(topic=inputs(TOPIC_FILE), brand=inputs(BRAND_FILE), meeting=inputs(MEETING_FILE))
def test_check_with_random_files(work, topic, brand, meeting):
    folder = fresh(work)
    (folder / "slides").mkdir()
    (folder / "slides" / "01-topic.yaml").write_bytes(topic)
    (folder / "brand.yaml").write_bytes(brand)
    (folder / "meeting.yaml").write_bytes(meeting)
    result = run(["check", "--content", str(folder / "slides"), "--brand", str(folder),
                  "--meeting", str(folder / "meeting.yaml")], "CLI check, all three", folder)
    assert result.exit_code == 1 or "Ошибок нет" in result.output
