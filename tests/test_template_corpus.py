"""The real-world templates of ../shared/templates/ (75 files no one on the team made, see
its README.md): run.sh builds a deck on each and referees it. Present in CI, where a
missing corpus fails; skipped in a plain clone (tests/test_template_classes.py covers each
failure class there). Takes a few minutes (JOBS builds at once, default 2)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import IN_CI, ROOT, SHARED_TOOLS

CORPUS = SHARED_TOOLS.parent / "templates"
SUMMARY = re.compile(r"templates: (\d+) built, (\d+) refused cleanly \((\d+) of them usable "
                     r"templates\), (\d+) failed \(traceback/hang/invalid\), (\d+) decks with "
                     r"layout problems, (\d+) with invalid XML")


def test_every_real_template_builds_a_clean_deck_or_is_refused_as_it_should(tmp_path):
    script = CORPUS / "run.sh"
    if not script.exists():
        if IN_CI:
            pytest.fail(f"{script} is missing in CI")
        pytest.skip(f"{script} not present (plain clone)")
    env = dict(os.environ, JOBS=os.environ.get("JOBS", "2"), RESULTS=str(tmp_path),
               PYTHONPATH=str(ROOT))
    result = subprocess.run(["bash", str(script), f"{sys.executable} -m sferum_deck"],
                            check=False, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=3600)
    summary = SUMMARY.search(result.stdout)
    assert summary, result.stdout + result.stderr[-3000:]
    built, refused, usable, failed, layout, invalid = map(int, summary.groups())
    rows = (tmp_path / "results.tsv").read_text(encoding="utf-8").splitlines()[1:]
    bad = [row for row in rows if row.split("\t")[3] == "failed" or
           row.split("\t")[3] == "built" and row.split("\t")[5:7] != ["0", "0"]]
    unexpected = [line for line in result.stderr.splitlines()
                  if line.startswith("refused although judged usable:")]
    assert (failed, layout, invalid, usable) == (0, 0, 0, 0), "\n".join(bad + unexpected)
    assert built + refused == len(rows) and result.returncode == 0
