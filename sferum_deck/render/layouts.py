"""Layouts chosen by their placeholders, never by name (names are localized: «Заголовок и
объект»), for our own base and for a school's template alike.

Roles:
  content     a title and one text area large enough for a list or QR cards
  title_only  a title alone (links slides), from the content layout's master if it has one
  section     a divider (our base's section layout; on a template its title-only layout,
              whose backdrop the colours were checked against like the content layout's)
  cover       a title (or centred title) and a subtitle: the title slide
A template without a usable content layout is refused with a message saying what it lacks.
"""
from __future__ import annotations

from typing import NamedTuple

from ..errors import InputError, Problem
from ..model import Box, record
from ..plan.grid import MARGIN
from ..plan.records import CONTENT, COVER, SECTION, TITLE_ONLY
from .xml import EMU_PER_PT, NS

TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj"}
FOOTER_TYPES = {"dt", "ftr", "sldNum", "hdr"}
MIN_BODY_W, MIN_BODY_H = 324.0, 224.0  # 11.4 x 7.9 cm on a 16:9 page (a list at 18 pt, QR
# cards 1.6 in); the same share of any other page (minimum_body)
MIN_COVER_H = 150.0          # a cover subtitle lower than this grows to the bottom margin
MIN_COVER_LINES_H = 117.0    # four cover lines at 18 pt
MIN_COVER_AREA = 252.0 * 150.0  # and room for a long school name to wrap
KIND_NAMES = {"pic": "рисунка", "chart": "диаграммы", "tbl": "таблицы", "dgm": "схемы SmartArt",
              "media": "видео", "clipArt": "картинки", "obj": "объекта", "body": "текста",
              "subTitle": "подзаголовка"}


@record
class Slot(NamedTuple):
    """One placeholder of a layout: its XML type, box in points, and the shape itself."""

    kind: str
    box: Box | None
    vertical: bool
    shape: object


@record
class Roles(NamedTuple):
    content: object
    title_only: object
    cover: object
    section: object = None  # our base's section layout; a template's title-only one

    def for_page(self, page: str):
        """The layout for a page role (plan.records.PAGES)."""
        return {COVER: self.cover, CONTENT: self.content, TITLE_ONLY: self.title_only,
                SECTION: self.section or self.title_only}[page]


def _kind_class(kind: str) -> str:
    return "title" if kind in TITLE_TYPES else "body" if kind in BODY_TYPES else kind


def placeholder_of(element):
    """The p:ph of a shape element (a text box, picture, table or chart placeholder), or
    None when it is no placeholder."""
    return element.find("*/p:nvPr/p:ph", NS)


def placeholder_kind(element) -> str:
    ph = placeholder_of(element)
    return ph.get("type", "obj") if ph is not None else ""


def _box_of(shape) -> Box | None:
    """The box a shape's own a:xfrm sets, in points (None without one)."""
    xfrm = shape._element.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = shape._element.find("p:xfrm", NS)  # a table or chart frame
    off = xfrm.find("a:off", NS) if xfrm is not None else None
    ext = xfrm.find("a:ext", NS) if xfrm is not None else None
    if off is None or ext is None:
        return None
    try:
        x, y, w, h = (int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                                     ext.get("cy")))
    except (TypeError, ValueError):
        return None
    return Box(x, y, w, h) if w > 0 and h > 0 else None


def _master_kind(kind: str) -> str:
    """The master placeholder a layout placeholder of `kind` inherits its position from."""
    return "title" if kind in TITLE_TYPES else kind if kind in FOOTER_TYPES else "body"


def minimum_body(width: float, height: float) -> tuple[float, float]:
    """The smallest text area (w, h in points) a content layout may have on a page of
    `width` x `height`: MIN_BODY_W x MIN_BODY_H on a 16:9 page of 960 x 540 pt, the same
    share of any other page, but never below its share of a 720 x 405 pt page (Google
    Slides' size): text is never set smaller than 18 pt, whatever the page."""
    return (max(MIN_BODY_W * width / 960, MIN_BODY_W * 0.75),
            max(MIN_BODY_H * height / 540, MIN_BODY_H * 0.75))


class Layouts:
    """The layouts of a template judged by what a person sees on them: each placeholder
    where the layout puts it, else where its master does. Two exceptions: layouts that
    LibreOffice wrote with stock positions (see stock) are seen through their master, and
    the template's own sample slides are a hint, used only where the layout's own text
    area would be refused."""

    def __init__(self, prs):
        self.prs = prs
        self.width, self.height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
        self.all = [(m, i, layout) for m, master in enumerate(prs.slide_masters)
                    for i, layout in enumerate(master.slide_layouts)]
        self.used = [s.slide_layout.part.partname for s in prs.slides]
        self._slots: dict[str, list[Slot]] = {}
        self._masters: dict[str, dict[str, Box | None]] = {}
        self._stock: dict[str, bool] = {}
        self.grown: set[str] = set()  # layouts whose text area had to grow
        self.samples: list[tuple[object, dict[str, Box]]] = []  # (layout, boxes by kind)
        for slide in prs.slides:
            boxes: dict[str, list[Box]] = {}
            for shape in slide.placeholders:
                box = _box_of(shape)
                if box is not None:
                    kind = _kind_class(placeholder_kind(shape._element))
                    boxes.setdefault(kind, []).append(box)
            self.samples.append((slide.slide_layout, {k: v[0] for k, v in boxes.items()
                                                      if len(v) == 1}))

    def slots(self, layout) -> list[Slot]:
        """The placeholders of a layout with the boxes a person sees them in."""
        key = layout.part.partname
        if key not in self._slots:
            self._slots[key] = self._read_slots(layout)
        return self._slots[key]

    def _read_slots(self, layout) -> list[Slot]:
        master = self._master_boxes(layout.slide_master)
        stock = self.stock(layout.slide_master)
        found = []
        for shape in layout.placeholders:
            ph = placeholder_of(shape._element)
            kind = ph.get("type", "obj")
            own = None if stock and kind not in FOOTER_TYPES else _box_of(shape)
            box = own or master.get(_master_kind(kind))
            body_pr = shape._element.find("p:txBody/a:bodyPr", NS)
            vertical = ph.get("orient") == "vert" or (
                body_pr is not None and body_pr.get("vert", "horz") not in ("horz", ""))
            found.append(Slot(kind, box, vertical, shape))
        return found

    def _master_boxes(self, master) -> dict[str, Box | None]:
        """The box of each kind of placeholder on `master` (read once per master)."""
        key = master.part.partname
        if key not in self._masters:
            boxes = self._masters[key] = {}
            for shape in master.placeholders:
                kind = placeholder_kind(shape._element)
                boxes.setdefault(_master_kind(kind), _box_of(shape))
        return self._masters[key]

    def stock(self, master) -> bool:
        """Whether the layouts of `master` carry LibreOffice's stock positions: LibreOffice
        writes every layout with one set of boxes, so that its title slide has exactly the
        title and text boxes of its title-and-content layout (no designer's title slide
        does); the master then holds the real ones."""
        key = master.part.partname
        if key not in self._stock:
            covers, contents = set(), set()
            for layout in master.slide_layouts:
                boxes: dict[str, list] = {}
                for shape in layout.placeholders:
                    boxes.setdefault(placeholder_kind(shape._element), []).append(
                        _box_of(shape))
                titles = boxes.get("title", []) + boxes.get("ctrTitle", [])
                texts = boxes.get("obj", []) + boxes.get("body", [])
                if len(titles) == 1 and titles[0] and len(boxes.get("subTitle", [])) == 1:
                    covers.add((titles[0], boxes["subTitle"][0]))
                if len(titles) == 1 and titles[0] and len(texts) == 1:
                    contents.add((titles[0], texts[0]))
            self._stock[key] = bool(covers & contents)
        return self._stock[key]

    def hints(self, layout) -> list[dict[str, Box]]:
        """Boxes of the template's own slides, as hints for `layout`: its own slides first,
        then slides on other layouts of its master that show one title and one text area."""
        mine = [b for owner, b in self.samples if owner.part is layout.part]
        others = [b for owner, b in self.samples
                  if owner.part is not layout.part and owner.slide_master.part is
                  layout.slide_master.part and "title" in b and "body" in b]
        return mine + others

    def own(self, layout) -> list[Slot]:
        return [s for s in self.slots(layout) if s.kind not in FOOTER_TYPES]

    def content(self, layout) -> tuple[Slot, Slot] | str:
        """(title, body) of a layout fit for lists and cards, else why not (Russian)."""
        own = self.own(layout)
        titles = [s for s in own if s.kind in TITLE_TYPES]
        bodies = [s for s in own if s.kind in BODY_TYPES]
        others = [s for s in own if s not in titles and s not in bodies]
        if len(titles) != 1:
            return "нет заголовка" if not titles else "несколько заголовков"
        if not bodies:
            return "нет области текста"
        if len(bodies) > 1:
            return "несколько областей текста"
        if others:
            return f"есть место для {KIND_NAMES.get(others[0].kind, 'другого содержимого')}"
        title, body = titles[0], bodies[0]
        if title.vertical or body.vertical:
            return "вертикальный текст"
        pairs = [(title.box, body.box)] + [(h.get("title", title.box), h["body"])
                                           for h in self.hints(layout) if "body" in h]
        pairs = [(t, b) for t, b in pairs if t is not None and b is not None]
        if not pairs:
            return "у заполнителей нет положения"
        min_w, min_h = minimum_body(self.width, self.height)
        reason = ""
        for title_box, box in pairs:
            area = self._grown(clear_of_title(box, title_box), title_box, layout)
            if area.w >= min_w and area.h >= min_h:
                return title._replace(box=title_box), Slot(body.kind, area, False, body.shape)
            reason = reason or f"область текста мала ({_cm(area.w)} × {_cm(area.h)} см)"
        return reason

    def _grown(self, box: Box, title: Box, layout) -> Box:
        """A text area lower than the minimum grown down to the footer line or the bottom
        margin, never over the title (PowerPoint lets the text run on there); the layout
        is then ranked after those that need no growing (see roles)."""
        if box.h >= minimum_body(self.width, self.height)[1]:
            return box
        bottom = self.height - MARGIN
        obstacles = [title] + [slot.box for slot in footer_slots(self, layout).values()]
        for f in obstacles:
            if f.y >= box.bottom - 1 and f.x < box.right and box.x < f.right:
                bottom = min(bottom, f.y - 8)
        if bottom > box.bottom:
            self.grown.add(layout.part.partname)
        return box._replace(h=max(box.h, bottom - box.y))

    def title_only(self, layout) -> Slot | None:
        own = self.own(layout)
        if len(own) == 1 and own[0].kind in TITLE_TYPES and own[0].box and not own[0].vertical:
            return own[0]
        return None

    def cover(self, layout) -> tuple[Slot, Slot] | None:
        """(title, subtitle) of a title-slide layout with room for the cover's lines."""
        own = self.own(layout)
        titles = [s for s in own if s.kind in TITLE_TYPES]
        subtitles = [s for s in own if s.kind == "subTitle"]
        if len(own) != 2 or len(titles) != 1 or len(subtitles) != 1:
            return None
        title, sub = titles[0], subtitles[0]
        if title.box is None or sub.box is None or title.vertical or sub.vertical:
            return None
        box = self._roomier(clear_of_title(sub.box, title.box), title.box)
        if box.h < MIN_COVER_LINES_H or box.w * box.h < MIN_COVER_AREA:
            return None
        return title, Slot(sub.kind, box, sub.vertical, sub.shape)

    def _roomier(self, box: Box, title: Box) -> Box:
        """A low subtitle box grown towards the bottom margin and the title, never over it."""
        if box.h >= MIN_COVER_H:
            return box
        side_by_side = title.right <= box.x or box.right <= title.x
        below = not side_by_side and title.y >= box.bottom
        above = not side_by_side and title.bottom <= box.y
        page_bottom = self.prs.slide_height / EMU_PER_PT - MARGIN
        bottom = max(box.bottom, title.y - 8 if below else page_bottom)
        top = min(box.y, title.bottom + 8) if above else box.y
        return Box(box.x, top, box.w, bottom - top)

    def roles(self) -> Roles:
        """The layouts our slides go on (see the module doc); InputError naming what the
        template lacks when no layout can take a list."""
        content = [c for c in self.all if isinstance(self.content(c[2]), tuple)]
        if not content:
            raise InputError([Problem("", "", self._lacks())])
        area = {id(c[2]): self.content(c[2])[1].box.w * self.content(c[2])[1].box.h
                for c in content}
        largest = max(area.values())
        best = min(content, key=lambda c: (area[id(c[2])] < 0.7 * largest,
                                           c[2].part.partname in self.grown,
                                           self._unused(c), c[0], c[1]))
        home = best[0]
        title_only = [c for c in self.all if self.title_only(c[2])]
        covers = [c for c in self.all if self.cover(c[2])]
        pick = min(title_only, key=lambda c: (c[0] != home, self._unused(c), c[0], c[1]),
                   default=best)
        first = self.used[:1]
        cover = min(covers, key=lambda c: (c[2].part.partname not in first, c[0] != home,
                                           self.cover(c[2])[0].kind != "ctrTitle", c[0], c[1]),
                    default=best)
        return Roles(content=best[2], title_only=pick[2], cover=cover[2])

    def _unused(self, choice) -> bool:
        return choice[2].part.partname not in self.used

    def _lacks(self) -> str:
        reasons = [f"«{layout.name or 'без имени'}» — {self.content(layout)}"
                   for _, _, layout in self.all]
        listed = "; ".join(list(dict.fromkeys(reasons))[:12]) or "макетов нет"
        min_w, min_h = minimum_body(self.width, self.height)
        return ("в шаблоне нет макета для слайдов с текстом: нужен макет с заголовком и "
                f"одной областью текста не меньше {_cm(min_w)} × {_cm(min_h)} см "
                f"(как «Заголовок и объект»). Макеты шаблона: {listed}")


def clear_of_title(box: Box, title: Box) -> Box:
    """A text box that overlaps the title (stock positions of one placeholder, a sample
    slide's of the other) moved to the larger free part above or below the title."""
    if box.right <= title.x or title.right <= box.x or box.bottom <= title.y or \
            title.bottom <= box.y:
        return box
    below = Box(box.x, title.bottom + 8, box.w, box.bottom - title.bottom - 8)
    above = Box(box.x, box.y, box.w, title.y - 8 - box.y)
    return below if below.h >= above.h else above


def _cm(points: float) -> str:
    return f"{points / 72 * 2.54:.1f}".replace(".", ",")


def layout_roles(prs) -> Roles:
    """The layouts our slides go on, chosen by their placeholders."""
    return Layouts(prs).roles()


def footer_ids(layout) -> dict[str, str]:
    """idx of the footer and slide-number placeholders our slides on `layout` get: the
    layout's, else the master's (so renderers show our number, not the master's field)."""
    ids: dict[str, str] = {}
    for shape in list(layout.placeholders) + list(layout.slide_master.placeholders):
        ph = placeholder_of(shape._element)
        if ph.get("type") in ("ftr", "sldNum"):
            ids.setdefault(ph.get("type"), ph.get("idx", "0"))
    return ids


def number_alignment(layout, default: str = "ctr") -> str:
    """How the template aligns its slide number on `layout` (its placeholder's list style
    or first paragraph, the layout's before the master's): "l", "ctr" or "r"."""
    for shape in list(layout.placeholders) + list(layout.slide_master.placeholders):
        if placeholder_kind(shape._element) != "sldNum":
            continue
        for path in ("p:txBody/a:lstStyle/a:lvl1pPr", "p:txBody/a:p/a:pPr"):
            found = shape._element.find(path, NS)
            if found is not None and found.get("algn") in ("l", "ctr", "r"):
                return found.get("algn")
    return default


def footer_slots(layouts: Layouts, layout) -> dict[str, Slot]:
    """Date, footer and slide-number slots where slides on `layout` show them: the
    layout's, else the master's (the master's first when LibreOffice wrote the layouts
    with stock positions, see Layouts.stock)."""
    found: dict[str, Slot] = {}
    if not layouts.stock(layout.slide_master):
        for slot in layouts.slots(layout):
            if slot.kind in FOOTER_TYPES and slot.box:
                found.setdefault(slot.kind, slot)
    for shape in layout.slide_master.placeholders:
        kind = placeholder_kind(shape._element)
        if kind in FOOTER_TYPES and _box_of(shape) is not None:
            found.setdefault(kind, Slot(kind, _box_of(shape), False, shape))
    for slot in layouts.slots(layout):
        if slot.kind in FOOTER_TYPES and slot.box:
            found.setdefault(slot.kind, slot)
    return found
