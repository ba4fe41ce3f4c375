"""What each in-process cache saves: the default deck built with every cache on, then with
one cache at a time switched off, each in fresh processes, alternating, in the same run;
the least CPU time of all runs is compared (the least disturbed by other programs).

Two figures per cache: a cold build (a fresh process: what `sferum-deck build` pays) and a
warm rebuild (the same process builds again: what a web server or a batch worker pays for
every further deck). A cache that saves neither is a candidate for removal.

Usage: python benchmarks/bench_caches.py [RUNS] [WARM] [TEMPLATE.pptx] [--off=a.b.f,c.d.g ...]
(--off: also a group of caches switched off together, names as printed)
"""
from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import bench_env

HERE = Path(__file__).resolve().parent


def caches() -> list[str]:
    """`module.function` of every functools cache in the package."""
    import importlib
    import pkgutil

    import sferum_deck
    found = set()
    for info in pkgutil.walk_packages(sferum_deck.__path__, "sferum_deck."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper) and \
                    value.__module__ == info.name:
                found.add(f"{info.name}.{value.__wrapped__.__qualname__}")
    return sorted(found)


def switch_off(qualified: str) -> None:
    """Replace the cache `qualified` by its plain function wherever a module holds it."""
    import importlib
    import pkgutil

    import sferum_deck
    module_name, _, name = qualified.rpartition(".")
    cached = getattr(importlib.import_module(module_name), name)
    for info in pkgutil.walk_packages(sferum_deck.__path__, "sferum_deck."):
        module = importlib.import_module(info.name)
        for key, value in list(vars(module).items()):
            if value is cached:
                setattr(module, key, cached.__wrapped__)


def child(off: str, warm: int, template: str) -> None:
    start = time.process_time()
    from sferum_deck.core import Options, load_deck
    from sferum_deck.plan import plan
    from sferum_deck.render import render
    from sferum_deck.render.package import package_bytes
    from sferum_deck.output.write import build_time
    caches()  # every module imported before timing, whichever cache is off
    imported = time.process_time()
    if off != "none":
        for name in off.split(","):
            switch_off(name)

    def once() -> float:
        t = time.process_time()
        deck = load_deck(Options(template=Path(template) if template else None))
        package_bytes(render(plan(deck), deck, build_time()), build_time())
        return time.process_time() - t
    cold = once()
    rebuilds = [once() for _ in range(warm)]
    print(json.dumps({"import": imported - start, "cold": cold, "warm": min(rebuilds)}))


def main(runs: int = 5, warm: int = 5, template: str = "", groups: tuple = ()) -> None:
    names = ["none"] + caches() + list(groups)
    results = {name: {"cold": [], "warm": []} for name in names}
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(tmp)
        for _ in range(runs):
            for name in names:
                out = subprocess.run([sys.executable, __file__, "--child", name, str(warm),
                                      template],
                                     env=env, cwd=tmp, capture_output=True, text=True,
                                     check=True).stdout
                row = json.loads(out)
                results[name]["cold"].append(row["cold"])
                results[name]["warm"].append(row["warm"])
    base = {k: min(results["none"][k]) for k in ("cold", "warm")}
    print(f"runs: {runs}, warm rebuilds per process: {warm}, "
          f"deck: {'on template ' + template if template else 'default'}")
    print(f"all caches on: cold build {base['cold'] * 1000:.1f} ms, warm rebuild "
          f"{base['warm'] * 1000:.1f} ms (load + plan + render + package, no import)")
    print(f"{'cache switched off':58} {'cold +ms':>9} {'warm +ms':>9}")
    for name in names[1:]:
        cold = min(results[name]["cold"]) - base["cold"]
        warm_ms = min(results[name]["warm"]) - base["warm"]
        print(f"{name:58} {cold * 1000:9.1f} {warm_ms * 1000:9.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        args = [a for a in sys.argv[1:] if not a.startswith("--off=")]
        groups = tuple(a.removeprefix("--off=") for a in sys.argv[1:] if a.startswith("--off="))
        main(*(int(a) for a in args[:2]), *[str(Path(a).resolve()) for a in args[2:3]] or [""],
             groups=groups)
