"""Font files to measure a typeface with, found on this computer (no python-pptx).

A template names its fonts («Calibri», «Times New Roman»); text can only be fitted with the
font's own metrics, so we look for its files: the bundled Liberation Sans for Arial, the
font itself or a metric-compatible twin through fontconfig (Linux, macOS with fontconfig),
else by reading the family names of the files in the usual font folders (Windows, macOS).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from .resources import FONTS

BUNDLED = {"arial", "helvetica", "liberation sans", "arimo"}
TWINS = {  # metric-compatible fonts that renderers substitute
    "arial": "Liberation Sans", "helvetica": "Liberation Sans", "arimo": "Liberation Sans",
    "times new roman": "Liberation Serif", "tinos": "Liberation Serif",
    "courier new": "Liberation Mono", "cousine": "Liberation Mono",
    "calibri": "Carlito", "cambria": "Caladea",
}
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def font_files(name: str) -> tuple[Path, Path] | None:
    """(regular, bold) files of the typeface `name` or of its metric twin; None when this
    computer has neither."""
    key = name.strip().casefold()
    if not key:
        return None
    if key in BUNDLED:
        return FONTS / "LiberationSans-Regular.ttf", FONTS / "LiberationSans-Bold.ttf"
    look = _fontconfig if shutil.which("fc-match") else _scanned
    for family in filter(None, dict.fromkeys([name.strip(), TWINS.get(key, "")])):
        found = look(family)
        if found:
            return found
    return None


def _fontconfig(family: str) -> tuple[Path, Path] | None:
    """Files fontconfig has for exactly this family (not a fallback it would pick)."""
    regular, bold = _fc_match(family, "Regular"), _fc_match(family, "Bold")
    if regular is None:
        return None
    return regular, bold or regular


@lru_cache(maxsize=64)
def _fc_match(family: str, style: str) -> Path | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", f"{family}:style={style}"],
                             capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, file = out.partition("\n")
    names = {f.strip().casefold() for f in families.split(",")}
    path = Path(file.strip())
    return path if family.casefold() in names and path.suffix.lower() in FONT_SUFFIXES \
        and path.is_file() else None


def _scanned(family: str) -> tuple[Path, Path] | None:
    """Files of `family` in the usual font folders, by the names inside the files."""
    styles = _families().get(family.casefold(), {})
    regular = styles.get("regular") or styles.get("book") or styles.get("normal")
    if regular is None:
        return None
    return regular, styles.get("bold", regular)


@lru_cache(maxsize=1)
def _families() -> dict[str, dict[str, Path]]:
    """family (case-folded) -> style (case-folded) -> file, for the installed fonts."""
    from PIL import ImageFont
    found: dict[str, dict[str, Path]] = {}
    for folder in _font_folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in FONT_SUFFIXES:
                continue
            try:
                family, style = ImageFont.truetype(str(path), 12).getname()
            except (OSError, ValueError):
                continue
            if family:
                found.setdefault(family.casefold(), {}).setdefault(
                    (style or "regular").casefold(), path)
    return found


def _font_folders() -> list[Path]:
    folders = [Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
               Path(os.environ.get("LOCALAPPDATA", "~")).expanduser() / "Microsoft/Windows/Fonts",
               Path("/Library/Fonts"), Path("~/Library/Fonts").expanduser(),
               Path("/usr/share/fonts"), Path("~/.fonts").expanduser(),
               Path("~/.local/share/fonts").expanduser()]
    return [f for f in folders if f.is_dir()]
