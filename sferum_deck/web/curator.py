"""The curator's side: a password (constant-time check, a login rate limit), a school
list uploaded with its logos, every school's deck built by `batch` in a process of its
own (progress polled by the page), one ZIP of the decks and report.csv. Each run lives in
its own temporary folder, removed when it is fetched, abandoned or the server stops."""
from __future__ import annotations

import asyncio
import multiprocessing
import queue as queues
import secrets
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from ..errors import InputError, Problem
from ..model import ASPECTS, Upload
from .pool import Busy
from .security import SESSION_COOKIE, LoginLimit, Password, content_disposition, same_token
from .uploads import safe_name

SESSION_SECONDS = 8 * 3600
ABANDONED = 120        # seconds without a poll: the page was closed, the run is stopped
KEPT = 600             # seconds a finished run's ZIP is kept for download
LIST_SUFFIXES = (".csv", ".txt", ".yaml", ".yml")
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")


@dataclass
class Job:
    id: str
    folder: tempfile.TemporaryDirectory
    process: multiprocessing.Process
    messages: object
    total: int = 0
    rows: list = field(default_factory=list)
    status: str = "running"       # running | done | failed
    error: str | list = ""
    summary: str = ""
    warnings: list = field(default_factory=list)
    seen: float = field(default_factory=time.monotonic)
    finished: float = 0.0

    @property
    def zip_path(self) -> Path:
        return Path(self.folder.name) / "result.zip"


class Curator:
    def __init__(self, site):
        self.site = site
        self.password = Password(site.config.password) if site.config.password else None
        self.limit = LoginLimit()
        self.sessions: dict[str, float] = {}
        self.jobs: dict[str, Job] = {}

    # ------------------------------------------------------------ logging in

    async def login(self, request: Request) -> Response:
        from .views import guard, parse_json, read_body
        guard(request)
        client = request.client.host if request.client else "?"
        wait = self.limit.wait(client)
        if wait:
            return JSONResponse({"error": f"слишком много попыток входа; попробуйте через "
                                 f"{wait} с"}, status_code=429,
                                headers={"retry-after": str(wait)})
        data = parse_json(await read_body(request, 4096))
        given = data.get("password") if isinstance(data.get("password"), str) else ""
        if self.password is None or not self.password.matches(given):
            self.limit.failed(client)
            return JSONResponse({"problems": [{"where": "password", "field": "",
                                               "message": "неверный пароль"}]},
                                status_code=422)
        token = secrets.token_urlsafe(32)
        self._forget_sessions()
        self.sessions[token] = time.monotonic() + SESSION_SECONDS
        answer = JSONResponse({"ok": True})
        answer.set_cookie(SESSION_COOKIE, token, max_age=SESSION_SECONDS, httponly=True,
                          samesite="strict", secure=request.url.scheme == "https")
        return answer

    async def logout(self, request: Request) -> Response:
        from .views import guard
        guard(request)
        self.sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        answer = JSONResponse({"ok": True})
        answer.delete_cookie(SESSION_COOKIE)
        return answer

    def signed_in(self, request: Request) -> bool:
        token = request.cookies.get(SESSION_COOKIE)
        self._forget_sessions()
        return any(same_token(token, known) for known in list(self.sessions))

    def _forget_sessions(self) -> None:
        now = time.monotonic()
        for token, until in list(self.sessions.items()):
            if until < now:
                del self.sessions[token]

    # ------------------------------------------------------------ a batch run

    async def start(self, request: Request) -> Response:
        from .views import guard, read_body
        guard(request)
        if not self.signed_in(request):
            return JSONResponse({"error": "войдите заново"}, status_code=401)
        self.sweep()
        if any(j.status == "running" for j in self.jobs.values()):
            raise Busy(30, "сейчас уже собираются презентации другого списка; подождите, "
                       "пока они будут готовы")
        limits = self.site.config.limits
        body = await read_body(request, limits.school_list + limits.logos_total + 64 * 1024)
        listing, logos, aspect = await self._form(request, body)
        folder = tempfile.TemporaryDirectory(prefix="sferum-batch-")
        context = multiprocessing.get_context("spawn")
        messages = context.Queue()
        process = context.Process(target=run_batch, daemon=True, args=(
            self.site.config, listing, logos, aspect, folder.name, messages))
        process.start()
        job = Job(secrets.token_urlsafe(12), folder, process, messages)
        self.jobs[job.id] = job
        return JSONResponse({"job": job.id})

    async def _form(self, request: Request, body: bytes):
        limits = self.site.config.limits

        async def replay():
            return {"type": "http.request", "body": body, "more_body": False}
        form = await Request(request.scope, replay).form(max_files=limits.logo_files + 1,
                                                         max_fields=10)
        try:
            upload = form.get("list")
            if upload is None or isinstance(upload, str):
                raise InputError([Problem("list", "", "выберите файл со списком школ")])
            name = safe_name(upload.filename or "список.csv")
            if not name.lower().endswith(LIST_SUFFIXES):
                raise InputError([Problem("list", "", f"файл «{name}» не похож на список школ; "
                                          "нужен CSV (из Excel) или YAML")])
            data = await upload.read(limits.school_list + 1)
            if len(data) > limits.school_list:
                raise InputError([Problem("list", "", f"файл «{name}» больше "
                                          f"{limits.school_list // 2**20} МБ")])
            logos = {}
            for item in form.getlist("logos"):
                if isinstance(item, str) or not item.filename:
                    continue
                logo_name = safe_name(item.filename)
                if not logo_name.lower().endswith(PICTURES):
                    raise InputError([Problem("logos", "", f"файл «{logo_name}» не похож на "
                                              "рисунок; подойдут PNG, JPEG, GIF, WebP, BMP, "
                                              "TIFF")])
                logos[logo_name] = Upload(logo_name, await item.read())
            aspect = form.get("aspect") if form.get("aspect") in ASPECTS else "16:9"
            return Upload(name, data), logos, aspect
        finally:
            await form.close()

    async def progress(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        job.seen = time.monotonic()
        self._drain(job)
        return JSONResponse({"status": job.status, "total": job.total, "done": len(job.rows),
                             "rows": job.rows, "error": job.error, "summary": job.summary,
                             "warnings": job.warnings})

    async def download(self, request: Request) -> Response:
        job = self._job(request)
        if isinstance(job, Response):
            return job
        self._drain(job)
        if job.status != "done" or not job.zip_path.is_file():
            return JSONResponse({"error": "архив ещё не готов"}, status_code=409)
        job.seen = time.monotonic()
        return FileResponse(job.zip_path, media_type="application/zip", headers={
            "content-disposition": content_disposition("Презентации школ.zip")})

    def _job(self, request: Request):
        if not self.signed_in(request):
            return JSONResponse({"error": "войдите заново"}, status_code=401)
        self.sweep()
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"error": "сборка не найдена; загрузите список снова"},
                                status_code=404)
        return job

    def _drain(self, job: Job) -> None:
        while True:
            try:
                kind, value = job.messages.get_nowait()
            except (queues.Empty, OSError, ValueError, EOFError):
                break
            if kind == "start":
                job.total = value
            elif kind == "row":
                job.rows.append(value)
            elif kind == "done":
                job.status, job.summary, job.warnings = "done", value["summary"], \
                    value["warnings"]
                job.total = max(job.total, len(job.rows))
                job.finished = time.monotonic()
            elif kind == "failed":
                job.status, job.error = "failed", value
                job.finished = time.monotonic()
        if job.status == "running" and not job.process.is_alive():
            job.status, job.error = "failed", "сборка прервалась; попробуйте ещё раз"
            job.finished = time.monotonic()

    def sweep(self) -> None:
        """Stop runs nobody watches any more; remove finished ones after KEPT seconds."""
        now = time.monotonic()
        for job in list(self.jobs.values()):
            idle = now - job.seen
            if (job.status == "running" and idle > ABANDONED) or \
                    (job.status != "running" and idle > KEPT):
                self._remove(job)

    def _remove(self, job: Job) -> None:
        if job.process.is_alive():
            job.process.terminate()
            job.process.join(5)
        job.folder.cleanup()
        self.jobs.pop(job.id, None)

    def stop_all(self) -> None:
        for job in list(self.jobs.values()):
            self._remove(job)


class QueueProgress:
    """batch.Progress that tells the server through a queue."""

    def __init__(self, messages):
        self.messages = messages

    def start(self, total: int) -> None:
        self.messages.put(("start", total))

    def done(self, result) -> None:
        self.messages.put(("row", {"line": result.line, "id": result.school_id,
                                   "status": result.status, "file": result.file,
                                   "slides": result.slides, "error": result.error,
                                   "warnings": list(result.warnings)}))


def run_batch(config, listing: Upload, logos: dict, aspect: str, folder: str,
              messages) -> None:
    """In the run's own process: batch into FOLDER/out, then FOLDER/result.zip."""
    from ..batch.run import REPORT, Settings, run
    out = Path(folder) / "out"
    try:
        summary = run(Settings(listing, out, brand=config.brand, content=config.content,
                               aspect=aspect, jobs=1, logos=logos), QueueProgress(messages))
        with zipfile.ZipFile(Path(folder) / "result.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for result in summary.results:
                if result.file and (out / result.file).is_file():
                    zf.write(out / result.file, result.file)
            zf.write(out / REPORT, REPORT)
        messages.put(("done", {"summary": summary.line(), "warnings": summary.warnings}))
    except InputError as exc:
        messages.put(("failed", [p._asdict() for p in exc.problems]))
    except Exception as exc:  # noqa: BLE001 - told to the page, the server goes on
        from ..errors import DeckError
        text = exc.format_message() if isinstance(exc, DeckError) else \
            f"внутренняя ошибка программы ({type(exc).__name__})"
        messages.put(("failed", text))
    finally:
        messages.close()
        messages.join_thread()
