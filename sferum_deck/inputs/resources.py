"""Where the embedded default content, brands and fonts live (source tree or installed wheel)."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the sferum_deck package
FONTS = PACKAGE / "fonts"


def data_dir(name: str) -> Path:
    """The folder `name` ('slides', 'assets') shipped in the wheel, else in the source tree."""
    for base in (PACKAGE / "_data", PACKAGE.parent):
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(name)


def default_slides() -> Path:
    return data_dir("slides")


def brands_dir() -> Path:
    return data_dir("assets") / "brands"


def starter_examples() -> Path:
    """The neutral example values of init's starter files (assets/starter.yaml)."""
    return data_dir("assets") / "starter.yaml"


def example_slides() -> Path:
    """One topic of every layout (docs/example/slides in the source tree): init's examples."""
    shipped = PACKAGE / "_data" / "examples"
    return shipped if shipped.is_dir() else PACKAGE.parent / "docs" / "example" / "slides"
