"""Wall time of `sferum-deck preview DECK` and `sferum-deck handout` against what any preview
has to pay anyway, measured in the same run, alternating:

  preview  vs  soffice --convert-to pdf + pdftoppm of the same deck (the renderers alone):
               our overhead is Python start-up, the Pillow contact sheet, atomic writes;
  handout  vs  `sferum-deck build` of the deck + soffice --convert-to pdf of the handout's
               .pptx: planning and drawing one page should cost no more than a whole deck.

Needs soffice and pdftoppm.

Usage: python benchmarks/bench_preview.py [RUNS]           Target: both ratios <= 1.2.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import bench_env

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str], cwd: str) -> float:
    """Wall seconds of one whole process (and the renderers it starts)."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=bench_env(cwd), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def renderers(deck: str, dpi: int | None, first: str = "") -> list[str]:
    """A baseline: `first` (a shell command), LibreOffice's conversion of `deck` and
    pdftoppm at `dpi` (when given), in one shell."""
    steps = [first] if first else []
    steps.append(f"soffice --headless -env:UserInstallation=file://$PWD/profile "
                 f"--convert-to pdf --outdir base {deck}")
    if dpi:
        steps.append(f"pdftoppm -r {dpi} -png base/{Path(deck).stem}.pdf base/page")
    return ["sh", "-c", " && ".join(steps + ["rm -rf profile"])]


def main(runs: int = 3) -> None:
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        raise SystemExit("needs soffice and pdftoppm")
    cli = [sys.executable, "-m", "sferum_deck"]
    cases = {
        "preview": (cli + ["preview", "deck.pptx", "--out", "out"], renderers("deck.pptx", 96)),
        "handout": (cli + ["handout", "-o", "memo.pdf"],
                    renderers("memo.pptx", None, f"{sys.executable} -m sferum_deck build "
                                                 "-o base.pptx")),
    }
    times = {name: ([], []) for name in cases}
    with tempfile.TemporaryDirectory() as tmp:
        measure(cli + ["build", "-o", "deck.pptx"], tmp)
        measure(cli + ["handout", "--no-pdf", "-o", "memo.pdf"], tmp)
        for _ in range(runs):
            for name, (ours, base) in cases.items():
                times[name][0].append(measure(ours, tmp))
                times[name][1].append(measure(base, tmp))
    print(f"runs: {runs}")
    for name, (ours, base) in times.items():
        o, b = statistics.median(ours), statistics.median(base)
        print(f"{name}: sferum-deck median {o:.2f} s, baseline {b:.2f} s, "
              f"ratio {o / b:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
