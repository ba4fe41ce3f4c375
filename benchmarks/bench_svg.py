"""The SVG preview against the LibreOffice preview, measured in the same run, alternating:

  command  `sferum-deck preview --fast` (SVG slides and slides.html) against `sferum-deck
           preview` (LibreOffice and pdftoppm) of the same default deck: whole processes,
           Python start-up and imports included.        Target: ratio <= 1/10.
  warm     in one running process (what the web page does while a teacher types), the
           deck loaded once: re-plan and redraw the whole default deck (target: median
           < 30 ms), and re-plan the deck with one topic changed (its text new each time,
           so nothing of it is cached) and redraw that topic's slides (target < 20 ms).

Needs soffice and pdftoppm for the command comparison (else only the warm part runs).

Usage: python benchmarks/bench_svg.py [RUNS] [WARM_RUNS]
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import ROOT, bench_env

sys.path.insert(0, str(ROOT))


def measure(cmd: list[str], cwd: str) -> float:
    """Wall seconds of one whole process (and the renderers it starts)."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=bench_env(cwd), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def commands(runs: int) -> None:
    cli = [sys.executable, "-m", "sferum_deck", "preview"]
    fast, exact = [], []
    with tempfile.TemporaryDirectory() as tmp:
        measure(cli + ["--fast", "--out", "fast"], tmp)  # warm-up: bytecode, disk cache
        measure(cli + ["--out", "exact"], tmp)
        for _ in range(runs):
            fast.append(measure(cli + ["--fast", "--out", "fast"], tmp))
            exact.append(measure(cli + ["--out", "exact"], tmp))
    f, e = statistics.median(fast), statistics.median(exact)
    print(f"command, {runs} runs: preview --fast median {f * 1000:.0f} ms "
          f"(min {min(fast) * 1000:.0f}), LibreOffice preview median {e:.2f} s "
          f"(min {min(exact):.2f}); ratio {f / e:.3f} = 1/{e / f:.0f} (target <= 1/10)")


def warm(runs: int) -> None:
    from sferum_deck.core import Options, load_deck
    from sferum_deck.model import Item
    from sferum_deck.plan import plan
    from sferum_deck.svg import draw_deck, draw_slides

    deck = load_deck(Options())
    for _ in range(3):
        draw_deck(plan(deck), deck)
    whole = []
    for _ in range(runs):
        start = time.perf_counter()
        svgs = draw_deck(plan(deck), deck)
        whole.append(time.perf_counter() - start)
    topics = list(deck.topics)
    k = next(i for i, t in enumerate(topics) if t.layout == "bullets")
    changed = []
    for n in range(runs):
        topic = topics[k]
        items = list(topic.items)
        items[0] = Item(f"{items[0].text} (правка {n})", items[0].notes)
        edited = deck._replace(topics=tuple(topics[:k] + [topic._replace(items=tuple(items))]
                                            + topics[k + 1:]))
        start = time.perf_counter()
        planned = plan(edited)
        numbers = [s.number for s in planned.slides if s.topic == topic.id]
        drawn = draw_slides(planned, edited, numbers)
        changed.append(time.perf_counter() - start)
        assert drawn and f"правка {n}" in drawn[0]
    print(f"warm, {runs} runs: re-plan + redraw the whole default deck ({len(svgs)} slides) "
          f"median {statistics.median(whole) * 1000:.1f} ms (target < 30 ms); one changed "
          f"topic ({len(numbers)} slides) median {statistics.median(changed) * 1000:.1f} ms "
          f"(target < 20 ms)")


def main(runs: int = 5, warm_runs: int = 50) -> None:
    warm(warm_runs)
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        commands(runs)
    else:
        print("command comparison skipped: needs soffice and pdftoppm")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
