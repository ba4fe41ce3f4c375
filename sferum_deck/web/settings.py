"""What the curator started the server with, and the limits every request is held to."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

KB, MB = 1024, 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Sizes an upload or a request body may have; beyond them it is refused unread."""

    json_body: int = 512 * KB        # a teacher's whole form with edited topics
    logo: int = 5 * MB
    template: int = 30 * MB
    school_list: int = 5 * MB
    logos_total: int = 30 * MB       # the pictures uploaded with a school list
    logo_files: int = 500
    topics: int = 60                 # topics in one deck
    uploads_kept: int = 64           # uploaded logos/templates kept in memory at once
    uploads_bytes: int = 256 * MB    # and their total size


@dataclass(frozen=True)
class Config:
    """The `serve` options, checked: every path here is the curator's own."""

    schools: Path | None = None
    brand: str = "default"
    template: Path | None = None
    content: Path | None = None
    pack: str | None = None
    password: str = ""
    workers: int = 0          # 0: one per CPU
    queue: int = 0            # jobs waiting for a worker before 503 (0: 24 per worker)
    pdf_jobs: int = 0         # LibreOffice conversions at a time (0: 1, or 2 from 4 CPUs)
    pdf_timeout: float = 120.0
    limits: Limits = Limits()

    @property
    def build_workers(self) -> int:
        return self.workers or cpu_count()

    @property
    def waiting(self) -> int:
        return self.queue or 24 * self.build_workers

    @property
    def conversions(self) -> int:
        return self.pdf_jobs or (2 if cpu_count() >= 4 else 1)


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
