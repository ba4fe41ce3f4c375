"""Rendered decks: our own check, then the independent referees when ../shared is present."""
from __future__ import annotations

import pytest
from conftest import need_tools, run_cli, run_tool

from sferum_deck.checks.rendered import check_deck


@pytest.mark.parametrize("name", ["default", "full"])
def test_rendered_deck_has_no_layout_problem(decks, name):
    need_tools("soffice", "pdftotext")
    assert check_deck(decks[name]) == []


def test_check_command_reports_a_clean_deck(decks):
    need_tools("soffice", "pdftotext")
    result = run_cli("check", str(decks["default"]))
    assert result.exit_code == 0 and "проблем не найдено" in result.output


@pytest.mark.parametrize("tool,args", [
    ("check-layout", ["--require-notes"]),
    ("validate-pptx", []),
    ("check-a11y", []),
])
def test_referee_tools_pass(decks, tool, args):
    if tool == "check-layout":
        need_tools("soffice", "pdftotext")
    result = run_tool(tool, *args, decks["default"], decks["full"])
    assert result.returncode == 0, result.stdout + result.stderr
