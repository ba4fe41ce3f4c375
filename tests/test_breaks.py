"""plan/breaks.py: where a line may break inside a run without spaces, as LibreOffice 7.4
broke paragraphs whose line ended inside «ааааа·ббббб», «12345·67890», «ааааа·12345» and
«12345·ббббб» (· the character tried; its PDF read back with pdftotext)."""
from __future__ import annotations

import pytest

from sferum_deck.plan import fit
from sferum_deck.plan.breaks import opportunities
from test_fit import REGULAR

CONTEXTS = [("ааааа", "ббббб"), ("12345", "67890"), ("ааааа", "12345"), ("12345", "ббббб")]
AFTER = "-–—‐‒…?!|\u00ad"          # LibreOffice broke after these, in every context
NOWHERE = "/.,:;()[]{}«»\"'’„“”+№°$€&=_@#*~^<>×→·•−\u2011✅⭐✔☎♥⚡✏✨❌❓❗➡⬆⭕αאЁй"
BOTH = "中한か☀☕⚽✂✈✉✋✌✍❤"       # before and after (ideographs, older pictographs)


def cut(word: str) -> str:
    edges = (0,) + opportunities(word) + (len(word),)
    return "|".join(word[a:b] for a, b in zip(edges, edges[1:]))


@pytest.mark.parametrize("mark", AFTER)
def test_a_break_after_hyphens_dashes_and_question_marks(mark):
    for left, right in CONTEXTS:
        assert cut(left + mark + right) in (f"{left}{mark}|{right}", f"{left}|{mark}|{right}")


def test_an_em_dash_breaks_before_too_and_closing_marks_stay_with_what_they_close():
    assert cut("ааааа—ббббб") == "ааааа|—|ббббб"
    assert cut("ааааа—»") == "ааааа|—»"
    for pair in ("-»", "–»", "?»", "!»", "…»", "-)", "–)", "?)", "-«", "–«", "-."):
        assert cut("ааааа" + pair + "ббббб") == "ааааа" + pair + "ббббб", pair
    for pair in ("-(", "–(", "?("):
        assert cut("ааааа" + pair + "ббббб") == f"ааааа{pair[0]}|{pair[1]}ббббб", pair
    assert cut("ааааа?!ббббб") == "ааааа?!|ббббб"
    assert cut("ааааа--ббббб") == "ааааа--|ббббб"


@pytest.mark.parametrize("mark", NOWHERE)
def test_no_break_around_other_marks_and_letters(mark):
    for left, right in CONTEXTS:
        assert cut(left + mark + right) == left + mark + right


@pytest.mark.parametrize("mark", BOTH)
def test_ideographs_and_older_pictographs_break_on_both_sides(mark):
    for left, right in CONTEXTS:
        assert cut(left + mark + right) == f"{left}|{mark}|{right}"


def test_emoji_break_after_only_and_per_cent_before_after_letters():
    for emoji in ("😀", "👍", "📱", "🇷🇺", "👍🏻", "❤️"):
        assert cut("ааааа" + emoji + "ббббб").endswith(emoji + "|ббббб"), emoji
        assert not cut("ааааа" + emoji + "ббббб").startswith("ааааа|" + emoji[0]) or \
            emoji == "❤️", emoji  # ❤ alone is of the class ID
    assert cut("ааааа%ббббб") == "ааааа|%ббббб"
    assert cut("12345%67890") == "12345%67890"
    assert cut("ааааа%%ббббб") == "ааааа|%|%ббббб"
    assert cut("ааааа\\ббббб") == "ааааа\\|ббббб" and cut("12345\\67890") == "12345\\67890"


def test_a_word_initial_hyphen_and_a_joined_emoji_stay_whole():
    assert cut("-5") == "-5" and cut("–а") == "–а"
    assert cut("👨\u200d👩\u200d👧") == "👨\u200d👩\u200d👧"
    assert cut("а\u200bб") == "а\u200b|б"


def test_a_link_breaks_nowhere():
    link = "…example.ru/a-b?c=1%20…".translate(fit.GLUE)
    assert opportunities(link) == ()
    assert fit.unit_width(REGULAR, link) == fit.unit_width(REGULAR, "…example.ru/a-b?c=1%20…")


def test_dates_break_after_the_en_dash_as_libreoffice_draws_them():
    # LibreOffice drew «18–» at the end of the line and «19 августа» on the next; fitting
    # and the preview expect the same (a box 3 pt wider than «… 18–»)
    text = "Каникулы продлятся до 18–19 августа"
    width = fit.unit_width(REGULAR, "Каникулы продлятся до 18–") * fit.laid_out(20) + 3
    assert fit.wrap(text, REGULAR, 20, width) == ("Каникулы продлятся до 18–", "19 августа")
