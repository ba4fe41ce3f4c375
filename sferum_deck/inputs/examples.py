"""The example values `sferum-deck init` writes into its commented fields, read from data:
assets/starter.yaml (neutral, for any pack), then the starter.yaml beside the pack.yaml of
each pack in the chosen pack's extends chain, the most general first, each replacing the
examples it names. A starter.yaml has the sections brand, meeting and pack, each shaped as
that file is (nested fields, `sources` as a list of one entry), every field named in
schema.py; its values are written as they stand. It is no topic file of its pack."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problems
from .load import Doc, load_yaml
from .packs import STARTER_FILE
from .resources import starter_examples
from .schema import BRAND, MEETING, PACK, Field
from .validate import Checker, kind_of, unknown_field

SECTIONS = {"brand": BRAND, "meeting": MEETING, "pack": PACK}
Examples = dict[str, dict[str, Any]]  # section -> dotted field path -> text or list of texts


def chain_examples(folders: list[Path]) -> Examples:
    """The neutral examples with those of each pack folder's starter.yaml (the most general
    folder first) over them; InputError naming file:line of every unknown field."""
    examples: Examples = {name: {} for name in SECTIONS}
    problems = Problems()
    files = [starter_examples()] + [f / STARTER_FILE for f in folders]
    for path in files:
        if path.is_file():
            for section, values in read_examples(load_yaml(path), problems).items():
                examples[section].update(values)
    problems.raise_if_any()
    return examples


def read_examples(doc: Doc, problems: Problems) -> Examples:
    """One starter.yaml's examples by section, flattened to dotted paths (colors.primary,
    sources.title); problems added for what schema.py does not declare."""
    check = Checker(doc, problems)
    found: Examples = {}
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        check.add((), f"ожидался набор полей «название: значение», а не {kind_of(data)}")
        return found
    for section, value in data.items():
        schema = SECTIONS.get(section)
        if schema is None:
            check.add((section,), unknown_field(str(section), list(SECTIONS)))
            continue
        found[section] = {}
        _flatten(check, value, (section,), "", schema.fields, found[section])
    return found


def _flatten(check: Checker, value: Any, path: tuple, prefix: str,
             fields: tuple[Field, ...], out: dict) -> None:
    if not isinstance(value, dict):
        check.add(path, f"ожидался набор полей «название: значение», а не {kind_of(value)}")
        return
    names = [f.name for f in fields]
    for key, inner in value.items():
        f = next((f for f in fields if f.name == key), None)
        if f is None:
            check.add(path + (key,), unknown_field(str(key), names))
        elif f.kind == "map":
            _flatten(check, inner, path + (key,), f"{prefix}{key}.", f.fields, out)
        elif f.kind == "maps":  # one entry is the example of an entry
            first = inner[0] if isinstance(inner, list) and inner else inner
            where = path + ((key, 0) if isinstance(inner, list) else (key,))
            _flatten(check, first, where, f"{prefix}{key}.", f.fields, out)
        elif isinstance(inner, list):
            texts = [check.scalar(v, path + (key, i)) for i, v in enumerate(inner)]
            out[prefix + key] = [t for t in texts if t is not None]
        else:
            text = check.scalar(inner, path + (key,))
            if text is not None:
                out[prefix + key] = text
