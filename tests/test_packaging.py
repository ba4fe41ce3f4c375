"""The lowest versions CI installs (.ci/lowest-constraints.txt) are the lower bounds that
pyproject.toml declares, for every runtime and test dependency."""
from __future__ import annotations

import re
import tomllib

from conftest import ROOT

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")


def key(name: str) -> str:
    """A project name as pip compares it (PEP 503: case, '-', '_' and '.' alike)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def release(version: str) -> tuple[int, ...]:
    """'8' -> (8,), '1.0.0' -> (1,): PEP 440 pads releases with zeros (8 == 8.0.0)."""
    parts = [int(n) for n in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = {}
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, _, spec = REQUIREMENT.match(line).groups()
        bound = re.search(r">=\s*([^,;\s]+)", spec)
        assert bound, f"pyproject.toml: «{line}» declares no lower bound (>=)"
        bounds[key(name)] = release(bound.group(1))
    return bounds


def pins() -> dict[str, str]:
    text = (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            found[key(name)] = release(version.strip())
    return found


def test_the_lowest_pass_pins_every_dependency_to_its_lower_bound():
    assert pins() == lower_bounds(), (
        "pin every dependency of pyproject.toml (runtime and test) in .ci/lowest-constraints.txt "
        "to its lower bound, as NAME==VERSION")
