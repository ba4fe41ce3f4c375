"""The environment every benchmark runs its commands in: the project from this checkout,
pinned dates, and Python bytecode cached the way an installed package has it.

`pip install` compiles every module to bytecode, so an installed sferum-deck (and
python-pptx, which the baseline uses) starts from cached bytecode. Some machines set
PYTHONDONTWRITEBYTECODE, and then a source checkout would be compiled again on every run:
about 80 ms of each build that no user pays. The benchmarks therefore let Python write its
cache, into a temporary folder (PYTHONPYCACHEPREFIX) so the checkout stays clean; the warm-up
run fills it for both sides alike.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_env(scratch: str | Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH="1700000000",
               PYTHONPYCACHEPREFIX=str(Path(scratch) / "pycache"))
    return env
