"""The declared schema is the single source: docs/schema.md is generated from it, and every
kind it uses has a checker and a line in the reference."""
from __future__ import annotations

from conftest import ROOT

from sferum_deck.inputs.schema import KINDS, SCHEMAS, Field, reference
from sferum_deck.inputs.validate import Checker


def all_fields(fields: tuple[Field, ...]):
    for f in fields:
        yield f
        yield from all_fields(f.fields)


def test_docs_schema_md_is_generated_from_the_schema():
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert page == reference() + "\n", \
        "docs/schema.md is stale: run python -m sferum_deck.inputs.schema > docs/schema.md"


def test_every_field_has_a_known_kind_a_checker_and_a_description():
    for schema in SCHEMAS:
        for f in all_fields(schema.fields):
            assert f.kind in KINDS, f.name
            assert hasattr(Checker, "kind_" + f.kind), f.kind
            assert f.description.endswith(".") and f.description[0].isupper(), f.name
            assert (f.kind in ("map", "maps")) == bool(f.fields), f.name
