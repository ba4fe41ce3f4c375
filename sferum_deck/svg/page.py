"""One HTML page showing every slide (its SVG file) with its speaker notes: the teacher's
run-through, on screen or printed (a slide and its notes a page)."""
from __future__ import annotations

from html import escape

from ..plan.records import DeckPlan
from ..words import SLIDES, count

STYLE = """
body{margin:0;background:#e9ecef;color:#1f2933;font:16px/1.45 "Liberation Sans",Arial,sans-serif}
header,section{max-width:1000px;margin:0 auto;padding:16px 20px}
h1{font-size:24px;margin:8px 0}
.warnings{background:#fff4d6;border-left:6px solid #e0a100;padding:8px 16px}
section{background:#fff;margin-top:20px;border-radius:6px;box-shadow:0 1px 3px #0002}
h2{font-size:18px;margin:0 0 8px}
img{display:block;width:100%;height:auto;border:1px solid #ccd}
.notes{margin-top:12px}
.notes p{margin:0 0 8px}
@media print{body{background:#fff}section{box-shadow:none;margin:0;break-after:page}
header{break-after:avoid}img{border-color:#999}}
""".strip()


def run_through(planned: DeckPlan, title: str, files: list[str]) -> str:
    """The HTML page: `title`, planning's warnings, then each slide's picture (`files`,
    relative to the page) and notes."""
    total = len(planned.slides)
    parts = [f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{escape(title)}: слайды и заметки</title><style>{STYLE}</style></head>"
             f"<body><header><h1>{escape(title)}</h1>"
             f"<p>{count(total, SLIDES)} с заметками докладчика. Это быстрый просмотр: точный вид "
             f"даёт PowerPoint или LibreOffice.</p>"]
    if planned.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in planned.warnings)
        parts.append(f'<div class="warnings"><p>Предупреждения:</p><ul>{items}</ul></div>')
    parts.append("</header>")
    for slide, file in zip(planned.slides, files):
        shown = " ".join(p.text for p in slide.title.paras).replace("\u200b", "")
        notes = "".join(f"<p>{escape(p)}</p>" for p in slide.notes.split("\n") if p.strip())
        parts.append(f'<section id="slide-{slide.number}"><h2>Слайд {slide.number} из {total}'
                     f"</h2><img src=\"{escape(file)}\" alt=\"{escape(shown)}\">"
                     f'<div class="notes">{notes or "<p>(без заметок)</p>"}</div></section>')
    parts.append("</body></html>")
    return "".join(parts)
