"""`sferum-deck serve` under load, on the loopback interface only, against a naive server
in the same run.

Two phases, both bounded in requests and in seconds, each server started and stopped here:

1. Teachers: TEACHERS clients use the page as teachers do: each picks a school, types the
   meeting fields (a preview update after each field, 0.25-0.6 s apart, as the page's
   debounce sends them, with the ids of the pages it already has), then downloads the deck;
   again and again until REQUESTS requests are made (or SECONDS pass). Latency p50/p95/p99
   of deck downloads and preview updates, errors (any answer but 200, or none), and the
   memory of the server's process tree (resident set of the server and its workers)
   sampled every quarter of the requests: flat means no leak.
2. Throughput: TEACHERS clients ask for decks back to back (no pause) for THROUGHPUT
   seconds, first from our server, then from the naive baseline: a threaded HTTP server
   that runs `sferum-deck build` as a subprocess for each request (what one would write
   first). Decks per second of each and their ratio.

Targets on 2 CPUs: at 20 teachers p95 < 1 s for a deck and < 150 ms for a preview update,
zero errors, >= 5x the baseline's throughput, memory flat over 2,000 requests.

Memory still rises slowly over a longer soak (about 15 MiB a worker per 1,000 requests at
6,000) while the bounded caches of fitting and of the SVG renderer (up to 65,536 entries)
fill with every teacher's own texts; with those caches cleared after 3,000 requests a
worker holds no more than before them (tracemalloc), so it is a ceiling being reached,
not a leak.

Usage: python benchmarks/bench_serve.py [TEACHERS] [REQUESTS] [SECONDS] [THROUGHPUT]
       (defaults 20 2000 300 20)
"""
from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from benchenv import bench_env  # noqa: E402

ROOT = HERE.parent
HOST = "127.0.0.1"   # loopback only: no other address is ever a target
CLASSES = ["1А", "2Б", "3В", "4Г", "5А", "6Б", "7В", "8Г", "9А", "10Б", "11В"]
NAMES = ["Иванова Мария Петровна", "Петров Сергей Иванович", "Сидорова Анна Олеговна",
         "Кузнецова Елена Викторовна", "Смирнов Алексей Николаевич"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def school_list(folder: Path, count: int = 40) -> Path:
    path = folder / "школы.csv"
    rows = ["school_id;full_name;short_name;primary_color;phone"]
    colours = ["#1F4E79", "#7A1F2B", "#2E5E2E", "#4B2E83", "#8A4B08"]
    for n in range(1, count + 1):
        rows.append(f"s{n};МАОУ «Средняя общеобразовательная школа № {n}»;Школа № {n};"
                    f"{colours[n % len(colours)]};+7 342 {n:03d}-00-00")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- servers

def start(command: list[str], port: int, env: dict, cwd: Path) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"the server did not start: {command}")
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start in 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total


class Baseline(BaseHTTPRequestHandler):
    """POST /api/deck: `sferum-deck build` in a subprocess for each request."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b'{"csrf": "none"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        meeting = data.get("meeting", {})
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "deck.pptx"
            command = [sys.executable, "-m", "sferum_deck", "build", "-o", str(out)]
            for name, option in (("class", "--class"), ("date", "--date"),
                                 ("teacher", "--teacher"), ("school", "--school")):
                if meeting.get(name):
                    command += [option, meeting[name]]
            done = subprocess.run(command, capture_output=True)
            body = out.read_bytes() if done.returncode == 0 else done.stderr
        self.send_response(200 if done.returncode == 0 else 500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def baseline_server(port: int) -> None:
    ThreadingHTTPServer((HOST, port), Baseline).serve_forever()


# ---------------------------------------------------------------- clients

class Client:
    """One browser: a keep-alive connection, the CSRF cookie, the pages it has."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.headers = {"Content-Type": "application/json"}
        self.have: list[str] = []
        status, body, answer = self.request("GET", "/api/setup")
        cookie = answer.getheader("Set-Cookie") or ""
        self.headers["X-CSRF-Token"] = json.loads(body)["csrf"]
        if cookie:
            self.headers["Cookie"] = cookie.split(";", 1)[0]

    def request(self, method: str, path: str, body: dict | None = None):
        payload = json.dumps(body).encode() if body is not None else None
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, payload, self.headers if body is not None
                                        else {})
                answer = self.connection.getresponse()
                return answer.status, answer.read(), answer
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError


class Recorder:
    def __init__(self, limit: int, seconds: float):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {"deck": [], "preview": []}
        self.errors: list[str] = []
        self.count, self.limit = 0, limit
        self.deadline = time.monotonic() + seconds
        self.marks: list[int] = []

    def more(self) -> bool:
        with self.lock:
            if self.count >= self.limit or time.monotonic() > self.deadline:
                return False
            self.count += 1
            return True

    def note(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if status != 200:
                self.errors.append(f"{kind}: {status}")


def timed(client: Client, recorder: Recorder, kind: str, path: str, body: dict):
    start = time.perf_counter()
    try:
        status, data, _ = client.request("POST", path, body)
    except Exception as exc:  # noqa: BLE001 - counted as an error
        status, data = 0, str(exc).encode()
    recorder.note(kind, time.perf_counter() - start, status)
    return status, data


def teacher(port: int, recorder: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(port)
    while True:
        meeting: dict = {}
        school = f"s{rng.randint(1, 40)}"
        steps = [("class", rng.choice(CLASSES)), ("date", f"{rng.randint(1, 28):02d}.12.2026"),
                 ("time", f"{rng.randint(15, 19)}:30"), ("teacher", rng.choice(NAMES)),
                 ("teacher_contacts", f"+7 900 {rng.randint(100, 999)}-00-00")]
        for name, value in steps:
            if not recorder.more():
                return
            meeting[name] = value
            body = {"meeting": dict(meeting), "school_id": school, "have": client.have}
            status, data = timed(client, recorder, "preview", "/api/preview", body)
            if status == 200:
                client.have = [s["id"] for s in json.loads(data)["slides"]]
            time.sleep(rng.uniform(0.25, 0.6))
        if not recorder.more():
            return
        timed(client, recorder, "deck", "/api/deck", {"meeting": meeting, "school_id": school})
        time.sleep(rng.uniform(0.5, 1.5))


def hammer(port: int, recorder: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(port)
    while recorder.more():
        body = {"meeting": {"class": rng.choice(CLASSES), "teacher": rng.choice(NAMES)}}
        timed(client, recorder, "deck", "/api/deck", body)


def warm_up(port: int) -> None:
    """Every school's deck and preview once: the server as it is after its first hour, the
    caches of its workers filled (memory is measured from here)."""
    client, recorder = Client(port), Recorder(10**6, 300)
    for n in range(1, 41):
        for _ in range(2):  # on both workers, likely
            body = {"meeting": {"class": "5А"}, "school_id": f"s{n}"}
            timed(client, recorder, "preview", "/api/preview", body)
            timed(client, recorder, "deck", "/api/deck", body)
    if recorder.errors:
        raise SystemExit(f"warm-up failed: {recorder.errors[:3]}")


def run_clients(target, port: int, count: int, recorder: Recorder, watch=None) -> float:
    threads = [threading.Thread(target=target, args=(port, recorder, n), daemon=True)
               for n in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        if watch:
            watch()
        time.sleep(0.2)
    return time.perf_counter() - start


def quantiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    ordered = sorted(values)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return (f"p50 {cut[49] * 1000:6.0f} ms  p95 {cut[94] * 1000:6.0f} ms  "
            f"p99 {cut[98] * 1000:6.0f} ms  ({len(values)} requests)")


def p95(values: list[float]) -> float:
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[94]


# ---------------------------------------------------------------- main

def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--baseline-server":
        baseline_server(int(sys.argv[2]))
        return
    teachers = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    burst = float(sys.argv[4]) if len(sys.argv) > 4 else 20
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder)
        listing = school_list(folder)
        port = free_port()
        server = start([sys.executable, "-m", "sferum_deck", "serve", "--port", str(port),
                        "--schools", str(listing), "--password", "bench"], port, env, folder)
        try:
            warm_up(port)
            memory = [tree_rss(server.pid)]
            recorder = Recorder(requests, seconds)
            quarter = max(1, requests // 4)

            def watch():
                if recorder.count >= quarter * len(memory):
                    memory.append(tree_rss(server.pid))
            wall = run_clients(teacher, port, teachers, recorder, watch)
            memory.append(tree_rss(server.pid))
            throughput = Recorder(10**6, burst)
            ours_wall = run_clients(hammer, port, teachers, throughput)
        finally:
            stop(server)
        base_port = free_port()
        baseline = start([sys.executable, str(Path(__file__).resolve()), "--baseline-server",
                          str(base_port)], base_port, env, folder)
        try:
            run_clients(hammer, base_port, 1, Recorder(1, 60))  # warm-up
            slow = Recorder(10**6, burst)
            base_wall = run_clients(hammer, base_port, teachers, slow)
        finally:
            stop(baseline)

    mib = [m / 2**20 for m in memory]
    ours = len(throughput.times["deck"]) / ours_wall
    theirs = len(slow.times["deck"]) / base_wall
    errors = recorder.errors + throughput.errors
    print(f"bench_serve: {teachers} teachers on {os.cpu_count()} CPUs, loopback only; load "
          f"average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f} "
          "(other programs on the machine slow both servers alike)")
    print(f"phase 1: {recorder.count} requests in {wall:.1f} s "
          f"({recorder.count / wall:.1f} requests/s)")
    print(f"  deck download   {quantiles(recorder.times['deck'])}")
    print(f"  preview update  {quantiles(recorder.times['preview'])}")
    print(f"  errors          {len(recorder.errors)}" +
          (f" ({', '.join(sorted(set(recorder.errors))[:5])})" if recorder.errors else ""))
    print("  server memory   " + " -> ".join(f"{m:.0f}" for m in mib) +
          f" MiB (after warm-up, each quarter of the requests); growth "
          f"{mib[-1] - mib[1]:+.0f} MiB over the last three quarters")
    print(f"phase 2: decks back to back for {burst:.0f} s, {teachers} clients")
    print(f"  sferum-deck serve   {ours:6.1f} decks/s  {quantiles(throughput.times['deck'])}")
    print(f"  naive baseline      {theirs:6.1f} decks/s  {quantiles(slow.times['deck'])}")
    print(f"  throughput ratio    {ours / theirs:6.1f}x  (errors: ours {len(throughput.errors)}, "
          f"baseline {len(slow.errors)})")
    checks = {
        "deck p95 < 1 s": p95(recorder.times["deck"]) < 1.0,
        "preview p95 < 150 ms": p95(recorder.times["preview"]) < 0.150,
        "zero errors": not errors,
        ">= 5x baseline throughput": ours >= 5 * theirs,
        "memory flat (< 10% growth)": mib[-1] <= mib[1] * 1.10,
    }
    for name, ok in checks.items():
        print(f"  {'met ' if ok else 'MISSED'}  {name}")


if __name__ == "__main__":
    main()
