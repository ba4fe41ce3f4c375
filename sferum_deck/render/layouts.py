"""Layouts chosen by their placeholders, never by name (names are localized: «Заголовок и
объект»), for our own base and for a school's template alike.

Roles:
  content     a title and one text area large enough for a list or QR cards
  title_only  a title alone (links slides), from the content layout's master if it has one
  cover       a title (or centred title) and a subtitle: the title slide
A template without a usable content layout is refused with a message saying what it lacks.
"""
from __future__ import annotations

from typing import NamedTuple

from ..errors import InputError, Problem
from ..model import Box, record
from ..plan.grid import MARGIN
from ..plan.records import CONTENT, COVER, TITLE_ONLY
from .xml import NS

TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj"}
FOOTER_TYPES = {"dt", "ftr", "sldNum", "hdr"}
MIN_BODY_W, MIN_BODY_H = 324.0, 224.0  # 11.4 x 7.9 cm: a list at 18 pt, QR cards 1.6 in
MIN_COVER_H = 150.0          # a cover subtitle lower than this grows to the bottom margin
MIN_COVER_LINES_H = 117.0    # four cover lines at 18 pt
MIN_COVER_AREA = 252.0 * 150.0  # and room for a long school name to wrap
EMU_PER_PT = 12700
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

    def for_page(self, page: str):
        """The layout for a page role (plan.records.PAGES)."""
        return {COVER: self.cover, CONTENT: self.content, TITLE_ONLY: self.title_only}[page]


def _kind_class(kind: str) -> str:
    return "title" if kind in TITLE_TYPES else "body" if kind in BODY_TYPES else kind


def _box_of(shape) -> Box | None:
    """The box a shape's own a:xfrm sets, in points (None without one)."""
    off = shape._element.find("p:spPr/a:xfrm/a:off", NS)
    ext = shape._element.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    return Box(*(int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                               ext.get("cy"))))


def _master_kind(kind: str) -> str:
    """The master placeholder a layout placeholder of `kind` inherits its position from."""
    return "title" if kind in TITLE_TYPES else kind if kind in FOOTER_TYPES else "body"


class Layouts:
    """The layouts of a template, seen through its own sample slides: where a slide on a
    layout places its title or text, that is where the designer meant them to go (files
    saved by LibreOffice give every layout the same stock positions)."""

    def __init__(self, prs):
        self.prs = prs
        self.all = [(m, i, layout) for m, master in enumerate(prs.slide_masters)
                    for i, layout in enumerate(master.slide_layouts)]
        self.used = [s.slide_layout.part.partname for s in prs.slides]
        self._slots: dict[str, list[Slot]] = {}
        self._masters: dict[str, dict[str, Box | None]] = {}
        self.samples: dict[str, dict[str, Box]] = {}
        for slide in prs.slides:
            boxes = self.samples.setdefault(slide.slide_layout.part.partname, {})
            for shape in slide.placeholders:
                ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
                own = shape._element.find("p:spPr/a:xfrm", NS) is not None
                if own and _box_of(shape) is not None:
                    boxes.setdefault(_kind_class(ph.get("type", "obj")), _box_of(shape))

    def slots(self, layout) -> list[Slot]:
        """The placeholders of a layout, boxes as its sample slide shows them, else as the
        layout (or its master) sets them."""
        key = layout.part.partname
        if key not in self._slots:
            self._slots[key] = self._read_slots(layout)
        return self._slots[key]

    def _read_slots(self, layout) -> list[Slot]:
        sample = dict(self.samples.get(layout.part.partname, {}))
        master = self._master_boxes(layout.slide_master)
        found = []
        for shape in layout.placeholders:
            ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
            kind = ph.get("type", "obj")
            box = sample.pop(_kind_class(kind), None) or _box_of(shape) or \
                master.get(_master_kind(kind))
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
                kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type", "obj")
                boxes.setdefault(_master_kind(kind), _box_of(shape))
        return self._masters[key]

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
        if title.box is None or body.box is None:
            return "у заполнителей нет положения"
        body = Slot(body.kind, clear_of_title(body.box, title.box), False, body.shape)
        if body.box.w < MIN_BODY_W or body.box.h < MIN_BODY_H:
            return f"область текста мала ({_cm(body.box.w)} × {_cm(body.box.h)} см)"
        return title, body

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
        return ("в шаблоне нет макета для слайдов с текстом: нужен макет с заголовком и "
                f"одной областью текста не меньше {_cm(MIN_BODY_W)} × {_cm(MIN_BODY_H)} см "
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
        ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph.get("type") in ("ftr", "sldNum"):
            ids.setdefault(ph.get("type"), ph.get("idx", "0"))
    return ids


def footer_slots(layouts: Layouts, layout) -> dict[str, Slot]:
    """Date, footer and slide-number slots of the master (where a template sets them for
    all slides; LibreOffice writes stock positions on layouts), else of the layout."""
    found = {}
    for shape in layout.slide_master.placeholders:
        kind = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS).get("type", "obj")
        if kind in FOOTER_TYPES and _box_of(shape) is not None:
            found.setdefault(kind, Slot(kind, _box_of(shape), False, shape))
    for slot in layouts.slots(layout):
        if slot.kind in FOOTER_TYPES and slot.box:
            found.setdefault(slot.kind, slot)
    return found
