"""docs/errors.md is the error catalogue: every example in it is run and its exact output
compared, so the page and the messages cannot drift apart (see tests/catalogue.py)."""
from __future__ import annotations

import pytest
from catalogue import CATALOGUE, parse, run

EXAMPLES = parse(CATALOGUE.read_text(encoding="utf-8"))


def test_the_catalogue_has_examples_for_every_kind_of_input():
    titles = " | ".join(e.title for e in EXAMPLES)
    assert len(EXAMPLES) >= 50
    for words in ("Windows-1251", "SVG", "Повторяющийся id", "Пустые заметки", "Неизвестный макет",
                  "бомба", "Цвет без кавычек", "Логотип повреждён", "Файл больше 1 МБ"):
        assert words in titles, words


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.title for e in EXAMPLES])
def test_catalogue_example_gives_exactly_the_documented_output(tmp_path, example):
    result = run(example, tmp_path)
    assert result.output == example.output, \
        "docs/errors.md is stale: python tests/catalogue.py --update, then review the diff"
    assert result.exit_code == (1 if "Ошибка:" in example.output else 0)  # else warnings
    assert result.exception is None or isinstance(result.exception, SystemExit)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {name for name, _, _ in example.files}  # nothing written, nothing lost
