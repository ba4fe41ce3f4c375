"""The parts of the meeting's agenda: which agenda item each topic belongs to. Pure.

The rule (docs/schema.md, field `section` of a topic):
- a topic's agenda item is its `section`, or its title when it names none; topics of one
  item are listed once, where the first of them stands;
- a divider (layout: section) opens an item: its `section`, or its title when it names
  none. The topics after it belong to that item, up to the next divider, as long as they
  name no section or the item's own; the first topic naming another section opens the
  next item (a deck may have a divider before one part only);
- a divider that names no section takes the section of the first topic after it as the
  same item (the teacher wrote the part's name on its topics): those topics are listed
  under the divider's title.
A divider left with no topic of its own (the next topic names another item, or none
follows) is warned about; one whose topics --skip, --only or --audience removed is left
out of the deck.
"""
from __future__ import annotations

from ..model import Topic

DIVIDER = "section"


def written_section(topic: Topic) -> str | None:
    """The section the topic's file names, None when it names none (a topic made in code,
    with no texts recorded, names the section it has unless that is its title)."""
    if not topic.texts:
        return topic.section if topic.section != topic.title else None
    return next((text for _, field, text in topic.texts if field == "section"), None)


def section_where(topic: Topic) -> str:
    """file:line of the topic's `section:` (of the topic when it names none)."""
    return next((where for where, field, _ in topic.texts if field == "section"),
                topic.source)


def in_parts(topics: tuple[Topic, ...]) -> tuple[Topic, ...]:
    """The topics with the agenda item of each as its `section` (the rule above);
    applying it again changes nothing."""
    out, item, names, opened = [], None, set(), False
    for topic in topics:
        written = written_section(topic)
        if topic.layout == DIVIDER:
            item = written or topic.title
            names, opened = {item}, written is None  # opened: the first topic may name it
        elif item is not None:
            if written is not None and written not in names:
                if opened:
                    names.add(written)
                else:
                    item = None  # another item starts: the divider's part ends
            opened = False
        out.append(topic if item is None else topic._replace(section=item))
    return tuple(out)


def lonely_dividers(topics: tuple[Topic, ...]) -> list[str]:
    """Warnings about dividers of resolved `topics` that no topic follows in their part."""
    out = []
    for k, topic in enumerate(topics):
        if topic.layout != DIVIDER:
            continue
        after = topics[k + 1] if k + 1 < len(topics) else None
        if after is not None and after.layout != DIVIDER and after.section == topic.section:
            continue
        head = f"{section_where(topic)} section: разделитель «{topic.title}» остался без тем: "
        if after is None or after.layout == DIVIDER:
            out.append(head + ("сразу за ним идёт следующий разделитель" if after else
                               "после него нет ни одной темы") +
                       "; в плане встречи он будет пунктом без слайдов; добавьте темы "
                       "раздела после него или уберите разделитель")
            continue
        named = written_section(after) or after.title
        out.append(head + f"следующая тема «{after.id}» ({section_where(after)}) называет "
                   f"другой пункт плана («{named}»), и в плане встречи будет два пункта; "
                   f"напишите у тем раздела section: {topic.section} или уберите section у "
                   "разделителя (тогда темы после него войдут в его раздел)")
    return out


def without_empty_parts(every: tuple[Topic, ...], kept: tuple[Topic, ...],
                        named: tuple[str, ...] = ()) -> tuple[tuple[Topic, ...], list[str]]:
    """`kept` (a selection of resolved `every`) without the dividers whose topics the
    selection removed all of (unless --only names the divider itself), and a warning for
    each one left out."""
    ids = {t.id for t in kept}
    dropped, warnings = set(), []
    for k, topic in enumerate(every):
        if topic.layout != DIVIDER or topic.id not in ids or topic.id in named:
            continue
        own = []
        for after in every[k + 1:]:
            if after.layout == DIVIDER or after.section != topic.section:
                break
            own.append(after)
        if own and not any(t.id in ids for t in own):
            dropped.add(topic.id)
            warnings.append(f"{topic.source}: разделитель «{topic.title}» не показан: все темы "
                            "его раздела убраны отбором (--only, --skip, --audience)")
    return tuple(t for t in kept if t.id not in dropped), warnings
