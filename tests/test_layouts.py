"""The table of layout records: every layout declared once and read from there."""
from __future__ import annotations

import importlib
import pkgutil

from sferum_deck.inputs.schema import CONTENT_FIELD, TOPIC, reference
from sferum_deck.plan import layouts
from sferum_deck.plan.layouts import LAYOUTS
from sferum_deck.plan.records import PAGES


def test_each_record_reads_a_declared_topic_field():
    for layout in LAYOUTS:
        for name in ([layout.reads] if layout.reads else []) + list(layout.options):
            field = TOPIC.get(name)
            assert field is not None, (layout.name, name)
            assert f"макет {layout.name})" in field.description, (layout.name, name)
    assert TOPIC.get("layout").choices == tuple(l.name for l in LAYOUTS)
    assert CONTENT_FIELD == {l.name: l.reads for l in LAYOUTS}


def test_records_name_known_roles():
    assert len({l.name for l in LAYOUTS}) == len(LAYOUTS)
    for layout in LAYOUTS:
        assert layout.page in PAGES and layout.page != "cover", layout.name
        assert layout.handout in ("steps", "links", "none"), layout.name
        assert layout.doc and layout.doc in reference(), layout.name


def test_every_planner_module_is_a_record():
    """One module per layout: each module of plan/layouts/ plans exactly one record."""
    modules = [m.name for m in pkgutil.iter_modules(layouts.__path__)]
    planners = {l.planner.__module__.rsplit(".", 1)[-1] for l in LAYOUTS}
    shared = {m for m in modules if m.startswith("_")}  # helpers shared by several layouts
    assert set(modules) - shared == planners
    for name in planners:
        importlib.import_module(f"sferum_deck.plan.layouts.{name}")
