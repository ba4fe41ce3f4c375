"""Speaker notes of a topic split over slides read as a speaker's script (plan/pages.py):
the topic's notes start on its first part; a part with none of them says what it shows,
an item a line, each a sentence (numbered for steps, sub-items after their item)."""
from __future__ import annotations

import re

from test_agenda_parts import planned, write

LONG_CHECKLIST = """id: family-agreement
title: Семейный договор о телефоне
layout: checklist
checklist:
{items}
notes: |
  Это чек-лист для семейного договора. Отметьте, что уже есть в ваших правилах: договор
  можно пересмотреть, когда договор нарушен или соблюдён.
"""


def test_notes_of_a_split_topic_start_on_its_first_part_and_filler_reads_as_lines(tmp_path):
    items = [f"Пункт договора номер {n}: что будет, если договор нарушен, и что будет, если "
             f"договор соблюдён, — решаем вместе" for n in range(1, 11)]
    items[1] = "Где телефон ночует (не в спальне ребёнка)"
    text = LONG_CHECKLIST.format(items="\n".join(f'  - "{i}"' for i in items))
    _, planned_deck = planned(write(tmp_path / "slides", {"01.yaml": text}))
    parts = [s for s in planned_deck.slides if s.topic == "family-agreement"]
    assert len(parts) >= 2
    assert parts[0].notes.startswith("Это чек-лист для семейного договора.")
    last = parts[-1].notes.split("\n\n")
    assert last[0] == "Продолжение темы «Семейный договор о телефоне»."
    assert last[1].startswith("На слайде:\n— ")
    lines = last[1].split("\n")[1:]
    shown = [p.text for s in parts[-1].shapes if s.text for p in s.text.paras]
    assert lines == [f"— {t}." for t in shown]  # one line an item, each a sentence
    assert all(re.match(r"^— .*[.!?…]$", line) for line in lines)


def test_filler_numbers_steps_and_keeps_sub_items_with_their_item(tmp_path):
    steps = [f"Шаг номер {n}: откройте раздел и нажмите кнопку, а потом ещё раз проверьте, "
             "что всё получилось, и только тогда идите дальше" for n in range(1, 10)]
    files = {"01.yaml": "id: join\ntitle: Как войти\nlayout: steps\nsteps:\n"
                        + "\n".join(f'  - "{step}"' for step in steps) +
                        "\nnotes: Показываю вход.\n",
             "02.yaml": "id: rules\ntitle: Правила\nlayout: bullets\nbullets:\n" +
                        "".join(f"  - text: Правило {n}, которое нужно знать каждому родителю "
                                f"в нашем классе и в параллели\n    items: [первое уточнение, "
                                f"второе уточнение]\n" for n in range(1, 9)) +
                        "notes: Коротко о правилах.\n"}
    _, planned_deck = planned(write(tmp_path / "slides", files))
    join = [s for s in planned_deck.slides if s.topic == "join"]
    assert len(join) >= 2 and join[0].notes == "Показываю вход."
    lines = join[-1].notes.split("\n\n")[1].split("\n")
    assert lines[0] == "На слайде:" and re.match(r"^\d\. Шаг номер \d: .*дальше\.$", lines[1])
    rules = [s for s in planned_deck.slides if s.topic == "rules"]
    assert len(rules) >= 2
    filler = rules[-1].notes.split("\n\n")[1].split("\n")[1:]
    assert all(re.match(r"^— Правило \d, .* в параллели: первое уточнение; второе уточнение\.$",
                        line) for line in filler), filler
