"""A built deck -> what it will look like: one PNG per slide, a contact sheet, a PDF.

Rendering goes through LibreOffice (inspect.to_pdf, a private profile) and poppler's
pdftoppm; the contact sheet is tiled with Pillow, so nothing else needs installing.
Every file is written atomically through write.py.
"""
from __future__ import annotations

import io
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckError, OutputError
from ..inputs.load import display
from ..inputs.resources import FONTS
from .convert import require_tools, to_pdf
from .write import check_target, write_atomic

SLIDE_NAME = "slide-{:02d}.png"
SLIDE_FILE = re.compile(r"^slide-\d{2,}\.png$")
SHEET_NAME = "contact-sheet.png"
DPI = 96             # 16:9 slides become 1280 x 720 pictures
THUMB_WIDTH = 480    # px of one slide on the contact sheet
GAP = 12             # px between and around thumbnails
LABEL = 22           # px of the slide-number strip under each thumbnail
SHEET_GREY = (136, 136, 136)


@dataclass(frozen=True)
class Preview:
    slides: tuple[Path, ...]
    sheet: Path


def require_renderers() -> None:
    """ToolMissing (Russian, with the install command) unless soffice and pdftoppm exist."""
    require_tools("soffice", "pdftoppm")


def preview(deck: Path, out_dir: Path, dpi: int = DPI, columns: int = 4) -> Preview:
    """Render `deck` into `out_dir`: slide-01.png ... and contact-sheet.png. Slide pictures
    left there by an earlier, longer deck are removed. Returns the files written."""
    require_renderers()
    out_dir = prepare_folder(out_dir)
    with tempfile.TemporaryDirectory(prefix="sferum-preview-") as tmp:
        pages = to_pngs(to_pdf(Path(deck).resolve(), Path(tmp)), Path(tmp), dpi)
        pictures = [page.read_bytes() for page in pages]
    written = []
    for number, png in enumerate(pictures, start=1):
        target = out_dir / SLIDE_NAME.format(number)
        write_atomic(target, png)
        written.append(target)
    sheet = out_dir / SHEET_NAME
    write_atomic(sheet, contact_sheet(pictures, columns))
    for stale in sorted(out_dir.iterdir()):
        if SLIDE_FILE.match(stale.name) and stale not in written:
            stale.unlink()
    return Preview(tuple(written), sheet)


SVG_NAME = "slide-{:02d}.svg"
SVG_FILE = re.compile(r"^slide-\d{2,}\.svg$")
PAGE_NAME = "slides.html"


@dataclass(frozen=True)
class FastPreview:
    slides: tuple[Path, ...]
    page: Path


def fast_preview(planned, deck, out_dir: Path) -> FastPreview:
    """Draw the planned slides without LibreOffice into `out_dir`: slide-01.svg ... and
    slides.html, every slide with its speaker notes. SVG slides left there by an earlier,
    longer deck are removed. Returns the files written."""
    from ..svg import draw_deck
    from ..svg.page import run_through
    out_dir = prepare_folder(out_dir)
    svgs = draw_deck(planned, deck)
    written = []
    for number, svg in enumerate(svgs, start=1):
        target = out_dir / SVG_NAME.format(number)
        write_atomic(target, svg.encode("utf-8"), durable=False)
        written.append(target)
    page = out_dir / PAGE_NAME
    html = run_through(planned, deck.meeting.title, [p.name for p in written])
    write_atomic(page, html.encode("utf-8"), durable=False)
    for stale in sorted(out_dir.iterdir()):
        if SVG_FILE.match(stale.name) and stale not in written:
            stale.unlink()
    return FastPreview(tuple(written), page)


def prepare_folder(folder: Path) -> Path:
    """`folder` made absolute and created when missing; OutputError when it cannot be."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{display(folder)}: это файл, а нужна папка для картинок")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{display(folder)}: не удалось создать папку ({exc.strerror})") \
            from None
    return folder.resolve()


def to_pngs(pdf: Path, out_dir: Path, dpi: int) -> list[Path]:
    """Every page of `pdf` as a PNG at `dpi`, in page order. pdftoppm draws on one CPU, so
    two of them run side by side, one for the odd pages and one for the even ones; when the
    even half fails (as it does for a one-page PDF, which has no even page), one pdftoppm
    draws every page again, so that no page can go missing."""
    odd, even = _pdftoppm(pdf, out_dir, dpi, ("-o", "-e"))
    if odd == 0 and even != 0:
        (odd,) = _pdftoppm(pdf, out_dir, dpi, ("",))
    if odd != 0:
        raise DeckError(f"pdftoppm не смог превратить {pdf.name} в картинки")
    pages = sorted(out_dir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        raise DeckError(f"в {pdf.name} нет ни одной страницы")
    return pages


def _pdftoppm(pdf: Path, out_dir: Path, dpi: int, selections: tuple[str, ...],
              timeout: float = 300) -> list[int | None]:
    """Exit codes of pdftoppm runs side by side, one per page selection ("-o", "-e" or ""
    for all); None for a run stopped at the common deadline."""
    runs = [subprocess.Popen(["pdftoppm", *filter(None, [selection]), "-r", str(dpi), "-png",
                              str(pdf), str(out_dir / "page")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for selection in selections]
    deadline = time.monotonic() + timeout
    codes = []
    try:
        for run in runs:
            try:
                codes.append(run.wait(timeout=max(0.0, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                codes.append(None)
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
                run.wait()
    return codes


def contact_sheet(pictures: list[bytes], columns: int = 4) -> bytes:
    """PNG bytes (256 colours) of the pictures tiled `columns` wide on grey, each numbered
    under it."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image, ImageDraw, ImageFont
    with ThreadPoolExecutor() as pool:  # Pillow decodes and scales outside the GIL
        thumbs = list(pool.map(_thumbnail, pictures))
    columns = max(1, min(columns, len(thumbs)))
    rows = -(-len(thumbs) // columns)
    cell_w = THUMB_WIDTH + GAP
    cell_h = max(t.height for t in thumbs) + LABEL + GAP
    sheet = Image.new("RGB", (columns * cell_w + GAP, rows * cell_h + GAP), SHEET_GREY)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(FONTS / "LiberationSans-Bold.ttf"), 15)
    for index, thumb in enumerate(thumbs):
        x = GAP + (index % columns) * cell_w
        y = GAP + (index // columns) * cell_h
        sheet.paste(thumb, (x, y))
        draw.text((x + THUMB_WIDTH / 2, y + thumb.height + LABEL / 2), str(index + 1),
                  fill="white", font=font, anchor="mm")
    out = io.BytesIO()  # 256 colours: slides are flat colour and text; a third of the size
    sheet.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, "PNG")  # optimize=True: 2% smaller, 0.15 s longer
    return out.getvalue()


def _thumbnail(png: bytes):
    from PIL import Image
    picture = Image.open(io.BytesIO(png))
    height = round(picture.height * THUMB_WIDTH / picture.width)
    return picture.convert("RGB").resize((THUMB_WIDTH, height), Image.LANCZOS)


def require_pdf_target(deck: Path) -> Path:
    """The PDF path beside `deck`, checked before anything is built: LibreOffice installed,
    the place writable, and not the deck itself."""
    target = Path(deck).with_suffix(".pdf")
    if target.expanduser().resolve() == Path(deck).expanduser().resolve():
        raise OutputError(f"{display(deck)}: у презентации должно быть расширение .pptx, "
                          "иначе PDF запишется поверх неё")
    require_tools("soffice")
    return check_target(target)


def pdf_beside(deck: Path) -> Path:
    """Render `deck` to the PDF of the same name beside it (atomically); return its path."""
    target = require_pdf_target(deck)
    with tempfile.TemporaryDirectory(prefix="sferum-pdf-") as tmp:
        data = to_pdf(Path(deck).resolve(), Path(tmp)).read_bytes()
    write_atomic(target, data)
    return target
