"""Many schools -> many decks in one run, for a curator's school list.

  read the list (schools.py: every row checked, a bad row fails alone)
  -> prepare once what every deck shares (topics, base brand, meeting)
  -> skip schools whose deck is up to date (input fingerprints in a manifest in DIR)
  -> build the rest in worker processes (plan + render + package, nothing written there)
  -> the parent alone writes: each deck atomically as it arrives, then the manifest and
     report.csv (also after Ctrl-C, when the workers are stopped first).
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import multiprocessing
import os
import signal
import threading
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import DeckError, InputError, OutputError
from ..inputs.brands import brand_of, profile_values
from ..inputs.load import display
from ..inputs.resources import PACKAGE
from ..inputs.schools import School, SchoolList, name_of, read_schools
from ..model import Deck, Meeting, Pack, Upload
from ..words import DECKS, SCHOOLS, count as counted

MANIFEST = ".sferum-deck-batch.json"
REPORT = "report.csv"
REPORT_COLUMNS = ("line", "id", "status", "file", "slides", "warnings", "error")
DONE, SAME, FAILED, STOPPED = "готово", "без изменений", "ошибка", "прервано"
IDENTITY = ("full_name", "short_name", "principal")  # from the row only, never inherited
CONTACTS = ("phone", "email", "site")


@dataclass(frozen=True)
class Settings:
    """What the curator asked for."""

    schools: Path | Upload   # a list uploaded to the web page comes as an Upload
    out: Path
    brand: str = "default"
    meeting_file: Path | None = None
    content: Path | None = None
    pack: str | None = None
    aspect: str = "16:9"
    jobs: int | None = None  # None: one worker per available CPU
    force: bool = False
    logos: dict = field(default_factory=dict, hash=False)  # file name -> Upload, with an
    # uploaded list: the only pictures its logo column can name


@dataclass(frozen=True)
class Shared:
    """What every school's deck shares: prepared once, handed to each worker once."""

    topics: tuple
    pack: Pack
    brand_values: dict = field(hash=False)
    meeting: Meeting
    aspect: str
    when: dt.datetime
    key: str  # fingerprint of all of the above and of the program itself


@dataclass
class Result:
    """One school's line in report.csv."""

    line: int
    school_id: str
    status: str
    file: str = ""
    slides: int = 0
    warnings: tuple[str, ...] = ()
    error: str = ""
    detail: str = ""  # a traceback of an internal error, for --debug


@dataclass
class Summary:
    results: list[Result]
    warnings: list[str]
    report: Path

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.results)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    def line(self) -> str:
        """«Готово: 38 презентаций, с ошибками: 2 школы» (with «из них N без изменений» when
        some were skipped, and the schools an interruption left unbuilt)."""
        same, stopped = self.count(SAME), self.count(STOPPED)
        text = f"Готово: {counted(self.count(DONE, SAME), DECKS)}" + \
            (f" (из них {same} без изменений)" if same else "")
        text += f", с ошибками: {counted(self.failed, SCHOOLS)}"
        return text + (f", не собрано (прервано): {counted(stopped, SCHOOLS)}" if stopped else "")


class Progress:
    """Told about the run as it goes; the command line shows it (bar or plain lines) with an
    object of the same two methods."""

    def start(self, total: int) -> None:
        """`total` decks are about to be built (skipped and bad rows not counted)."""

    def done(self, result: Result) -> None:
        """One school is finished (built, skipped or failed)."""


# ---------------------------------------------------------------- preparing

def prepare(settings: Settings, warnings: list[str]) -> Shared:
    """Topics, base brand values and meeting, loaded and checked once; InputError when any
    of them is broken (then no school can be built)."""
    from ..core import load_meeting
    from ..inputs.packs import load_content, stale_warning
    from ..output.write import build_time

    meeting = load_meeting(settings.meeting_file, {})
    if meeting.school:
        warnings.append(f"{display(settings.meeting_file)}: поле school не используется: "
                        "название каждой школы берётся из списка школ")
        meeting = meeting._replace(school="")
    pack, topics = load_content(settings.pack, settings.content)[:2]
    meeting = meeting._replace(title=meeting.title or pack.meeting_title)
    stale = stale_warning(pack)
    if stale:
        warnings.append(stale)
    values = profile_values(settings.brand)
    when = build_time()
    pinned_time = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    key = fingerprint(program_fingerprint(), [t._replace(source="") for t in topics],
                      pack._replace(source=""), _without_source(values), meeting,
                      settings.aspect, pinned_time)
    return Shared(topics, pack, values, meeting, settings.aspect, when, key)


def _without_source(values: dict) -> dict:
    return {k: v for k, v in values.items() if k != "_source"}


def school_values(base: dict, row: dict) -> dict:
    """Brand values of one school: the base profile with the row on top. The school's
    identity (names, principal, contacts) comes only from the row; its look (colours, logo,
    municipality, fonts) falls back to the base profile where the row is empty."""
    values = copy.deepcopy(_without_source(base))
    for key in IDENTITY:
        values[key] = row.get(key)
    values["footer"] = row.get("short_name") or row["full_name"]
    values["contacts"] = {key: row.get(key) for key in CONTACTS}
    for key in ("municipality", "logo"):
        if row.get(key):
            values[key] = row[key]
    colours = values.setdefault("colors", {})
    for key, column in (("primary", "primary_color"), ("accent", "accent_color")):
        if row.get(column):
            colours[key] = row[column]
    return values


def deck_for(shared: Shared, school: School) -> Deck:
    brand = brand_of(school_values(shared.brand_values, school.values))
    return Deck(topics=shared.topics, brand=brand, meeting=shared.meeting, aspect=shared.aspect,
                pack=shared.pack)


def build_school(shared: Shared, school: School) -> tuple[bytes, int, tuple[str, ...]]:
    """(deck bytes, slide count, warnings) of one school: plan, render, package; the same
    bytes `build` writes for the same inputs."""
    from ..core import render_bytes
    from ..plan import plan

    deck = deck_for(shared, school)
    planned = plan(deck)
    return render_bytes(planned, deck, shared.when), len(planned.slides), \
        tuple(planned.warnings)


# ---------------------------------------------------------------- fingerprints

def fingerprint(*values) -> str:
    """A sha256 of values (dicts, sequences, dataclasses, files by their bytes)."""
    digest = hashlib.sha256()
    for value in values:
        _feed(digest, value)
    return digest.hexdigest()


def _feed(digest, value) -> None:
    if isinstance(value, dict):
        digest.update(b"{")
        for key in sorted(value, key=str):
            _feed(digest, key)
            _feed(digest, value[key])
        digest.update(b"}")
    elif isinstance(value, (list, tuple)):
        digest.update(b"[")
        for item in value:
            _feed(digest, item)
        digest.update(b"]")
    elif isinstance(value, Path):
        digest.update(b"file:" + file_digest(value).encode())
    elif isinstance(value, Upload):
        digest.update(b"upload:" + hashlib.sha256(value.data).hexdigest().encode())
    elif hasattr(value, "__dataclass_fields__"):
        _feed(digest, [type(value).__name__] + [getattr(value, f) for f in
                                                 value.__dataclass_fields__])
    else:
        digest.update(repr(value).encode("utf-8") + b"\0")


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def program_fingerprint() -> str:
    """The program itself: our code and fonts, and the versions of what draws the deck."""
    from importlib.metadata import PackageNotFoundError, version
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and "_data" not in p.parts)
    versions = []
    for name in ("python-pptx", "Pillow", "segno", "lxml"):
        try:
            versions.append(version(name))
        except PackageNotFoundError:
            versions.append(None)
    return fingerprint(versions, {str(p.relative_to(PACKAGE)): p for p in files})


# ---------------------------------------------------------------- the run

def run(settings: Settings, progress: Progress | None = None) -> Summary:
    """Build every school's deck into settings.out; return what happened to each row.
    InputError/OutputError only for problems of the whole run (list, brand, meeting, folder)."""
    progress = progress or Progress()
    warnings: list[str] = []
    listing = read_schools(settings.schools, settings.logos)
    warnings += listing.warnings
    shared = prepare(settings, warnings)
    out = _output_folder(settings.out)
    results = {bad.line: Result(bad.line, bad.school_id, FAILED, error=bad.message)
               for bad in listing.bad}
    manifest = Manifest(out)
    todo = []
    for school in listing.schools:
        key = fingerprint(shared.key, school.values)
        same = None if settings.force else manifest.current(school.file_name, key)
        if same is not None:
            results[school.line] = Result(school.line, school.school_id, SAME, school.file_name,
                                          same["slides"], tuple(same["warnings"]))
        else:
            todo.append((school, key))
    for result in sorted(results.values(), key=lambda r: r.line):
        progress.done(result)
    progress.start(len(todo))
    writer = _Writer(out, listing, manifest, results, progress)
    try:
        build_all(shared, todo, _jobs(settings.jobs, len(todo)), writer.deliver)
    except BaseException:
        for school, _ in todo:
            results.setdefault(school.line, Result(school.line, school.school_id, STOPPED))
        raise
    finally:
        _remove_temporaries(out)
        manifest.save()
        write_report(out / REPORT, sorted(results.values(), key=lambda r: r.line),
                     listing.delimiter)
    return Summary(sorted(results.values(), key=lambda r: r.line), warnings, out / REPORT)


def _jobs(asked: int | None, count: int) -> int:
    if asked is None:
        try:
            asked = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            asked = os.cpu_count() or 1
    return max(1, min(asked, count))


def _output_folder(path: Path) -> Path:
    path = Path(path).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{display(path)}: это файл, а нужна папка для презентаций") from None
    except OSError as exc:
        raise OutputError(f"{display(path)}: не удаётся создать папку ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        raise OutputError(f"{display(path)}: нет прав на запись в эту папку")
    return path


@dataclass
class _Writer:
    """The one owner of the output files: writes each deck as it arrives."""

    out: Path
    listing: SchoolList
    manifest: "Manifest"
    results: dict
    progress: Progress

    def deliver(self, school: School, key: str, outcome) -> None:
        from ..output.write import write_atomic
        where = f"{name_of(self.listing.path)}:{school.line}"
        if isinstance(outcome, Failure):
            result = Result(school.line, school.school_id, FAILED, error=f"{where}: "
                            f"{outcome.message}", detail=outcome.detail)
        else:
            try:
                write_atomic(self.out / school.file_name, outcome.data)
                self.manifest.record(school.file_name, key, outcome)
                result = Result(school.line, school.school_id, DONE, school.file_name,
                                outcome.slides, outcome.warnings)
            except DeckError as exc:
                result = Result(school.line, school.school_id, FAILED, error=exc.format_message())
        self.results[school.line] = result
        self.progress.done(result)


# ---------------------------------------------------------------- workers

@dataclass(frozen=True)
class Made:
    data: bytes
    slides: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    message: str
    detail: str = ""


_SHARED: Shared | None = None  # set once in each worker process


def _start_worker(shared: Shared) -> None:
    """Worker set-up: Ctrl-C is the parent's to handle (it stops the workers itself)."""
    global _SHARED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SHARED = shared


def _work(school: School, shared: Shared | None = None):
    """Made or Failure for one school; never raises (an error fails only this school)."""
    try:
        return Made(*build_school(shared or _SHARED, school))
    except InputError as exc:
        return Failure("; ".join(str(p) for p in exc.problems))
    except DeckError as exc:
        return Failure(exc.format_message())
    except Exception as exc:  # a bug must not stop the other schools
        return Failure(f"внутренняя ошибка программы ({type(exc).__name__}: {exc}); "
                       "сообщите разработчикам", traceback.format_exc())


def build_all(shared: Shared, todo: list, jobs: int,
              deliver: Callable[[School, str, object], None]) -> None:
    """Build every (school, key) of `todo` on `jobs` processes, handing each outcome to
    `deliver` in the calling process as soon as it is ready. Ctrl-C takes effect between
    two deliveries (a deck written is always a deck recorded); the workers are terminated
    before the KeyboardInterrupt goes on."""
    if not todo:
        return
    with _Interrupt() as interrupt:
        if jobs == 1:
            for school, key in todo:
                interrupt.check()
                deliver(school, key, _work(school, shared))
            return
        _build_in_pool(shared, todo, jobs, deliver, interrupt)


def _build_in_pool(shared: Shared, todo: list, jobs: int, deliver, interrupt) -> None:
    import sferum_deck.plan  # noqa: F401  imported before the fork: workers start warm
    import sferum_deck.render  # noqa: F401
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                   initargs=(shared,))
    try:
        futures = {executor.submit(_work, school): (school, key) for school, key in todo}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                school, key = futures.pop(future)
                deliver(school, key, _outcome(future))
                interrupt.check()
            interrupt.check()
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown()


class _Interrupt:
    """While active, Ctrl-C (SIGINT) is only noted; check() raises KeyboardInterrupt at a
    point where stopping leaves nothing half-done."""

    def __init__(self):
        self.asked, self.previous = False, None

    def __enter__(self) -> "_Interrupt":
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._note)
        return self

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def _note(self, signum, frame) -> None:
        self.asked = True

    def check(self) -> None:
        if self.asked:
            raise KeyboardInterrupt


def _outcome(future):
    try:
        return future.result()
    except BrokenProcessPool:
        return Failure("процесс сборки аварийно завершился (возможно, не хватило памяти); "
                       "запустите команду снова с меньшим --jobs")


def _stop(executor: ProcessPoolExecutor) -> None:
    """Terminate the workers now (not after their current deck) and wait for them."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public API
    for process in processes:
        if process.is_alive():
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


def _remove_temporaries(out: Path) -> None:
    """Temporary files write_atomic left behind if it was interrupted mid-way (its names:
    .<file>.<random>.tmp), for the files this command writes, and no others."""
    ours = [".*.pptx.*.tmp", f".{REPORT}.*.tmp", f".{MANIFEST}.*.tmp"]
    for temporary in (t for pattern in ours for t in out.glob(pattern)):
        try:
            temporary.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------- manifest and report

class Manifest:
    """DIR/.sferum-deck-batch.json: for each deck, the fingerprint of its inputs and the
    sha256 of the file written, so a rerun can tell an up-to-date deck from a stale one."""

    def __init__(self, out: Path):
        self.path = out / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.decks = data["decks"] if data.get("format") == 1 else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.decks = {}

    def current(self, file_name: str, key: str) -> dict | None:
        """The entry of a deck that exists unchanged and was built from inputs `key`."""
        entry = self.decks.get(file_name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        if file_digest(self.path.parent / file_name) != entry.get("sha256"):
            return None
        return entry

    def record(self, file_name: str, key: str, made: Made) -> None:
        self.decks[file_name] = {"key": key, "sha256": hashlib.sha256(made.data).hexdigest(),
                                 "slides": made.slides, "warnings": list(made.warnings)}

    def save(self) -> None:
        from ..output.write import write_atomic
        data = json.dumps({"format": 1, "decks": self.decks}, ensure_ascii=False, indent=1,
                          sort_keys=True)
        try:
            write_atomic(self.path, data.encode("utf-8"))
        except DeckError:
            pass  # without a manifest the next run rebuilds everything: slower, not wrong


def write_report(path: Path, results: list[Result], delimiter: str = ";") -> None:
    """report.csv: one row per school; UTF-8 with BOM and the list's own delimiter, so the
    curator's Excel opens it in columns."""
    from ..output.write import write_atomic
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for r in results:
        writer.writerow([r.line, _cell(r.school_id), r.status, r.file, r.slides or "",
                         _cell(" | ".join(r.warnings)), _cell(r.error)])
    write_atomic(path, ("\ufeff" + text.getvalue()).encode("utf-8"))


def _cell(text: str) -> str:
    """Text that Excel shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
