"""What a build worker does: a teacher's request -> the plan's SVG pages, the deck, the
handout. Runs in the build pool's processes; what the curator gave at start (topics, the
school list, the brand profile) is loaded once per process, never per request."""
from __future__ import annotations

import hashlib
import traceback
from typing import NamedTuple

from ..errors import DeckError, InputError
from ..model import record
from ..core import Inputs, Source, deck_bytes, handout_bytes, plan_deck
from .forms import TeacherRequest
from .settings import Config


@record
class Outcome(NamedTuple):
    """A worker's answer: the value, or the problems (where, field, message) to show, or
    one message for the whole request."""

    value: object = None
    problems: tuple[tuple[str, str, str], ...] = ()
    error: str = ""
    internal: str = ""   # a traceback, logged without the request's values


class State:
    """The server's own inputs, loaded once in each worker process."""

    def __init__(self, config: Config):
        from ..batch.run import school_values
        from ..inputs.brands import profile_values
        from ..core import content_of
        from ..inputs.schools import read_schools
        self.config = config
        content = content_of(config.pack, config.content)
        self.pack, self.topics = content.pack, content.topics  # the pack frames every deck
        self.by_id = {t.id: t for t in self.topics}
        self.pictures = {t.id: {t.figure.name: t.figure.path} for t in self.topics
                         if t.figure is not None}  # what an edited topic's `image` may say
        self.base = profile_values(config.brand)
        listing = read_schools(config.schools) if config.schools else None
        self.schools = {s.school_id: school_values(self.base, s.values)
                        for s in listing.schools} if listing else {}

    def inputs(self, request: TeacherRequest) -> Inputs:
        ids = request.topics if request.topics is not None else tuple(self.by_id)
        topics = tuple(Source(f"topics.{i}", values=request.edited[i],
                              pictures=self.pictures.get(i, {}))
                       if i in request.edited else self.by_id[i] for i in ids)
        values = self.schools.get(request.school_id) if request.school_id else None
        meeting = dict(request.meeting)
        if values is not None:
            meeting.pop("school", None)  # the school of the list names itself
        return Inputs(topics=topics, pack=self.pack, brand=self.config.brand,
                      brand_values=values if values is not None else self.base,
                      meeting=Source("meeting", values=meeting), logo=request.logo,
                      template=request.template or self.config.template,
                      audience=request.audience,  # a template keeps its own page size
                      aspect=None if request.template or self.config.template
                      else request.aspect)


_STATE: State | None = None


def start(config: Config) -> None:
    """Worker set-up: the server's inputs loaded, the pipeline imported and warmed."""
    global _STATE
    import signal
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    except (ValueError, AttributeError):
        pass
    _STATE = State(config)
    plan_deck(_STATE.inputs(TeacherRequest({})))


def state() -> State:
    return _STATE


def guarded(step, request: TeacherRequest) -> Outcome:
    """`step` of the request's inputs, never raising: problems and errors become an
    Outcome (the traceback of a bug without the values it was given)."""
    try:
        return Outcome(step(_STATE.inputs(request), request.when))
    except InputError as exc:
        return Outcome(problems=tuple(tuple(p) for p in exc.problems))
    except DeckError as exc:
        return Outcome(error=exc.format_message())
    except Exception as exc:  # a bug fails this request only
        return Outcome(error=INTERNAL, internal=f"{type(exc).__name__}\n"
                       + "".join(traceback.format_tb(exc.__traceback__)))


INTERNAL = "внутренняя ошибка программы; попробуйте ещё раз или сообщите администратору"


def _preview(inputs: Inputs, when) -> dict:
    """The preview: the deck's fonts (one stylesheet, `css`) and each slide's SVG without
    them (the page puts the stylesheet back into each picture), with ids that change
    exactly when the picture does."""
    planned, deck = plan_deck(inputs)
    css, pages = draw(planned, deck)
    css_id = digest(css)
    frame = ("cover", "agenda", "closing")  # the meeting's own pages, no topic's
    return {"css": {"id": css_id, "text": css},
            "slides": [{"svg": svg, "id": digest(css_id + svg), "kind": s.kind,
                        "number": s.number, "topic": "" if s.kind in frame else s.topic,
                        "title": s.title.paras[0].text if s.title.paras else ""}
                       for s, svg in zip(planned.slides, pages)],
            "warnings": list(planned.warnings)}


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _deck(inputs: Inputs, when) -> tuple[bytes, int, tuple[str, ...]]:
    made = deck_bytes(inputs, when)
    return made.data, made.slides, made.warnings


def _handout(inputs: Inputs, when) -> tuple[bytes, tuple[str, ...]]:
    made = handout_bytes(inputs, when)
    return made.data, made.warnings


def preview(request: TeacherRequest) -> Outcome:
    return guarded(_preview, request)


def deck(request: TeacherRequest) -> Outcome:
    return guarded(_deck, request)


def handout(request: TeacherRequest) -> Outcome:
    return guarded(_handout, request)


def draw(planned, deck) -> tuple[str, list[str]]:
    """The deck's font stylesheet and every slide's SVG without it (sferum_deck.svg, which
    caches what it draws: a redraw while a teacher types costs ~8 ms)."""
    try:
        from ..svg.deck import sheet_for
        from ..svg.slides import draw_slide
    except ImportError:  # the renderer is not installed: plain pages
        return "", [_plain_page(planned, s) for s in planned.slides]
    sheet = sheet_for(planned, deck)
    bare = sheet._replace(css="")
    return sheet.css, [draw_slide(bare, slide) for slide in planned.slides]


def _plain_page(planned, slide) -> str:
    """The slide's title and text lines, plainly (until sferum_deck.svg is there)."""
    from xml.sax.saxutils import escape
    width, height = planned.grid.width, planned.grid.height
    title = escape(" ".join(p.text for p in slide.title.paras))
    lines = [p.text for p in slide.body.paras] if slide.body else []
    text = "".join(f'<text x="36" y="{130 + 34 * i}" font-size="24">{escape(line[:90])}</text>'
                   for i, line in enumerate(lines[:12]))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
            f'role="img" font-family="Arial, sans-serif"><title>{title}</title>'
            f'<rect width="100%" height="100%" fill="#fff"/>'
            f'<text x="36" y="72" font-size="32" font-weight="bold">{title}</text>{text}</svg>')


def check_upload(kind: str, name: str, data: bytes) -> Outcome:
    """A logo or template upload checked by its content (uploads.checked_upload)."""
    from .uploads import checked_upload
    try:
        return Outcome(checked_upload(kind, name, data))
    except InputError as exc:
        return Outcome(problems=tuple(tuple(p) for p in exc.problems))
    except Exception as exc:
        return Outcome(error=INTERNAL, internal=f"{type(exc).__name__}\n"
                       + "".join(traceback.format_tb(exc.__traceback__)))
