"""Shared fixtures: building decks through the CLI, and the render tools.

Render tests need LibreOffice and poppler. Locally they are skipped when the tools are
missing; in CI (CI is set) a missing tool is a failure, never a skip.
"""
from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sferum_deck.commands.cli import cli

ROOT = Path(__file__).resolve().parents[1]
# ../shared/tools beside the clone (CI); SHARED_TOOLS points elsewhere (a git worktree)
SHARED_TOOLS = Path(os.environ.get("SHARED_TOOLS") or ROOT.parent / "shared" / "tools")
IN_CI = bool(os.environ.get("CI"))
_CLICK_MIXES_STDERR = "mix_stderr" in inspect.signature(CliRunner).parameters
# A fixed «today» before the default pack's review date, so that every other test sees the
# outputs of its own feature exactly; tests/test_packs.py sets its own dates to check the
# freshness warning (SFERUM_DECK_TODAY, sferum_deck/inputs/packs.py).
os.environ["SFERUM_DECK_TODAY"] = "01.08.2025"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            separate_stderr: bool = False):
    """Invoke sferum-deck in-process; returns the click Result.

    `separate_stderr` gives `result.stderr` on every click we allow: click 8.2 always keeps it
    apart, click 8.1 only when asked (its `mix_stderr`, which 8.2 removed)."""
    mix = {"mix_stderr": False} if separate_stderr and _CLICK_MIXES_STDERR else {}
    runner = CliRunner(**mix)
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def need_tools(*tools: str) -> None:
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        message = f"missing tools: {', '.join(missing)}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def shared_tool(name: str) -> Path:
    """A referee tool from ../shared/tools (present in CI; skipped in a plain clone)."""
    path = SHARED_TOOLS / name
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} not present (plain clone)")
    return path


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(shared_tool(name)), *map(str, args)], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="session")
def decks(tmp_path_factory) -> dict[str, Path]:
    """The default deck and a deck with every meeting option, built once per session."""
    out = tmp_path_factory.mktemp("decks")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    result = run_cli("build", cwd=out, env=env)
    assert result.exit_code == 0, result.output
    full = out / "full.pptx"
    result = run_cli("build", "--school", FULL["school"], "--class", FULL["class"],
                     "--date", FULL["date"], "--time", FULL["time"], "--teacher", FULL["teacher"],
                     "--teacher-contacts", FULL["contacts"],
                     "--meeting-link", FULL["link"], "-o", str(full), env=env)
    assert result.exit_code == 0, result.output
    return {"default": out / "sferum-deck.pptx", "full": full}


FULL = {
    "school": "МАОУ «Средняя общеобразовательная школа № 7» г. Перми",
    "class": "5А",
    "date": "12.12.2026",
    "time": "18:30",
    "teacher": "Иванова Мария Петровна",
    "contacts": "+7 (342) 212-34-56, ivanova@school7.ru",
    "link": "https://sferum.ru/?call_link=5a-parents-meeting",
}

MEETING_ARGS = ["--school", FULL["school"], "--class", FULL["class"], "--date", FULL["date"],
                "--time", FULL["time"], "--teacher", FULL["teacher"],
                "--meeting-link", FULL["link"]]


def built_on(templates: dict[str, Path], out: Path) -> dict[str, Path]:
    """{key: deck} of decks built through the CLI on each template, every meeting field
    given, at a pinned time; no build may fail."""
    decks = {}
    for key, template in templates.items():
        decks[key] = out / f"{key}.pptx"
        result = run_cli("build", "--template", str(template), *MEETING_ARGS,
                         "-o", str(decks[key]), env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.exit_code == 0, (key, result.output)
        assert "внутренняя ошибка" not in result.output
    return decks


def decoded_qr(png: Path) -> list[str]:
    """The texts of every QR code a phone would read in the picture `png` (zxing-cpp)."""
    import zxingcpp
    from PIL import Image
    with Image.open(png) as picture:
        found = zxingcpp.read_barcodes(picture.convert("RGB"),
                                       formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found]


def pdf_pictures(pdf: Path, out: Path, dpi: int = 150) -> list[Path]:
    """Each page of `pdf` as a PNG at `dpi` (pdftoppm), in page order."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "page")],
                   check=True, capture_output=True, timeout=300)
    return sorted(out.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


@pytest.fixture
def no_tools(tmp_path) -> dict[str, str]:
    """An environment whose PATH holds no program at all (LibreOffice, poppler missing)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return {"PATH": str(empty)}


FUZZ_TRIED: dict[str, int] = {}  # fuzz target -> examples tried in this run (test_fuzz.py)


def pytest_terminal_summary(terminalreporter):
    if FUZZ_TRIED:
        terminalreporter.write_sep("-", "fuzz examples tried")
        for name, count in FUZZ_TRIED.items():
            terminalreporter.write_line(f"{name}: {count}")
        terminalreporter.write_line(f"total: {sum(FUZZ_TRIED.values())}")
