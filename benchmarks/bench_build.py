"""Wall time and peak memory of `sferum-deck build` (default deck, whole process) against
the minimal python-pptx baseline, both measured in the same run, alternating.

Usage: python benchmarks/bench_build.py [RUNS]      Targets: ratio <= 1.5, peak <= 100 MiB.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import bench_env

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def measure(cmd: list[str], cwd: str) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=bench_env(cwd), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def main(runs: int = 7) -> None:
    build = [sys.executable, "-m", "sferum_deck", "build", "-o", "deck.pptx"]
    baseline = [sys.executable, str(HERE / "baseline_pptx.py"), "base.pptx"]
    times = {"build": [], "baseline": []}
    peaks = {"build": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        measure(build, tmp), measure(baseline, tmp)  # warm the file and bytecode caches
        for _ in range(runs):
            for name, cmd in (("build", build), ("baseline", baseline)):
                wall, peak = measure(cmd, tmp)
                times[name].append(wall)
                peaks[name].append(peak)
    b, base = statistics.median(times["build"]), statistics.median(times["baseline"])
    print(f"runs: {runs}")
    print(f"sferum-deck build: median {b * 1000:.0f} ms, peak {max(peaks['build']):.1f} MiB")
    print(f"python-pptx baseline: median {base * 1000:.0f} ms, peak {max(peaks['baseline']):.1f} MiB")
    print(f"ratio build/baseline: {b / base:.2f} (target <= 1.5, aim 1.2)")
    print(f"peak memory: {max(peaks['build']):.1f} MiB (target <= 100)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
