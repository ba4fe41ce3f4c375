"""Decks -> PDF through LibreOffice (a private profile, a timeout), and the tools it needs."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
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
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, decks)],
                       check=True, capture_output=True, timeout=300 * len(decks))
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
