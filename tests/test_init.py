"""`sferum-deck init DIR`: an editable starter that builds as it is and refuses to overwrite."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import ROOT, run_cli
from pptx import Presentation

from sferum_deck.inputs.schema import BRAND, MEETING, PACK, TOPIC


def uncommented(text: str) -> str:
    """The text with every commented-out field switched on (descriptions stay comments)."""
    out = []
    for line in text.splitlines():
        body = re.match(r"^(\s*)# (\s*)((?:- )?\w+:.*)$", line)
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


def leaves(fields, prefix=""):
    for f in fields:
        yield from leaves(f.fields, f"{prefix}{f.name}.") if f.fields else [prefix + f.name]


FROM_THE_PACK = {"meeting": {"title"}, "pack": {"extends", "drop", "handout.steps",
                                                "handout.links"}}


def test_every_field_has_an_example():
    """assets/starter.yaml, the neutral examples, names every field but those the pack
    itself gives (its meeting title, its topic ids)."""
    from sferum_deck.inputs.examples import chain_examples
    neutral = chain_examples([])
    for section, schema in (("brand", BRAND), ("meeting", MEETING), ("pack", PACK)):
        assert set(neutral[section]) == set(leaves(schema.fields)) - \
            FROM_THE_PACK.get(section, set()), section


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


def texts_of(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    return [] if value is None else [str(value)]


KINDERGARTEN = ROOT / "tests" / "packs" / "kindergarten"
FOREIGN = ("Перм", "Сферум", "sferum", "МАОУ", "342", "класс")


def test_the_examples_fit_the_pack_they_are_for(tmp_path):
    """A kindergarten's pack (no starter.yaml of its own) gets the neutral examples, its
    own words, meeting title and topic ids; uncommented, every file is valid and builds."""
    assert run_cli("init", "start", "--pack", str(KINDERGARTEN), cwd=tmp_path).exit_code == 0
    start = tmp_path / "start"
    texts = {p: p.read_text("utf-8") for p in (start / "meeting.yaml", start / "brand" /
                                              "brand.yaml", start / "slides" / "pack.yaml")}
    for path, text in texts.items():
        values = " ".join(texts_of(yaml.safe_load(uncommented(text))))
        for word in FOREIGN:
            assert word not in values, (path.name, word)
    meeting = yaml.safe_load(texts[start / "meeting.yaml"])
    assert meeting == {"title": "Как устроен чат нашей группы"}
    pack = yaml.safe_load(uncommented(texts[start / "slides" / "pack.yaml"]))
    assert pack["words"] == {"organisation": "Детский сад", "group": "группа {class}",
                             "group_of": "группы {class}", "teacher": "Воспитатель",
                             "head": "Заведующий"}
    assert (pack["drop"], pack["handout"]["steps"], pack["handout"]["links"]) == \
        (["question-absence"], None, ["where-to-ask"])
    (start / "slides" / "pack.yaml").write_text(uncommented(texts[start / "slides" /
                                                                  "pack.yaml"]), "utf-8")
    result = run_cli("check", "--content", "start/slides", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Набор: start/slides (строится на" in result.output


def test_max_2025_examples_speak_of_max(tmp_path):
    assert run_cli("init", "start", "--pack", "max-2025", cwd=tmp_path).exit_code == 0
    meeting = (tmp_path / "start" / "meeting.yaml").read_text("utf-8")
    assert yaml.safe_load(meeting) == {"title": "Сферум в MAX: цифровое общение школы и семьи"}
    assert "# meeting_link: https://example.ru/meeting\n" in meeting  # no call link invented
    pack = yaml.safe_load(uncommented((tmp_path / "start" / "slides" / "pack.yaml")
                                      .read_text("utf-8")))
    assert (pack["title"], pack["keywords"], pack["region"]) == \
        ("Памятка нашей школы: Сферум в MAX", "Сферум; MAX; родительское собрание",
         "Пермский край")  # over perm-letter's examples, which it extends


def test_a_pack_gives_its_own_examples(tmp_path):
    """starter.yaml beside pack.yaml replaces the examples it names; not a topic."""
    pack = tmp_path / "сад"
    shutil.copytree(KINDERGARTEN, pack)
    (pack / "starter.yaml").write_text("brand:\n  short_name: Детский сад № 12\n  contacts:\n"
                                       "    phone: +7 (343) 000-00-00\nmeeting:\n"
                                       "  class: «Солнышко»\n", "utf-8")
    assert run_cli("init", "start", "--pack", str(pack), cwd=tmp_path).exit_code == 0
    brand = uncommented((tmp_path / "start" / "brand" / "brand.yaml").read_text("utf-8"))
    assert yaml.safe_load(brand)["short_name"] == "Детский сад № 12"
    assert yaml.safe_load(brand)["contacts"]["phone"] == "+7 (343) 000-00-00"
    meeting = uncommented((tmp_path / "start" / "meeting.yaml").read_text("utf-8"))
    assert yaml.safe_load(meeting)["class"] == "«Солнышко»"
    assert not (tmp_path / "start" / "slides" / "starter.yaml").exists()
    result = run_cli("topics", "--pack", str(pack))
    assert result.exit_code == 0 and len(result.output.splitlines()) == 3, result.output


@pytest.mark.parametrize("pack", [None, "max-2025"])
def test_the_built_in_packs_examples_are_valid_uncommented(tmp_path, pack):
    assert run_cli("init", "start", *(["--pack", pack] if pack else []),
                   cwd=tmp_path).exit_code == 0
    for name in ("slides/pack.yaml", "meeting.yaml"):
        path = tmp_path / "start" / name
        path.write_text(uncommented(path.read_text("utf-8")), "utf-8")
    result = run_cli("check", "--content", "start/slides", "--meeting", "start/meeting.yaml",
                     cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Составитель: МАОУ «СОШ № 1» г. Перми; регион: Пермский край" in result.output


def test_init_examples_of_the_image_layout_bring_their_pictures_and_check(tmp_path):
    result = run_cli("init", "start", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    examples = tmp_path / "start" / "examples"
    layouts = {yaml.safe_load(p.read_text("utf-8"))["layout"] for p in examples.glob("*.yaml")}
    assert {"table", "image"} <= layouts
    pictures = sorted((ROOT / "docs" / "example" / "slides" / "pictures").glob("*.png"))
    assert pictures and all((examples / "pictures" / p.name).read_bytes() == p.read_bytes()
                            for p in pictures)
    result = run_cli("check", "--content", "start/examples", cwd=tmp_path)
    assert result.exit_code == 0, result.output
