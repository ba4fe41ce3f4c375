"""Bold emphasis written inside text as `**words**`: parsed once into (text, bold) spans,
the markers never shown. Pure.

Markers pair up from the left; an odd one out (a marker never closed) is dropped, and
`unbalanced` lets validation warn about it."""
from __future__ import annotations

from functools import lru_cache

MARK = "**"


@lru_cache(maxsize=8192)
def spans(text: str) -> tuple[tuple[str, bool], ...]:
    """`text` as (part, bold) spans without the markers; empty parts left out."""
    if MARK not in text:
        return ((text, False),)
    parts = text.split(MARK)
    if len(parts) % 2 == 0:  # an odd number of markers: the last one stands alone
        left, right = parts[-2], parts[-1]
        parts[-2:] = [left + (right[1:] if left.endswith(" ") and right.startswith(" ")
                              else right)]
    out: list[tuple[str, bool]] = []
    for k, part in enumerate(parts):
        bold = k % 2 == 1
        if not part:
            continue
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + part, bold)
        else:
            out.append((part, bold))
    return tuple(out) or (("", False),)


def plain(text: str) -> str:
    """`text` without its markers (speaker notes, the agenda's notes, titles in notes)."""
    return text.replace(MARK, "") if MARK in text else text


def unbalanced(text: str) -> bool:
    """True when a marker in `text` is never closed."""
    return text.count(MARK) % 2 == 1


def rebalanced(parts: list[str]) -> list[str]:
    """The parts one text was cut into, each closing the emphasis still open at its end and
    reopening it at the start of the next, so that each part reads right on its own."""
    out, open_ = [], False
    for k, part in enumerate(parts):
        text = (MARK if open_ else "") + part
        open_ = text.count(MARK) % 2 == 1
        out.append(text + (MARK if open_ and k < len(parts) - 1 else ""))
    return out
