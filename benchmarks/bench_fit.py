"""The share of fitting in building the default deck.

Each run is a fresh process that does what `sferum-deck build` does (import, load +
validate, plan, render, save) and reports how long each stage took; the parent times the
whole process as the user waits for it. The plan stage (fitting, splitting and layout: an
upper bound on fitting) is compared with:

  the whole build      plan / wall time of the whole process            (target <= 10%)
  the in-process work  plan / (load + plan + render + save), imports and interpreter
                       start-up left out: a stricter view, shown for comparison

A profiled in-process build adds the self time of fit.py and split.py alone, as a share of
the profiled build. Medians over the runs; stage times are wall times (perf_counter).

Usage: python benchmarks/bench_fit.py [RUNS] [--aspect 4:3]     Target: share <= 10%.
"""
from __future__ import annotations

import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import bench_env

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("import", "load", "plan", "render", "save")
FITTING_FILES = ("sferum_deck/fit.py", "sferum_deck/split.py")


def build_stages(aspect: str, out: str) -> dict[str, float]:
    """One build, as `sferum-deck build` does it; the seconds of each stage."""
    clock = time.perf_counter
    times, start = {}, clock()
    from sferum_deck.core import Options, load_deck
    from sferum_deck.output.write import build_time
    from sferum_deck.plan import plan
    from sferum_deck.render import render
    from sferum_deck.render.package import save
    times["import"], start = clock() - start, clock()
    deck = load_deck(Options(aspect=aspect))
    times["load"], start = clock() - start, clock()
    planned = plan(deck)
    times["plan"], start = clock() - start, clock()
    when = build_time()
    prs = render(planned, deck, when)
    times["render"], start = clock() - start, clock()
    save(prs, Path(out), when)
    times["save"] = clock() - start
    return times


def run_child(aspect: str, tmp: str) -> tuple[dict[str, float], float]:
    """(stage seconds, wall seconds of the whole process) of one fresh build."""
    cmd = [sys.executable, __file__, "--child", aspect, str(Path(tmp) / "deck.pptx")]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=bench_env(tmp), capture_output=True, text=True, check=True)
    return json.loads(done.stdout), time.perf_counter() - start


def profiled_share(aspect: str, tmp: str) -> float:
    """Self time of fit.py and split.py as a share of one profiled in-process build."""
    sys.path.insert(0, str(ROOT))
    import sferum_deck.core  # noqa: E401,F401  imported unprofiled
    import sferum_deck.render
    profile = cProfile.Profile()
    profile.runcall(build_stages, aspect, str(Path(tmp) / "profiled.pptx"))
    stats = pstats.Stats(profile).stats
    total = sum(tt for _, _, tt, _, _ in stats.values())
    fitting = sum(tt for (file, _, _), (_, _, tt, _, _) in stats.items()
                  if file.replace("\\", "/").endswith(FITTING_FILES))
    return fitting / total


def main(runs: int, aspect: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run_child(aspect, tmp)  # warm the file and bytecode caches
        samples = [run_child(aspect, tmp) for _ in range(runs)]
        profiled = profiled_share(aspect, tmp)
    stages = [s for s, _ in samples]
    walls = [w for _, w in samples]
    whole = [s["plan"] / w for s, w in samples]
    work = [s["plan"] / sum(s[k] for k in STAGES[1:]) for s, _ in samples]
    print(f"default deck, {aspect}; runs: {runs}, each a fresh process")
    for stage in STAGES:
        print(f"  {stage:<7} median {statistics.median(s[stage] for s in stages) * 1000:7.1f} ms")
    print(f"  whole   median {statistics.median(walls) * 1000:7.1f} ms (the process, start-up "
          "included)")
    print(f"fitting share of the whole build (plan / process): median "
          f"{statistics.median(whole):.1%}, max {max(whole):.1%} (target <= 10%)")
    print(f"fitting share of the in-process work (plan / load+plan+render+save): median "
          f"{statistics.median(work):.1%}, max {max(work):.1%}")
    print(f"fit.py + split.py self time in a profiled build: {profiled:.1%}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:  # one fresh build, its stage times as JSON
        print(json.dumps(build_stages(sys.argv[2], sys.argv[3])))
    else:
        args = [a for a in sys.argv[1:] if not a.startswith("--") and a != "4:3"]
        aspect = "4:3" if "--aspect" in sys.argv and "4:3" in sys.argv else "16:9"
        main(int(args[0]) if args else 15, aspect)
