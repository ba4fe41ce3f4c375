"""The typed model: what validation produces and planning consumes. Immutable records
(NamedTuples: as typed as frozen dataclasses, and ten times cheaper to define at start-up,
which every run of the command pays), no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

AUDIENCES = ("parents", "teachers", "students")
ASPECTS = ("16:9", "4:3")


INSET_X, INSET_Y = 7.2, 3.6  # text insets inside every box we write


def record(cls):
    """The NamedTuple `cls`, comparing equal only to records of its own kind. A plain
    NamedTuple equals any tuple of the same values (Item("a") == Run("a")); records are
    typed values, so a Box never equals a Colour or a bare tuple. Hashes stay tuple hashes."""
    def __eq__(self, other):
        return type(other) is type(self) and tuple.__eq__(self, other)

    def __ne__(self, other):
        return not __eq__(self, other)

    cls.__eq__, cls.__ne__, cls.__hash__ = __eq__, __ne__, tuple.__hash__
    return cls


@record
class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def inner_w(self) -> float:
        return self.w - 2 * INSET_X

    @property
    def inner_h(self) -> float:
        return self.h - 2 * INSET_Y

    def shifted(self, dx: float = 0, dw: float = 0, dy: float = 0, dh: float = 0) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w + dw, self.h + dh)


@record
class Colour(NamedTuple):
    """An sRGB colour, parsed once from '#RRGGBB'."""

    hex: str  # six upper-case hex digits, no '#'

    @classmethod
    def parse(cls, text: str) -> "Colour":
        """Return the colour of '#RRGGBB' or 'RRGGBB' (also '#RGB'); ValueError otherwise."""
        value = text.strip().lstrip("#")
        if len(value) == 3:
            value = "".join(c * 2 for c in value)
        if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
            raise ValueError(text)
        return cls(value.upper())

    @property
    def rgb(self) -> tuple[int, int, int]:
        return tuple(int(self.hex[i:i + 2], 16) for i in (0, 2, 4))

    def luminance(self) -> float:
        """WCAG 2.1 relative luminance."""
        return _luminance(self.hex)

    def contrast(self, other: "Colour") -> float:
        """WCAG 2.1 contrast ratio with `other` (1.0 .. 21.0)."""
        hi, lo = sorted((self.luminance(), other.luminance()), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    def mix(self, other: "Colour", share: float) -> "Colour":
        """This colour moved `share` (0..1) of the way towards `other`."""
        return Colour("".join(f"{round(a + (b - a) * share):02X}"
                              for a, b in zip(self.rgb, other.rgb)))

    def __str__(self) -> str:
        return "#" + self.hex


@lru_cache(maxsize=4096)  # contrast checks ask for the same few colours thousands of times
def _luminance(hex_digits: str) -> float:
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(hex_digits[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@dataclass(frozen=True, slots=True)
class Upload:
    """A file given in memory (a web page's upload): its bytes, and the name the user gave
    it, which only messages show; it is never opened as a path."""

    name: str
    data: bytes = field(repr=False)

    @property
    def suffix(self) -> str:
        return Path(self.name.replace("\\", "/").rsplit("/", 1)[-1]).suffix

    def __str__(self) -> str:
        return self.name


WHITE = Colour("FFFFFF")
BLACK = Colour("000000")


@record
class Font(NamedTuple):
    """A typeface as written into the deck, and the font files used to measure it."""

    name: str
    regular: Path
    bold: Path


@record
class Item(NamedTuple):
    """One bullet or step: the short slide text and, optionally, its own speaker notes; an
    important item is drawn as a callout; `items` are its sub-items (one level)."""

    text: str
    notes: str = ""
    important: bool = False
    items: tuple[str, ...] = ()


@record
class Link(NamedTuple):
    url: str
    label: str
    caption: str


TONES = ("positive", "negative", "neutral")


@record
class Column(NamedTuple):
    """One column of a comparison: a heading, its items and its tone (TONES)."""

    heading: str
    items: tuple[Item, ...]
    tone: str = "neutral"


@record
class Quote(NamedTuple):
    """Words someone said, and who: name, role, where it was said or written."""

    text: str
    name: str = ""
    role: str = ""
    source: str = ""


@record
class Table(NamedTuple):
    """A topic's table: the header row, then the body rows, every row as long."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str  # "file:line" of the table field, for messages


@record
class Figure(NamedTuple):
    """A topic's picture: the file (inside the topic's folder), what it shows, its caption."""

    path: Path
    alt: str
    caption: str = ""
    source: str = ""  # "file:line" of the image field
    name: str = ""    # the picture as the topic file names it (pictures/chat.png): what a
                      # web page is shown and sends back, never opened as a path from there


@record
class Topic(NamedTuple):
    id: str
    title: str
    section: str
    layout: str
    audience: tuple[str, ...]
    items: tuple[Item, ...]
    links: tuple[Link, ...]
    notes: str
    source: str  # "file:line" of the topic, for messages
    content: object = None  # the layout's own value when it is not items or links:
                            # columns (tuple[Column, ...]), a Quote ...
    numbered: bool = False  # bullets: numbers instead of dots (a sequence, not steps)
    table: Table | None = None    # layout table
    figure: Figure | None = None  # layout image
    texts: tuple[tuple[str, str, str], ...] = ()  # (file:line, field, text) shown on slides


@record
class Source(NamedTuple):
    """A document a content pack was written from."""

    title: str
    organisation: str = ""
    date: str = ""   # ДД.ММ.ГГГГ
    url: str = ""
    note: str = ""

    def cited(self, note: bool = False) -> str:
        """«title (organisation, date)», with «; note» inside the brackets when asked."""
        detail = ", ".join(x for x in (self.organisation, self.date) if x)
        if note and self.note:
            detail = "; ".join(x for x in (detail, self.note) if x)
        return self.title + (f" ({detail})" if detail else "")


CLASS_SLOT = "{class}"  # where the class (group) name goes in the words of a pack


@record
class Words(NamedTuple):
    """How a pack names its organisation and people; `{class}` stands for the class or
    group name of the meeting. The defaults are neutral: right for a school, a kindergarten
    and a college alike."""

    organisation: str = "Организация"
    group: str = "{class}"
    group_of: str = ""  # empty: the greeting names no class
    teacher: str = "Педагог"
    head: str = "Руководитель"

    def of_group(self, template: str, name: str) -> str:
        """`template` (group or group_of) with the class name in it; "" without a name."""
        return template.replace(CLASS_SLOT, name) if name and template else ""


@record
class Pack(NamedTuple):
    """A content pack's description and the frame text of its decks (pack.yaml). The
    defaults are the neutral frame of a topic folder without pack.yaml."""

    name: str = ""            # the pack's folder name, as the user refers to it
    title: str = ""
    author: str = ""
    region: str = ""
    as_of: str = ""           # ДД.ММ.ГГГГ
    review_after: str = ""
    review_advice: str = ""
    sources: tuple[Source, ...] = ()
    meeting_title: str = "Родительское собрание"
    subject: str = "Родительское собрание"
    keywords: str = "родительское собрание"
    words: Words = Words()
    cover_notes: str = ""
    closing_lines: tuple[str, ...] = ()
    closing_notes: str = ""
    handout_title: str = "Памятка для родителей"
    handout_steps: tuple[str, ...] = ()   # topic ids
    handout_links: tuple[str, ...] = ()
    handout_contacts: tuple[str, ...] = ()
    source: str = ""          # "file:line" of pack.yaml ("" without one)
    chain: tuple[str, ...] = ()  # the pack and the packs it extends, as named


NEUTRAL = Pack()


@record
class Palette(NamedTuple):
    primary: Colour
    accent: Colour
    background: Colour
    text: Colour


@record
class Brand(NamedTuple):
    name: str
    full_name: str
    short_name: str
    municipality: str
    palette: Palette
    heading_font: Font
    body_font: Font
    logo: Path | Upload | None
    footer: str
    phone: str = ""
    email: str = ""
    site: str = ""
    principal: str = ""
    template: Path | Upload | None = None
    source: str = ""

    @property
    def logo_alt(self) -> str:
        """Alt text of the logo: whose logo it is (the school's name), as for any logo."""
        return self.full_name or self.short_name or self.municipality or "Эмблема собрания"


@record
class Meeting(NamedTuple):
    school: str = ""
    class_name: str = ""
    date: str = ""
    time: str = ""
    teacher: str = ""
    link: str = ""
    teacher_contacts: str = ""
    title: str = ""  # empty: the content pack's meeting_title


@record
class Backdrops(NamedTuple):
    """The colours that may lie behind each kind of text: one for a plain page, several
    where a template puts a band, a gradient or a picture under the text."""

    title: tuple[Colour, ...]
    body: tuple[Colour, ...]
    cover_title: tuple[Colour, ...]
    cover_body: tuple[Colour, ...]
    footer: tuple[Colour, ...]
    number: tuple[Colour, ...]   # the slide number

    @classmethod
    def plain(cls, page: Colour) -> "Backdrops":
        return cls(*[(page,)] * 6)


@record
class Drawing(NamedTuple):
    """A shape a template's master or layout draws under every slide, as a preview draws
    it: filled (one colour, or a linear gradient's stops) or a picture; no outline, no
    text."""

    box: Box
    geometry: str                     # rect | roundRect | ellipse | polygon | picture
    fill: tuple[Colour, ...] = ()
    stops: tuple[float, ...] = ()     # a gradient's stop positions, 0..1
    angle: float = 0.0                # a gradient's direction, degrees clockwise
    opacity: float = 1.0
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()  # polygons in 0..1 of box
    picture: bytes = b""


@record
class Page(NamedTuple):
    """How a template's layout paints the page under a slide, for previews: its colour (a
    picture's or a gradient's mean), the background picture (PNG, JPEG ...) if any, and
    the master's and layout's own shapes, bottom first."""

    colour: Colour
    picture: bytes = b""
    drawings: tuple[Drawing, ...] = ()


@record
class Template(NamedTuple):
    """What planning needs to know of a school's own template (read by render/template.py):
    the page, the boxes of the chosen layouts' placeholders (points; both divided by
    `scale` for a page larger than ours), what lies behind them, the text colours the
    template gives them, and its theme."""

    path: Path | Upload
    width: float
    height: float
    title: Box
    body: Box
    cover_title: Box
    cover_body: Box
    footer: Box | None
    number: Box | None
    backdrops: Backdrops
    text: Backdrops          # the template's own text colour of each kind, one each
    palette: Palette         # accent1, accent2, page colour, body text colour
    link: Colour             # the theme's hyperlink colour
    heading_font: str
    body_font: str
    page: Page | None = None        # under content slides (previews only)
    cover_page: Page | None = None  # under the title slide
    scale: float = 1.0       # the page is this much larger than the one planned on


@record
class Deck(NamedTuple):
    topics: tuple[Topic, ...]
    brand: Brand
    meeting: Meeting
    aspect: str = "16:9"
    warnings: tuple[str, ...] = ()
    template: Template | None = None
    pack: Pack = NEUTRAL

    @property
    def title(self) -> str:
        """The meeting's title, or the content pack's default one."""
        return self.meeting.title or self.pack.meeting_title
