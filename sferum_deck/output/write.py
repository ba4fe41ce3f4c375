"""Output files: written atomically, checked before any work is done; the only module
that touches an output path."""
from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from pathlib import Path

from ..errors import OutputError
from ..inputs.load import display


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; UTC, whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def check_target(path: Path) -> Path:
    """`path` made absolute, or OutputError when a file cannot be written there."""
    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise OutputError(f"{display(path)}: это папка; укажите имя файла, например "
                              f"{display(path / 'sferum-deck.pptx')}")
        if not path.parent.is_dir():
            raise OutputError(f"{display(path)}: папка {display(path.parent)} не существует")
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise OutputError(f"{display(path)}: нет прав на запись в это место")
        return path.resolve()
    except (OSError, ValueError):  # a NUL byte or a name too long for the file system
        raise OutputError(f"{display(path)}: недопустимое имя файла") from None


def check_deck_target(path: Path) -> Path:
    """check_target for a deck: the name must end in .pptx, so that no input file (a topic,
    a brand profile) can be overwritten by mistake."""
    target = check_target(path)
    if target.suffix.lower() != ".pptx":
        raise OutputError(f"{display(path)}: имя файла презентации должно оканчиваться на "
                          f".pptx, например {display(Path(path).with_suffix('.pptx'))}")
    return target


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place: an existing
    file is replaced only by a complete one, and no partial file is ever left. `durable`
    False skips forcing the data to disk first (a preview, cheap to make again)."""
    path = check_target(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except PermissionError:
        raise OutputError(f"{display(path)}: нет прав на запись в это место") from None
    except OSError as exc:
        reason = "на диске нет места" if exc.errno == errno.ENOSPC else exc.strerror
        raise OutputError(f"{display(path)}: не удалось записать файл ({reason})") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
