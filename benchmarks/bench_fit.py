"""The share of fitting in building the default deck, measured in-process.

Each run clears every cache of the package first (a build runs in a fresh process), then
times the stages of `sferum-deck build` in CPU time of this process (other processes on a
busy machine barely move it): load (+ validate), plan (fitting, splitting and layout: an
upper bound on fitting), render and save. Medians over the runs; the share is
plan / (load + plan + render + save). A profiled build adds the self time of fit.py and
split.py alone, as a share of the profiled build.

Usage: python benchmarks/bench_fit.py [RUNS] [--aspect 4:3]     Target: share <= 10%.
"""
from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sferum_deck.pipeline import Options, load_deck  # noqa: E402
from sferum_deck.plan import plan  # noqa: E402
from sferum_deck.render import render  # noqa: E402
from sferum_deck.write import build_time, save  # noqa: E402

STAGES = ("load", "plan", "render", "save")
FITTING_FILES = ("sferum_deck/fit.py", "sferum_deck/split.py")


def clear_caches() -> None:
    """Empty every functools cache of the package, as in a fresh process."""
    for name, module in list(sys.modules.items()):
        if name.startswith("sferum_deck"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def build_once(options: Options, out: Path) -> dict[str, float]:
    """Seconds spent in each stage of one build."""
    clear_caches()
    clock = time.process_time
    times, start = {}, clock()
    deck = load_deck(options)
    times["load"], start = clock() - start, clock()
    planned = plan(deck)
    times["plan"], start = clock() - start, clock()
    when = build_time()
    prs = render(planned, deck, when)
    times["render"], start = clock() - start, clock()
    save(prs, out, when)
    times["save"] = clock() - start
    return times


def profiled_share(options: Options, out: Path) -> float:
    """Self time of fit.py and split.py as a share of one profiled build."""
    clear_caches()
    profile = cProfile.Profile()
    profile.runcall(build_once, options, out)
    stats = pstats.Stats(profile).stats
    total = sum(tt for _, _, tt, _, _ in stats.values())
    fitting = sum(tt for (file, _, _), (_, _, tt, _, _) in stats.items()
                  if file.replace("\\", "/").endswith(FITTING_FILES))
    return fitting / total


def main(runs: int, aspect: str) -> None:
    options = Options(aspect=aspect)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "deck.pptx"
        build_once(options, out)  # imports and the file cache, once
        samples = [build_once(options, out) for _ in range(runs)]
        profiled = profiled_share(options, out)
    medians = {stage: statistics.median(s[stage] for s in samples) for stage in STAGES}
    builds = [sum(s.values()) for s in samples]
    shares = [s["plan"] / sum(s.values()) for s in samples]
    print(f"default deck, {aspect}; runs: {runs}, every cache cleared before each; CPU time")
    for stage in STAGES:
        print(f"  {stage:<7} median {medians[stage] * 1000:7.1f} ms")
    print(f"  build   median {statistics.median(builds) * 1000:7.1f} ms")
    print(f"fitting share (plan / build): median {statistics.median(shares):.1%}, "
          f"max {max(shares):.1%} (target <= 10%)")
    print(f"fit.py + split.py self time in a profiled build: {profiled:.1%}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    aspect = "4:3" if "--aspect" in sys.argv and "4:3" in sys.argv else "16:9"
    main(int(args[0]) if args and args[0] != "4:3" else 25, aspect)
