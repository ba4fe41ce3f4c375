"""`extends:` chains, as brand profiles and content packs build on one another: followed
from the file named to the most general one, cycles and chains over MAX_CHAIN refused with
the line of the `extends:` that closes them."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import InputError, Problem
from .load import Doc, display

MAX_CHAIN = 12


def extends_chain(start: Path, named_at: str, read: Callable[[Path], tuple[Any, Doc, str]],
                  resolve: Callable[[str, Path], Path], circle: str) -> list:
    """What `read` gives for `start` and each file its `extends:` names, the most general
    first. `read(path)` -> (item, its Doc, the extends reference or ""); `resolve(ref,
    path)` -> the file `ref` names from `path` (InputError when none); `circle` begins the
    message for a cycle."""
    chain: list = []
    seen: list[Path] = []
    path: Path | None = start
    while path is not None:
        resolved = path.resolve()
        if resolved in seen:
            names = " -> ".join(display(p) for p in seen + [resolved])
            raise InputError([Problem(named_at, "extends", f"{circle}: {names}")])
        if len(seen) >= MAX_CHAIN:
            raise InputError([Problem(named_at, "extends", "слишком длинная цепочка extends")])
        seen.append(resolved)
        item, doc, ref = read(path)
        chain.insert(0, item)
        named_at = doc.where(("extends",))
        try:
            path = resolve(ref, path) if ref else None
        except InputError as exc:
            raise InputError([Problem(named_at, "extends", exc.problems[0].message)]) from None
    return chain
