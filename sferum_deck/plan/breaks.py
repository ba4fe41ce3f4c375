"""Where a renderer may break a line inside a run of characters without spaces: Unicode
line-breaking classes (UAX #14) as LibreOffice 7.4 applies them. Pure.

Learnt from LibreOffice itself: each rule below was seen in its PDF of a paragraph whose
line ends inside «ааааа·ббббб», «12345·67890», «ааааа·12345» and «12345·ббббб» (· the
character in question), read back with pdftotext (tests/test_breaks.py keeps the cases):

- after a hyphen «-», an en dash «–», «‐», «‒», «|», a soft hyphen, «…», «?» and «!»,
  whatever follows (digits too: «18–|19», «12345-|67890»), unless a closing bracket, a
  quote, «.,:;», «/» or another such mark follows («-»», «?»», «–)»);
- before and after an em dash «—» (not before a quote or closing bracket: «—»» breaks
  before the dash);
- before and after ideographs, kana, hangul and the older pictographs of the class ID
  («☀», «✈», «❤»; not «✅», «⭐», «✔», «☎», which are AL);
- after an emoji of U+1F000-U+1FAFF («😀|а», «🇷🇺|а»), never before one (nor between
  two: not seen, so not assumed: a model with fewer breaks than the renderer never
  predicts fewer lines than it draws);
- before «%» after a letter («ааааа|%»), not after a digit («50%»);
- after a backslash unless a digit follows;
- nowhere else: not around «/», «.», «,», «:», «;», «(», «)», quotes «» „“ "', «+», «№»,
  «°», «$», «€», «&», «=», «_», «@», «#», «*», nor between letters and digits.

Combining marks, variation selectors and zero-width joiners stay with what they follow;
a zero-width space is a break opportunity; no-break spaces and U+2011 are none.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

CLASSES = {
    "-": "HY",
    "\u2010": "BA", "\u2012": "BA", "\u2013": "BA", "|": "BA", "\u00ad": "BA",
    "\u2014": "B2",
    "\u2026": "IN",
    "?": "EX", "!": "EX", "\uff01": "EX", "\uff1f": "EX",
    "%": "PO", "\u2030": "PO",
    "\\": "BS",
    "(": "OP", "[": "OP", "{": "OP", "\uff08": "OP", "\u300c": "OP", "\u300e": "OP",
    "\u3010": "OP",
    ")": "CL", "]": "CL", "}": "CL", "\uff09": "CL", "\u300d": "CL", "\u300f": "CL",
    "\u3011": "CL", "\u3001": "CL", "\u3002": "CL", "\uff0c": "CL", "\uff0e": "CL",
    "\uff1a": "CL", "\uff1b": "CL",
    ".": "IS", ",": "IS", ":": "IS", ";": "IS",
    "/": "SY",
    "\u00a0": "GL", "\u2011": "GL", "\u202f": "GL", "\u2007": "GL", "\u2060": "GL",
    "\ufeff": "GL",
    "\u200b": "ZW", "\u200d": "ZWJ",
}
for _q in "«»\"'‘’‚‛“”„‟‹›":
    CLASSES[_q] = "QU"
for _c in "\ue03f\ue021\ue025\ue026\ue013\ue014\ue07c\ue05c\ue010\ue012":
    CLASSES[_c] = "GL"  # a link's characters: fit.GLUED

# Pictographs of the class ID below U+2E80 (UAX #14 LineBreak.txt); the others there are AL
PICTOGRAPHS = ((0x231A, 0x231B), (0x23F0, 0x23F3), (0x2600, 0x2603), (0x2614, 0x2615),
               (0x2618, 0x2618), (0x261A, 0x261F), (0x2639, 0x263B), (0x2668, 0x2668),
               (0x267F, 0x267F), (0x26BD, 0x26C8), (0x26CD, 0x26CD), (0x26CF, 0x26D1),
               (0x26D3, 0x26E1), (0x26EA, 0x26EA), (0x26F1, 0x26FA), (0x26FD, 0x2704),
               (0x2708, 0x270D), (0x2764, 0x2764))
IDEOGRAPHIC = ((0x1100, 0x115F), (0x2E80, 0x2FFF), (0x3003, 0x3007), (0x3012, 0x303F),
               (0x3040, 0x30FF), (0x3100, 0x31FF), (0x3200, 0x4DBF), (0x4E00, 0x9FFF),
               (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
               (0x20000, 0x3FFFD))
BOLD_BASE = 0xF0000  # fit.emboldened moves a bold character this far (plane 15)
NO_BREAK_BEFORE = {"CL", "EX", "IS", "SY", "QU", "HY", "BA", "IN"}
BREAK_AFTER = {"HY", "BA", "B2", "IN", "EX"}


@lru_cache(maxsize=4096)
def line_class(c: str) -> str:
    """The line-breaking class of a character (the subset of UAX #14 LibreOffice showed
    us; everything else is AL, an ordinary letter); an emboldened one's is its own."""
    found = CLASSES.get(c)
    if found:
        return found
    code = ord(c)
    if BOLD_BASE <= code < BOLD_BASE + 0x10000:  # fit.emboldened: bold breaks as regular
        return line_class(chr(code - BOLD_BASE))
    if 0x1F3FB <= code <= 0x1F3FF or 0xFE00 <= code <= 0xFE0F or \
            0xE0100 <= code <= 0xE01EF or unicodedata.category(c) in ("Mn", "Me"):
        return "CM"
    category = unicodedata.category(c)
    if category == "Nd":
        return "NU"
    if 0x1F000 <= code <= 0x1FAFF:
        return "EP"
    if code >= 0x1100 and (any(a <= code <= b for a, b in IDEOGRAPHIC) or
                           any(a <= code <= b for a, b in PICTOGRAPHS)):
        return "ID"
    return "AL"


def allowed(before: str, after: str) -> bool:
    """Whether a line may break between a character of class `before` and one of class
    `after` (neither a space)."""
    if before == "ZW":
        return True
    if after in ("CM", "ZWJ") or before == "ZWJ" or "GL" in (before, after):
        return False
    if after in NO_BREAK_BEFORE or before in ("OP", "QU"):
        return False
    if before == "B2" and after == "B2" or after == "EP":
        return False
    if after == "B2" or before in BREAK_AFTER:
        return True
    if before == "BS":
        return after != "NU"
    if after == "PO":
        return before not in ("NU", "CL")
    return "ID" in (before, after) or before == "EP"


@lru_cache(maxsize=16384)
def opportunities(word: str) -> tuple[int, ...]:
    """Positions in `word` (a run without spaces) where a line may break, each before the
    character at that position. Combining marks and what a zero-width joiner joins stay
    with the character before them."""
    if word.isalnum() and max(word, default="") < "\u1100":
        return ()
    found = []
    before, joined = "AL", False
    for i, c in enumerate(word):
        cls = line_class(c)
        if cls == "CM":
            continue
        if cls == "ZWJ":
            joined = True
            continue
        if i and not joined and allowed(before, cls) and \
                not (i == 1 and before in ("HY", "BA")):  # a word-initial «-5», «–а»
            found.append(i)
        before, joined = cls, False
    return tuple(found)


def breaks_at(text: str, pos: int) -> bool:
    """Whether a renderer may break `text` before position `pos`, inside a run of
    characters without spaces."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return pos - start in opportunities(text[start:end])
