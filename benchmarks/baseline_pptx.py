"""The baseline: a minimal python-pptx script writing the default content's titles, bullets
and notes on the stock template (no fitting, no brand, no QR codes).

Usage: python benchmarks/baseline_pptx.py OUT.pptx [COUNT]   (COUNT decks, for batch runs)
"""
import sys
from pathlib import Path

import yaml
from pptx import Presentation

SLIDES = Path(__file__).resolve().parents[1] / "slides" / "perm-letter"


def main(out: str, count: int = 1) -> None:
    topics = [yaml.safe_load(p.read_text(encoding="utf-8"))
              for p in sorted(SLIDES.glob("[0-9]*.yaml"))]
    for n in range(count):
        prs = Presentation()
        for topic in topics:
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = topic["title"]
            items = topic.get("bullets") or topic.get("answer") or topic.get("steps") or \
                [link["label"] for link in topic.get("links", [])]
            slide.placeholders[1].text_frame.text = "\n".join(
                i if isinstance(i, str) else i["text"] for i in items)
            slide.notes_slide.notes_text_frame.text = topic["notes"]
        prs.save(out if count == 1 else f"{out}.{n}.pptx")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1)
