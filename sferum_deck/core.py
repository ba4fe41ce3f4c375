"""The core: inputs -> validated model -> plan -> render -> output, one function per product
(deck, handout) that the command line, batch and the web app all call.

A long-running process (the web server) gives its inputs in memory (`Inputs`: topic
mappings or YAML text, brand values, meeting fields, logo and template bytes) and gets
bytes back: `deck_bytes`, `plan_deck` (the plan the SVG preview draws), `handout_bytes`.
The command line goes through the same functions with paths in `Inputs`; only `build` and
`build_handout` write files.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InputError, Problem, Problems
from .inputs import files, validate
from .inputs.brands import brand_of, load_brand, on_template
from .inputs.load import Doc, load_yaml
from .inputs.packs import Content, load_content, stale_warning
from .inputs.schema import MEETING
from .inputs.sections import in_parts, without_empty_parts
from .model import NEUTRAL, Deck, Meeting, Pack, Topic, Upload, record


@dataclass(frozen=True)
class Options:
    """What the user asked for: sources, selection, meeting fields, output."""

    content: Path | None = None
    pack: str | None = None       # a built-in pack's name or a pack folder
    brand: str = "default"
    meeting_file: Path | None = None
    meeting: dict = field(default_factory=dict)  # fields given on the command line
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    audience: str | None = None
    aspect: str | None = None  # None: not asked for (16:9, or the template's page)
    template: Path | None = None


@record
class Built(NamedTuple):
    path: Path
    slides: int
    size: int
    warnings: tuple[str, ...]


def load_topics(folder: Path | None) -> tuple[Topic, ...]:
    """Every topic file of a folder in file-name order (the default pack's topics when
    None, its extends chain applied)."""
    return load_content(content=Path(folder) if folder else None).topics


def select(topics: tuple[Topic, ...], only=(), skip=(), audience=None) -> tuple[Topic, ...]:
    """The topics kept by --only, --skip and --audience; InputError for unknown ids."""
    ids = [t.id for t in topics]
    problems = Problems()
    for option, given in (("--only", only), ("--skip", skip)):
        for topic_id in given:
            if topic_id not in ids:
                problems.add(option, "", f"нет темы с id «{topic_id}»"
                             + validate.suggestion(topic_id, ids) + "; список: sferum-deck topics")
    problems.raise_if_any()
    kept = [t for t in topics if (not only or t.id in only) and t.id not in skip
            and (audience is None or audience in t.audience)]
    if not kept:
        raise InputError([Problem("", "", "после отбора (--only, --skip, --audience) не "
                                  "осталось ни одной темы")])
    return tuple(kept)


def load_meeting(path: Path | None, given: dict) -> Meeting:
    """Meeting fields from a meeting.yaml (validated), overridden by command-line values."""
    values = meeting_values(load_yaml(path)) if path is not None else {}
    given = {k: v for k, v in given.items() if v}
    problems = Problems()
    for name, value in given.items():  # dates, times and links are checked by click types
        limit = MEETING.get(name).max_len if MEETING.get(name) else None
        if limit and len(str(value)) > limit:
            problems.add("--" + name.replace("_", "-"), "",
                         validate.too_long(str(value), limit))
    problems.raise_if_any()
    values.update(given)
    return meeting_of(values)


def meeting_values(doc: Doc) -> dict:
    """The checked fields of a meeting document (a meeting.yaml, an upload or a form)."""
    problems = Problems()
    values = validate.Checker(doc, problems).mapping(doc.data or {}, (), MEETING)
    problems.raise_if_any()
    return values


def meeting_of(values: dict) -> Meeting:
    rename = {"class": "class_name", "meeting_link": "link"}
    fields = {rename.get(k, k): v for k, v in values.items() if v}
    return Meeting(**fields)


def load_deck(options: Options) -> Deck:
    """load + validate of the command line's files (see `load`)."""
    return load(inputs_of(options))


def inputs_of(options: Options) -> "Inputs":
    return Inputs(topics=options.content, pack=options.pack, brand=options.brand,
                  meeting=options.meeting_file, meeting_fields=options.meeting,
                  only=options.only, skip=options.skip, audience=options.audience,
                  aspect=options.aspect, template=options.template)


def aspect_ignored(aspect: str | None, template) -> list[str]:
    """A warning when --aspect asks for another page than the template has (the template's
    page is kept: its layouts are drawn for it)."""
    if aspect is None:
        return []
    wide, high = (int(n) for n in aspect.split(":"))
    if abs(template.width / template.height - wide / high) < 0.02:
        return []
    cm = [f"{v * template.scale / 72 * 2.54:.1f}".replace(".", ",")
          for v in (template.width, template.height)]
    return [(f"--aspect {aspect} не действует с шаблоном: размер слайдов берётся из шаблона "
             f"({cm[0]} × {cm[1]} см)")]


def checked_template(path: Path) -> Path:
    """The --template file, or InputError saying why it cannot be used."""
    problem, found = files.find(Path.cwd(), str(path))
    problem = problem or files.template_problem(found, str(path))
    if problem:
        raise InputError([Problem("--template", "", problem)])
    return found


def build(options: Options, output: Path) -> Built:
    """The whole pipeline for one deck; the output file is replaced only when complete."""
    from .output.write import build_time, check_deck_target, write_atomic

    check_deck_target(output)
    made = deck_bytes(inputs_of(options), build_time())
    write_atomic(output, made.data)
    return Built(Path(output), made.slides, len(made.data), made.warnings)


@record
class BuiltHandout(NamedTuple):
    source: Path          # the editable A4 .pptx
    pdf: Path | None      # the printable PDF (None with pdf=False)
    size_pt: float        # the body text size fitting chose
    warnings: tuple[str, ...]


def build_handout(options: Options, output: Path, pdf: bool = True) -> BuiltHandout:
    """The parents' handout: an A4 .pptx and, through LibreOffice, its PDF, named after
    `output` (its suffix replaced). Both are rendered first and written only when complete.
    Topics default to the parents' ones (--audience parents)."""
    import tempfile

    from .output.convert import require_tools, to_pdf
    from .output.write import build_time, check_target, write_atomic

    source, printed = Path(output).with_suffix(".pptx"), Path(output).with_suffix(".pdf")
    if pdf:
        check_target(printed)
        require_tools("soffice")
    check_target(source)
    made = handout_bytes(inputs_of(options), build_time())
    rendered = None
    if pdf:
        with tempfile.TemporaryDirectory(prefix="sferum-handout-") as tmp:
            draft = Path(tmp) / source.name
            draft.write_bytes(made.data)
            rendered = to_pdf(draft, Path(tmp)).read_bytes()
    write_atomic(source, made.data)
    if rendered is not None:
        write_atomic(printed, rendered)
    return BuiltHandout(source, printed if pdf else None, made.size_pt, made.warnings)


# ---------------------------------------------------------------- the in-memory core

@dataclass(frozen=True)
class Source:
    """One YAML input given in memory: its text (an uploaded file) or its values already
    parsed (a web form). `name` is what messages call it: the uploaded file's name, or the
    form's name (then `field` names the form field, and there is no line)."""

    name: str
    text: str | None = None
    values: Any = None
    pictures: dict = field(default_factory=dict)  # the only pictures it may name: name the
    # caller gave out -> the caller's own file (a server's pack picture); never a path

    def doc(self) -> Doc:
        if self.text is not None:
            return replace(load_yaml(Path("upload.yaml"), self.text, self.name),
                           pictures=self.pictures)
        return Doc(Path("form"), self.values, name=self.name, in_memory=True,
                   pictures=self.pictures)


@dataclass(frozen=True)
class Inputs:
    """Everything one deck is made from. Paths are the caller's own (the command line's
    arguments, the server's start options); what a client sends comes as Source/Upload."""

    topics: Path | tuple[Source | Topic, ...] | None = None  # None: the default topics
    pack: str | Pack | None = None     # a content pack: its name or folder (with topics a
                                       # folder or None), or loaded (with topics given)
    brand: str | Path = "default"      # a profile name or path ...
    brand_values: dict | None = None   # ... or its merged values (a school of a list)
    meeting: Path | Source | None = None
    meeting_fields: dict = field(default_factory=dict)  # over the file (command line)
    logo: Upload | None = None         # over the brand's logo
    template: Path | Upload | None = None
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    audience: str | None = None
    aspect: str | None = None          # None: 16:9, or the template's own page


@record
class DeckBytes(NamedTuple):
    data: bytes
    slides: int
    warnings: tuple[str, ...]


@record
class Planned(NamedTuple):
    plan: Any            # plan.DeckPlan
    deck: Deck


@record
class HandoutBytes(NamedTuple):
    data: bytes          # the editable A4 .pptx
    size_pt: float
    warnings: tuple[str, ...]


def load(inputs: Inputs) -> Deck:
    """load + validate: the typed Deck, or InputError listing everything that is wrong in
    the meeting, the brand, the topics, the logo and the template together; a school
    template (given or the profile's) is read for planning."""
    problems: list[Problem] = []

    def collected(step, *args):
        try:
            return step(*args)
        except InputError as exc:
            problems.extend(exc.problems)
            return None

    meeting = collected(_meeting, inputs)
    school = meeting.school if meeting else ""
    brand = collected(brand_of, inputs.brand_values, school) if inputs.brand_values \
        is not None else collected(load_brand, inputs.brand, school)
    content = collected(_content, inputs)
    template_file = inputs.template and collected(checked_template, inputs.template)
    logo = inputs.logo and collected(checked_logo, inputs.logo)
    if problems:
        raise InputError(problems)
    if logo:
        brand = brand._replace(logo=logo)
    pack = content.pack
    meeting = meeting._replace(title=meeting.title or pack.meeting_title)
    stale = stale_warning(pack)
    template, warnings = None, [stale] if stale else []
    if template_file or brand.template:
        from .render.template import read_template
        brand = brand._replace(template=template_file or brand.template)
        template = read_template(brand.template)
        brand, more = on_template(brand, template)
        warnings += more + aspect_ignored(inputs.aspect, template)
    topics = select(content.topics, inputs.only, inputs.skip, inputs.audience)
    topics, left_out = without_empty_parts(content.topics, topics, inputs.only)
    warnings += left_out
    return Deck(topics=topics, brand=brand, meeting=meeting, aspect=inputs.aspect or "16:9",
                warnings=tuple(warnings), template=template, pack=pack)


def _meeting(inputs: Inputs) -> Meeting:
    if isinstance(inputs.meeting, Source):
        values = meeting_values(inputs.meeting.doc())
        return load_meeting(None, {**values, **inputs.meeting_fields})
    return load_meeting(inputs.meeting, inputs.meeting_fields)


def _content(inputs: Inputs) -> Content:
    """The content pack and its topics: loaded from the pack's name or the folder, or the
    given topics (Source ones validated) framed by the given pack (a loaded Pack, or one
    named; the neutral frame without one)."""
    if not isinstance(inputs.topics, tuple):
        return load_content(inputs.pack, inputs.topics)
    pack = inputs.pack if isinstance(inputs.pack, Pack) else \
        load_content(inputs.pack).pack if inputs.pack else NEUTRAL
    return Content(pack, in_parts(_topics(inputs.topics)), ())


def _topics(topics: Path | tuple | None) -> tuple[Topic, ...]:
    """Topics of a folder, or the given ones in their order: Source ones validated (every
    problem of all of them at once), Topic ones as they are."""
    if topics is None or isinstance(topics, (str, Path)):
        return load_topics(topics)
    docs, problems = {}, []
    for i, item in enumerate(topics):
        if isinstance(item, Source):
            try:
                docs[i] = item.doc()
            except InputError as exc:
                problems += exc.problems
    try:
        checked = iter(validate.topics(list(docs.values())) if docs else ())
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return tuple(next(checked) if i in docs else item for i, item in enumerate(topics))


def content_of(pack: str | None, folder: Path | None) -> Content:
    """The content a server offers: the pack (by name or folder) or the topics of `folder`,
    the default pack when neither is given."""
    return load_content(pack, folder)


def checked_template(path: Path | Upload) -> Path | Upload:
    """The --template file (or an uploaded one), or InputError saying why it cannot be
    used."""
    if isinstance(path, Upload):
        problem = files.template_problem(path, path.name)
        if problem:
            raise InputError([Problem(path.name, "", problem)])
        return path
    problem, found = files.find(Path.cwd(), str(path))
    problem = problem or files.template_problem(found, str(path))
    if problem:
        raise InputError([Problem("--template", "", problem)])
    return found


def checked_logo(logo: Upload) -> Upload:
    from .inputs.images import load_image
    load_image(logo)  # InputError naming the upload when it is no picture
    return logo


def plan_deck(inputs: Inputs) -> Planned:
    """The plan of the deck (what the SVG preview draws) and the Deck it was made from."""
    from .plan import plan
    deck = load(inputs)
    return Planned(plan(deck), deck)


def render_bytes(planned, deck: Deck, when: dt.datetime) -> bytes:
    """The .pptx bytes of a planned deck, every entry stamped `when`."""
    from .render import render
    from .render.package import package_bytes
    return package_bytes(render(planned, deck, when), when)


def deck_bytes(inputs: Inputs, when: dt.datetime | None = None) -> DeckBytes:
    """The deck of `inputs` as .pptx bytes, with its slide count and warnings; nothing is
    written. `when` (default: build_time()) stamps the package."""
    from .output.write import build_time
    planned, deck = plan_deck(inputs)
    data = render_bytes(planned, deck, when or build_time())
    return DeckBytes(data, len(planned.slides), planned.warnings)


def handout_bytes(inputs: Inputs, when: dt.datetime | None = None) -> HandoutBytes:
    """The parents' handout (one A4 page) as .pptx bytes. Topics default to the parents'
    ones."""
    from .plan.handout import plan_handout
    from .render.handout import render_handout
    from .output.write import build_time
    from .render.package import package_bytes
    when = when or build_time()
    deck = load(replace(inputs, audience=inputs.audience or "parents"))
    page = plan_handout(deck)
    data = package_bytes(render_handout(page, deck, when), when)
    return HandoutBytes(data, page.size_pt, page.warnings)
