"""The core: inputs -> validated model -> plan -> render -> output, one function per product
(deck, handout) that the command line, batch and the web app all call."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from .errors import InputError, Problem, Problems, file_and_line
from .inputs import files, validate
from .inputs.brands import load_brand, on_template
from .inputs.load import display, load_yaml
from .inputs.resources import default_slides
from .inputs.schema import MEETING
from .model import Deck, Meeting, Topic, record


@dataclass(frozen=True)
class Options:
    """What the user asked for: sources, selection, meeting fields, output."""

    content: Path | None = None
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
    """Every topic file of a folder (default content when None), in file-name order."""
    folder = Path(folder) if folder else default_slides()
    if not folder.is_dir():
        what = "это файл, а нужна папка с файлами тем" if folder.is_file() else \
            "папка с темами не найдена"
        raise InputError([Problem(display(folder), "", what)])
    docs, problems = [], []
    paths = sorted(folder.glob("*.y*ml"))
    for path in paths:
        try:
            docs.append(load_yaml(path))
        except InputError as exc:  # keep going: every broken file is reported at once
            problems += exc.problems
    try:
        topics = validate.topics(docs) if docs or not problems else ()
    except InputError as exc:
        problems += exc.problems
    if problems:
        order = {display(path): i for i, path in enumerate(paths)}
        raise InputError(sorted(problems, key=lambda p: order.get(file_and_line(p)[0], -1)))
    return topics


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
    values: dict = {}
    if path is not None:
        doc = load_yaml(path)
        problems = Problems()
        values = validate.Checker(doc, problems).mapping(doc.data or {}, (), MEETING)
        problems.raise_if_any()
    given = {k: v for k, v in given.items() if v}
    problems = Problems()
    for name, value in given.items():  # dates, times and links are checked by click types
        limit = MEETING.get(name).max_len if MEETING.get(name) else None
        if limit and len(str(value)) > limit:
            problems.add("--" + name.replace("_", "-"), "",
                         validate.too_long(str(value), limit))
    problems.raise_if_any()
    values.update(given)
    rename = {"class": "class_name", "meeting_link": "link"}
    fields = {rename.get(k, k): v for k, v in values.items() if v}
    return Meeting(**fields)


def load_deck(options: Options) -> Deck:
    """load + validate: the typed Deck, or InputError listing everything that is wrong in
    the meeting file, the brand profile and the topic files together; a school template
    (--template or the profile's) is read for planning."""
    problems: list[Problem] = []

    def collected(step, *args):
        try:
            return step(*args)
        except InputError as exc:
            problems.extend(exc.problems)
            return None

    meeting = collected(load_meeting, options.meeting_file, options.meeting)
    brand = collected(load_brand, options.brand, meeting.school if meeting else "")
    topics = collected(load_topics, options.content)
    template_file = options.template and collected(checked_template, options.template)
    if problems:
        raise InputError(problems)
    template, warnings = None, []
    if template_file or brand.template:
        from .render.template import read_template
        brand = brand._replace(template=template_file or brand.template)
        template = read_template(brand.template)
        brand, warnings = on_template(brand, template)
        warnings += aspect_ignored(options.aspect, template)
    topics = select(topics, options.only, options.skip, options.audience)
    return Deck(topics=topics, brand=brand, meeting=meeting, aspect=options.aspect or "16:9",
                warnings=tuple(warnings), template=template)


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
    return [f"--aspect {aspect} не действует с шаблоном: размер слайдов берётся из шаблона "
            f"({cm[0]} × {cm[1]} см)"]


def checked_template(path: Path) -> Path:
    """The --template file, or InputError saying why it cannot be used."""
    problem, found = files.find(Path.cwd(), str(path))
    problem = problem or files.template_problem(found, str(path))
    if problem:
        raise InputError([Problem("--template", "", problem)])
    return found


def build(options: Options, output: Path) -> Built:
    """The whole pipeline for one deck; the output file is replaced only when complete."""
    from .output.write import build_time, check_deck_target
    from .plan import plan
    from .render import render
    from .render.package import save

    check_deck_target(output)
    deck = load_deck(options)
    planned = plan(deck)
    when = build_time()
    size = save(render(planned, deck, when), output, when)
    return Built(Path(output), len(planned.slides), size, planned.warnings)


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
    from .plan.handout import plan_handout
    from .render.handout import render_handout
    from .render.package import package_bytes

    source, printed = Path(output).with_suffix(".pptx"), Path(output).with_suffix(".pdf")
    if pdf:
        check_target(printed)
        require_tools("soffice")
    check_target(source)
    deck = load_deck(replace(options, audience=options.audience or "parents"))
    page = plan_handout(deck)
    when = build_time()
    data = package_bytes(render_handout(page, deck, when), when)
    rendered = None
    if pdf:
        with tempfile.TemporaryDirectory(prefix="sferum-handout-") as tmp:
            draft = Path(tmp) / source.name
            draft.write_bytes(data)
            rendered = to_pdf(draft, Path(tmp)).read_bytes()
    write_atomic(source, data)
    if rendered is not None:
        write_atomic(printed, rendered)
    return BuiltHandout(source, printed if pdf else None, page.size_pt, page.warnings)
