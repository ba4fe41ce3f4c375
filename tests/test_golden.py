"""The default deck's plan, dumped readably and compared with the committed
tests/golden/default-plan.txt: slide kinds, titles, sizes, lines, split points, pictures and
note lengths. A change to content, fitting or layouts shows up here as a reviewable diff.

After a deliberate change: `python tests/test_golden.py --update`, then read the diff.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sferum_deck.core import Options, load_deck
from sferum_deck.plan import plan

GOLDEN = Path(__file__).parent / "golden" / "default-plan.txt"
CLIP = 48


def clip(text: str) -> str:
    text = " ".join(text.replace("\u200b", "").split())
    return text if len(text) <= CLIP else text[:CLIP - 1] + "…"


def block_line(name: str, block) -> str:
    lines = block.fit.lines
    return (f"  {name}: {block.fit.size_pt:g} pt, {len(lines)} para, "
            f"{sum(len(p) for p in lines)} lines, box {block.box.w:.0f}x{block.box.h:.0f}")


def dump(planned) -> str:
    out = []
    for slide in planned.slides:
        part = f" ({slide.part[0]}/{slide.part[1]})" if slide.part[1] > 1 else ""
        out.append(f"{slide.number:02d} {slide.kind} {slide.topic or '-'}{part}: "
                   f"«{clip(slide.title.paras[0].text)}»")
        out.append(block_line("title", slide.title))
        if slide.body is not None:
            out.append(block_line("body", slide.body))
            out += [f"    - {para.label or para.bullet}: {clip(para.text)}"
                    for para in slide.body.paras]
        for box in slide.body_blocks[1 if slide.body is not None else 0:]:
            out.append(block_line("text box", box))  # stacked with the body (steps, callouts)
            out += [f"    - {para.label or para.bullet}: {clip(para.text)}" for para in box.paras]
        texts = [s.text for s in slide.shapes if s.text is not None]
        if slide.shapes:
            kinds = ", ".join(sorted({s.kind for s in slide.shapes}))
            out.append(f"  shapes: {len(slide.shapes)} ({kinds}), {len(texts)} with text")
        for picture in slide.pictures:
            what = "qr " + picture.qr if picture.qr else "image"
            out.append(f"  picture: {what}, {picture.box.w:.0f}x{picture.box.h:.0f}, "
                       f"alt «{clip(picture.alt)}»")
        if slide.footer is not None:
            out.append(f"  footer: {slide.footer.fit.size_pt:g} pt «{clip(slide.footer.paras[0].text)}»")
        out.append(f"  notes: {len(slide.notes)} chars")
    out += [f"warning: {w}" for w in planned.warnings]
    return "\n".join(out) + "\n"


def default_dump() -> str:
    return dump(plan(load_deck(Options())))


def test_the_default_plan_matches_the_golden_dump():
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = default_dump()
    assert actual == expected, ("the default deck's plan changed; if that is intended, run "
                                "`python tests/test_golden.py --update` and review the diff")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    GOLDEN.write_text(default_dump(), encoding="utf-8")
    print(f"written {GOLDEN}")
