"""Files named in the input (logo, font, template): found, readable and of the right kind.

Every function returns a Russian problem text naming the file as the user wrote it, or
None; validate.py attaches the YAML file:line of the field. No python-pptx here.
"""
from __future__ import annotations

import errno
from pathlib import Path

from ..errors import InputError, shown_path
from ..model import Upload


def find(folder: Path, name: str) -> tuple[str | None, Path | None]:
    """(None, path) of the existing file `name` (relative to `folder`), else (problem, None)."""
    try:
        path = (Path(folder) / name.strip()).expanduser()
        if path.is_file():
            with open(path, "rb"):
                return None, path
        if path.is_dir():
            return f"«{shown_path(name)}» — это папка, а нужен файл", None
    except PermissionError:
        return f"файл «{shown_path(name)}» не читается: нет прав на чтение", None
    except (OSError, ValueError, RuntimeError) as exc:  # NUL byte, name too long, bad ~user
        if getattr(exc, "errno", None) not in (None, errno.ENOENT, errno.ENAMETOOLONG,
                                               errno.ENOTDIR):
            return f"файл «{shown_path(name)}» не читается ({exc.strerror})", None
    where = Path(folder).name or "."
    return f"файл «{shown_path(name)}» не найден (путь считается от папки {where})", None


def inside_problem(folder: Path, name: str) -> str | None:
    """Why `name` does not name a file inside `folder` (or below it), or None: an absolute
    path, a home folder, «..», a backslash, or a link leading out of the folder are refused,
    so a topic (perhaps uploaded) can only show pictures that travel with it."""
    text = name.strip()
    if "\\" in text:
        return (f"в пути «{shown_path(name)}» обратная косая черта; пишите путь через «/»: "
                "pictures/chat.png")
    parts = Path(text).parts
    if not text or Path(text).is_absolute() or text.startswith("~") or ".." in parts or \
            (parts and ":" in parts[0]):
        return (f"путь «{shown_path(name)}» ведёт за пределы папки темы; положите рисунок в папку "
                "темы (или в её подпапку) и укажите путь от неё: pictures/chat.png")
    try:
        real = (Path(folder) / text).resolve()
        if not real.is_relative_to(Path(folder).resolve()):
            return (f"файл «{shown_path(name)}» — ссылка на файл вне папки темы; положите сам "
                    "рисунок в папку темы")
    except (OSError, ValueError, RuntimeError):
        return None  # find() says what is wrong with it
    return None


def image_problem(path: Path | Upload, name: str, max_side: int | None = None) -> str | None:
    """Why the picture at `path` (or the bytes given) cannot be used (as a logo, or shown at
    most `max_side` pixels wide or high), or None."""
    from .images import MAX_SIDE, load_image
    try:
        load_image(path, max_side or MAX_SIDE)
    except InputError as exc:
        return f"файл «{shown_path(name)}» {exc.problems[0].message.removeprefix('файл ')}"
    return None


def font_problem(path: Path, name: str) -> str | None:
    """Why the file at `path` cannot be used to measure text, or None."""
    from PIL import ImageFont
    try:
        ImageFont.truetype(str(path), 20)
    except (OSError, ValueError):
        return (f"файл «{shown_path(name)}» не является шрифтом TrueType или OpenType; укажите файл .ttf "
                "или .otf")
    return None


def template_problem(path: Path | Upload, name: str) -> str | None:
    """Why the file at `path` (or the bytes uploaded) is not a PowerPoint template, or None
    (see packages)."""
    from .packages import OLD_FORMAT, package_problem
    if path.suffix.lower() in (".ppt", ".pot"):
        return OLD_FORMAT.format(shown_path(name))
    return package_problem(path, name)
