"""`sferum-deck init DIR`: an editable starter that builds as it is and refuses to overwrite."""
from __future__ import annotations

import re

import yaml
from conftest import ROOT, run_cli
from pptx import Presentation

from sferum_deck.inputs.schema import BRAND, MEETING, TOPIC


def uncommented(text: str) -> str:
    """The text with every commented-out field switched on (descriptions stay comments)."""
    out = []
    for line in text.splitlines():
        body = re.match(r"^(\s*)# (\s*)(\w+:.*)$", line)
        out.append(f"{body.group(1)}{body.group(2)}{body.group(3)}" if body else line)
    return "\n".join(out) + "\n"


def test_init_writes_a_starter_that_builds(tmp_path):
    result = run_cli("init", "start", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    start = tmp_path / "start"
    assert "sferum-deck build --content start/slides --brand start/brand --meeting " \
           "start/meeting.yaml" in result.output
    originals = sorted((ROOT / "slides" / "perm-letter").glob("[0-9]*.yaml"))
    copies = sorted((start / "slides").glob("[0-9]*.yaml"))
    assert [p.name for p in copies] == [p.name for p in originals]
    for original, copy in zip(originals, copies):
        assert yaml.safe_load(copy.read_text("utf-8")) == yaml.safe_load(original.read_text("utf-8"))
    brand = yaml.safe_load((start / "brand" / "brand.yaml").read_text("utf-8"))
    assert brand == {"extends": "default", "name": "Моя школа"}
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "--content", "start/slides", "--brand", "start/brand",
                     "--meeting", "start/meeting.yaml", "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    default = tmp_path / "default.pptx"
    assert run_cli("build", "-o", str(default)).exit_code == 0
    assert len(Presentation(out).slides) == len(Presentation(default).slides)


def test_init_gives_an_example_of_every_other_layout_that_builds(tmp_path):
    from sferum_deck.plan.layouts import NAMES
    assert run_cli("init", "start", cwd=tmp_path).exit_code == 0
    examples = sorted((tmp_path / "start" / "examples").glob("*.yaml"))
    used = {yaml.safe_load(p.read_text("utf-8"))["layout"]
            for p in (tmp_path / "start" / "slides").glob("*.yaml") if p.name != "pack.yaml"}
    shown = [yaml.safe_load(p.read_text("utf-8"))["layout"] for p in examples]
    assert set(shown) == set(NAMES) - used | {"bullets"}, "one example of each other layout"
    assert any("numbered: true" in p.read_text("utf-8") for p in examples), "and of numbered"
    first = examples[0].read_text("utf-8").splitlines()[0]
    assert first.startswith("# Пример макета «") and "slides/" in examples[0].read_text("utf-8")
    out = tmp_path / "examples.pptx"
    result = run_cli("build", "--content", "start/examples", "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_every_field_has_an_example():
    from sferum_deck.commands.starter import EXAMPLES

    def leaves(fields, prefix=""):
        for f in fields:
            yield from leaves(f.fields, f"{prefix}{f.name}.") if f.fields else [prefix + f.name]
    assert set(leaves(BRAND.fields)) | set(leaves(MEETING.fields)) <= set(EXAMPLES)


def test_every_field_is_explained_in_russian(tmp_path):
    assert run_cli("init", "start", cwd=tmp_path).exit_code == 0
    start = tmp_path / "start"
    for path, fields in ((start / "brand" / "brand.yaml", BRAND.fields),
                         (start / "meeting.yaml", MEETING.fields)):
        lines = path.read_text("utf-8").splitlines()
        for f in fields:
            at = next(i for i, l in enumerate(lines) if re.match(rf"^(# )?{f.name}:", l))
            assert lines[at - 1] == f"# {f.description}", (path.name, f.name)
    topic = (start / "slides" / "07-question-vkontakte.yaml").read_text("utf-8").splitlines()
    for name in ("id", "title", "layout", "answer", "notes"):
        at = next(i for i, l in enumerate(topic) if l.startswith(f"{name}:"))
        assert topic[at - 1].startswith(f"# {TOPIC.get(name).description}")
    assert all(re.search("[а-яА-Я]", l) for l in topic if l.startswith("# "))


def test_uncommented_fields_are_valid_examples(tmp_path):
    assert run_cli("init", "start", cwd=tmp_path).exit_code == 0
    start = tmp_path / "start"
    meeting = start / "meeting.yaml"
    meeting.write_text(uncommented(meeting.read_text("utf-8")), encoding="utf-8")
    brand = start / "brand" / "brand.yaml"
    text = uncommented(brand.read_text("utf-8"))
    text = "\n".join(l for l in text.splitlines()  # files the school has to bring itself
                     if not re.match(r"^\s*(logo|template|file|bold_file):", l)) + "\n"
    brand.write_text(text, encoding="utf-8")
    assert "contacts" in yaml.safe_load(text) and "fonts" in yaml.safe_load(text)
    result = run_cli("check", "--content", "start/slides", "--brand", "start/brand",
                     "--meeting", "start/meeting.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_init_never_overwrites(tmp_path):
    assert run_cli("init", "start", cwd=tmp_path).exit_code == 0
    brand = tmp_path / "start" / "brand" / "brand.yaml"
    brand.write_text("extends: default\nname: Правка учителя\n", encoding="utf-8")
    result = run_cli("init", "start", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: start: файлы стартового набора уже есть (start/brand/brand.yaml, "
        "start/meeting.yaml, start/slides/pack.yaml, start/slides/01-why-sferum.yaml, "
        "start/slides/02-normative-documents.yaml …); ничего не записано, чтобы не потерять "
        "ваши правки. Укажите новую папку или удалите эти файлы.\n")
    assert brand.read_text("utf-8") == "extends: default\nname: Правка учителя\n"
    (tmp_path / "file").write_text("x")
    result = run_cli("init", "file", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == "Ошибка: file: это файл, а нужна папка для стартового набора\n"
