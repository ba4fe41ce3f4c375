"""The pipeline's layering, read from the source: python-pptx and lxml only in render/,
planning pure (no render/, no output paths), and the stages importing only downstream."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sferum_deck"


def imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts if path.name == "__init__.py" else parts[:-1]
    package = [p for p in package if p != "__init__"]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names}
    return found


def modules(sub: str = "") -> dict[str, set[str]]:
    root = PACKAGE / sub
    return {str(p.relative_to(PACKAGE)): imports(p) for p in sorted(root.rglob("*.py"))}


def test_python_pptx_and_lxml_only_in_render():
    offenders = {name: sorted(n for n in names if n.split(".")[0] in ("pptx", "lxml"))
                 for name, names in modules().items() if not name.startswith("render/")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_planning_never_reaches_rendering_or_output():
    for stage in ("plan", "inputs"):
        offenders = {name: sorted(n for n in names if n.startswith(
            ("sferum_deck.render", "sferum_deck.output", "sferum_deck.commands",
             "sferum_deck.batch", "sferum_deck.core")))
            for name, names in modules(stage).items()}
        assert {k: v for k, v in offenders.items() if v} == {}, stage


def test_every_record_compares_only_with_its_own_kind():
    import importlib
    import pkgutil

    import sferum_deck
    from sferum_deck.model import Box, Item
    from sferum_deck.plan.records import Run

    plain = []
    for info in pkgutil.walk_packages(sferum_deck.__path__, "sferum_deck."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, tuple) and \
                    hasattr(value, "_fields") and value.__module__ == info.name and \
                    value.__eq__ is tuple.__eq__:
                plain.append(f"{info.name}.{value.__name__}")
    assert plain == [], "NamedTuples without model.record: " + ", ".join(plain)
    assert Item("a") != Run("a") and Box(1, 2, 3, 4) != (1, 2, 3, 4)
    assert Item("a") == Item("a") and hash(Item("a")) == hash(Item("a"))


REGIONAL = re.compile(r"перм|сферум|маоу|мбоу|министерств|минобр|вконтакте|госуслуг|"
                      r"sferum\.ru|prof[-.]sferum|vk\.me|vk id", re.I)


def test_no_regional_or_platform_text_in_python():
    """Places, platforms, authorities and schools are content: packs, brands and
    starter.yaml say them; the Python says none (the project's own name aside)."""
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if REGIONAL.search(line)]
    assert found == []


def test_the_regional_words_are_found_where_they_belong():
    """The check above can fail: the same words are there in the default pack's data."""
    text = (PACKAGE.parent / "slides" / "perm-letter" / "starter.yaml").read_text("utf-8")
    assert {m.group(0).lower() for m in REGIONAL.finditer(text)} >= {"перм", "сферум",
                                                                      "маоу", "sferum.ru"}
