"""The teacher's views: thin, like click commands: read the request (limits at the
edge), call the core in the build pool, answer (JSON, or a file with its Russian name)."""
from __future__ import annotations

import io
import logging
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import InputError, Problem
from ..model import ASPECTS, AUDIENCES
from ..inputs.schema import CONTENT_FIELD, EXTRA_FIELDS, MEETING, TOPIC
from . import work
from .curator import Curator
from .forms import TeacherRequest, parse_json, teacher_request
from .pool import Busy, Failed, Gone
from .security import CSRF_COOKIE, csrf_ok, content_disposition, new_token
from .settings import Config
from .uploads import Uploads, safe_name

log = logging.getLogger("sferum_deck.web")
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
NO_PDF = ("PDF здесь не сделать: на сервере не установлен LibreOffice; скачайте "
          "презентацию .pptx и сохраните её как PDF в PowerPoint")


class TooLarge(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Forbidden(Exception):
    pass


class Site:
    """Everything the views share: the server's inputs, the pool, the uploads."""

    def __init__(self, config: Config):
        from ..batch.run import school_values  # noqa: F401  (fails early if batch is broken)
        from ..core import content_of
        from ..inputs.schools import read_schools
        self.config, self.pool = config, None
        self.topics = content_of(config.pack, config.content).topics
        self.by_id = {t.id: t for t in self.topics}
        listing = read_schools(config.schools) if config.schools else None
        self.schools = {s.school_id: s for s in listing.schools} if listing else None
        self.uploads = Uploads(config.limits.uploads_kept, config.limits.uploads_bytes)
        self.has_pdf = shutil.which("soffice") is not None
        self.curator = Curator(self)

    # ------------------------------------------------------------ the page's data

    async def setup(self, request: Request) -> Response:
        """What the page shows before the teacher types: schools, topics, options; the
        CSRF cookie the page's requests must echo."""
        token = request.cookies.get(CSRF_COOKIE) or new_token()
        schools = None if self.schools is None else [
            {"id": s.school_id, "name": s.values.get("short_name") or s.values["full_name"],
             "full_name": s.values["full_name"]} for s in self.schools.values()]
        body = {"csrf": token, "schools": schools,
                "topics": [topic_values(t) | {"field": CONTENT_FIELD[t.layout],
                                              "editor": editor_of(t)}
                           for t in self.topics],
                "meeting": [{"name": f.name, "max": f.max_len} for f in MEETING.fields],
                "audiences": list(AUDIENCES), "aspects": list(ASPECTS),
                "pdf": {"available": self.has_pdf, "why": "" if self.has_pdf else NO_PDF},
                "limits": {"logo": self.config.limits.logo,
                           "template": self.config.limits.template},
                "template": bool(self.config.template)}
        answer = JSONResponse(body)
        answer.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict",
                          secure=request.url.scheme == "https")
        return answer

    # ------------------------------------------------------------ building

    async def teacher(self, request: Request) -> TeacherRequest:
        guard(request)
        data = parse_json(await read_body(request, self.config.limits.json_body))
        return teacher_request(data, set(self.by_id), None if self.schools is None else
                               set(self.schools), self.uploads, self.config.limits.topics)

    async def preview(self, request: Request) -> Response:
        """The plan's SVG pages; a page the browser already has (`have`: their ids) is
        named by its id only, so typing sends back the one or two pages that changed."""
        asked = await self.teacher(request)
        value = answer(await self.pool.run(request.receive, work.preview, asked, urgent=True))
        have = set(asked.have)
        if value["css"]["id"] in have:
            del value["css"]["text"]
        for slide in value["slides"]:
            if slide["id"] in have:
                del slide["svg"]
        return JSONResponse(value)

    async def deck(self, request: Request) -> Response:
        asked = await self.teacher(request)
        data, slides, _ = answer(await self.pool.run(request.receive, work.deck, asked))
        return download(data, deck_name(asked, self) + ".pptx", PPTX, {"x-slides": str(slides)})

    async def pdf(self, request: Request) -> Response:
        asked = await self.teacher(request)
        if not self.has_pdf:
            return JSONResponse({"error": NO_PDF}, status_code=501)
        data, _, _ = answer(await self.pool.run(request.receive, work.deck, asked))
        pdf = await self.pool.to_pdf(request.receive, data)
        return download(pdf, deck_name(asked, self) + ".pdf", "application/pdf")

    async def handout(self, request: Request) -> Response:
        asked = await self.teacher(request)
        printed = request.query_params.get("format", "pdf") == "pdf"
        if printed and not self.has_pdf:
            return JSONResponse({"error": NO_PDF}, status_code=501)
        data, _ = answer(await self.pool.run(request.receive, work.handout, asked))
        name = "Памятка для родителей" + (f" {asked.meeting['class']}"
                                          if asked.meeting.get("class") else "")
        if not printed:
            return download(data, name + ".pptx", PPTX)
        pdf = await self.pool.to_pdf(request.receive, data)
        return download(pdf, name + ".pdf", "application/pdf")

    async def export(self, request: Request) -> Response:
        """meeting.yaml and the chosen topics (as edited) in a ZIP that `build` takes as it
        is: sferum-deck build --meeting meeting.yaml --content slides"""
        asked = await self.teacher(request)
        meeting = dict(asked.meeting)
        if asked.school_id and self.schools:
            meeting["school"] = self.schools[asked.school_id].values["full_name"]
        ids = asked.topics if asked.topics is not None else tuple(self.by_id)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("meeting.yaml", dump(meeting_order(meeting)))
            placed: dict[str, Path] = {}
            for n, topic_id in enumerate(ids, start=1):
                values = dict(asked.edited.get(topic_id) or topic_values(self.by_id[topic_id]))
                figure = self.by_id[topic_id].figure
                if figure is not None and values.get("layout") == "image":
                    values["image"] = place_picture(archive, figure, topic_id, placed)
                archive.writestr(f"slides/{n:02d}-{topic_id}.yaml", dump(values))
            archive.writestr("ПРОЧТИТЕ.txt", README.replace("\n", "\r\n"))
        return download(out.getvalue(), "Моё собрание.zip", "application/zip")

    async def upload(self, request: Request) -> Response:
        """A logo or template: its bytes in the body, its name in X-File-Name (for
        messages only); checked by content in a worker; a token to name it by."""
        guard(request)
        kind = request.query_params.get("kind", "")
        if kind not in ("logo", "template"):
            return JSONResponse({"error": "неизвестный вид файла"}, status_code=400)
        limit = getattr(self.config.limits, kind)
        name = safe_name(unquote(request.headers.get("x-file-name", "")))
        data = await read_body(request, limit, kind, name)
        if not data:
            raise InputError([Problem(kind, "", f"файл «{name}» пуст")])
        upload = answer(await self.pool.run(request.receive, work.check_upload, kind, name,
                                            data))
        return JSONResponse({"token": self.uploads.add(kind, upload), "name": upload.name})


def place_picture(archive: zipfile.ZipFile, figure, topic_id: str,
                  placed: dict[str, Path]) -> str:
    """The name a topic's picture has in the export beside the topics (slides/): the one
    its topic file gave it, unless another picture has that name already; the picture
    written there once (`placed`: the names written so far and their files)."""
    name = PurePosixPath(figure.name).as_posix()
    if placed.get(name, figure.path) != figure.path:
        name = f"pictures/{topic_id}/{PurePosixPath(name).name}"
    if name not in placed:
        placed[name] = figure.path
        archive.write(figure.path, "slides/" + name)
    return name


README = """Ваше собрание: данные (meeting.yaml) и темы (папка slides).

Собрать презентацию на своём компьютере:
  sferum-deck build --meeting meeting.yaml --content slides

Темы можно поправить в любом текстовом редакторе (кодировка UTF-8).
"""


def guard(request: Request) -> None:
    if not csrf_ok(request.headers, request.cookies):
        raise Forbidden()


async def read_body(request: Request, limit: int, where: str = "запрос",
                    name: str = "") -> bytes:
    """The request body, refused (TooLarge) past `limit` bytes, before it is all read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(too_large(limit, name))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(too_large(limit, name))
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int, name: str) -> str:
    what = f"файл «{name}»" if name else "запрос"
    return f"{what} больше {limit // (1024 * 1024) or 1} МБ; выберите файл поменьше"


def answer(outcome: work.Outcome):
    """The value of a worker's outcome, or the exception its problems or error mean."""
    if outcome.problems:
        raise InputError([Problem(*p) for p in outcome.problems])
    if outcome.error:
        if outcome.internal:
            log.error("internal error:\n%s", outcome.internal)
        raise Failed(outcome.error)
    return outcome.value


def download(data: bytes, name: str, media_type: str, headers: dict | None = None) -> Response:
    return Response(data, media_type=media_type, headers={
        "content-disposition": content_disposition(name), **(headers or {})})


def deck_name(asked: TeacherRequest, site: Site) -> str:
    parts = ["Собрание", asked.meeting.get("class", ""), asked.meeting.get("date", "")]
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()[:100]


def editor_of(topic) -> dict:
    """What the page's editor shows of a topic besides its title and notes: `items` (the
    field of items it lists, at most `most` of them: bullets, answer, steps, checklist, an
    image's bullets), `texts` (one-line fields: an image's alt and caption), `table` (the
    field of rows it shows as a grid). Links, columns, a quote, a divider: none of these."""
    name = CONTENT_FIELD[topic.layout]
    kind = TOPIC.get(name).kind if name else ""
    extra = EXTRA_FIELDS.get(topic.layout, {})
    items = name if kind == "items" else next(
        (n for n in extra if TOPIC.get(n).kind == "items"), "")
    return {"items": items, "most": extra.get(items, 0),
            "texts": [n for n in extra if TOPIC.get(n).kind == "text"],
            "table": name if kind == "table" else ""}


def topic_values(topic) -> dict:
    """A topic's fields as its YAML file has them (what the page edits and exports); an
    image is named as the topic file names it: the page sends that name back, and the
    server takes it only for this topic's own picture (work.State.pictures)."""
    values = {"id": topic.id, "title": topic.title, "section": topic.section,
              "layout": topic.layout, "audience": list(topic.audience)}
    name = CONTENT_FIELD[topic.layout]
    kind = TOPIC.get(name).kind if name else ""
    if kind == "links":
        values[name] = [{"url": k.url, "label": k.label, "caption": k.caption}
                        for k in topic.links]
    elif kind == "items":
        values[name] = _items(topic.items)
    elif kind == "columns":
        values[name] = [{"heading": c.heading, "tone": c.tone, "items": _items(c.items)}
                        for c in topic.content]
    elif kind == "quote":
        values[name] = {k: v for k, v in topic.content._asdict().items() if v}
    elif kind == "table":
        values[name] = [list(topic.table.header)] + [list(row) for row in topic.table.rows]
    elif kind == "picture":
        figure = topic.figure
        values |= {name: figure.name, "alt": figure.alt} | (
            {"caption": figure.caption} if figure.caption else {}) | (
            {"bullets": _items(topic.items)} if topic.items else {})
    if topic.numbered:
        values["numbered"] = True
    values["notes"] = topic.notes
    return values


def _items(items) -> list:
    """Items as a topic file writes them: the text alone, or with the notes, the important
    flag and the sub-items it has (so an edit of one sentence keeps all of them)."""
    return [_item(i) for i in items]


def _item(item):
    kept = {k: v for k, v in (("notes", item.notes), ("important", item.important),
                              ("items", list(item.items))) if v}
    return {"text": item.text} | kept if kept else item.text


def meeting_order(meeting: dict) -> dict:
    names = [f.name for f in MEETING.fields]
    return {k: meeting[k] for k in names if meeting.get(k)}


def dump(values: dict) -> str:
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- errors as answers

def _problems(request, exc: InputError):
    return JSONResponse({"problems": [p._asdict() for p in exc.problems]}, status_code=422)


def _busy(request, exc: Busy):
    return JSONResponse({"error": exc.message}, status_code=503,
                        headers={"retry-after": str(exc.retry_after)})


def _failed(request, exc: Failed):
    return JSONResponse({"error": str(exc)}, status_code=500)


def _gone(request, exc: Gone):
    return Response(status_code=499)


def _too_large(request, exc: TooLarge):
    return JSONResponse({"error": exc.message}, status_code=413)


def _forbidden(request, exc: Forbidden):
    return JSONResponse({"error": "страница устарела; обновите её (F5)"}, status_code=403)


HANDLERS = {InputError: _problems, Busy: _busy, Failed: _failed, Gone: _gone,
            TooLarge: _too_large, Forbidden: _forbidden}
