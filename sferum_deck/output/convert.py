"""Decks -> PDF through LibreOffice (a private profile, a timeout), and the tools it needs."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from ..errors import DeckError, ToolMissing
from ..words import MINUTES_ACC, count

INSTALL_HINT = "установите LibreOffice и poppler-utils: sudo apt install libreoffice-impress " \
               "poppler-utils"


def require_tools(*tools: str) -> None:
    """ToolMissing with the install command when one of `tools` (by default LibreOffice and
    pdftotext) is not installed."""
    missing = [tool for tool in (tools or ("soffice", "pdftotext")) if not shutil.which(tool)]
    if missing:
        what = "не найдена программа" if len(missing) == 1 else "не найдены программы"
        raise ToolMissing(f"{what} {', '.join(missing)}; {INSTALL_HINT}")


def to_pdf(deck: Path, out_dir: Path) -> Path:
    """Render `deck` to PDF in `out_dir` with a private LibreOffice profile; return its path.
    DeckError when LibreOffice is missing, fails or hangs."""
    return to_pdfs([Path(deck)], out_dir)[0]


def to_pdfs(decks: list[Path], out_dir: Path) -> list[Path]:
    """Render decks (distinct file names) to PDFs in `out_dir` with one LibreOffice run
    (a private profile); return their paths. DeckError when LibreOffice fails or hangs."""
    require_tools("soffice")
    names = ", ".join(Path(deck).name for deck in decks)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(soffice_command(profile, out_dir, decks), check=True,
                       capture_output=True, timeout=300 * len(decks))
    except subprocess.TimeoutExpired:
        raise DeckError(f"LibreOffice не преобразовал {names} в PDF за "
                        f"{count(5 * len(decks), MINUTES_ACC)}") \
            from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        raise DeckError(f"LibreOffice не смог преобразовать {names} в PDF"
                        + (f" ({detail[0]})" if detail else "")) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdfs = [out_dir / (Path(deck).stem + ".pdf") for deck in decks]
    for deck, pdf in zip(decks, pdfs):
        if not pdf.exists():
            raise ToolMissing(f"LibreOffice не смог преобразовать {Path(deck).name} в PDF")
    return pdfs


def soffice_command(profile: Path, out_dir: Path, decks: list[Path]) -> list[str]:
    """LibreOffice converting `decks` to PDFs in `out_dir`, with its own profile folder
    (so that several conversions and a user's open LibreOffice never meet)."""
    return ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, decks)]


class Cancelled(Exception):
    """The conversion was stopped on request (its LibreOffice killed)."""


def private_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder, in memory where the system has one (/dev/shm), so that a deck
    with a teacher's name and phone never reaches the disk there; removed after use."""
    memory = Path("/dev/shm")
    base = str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None
    return tempfile.TemporaryDirectory(prefix="sferum-pdf-", dir=base)


def pdf_bytes(data: bytes, timeout: float, cancel: threading.Event | None = None) -> bytes:
    """The PDF of the .pptx `data`, made in a private folder that is removed after;
    LibreOffice is killed on `cancel` (Cancelled) or after `timeout` seconds (DeckError)."""
    require_tools("soffice")
    cancel = cancel or threading.Event()
    with private_folder() as tmp:
        deck = Path(tmp) / "deck.pptx"
        deck.write_bytes(data)
        process = subprocess.Popen(soffice_command(Path(tmp) / "profile", Path(tmp), [deck]),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        try:
            while process.poll() is None:
                if cancel.is_set():
                    raise Cancelled()
                if time.monotonic() > deadline:
                    raise DeckError(f"LibreOffice не сделал PDF за {timeout:g} с")
                try:
                    process.wait(0.1)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        pdf = deck.with_suffix(".pdf")
        if process.returncode != 0 or not pdf.is_file():
            raise DeckError("LibreOffice не смог сделать PDF")
        return pdf.read_bytes()
