"""A teacher's request (JSON from the page) -> a checked TeacherRequest: shapes, sizes and
names held at the edge; the values themselves are validated by the core, as files are."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..model import ASPECTS, AUDIENCES, Upload
from ..inputs.schema import MEETING

MEETING_FIELDS = tuple(f.name for f in MEETING.fields)
MAX_TEXT = 20_000        # characters of one value; the schema's own limits are smaller
MAX_ITEMS = 200          # entries of one list


@dataclass(frozen=True)
class TeacherRequest:
    """One deck as a teacher's page describes it (picklable: it goes to a build worker)."""

    meeting: dict
    school_id: str = ""
    topics: tuple[str, ...] | None = None      # chosen ids in order; None: all, as shipped
    edited: dict = field(default_factory=dict)  # id -> the topic's fields as edited
    audience: str | None = None
    aspect: str = "16:9"
    logo: Upload | None = None
    template: Upload | None = None
    when: dt.datetime | None = None   # the server's build time (SOURCE_DATE_EPOCH there)
    have: tuple[str, ...] = ()        # ids of the preview pages the browser already has


def parse_json(body: bytes) -> dict:
    """The JSON object of a request body; InputError (Russian) otherwise."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError([Problem("запрос", "", "данные формы не читаются; обновите страницу")]) \
            from None
    if not isinstance(data, dict):
        raise InputError([Problem("запрос", "", "данные формы не читаются; обновите страницу")])
    return data


def teacher_request(data: dict, known_topics: set[str], known_schools: set[str] | None,
                    uploads, max_topics: int) -> TeacherRequest:
    """The request of a page's form; InputError naming the form field for what the core
    does not check itself (unknown topic, school or upload, wrong shapes)."""
    problems: list[Problem] = []

    def bad(where: str, name: str, message: str) -> None:
        problems.append(Problem(where, name, message))

    meeting = data.get("meeting") or {}
    if not isinstance(meeting, dict):
        bad("meeting", "", "данные собрания не читаются; обновите страницу")
        meeting = {}
    meeting = {k: _text(v) for k, v in meeting.items() if v not in (None, "")}
    school_id = _text(data.get("school_id") or "")
    if known_schools is not None and school_id and school_id not in known_schools:
        bad("meeting", "school_id", "такой школы нет в списке; выберите школу из списка")
    topics = data.get("topics")
    if topics is not None:
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            bad("topics", "", "список тем не читается; обновите страницу")
            topics = []
        if len(topics) > max_topics:
            bad("topics", "", f"слишком много тем: {len(topics)}, не больше {max_topics}")
        unknown = [t for t in topics if t not in known_topics]
        for topic_id in unknown[:5]:
            bad("topics", topic_id, "такой темы нет; обновите страницу")
        if len(set(topics)) != len(topics):
            bad("topics", "", "тема выбрана дважды; обновите страницу")
        if not topics and not problems:
            bad("topics", "", "не выбрано ни одной темы; отметьте хотя бы одну")
        topics = tuple(topics)
    edited = data.get("edited") or {}
    if not isinstance(edited, dict):
        bad("topics", "", "изменённые темы не читаются; обновите страницу")
        edited = {}
    clean_edits = {}
    for topic_id, values in edited.items():
        if topic_id not in known_topics:
            continue  # an edit of a topic the pack no longer has: dropped
        if not isinstance(values, dict):
            bad(f"topics.{topic_id}", "", "тема не читается; обновите страницу")
            continue
        clean_edits[topic_id] = {**_plain(values), "id": topic_id}
    audience = data.get("audience") or None
    if audience is not None and audience not in AUDIENCES:
        bad("audience", "", "неизвестная аудитория; выберите из списка")
    aspect = data.get("aspect") or "16:9"
    if aspect not in ASPECTS:
        bad("aspect", "", "неизвестный формат; выберите 16:9 или 4:3")
    logo = _upload(data.get("logo"), uploads, "logo", bad)
    template = _upload(data.get("template"), uploads, "template", bad)
    if problems:
        raise InputError(problems)
    have = data.get("have") or []
    have = tuple(str(h)[:40] for h in have[:MAX_ITEMS]) if isinstance(have, list) else ()
    from ..output.write import build_time
    return TeacherRequest(meeting, school_id, topics, clean_edits, audience, aspect, logo,
                          template, build_time(), have)


def _upload(token, uploads, kind: str, bad) -> Upload | None:
    if not token:
        return None
    found = uploads.get(str(token), kind)
    if found is None:
        bad(kind, "", "загруженный файл больше не хранится на сервере; загрузите его снова")
    return found


def _text(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text[:MAX_TEXT]


def _plain(value, depth: int = 0):
    """JSON values cut to sizes no topic has (the core then reports the schema's limits)."""
    if depth > 6:
        return None
    if isinstance(value, dict):
        return {str(k)[:100]: _plain(v, depth + 1) for k, v in list(value.items())[:50]}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value[:MAX_ITEMS]]
    if isinstance(value, str):
        return value[:MAX_TEXT]
    return value
