"""Uploaded logos and templates, checked by content and kept in memory (never on disk)
for a while, so a page sends a file once and names it by a token afterwards. Bounded in
count and bytes; the oldest go first."""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict

from ..errors import InputError, Problem
from ..model import Upload

KEEP_SECONDS = 4 * 3600


class Uploads:
    def __init__(self, max_count: int, max_bytes: int):
        self.max_count, self.max_bytes = max_count, max_bytes
        self.items: OrderedDict[str, tuple[str, Upload, float]] = OrderedDict()
        self.lock = threading.Lock()

    def add(self, kind: str, upload: Upload) -> str:
        token = secrets.token_urlsafe(18)
        with self.lock:
            self.items[token] = (kind, upload, time.monotonic())
            self._trim()
        return token

    def get(self, token: str, kind: str) -> Upload | None:
        with self.lock:
            found = self.items.get(token)
            if found is None or found[0] != kind:
                return None
            self.items.move_to_end(token)
            return found[1]

    def _trim(self) -> None:
        now = time.monotonic()
        total = sum(len(u.data) for _, u, _ in self.items.values())
        while self.items and (len(self.items) > self.max_count or total > self.max_bytes
                              or next(iter(self.items.values()))[2] < now - KEEP_SECONDS):
            _, (_, upload, _) = self.items.popitem(last=False)
            total -= len(upload.data)


def checked_upload(kind: str, name: str, data: bytes) -> Upload:
    """The upload when its content is a picture (logo) or a PowerPoint template, checked
    as the command line checks files; InputError naming the upload otherwise."""
    from ..inputs import files
    from ..inputs.images import load_image
    name = safe_name(name)
    upload = Upload(name, data)
    if kind == "logo":
        load_image(upload)
    elif kind == "template":
        problem = files.template_problem(upload, name)
        if problem:
            raise InputError([Problem(name, "", problem)])
        from ..render.template import read_template
        read_template(upload)  # a template whose layouts we cannot use is refused now
    return upload


def safe_name(name: str) -> str:
    """A file name as the client gave it, for messages only: its last part, printable,
    at most 120 characters (it is never used as a path)."""
    last = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in last if c.isprintable()).strip() or "файл"
    return clean[:120]
