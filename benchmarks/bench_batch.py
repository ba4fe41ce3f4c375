"""`sferum-deck batch` on a generated list of 200 schools against the minimal python-pptx
baseline writing the same number of decks in one process (baseline_pptx.py OUT COUNT),
both measured in the same run, alternating, medians of several rounds.

Prints decks per second, the ratio batch wall time / baseline wall time (and of their CPU
times, which other programs running on the machine disturb less), and the peak
memory of the whole batch: the batch process and all its workers together. Memory is
sampled every 50 ms from /proc during one extra batch run (the timed runs are left alone)
as the sum over the process tree of the resident set (RSS: pages shared by the forked
workers are counted once per process, so this overstates) and of the proportional set
(PSS: shared pages split between the processes sharing them, the fair total). os.wait4
gives the largest single process (ru_maxrss covers the reaped workers too), and processes
x that largest one is printed as an upper bound that sampling cannot miss.

Usage: python benchmarks/bench_batch.py [SCHOOLS] [ROUNDS] [JOBS]
Targets: ratio <= 0.6 on 2 CPUs (aim 0.4); peak memory of the whole batch <= 300 MiB.
"""
from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchenv import bench_env

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024

KINDS = ["МАОУ «Средняя общеобразовательная школа № {n}»", "МБОУ «Гимназия № {n}»",
         "МАОУ «Лицей № {n}» г. Перми", "МБОУ «Основная общеобразовательная школа № {n}» "
         "Пермского муниципального округа Пермского края имени Героя Советского Союза "
         "А. И. Иванова, с углублённым изучением отдельных предметов и кадетскими классами"]
COLOURS = [("#1F4E79", "#F4A259"), ("#2E7D32", "#FFC107"), ("#FFFF00", "#FFFFE0"),
           ("#6A1B9A", "#00ACC1"), ("", ""), ("#C62828", "#37474F")]


def make_schools(folder: Path, count: int) -> Path:
    """A school list as Excel saves it (UTF-8 with BOM, semicolons), with a few logos."""
    from PIL import Image, ImageDraw
    (folder / "logos").mkdir()
    for i, colour in enumerate(["#1F4E79", "#2E7D32", "#C62828", "#6A1B9A"]):
        img = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
        ImageDraw.Draw(img).ellipse((20, 20, 380, 380), fill=colour)
        img.save(folder / "logos" / f"logo{i}.png")
    path = folder / "schools.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Код школы", "Полное наименование", "Краткое наименование",
                         "Муниципалитет", "Директор", "Телефон", "E-mail", "Сайт",
                         "Основной цвет", "Акцентный цвет", "Логотип"])
        for n in range(1, count + 1):
            primary, accent = COLOURS[n % len(COLOURS)]
            writer.writerow([f"school-{n:03d}", KINDS[n % len(KINDS)].format(n=n),
                             f"Школа № {n}", "Пермский муниципальный округ",
                             f"Иванова Мария Петровна {n}" if n % 3 else "",
                             f"+7 (342) 200-{n:02d}-00", f"school{n}@example.ru",
                             f"school{n}.example.ru", primary, accent,
                             f"logos/logo{n % 5}.png" if n % 5 < 4 else ""])
    return path


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = 0
        self.most_processes = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            pids = descendants(self.pid)
            rss = sum(resident(p) for p in pids)
            pss = sum(proportional(p) for p in pids)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.most_processes = max(self.most_processes, len(pids))
            time.sleep(self.every)


def descendants(root: int) -> list[int]:
    """`root` and every process below it (/proc/PID/task/TID/children, Linux >= 3.5)."""
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    frontier += [int(c) for c in children.read().split()]
        except OSError:
            pass
    return found


def resident(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def proportional(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measure(cmd: list[str], cwd: Path, sample: bool = False) -> dict:
    """Wall seconds, ru_maxrss of the largest single process and (when `sample`) the
    sampled peaks of the whole process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=bench_env(cwd), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    sampler = TreeMemory(proc.pid) if sample else None
    if sampler:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if sampler:
        sampler.running = False
        sampler.join()
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    proc.stderr.close()
    result = {"wall": wall, "maxrss": usage.ru_maxrss * 1024,
              "cpu": usage.ru_utime + usage.ru_stime}  # with the reaped workers
    if sampler:
        result.update(rss=sampler.peak_rss, pss=sampler.peak_pss,
                      processes=sampler.most_processes)
    return result


def main(count: int = 200, rounds: int = 3, jobs: int | None = None) -> None:
    jobs = jobs or len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        schools = make_schools(folder, count)
        baseline = [sys.executable, str(HERE / "baseline_pptx.py"), str(folder / "base"),
                    str(count)]
        runs = {"batch": [], "baseline": []}

        def batch(n: int) -> list[str]:
            return [sys.executable, "-m", "sferum_deck", "batch", str(schools), "-o",
                    str(folder / f"out{n}"), "--jobs", str(jobs)]
        for n in range(rounds):  # timing rounds: nothing else runs beside the command
            runs["batch"].append(measure(batch(n), folder))
            runs["baseline"].append(measure(baseline, folder))
        memory = measure(batch(rounds), folder, sample=True)  # one more, sampled
        built = len(list((folder / "out0").glob("*.pptx")))
    batch_wall = statistics.median(r["wall"] for r in runs["batch"])
    base_wall = statistics.median(r["wall"] for r in runs["baseline"])
    rss, pss = memory["rss"] / MIB, memory["pss"] / MIB
    largest = max(r["maxrss"] for r in runs["batch"] + [memory]) / MIB
    processes = memory["processes"]
    print(f"schools: {count}, decks built: {built}, rounds: {rounds}, jobs: {jobs}, "
          f"CPUs: {os.cpu_count()}")
    print(f"batch: median {batch_wall:.2f} s, {count / batch_wall:.1f} decks/s "
          f"(rounds: {_walls(runs['batch'])})")
    print(f"baseline loop: median {base_wall:.2f} s, {count / base_wall:.1f} decks/s "
          f"(rounds: {_walls(runs['baseline'])})")
    print(f"ratio batch/baseline: {batch_wall / base_wall:.2f} (target <= 0.6, aim 0.4)")
    batch_cpu = statistics.median(r["cpu"] for r in runs["batch"])
    base_cpu = statistics.median(r["cpu"] for r in runs["baseline"])
    print(f"CPU time: batch {batch_cpu:.1f} s (all processes), baseline {base_cpu:.1f} s, "
          f"ratio {batch_cpu / base_cpu:.2f}; load average now {os.getloadavg()[0]:.1f} "
          "(other programs on the machine slow the parallel run most)")
    print(f"peak memory of the whole batch ({processes} processes): RSS sum {rss:.0f} MiB, "
          f"PSS sum {pss:.0f} MiB (target <= 300); largest process {largest:.0f} MiB, "
          f"bound {processes} x largest = {processes * largest:.0f} MiB")
    print(f"baseline peak: {max(r['maxrss'] for r in runs['baseline']) / MIB:.0f} MiB")


def _walls(runs: list[dict]) -> str:
    return ", ".join(f"{r['wall']:.2f} s" for r in runs)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
