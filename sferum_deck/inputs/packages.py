"""Zip packages the user hands us (a template, a deck to check or preview), judged before
anything is unpacked: what kind of file it really is (an encrypted Office file, an old
.ppt, an OpenDocument presentation, a damaged zip) and whether unpacking it would cost
more than any real presentation does. Only the zip's central directory is read here; the
sizes it declares bound what zipfile will ever unpack from each entry.

Every function returns a Russian problem text naming the file as the user wrote it (the
caller says which file it is), or None. No python-pptx here.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import shown_path
from ..model import Upload

MIB = 1024 * 1024
MAX_FILE = 200 * MIB       # the file itself, before it is read into memory
MAX_TOTAL = 300 * MIB      # all parts unpacked: a template with many photos stays far below
MAX_PART = 150 * MIB       # one part unpacked (a video is the largest a school would keep)
MAX_PARTS = 10_000         # entries in the zip directory
MAX_RATIO = 100            # unpacked / packed size of a part larger than RATIO_FROM
RATIO_FROM = 4 * MIB       # (slide XML packs 10 to 30 times; a part of zeros 1000 times)
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the OLE compound file of Office 97-2003
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .pptx holds
OLD_POWERPOINT = "PowerPoint Document".encode("utf-16-le")
ODF_PRESENTATION = b"application/vnd.oasis.opendocument.presentation"
MAIN = "ppt/presentation.xml"

OLD_FORMAT = ("файл «{}» в старом формате PowerPoint 97–2003; откройте его в PowerPoint или "
              "LibreOffice и сохраните как .pptx")


def package_problem(path: Path | Upload, name: str, what: str = "шаблон") -> str | None:
    """Why the file at `path` (or the bytes uploaded) cannot be opened as a PowerPoint
    package, or None; `name` is how the user wrote it, `what` the file's role in the advice
    («шаблон», «презентацию»)."""
    shown_name = shown_path(name)
    try:
        if isinstance(path, Upload):
            size, source = len(path.data), io.BytesIO(path.data)
        else:
            size, source = Path(path).stat().st_size, path
        with (io.BytesIO(path.data) if isinstance(path, Upload) else open(path, "rb")) as file:
            head = file.read(LOCK_MAX)
            if head[:8] == CFB:
                return _compound_problem(file, shown_name, what)
    except OSError as exc:
        return f"файл «{shown_name}» не читается ({exc.strerror})"
    if size < LOCK_MAX and (Path(name).name.startswith("~$") or _owner_file(head)):
        return (f"файл «{shown_name}» — служебный файл, который PowerPoint создаёт рядом с "
                "открытой презентацией, а не сама презентация; укажите файл без «~$» в начале "
                "имени")
    if size > MAX_FILE:
        return (f"файл «{shown_name}» слишком большой ({size // MIB} МБ, можно не больше "
                f"{MAX_FILE // MIB} МБ); {SMALLER}")
    try:
        with zipfile.ZipFile(source) as package:
            return directory_problem(package, shown_name, what)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError):
        return not_presentation(shown_name, what)


def directory_problem(package: zipfile.ZipFile, name: str, what: str = "шаблон") -> str | None:
    """Why the zip `package` must not be unpacked (too large, too many parts, packed too
    tightly), or is not a presentation, judged by its directory alone; None when it may."""
    items = package.infolist()
    if len(items) > MAX_PARTS:
        return (f"в файле «{name}» слишком много частей ({len(items)}, в презентации их не "
                f"больше {MAX_PARTS}); файл повреждён или это не презентация")
    names = {item.filename for item in items}
    if "mimetype" in names and MAIN not in names:
        with package.open("mimetype") as mimetype:
            odf = mimetype.read(100).startswith(ODF_PRESENTATION)
        if odf:
            return (f"файл «{name}» — презентация OpenDocument (.odp), а нужна PowerPoint; "
                    "откройте его в LibreOffice Impress и сохраните как .pptx (Файл → Сохранить "
                    "как → Презентация Microsoft PowerPoint)")
    if MAIN not in names:
        return not_presentation(name, what)
    total = 0
    for item in items:
        total += item.file_size
        if item.file_size > MAX_PART:
            return (f"в файле «{name}» часть «{shown_path(item.filename, 40)}» в распакованном "
                    f"виде занимает {item.file_size // MIB} МБ (можно не больше "
                    f"{MAX_PART // MIB} МБ); {SMALLER}")
        ratio = item.file_size // max(item.compress_size, 1)
        if item.file_size > RATIO_FROM and ratio > MAX_RATIO:
            return (f"файл «{name}» повреждён или опасен: его часть "
                    f"«{shown_path(item.filename, 40)}» распаковывается в {ratio} раз больше, "
                    "чем занимает в файле (так сжимаются только пустые данные); сохраните "
                    f"{what} заново в PowerPoint или LibreOffice")
    if total > MAX_TOTAL:
        return (f"файл «{name}» в распакованном виде занимает {total // MIB} МБ (можно не больше "
                f"{MAX_TOTAL // MIB} МБ); {SMALLER}")
    return None


SMALLER = ("удалите из него видео и лишние крупные рисунки (или сожмите их: в PowerPoint "
           "«Сжать рисунки») и сохраните заново")


LOCK_MAX = 4096  # PowerPoint's lock ("owner") files are 165 bytes


def _owner_file(head: bytes) -> bool:
    """Whether `head` is an Office lock file, copied or renamed: the user's name as a
    length byte and ANSI text padded to 54 bytes, then its length and the name in UTF-16."""
    n = head[0] if head else 0
    if not 0 < n <= 53 or len(head) < 57 + 2 * n or head[55:57] != bytes((n, 0)):
        return False
    unicode = head[57:57 + 2 * n].decode("utf-16-le", "replace")
    return 0 not in head[1:1 + n] and unicode.isprintable() and len(unicode) == n


def not_presentation(name: str, what: str = "шаблон") -> str:
    return (f"файл «{name}» не является презентацией PowerPoint (.pptx) или повреждён; "
            f"сохраните {what} как .pptx")


def _compound_problem(file, name: str, what: str) -> str:
    """An Office 97-2003 compound file: an encrypted package (password-protected .pptx),
    an old .ppt, or something else of that family."""
    file.seek(0)
    head = file.read(4 * MIB)  # the directory sectors, with the streams' names, lie at
    file.seek(max(file.seek(0, 2) - 4 * MIB, len(head)))  # the start or the end
    head += file.read(4 * MIB)
    if ENCRYPTED in head:
        return (f"файл «{name}» защищён паролем; откройте его в PowerPoint, снимите пароль "
                "(Файл → Сведения → Защитить презентацию → Зашифровать с помощью пароля: "
                "пустое поле) и сохраните без пароля")
    if OLD_POWERPOINT in head:
        return OLD_FORMAT.format(name)
    return not_presentation(name, what)
