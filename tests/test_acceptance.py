"""Files written by outsiders from the language page alone (tests/acceptance/README.md):
clean ones give no finding, build, and format to the same model; each planted defect is
reported under the spec's rule name on its line, with the spec's severity and exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, run_pwy

HERE = REPO / "tests/acceptance"
CLEAN = sorted((HERE / "clean").glob("*.pwy"))
DEFECTS = sorted((HERE / "defects").glob("*.pwy"))
ERROR_RULES = {"syntax", "undefined-reference", "duplicate-definition", "missing-lead",
               "missing-level", "missing-header", "no-entry-point", "unreachable-stage",
               "dead-end", "step-direction", "no-step-down", "algorithm-incomplete",
               "subpathway-unconnected", "bad-include", "invalid-date", "invalid-url"}
TODAY = ("--today", "2026-11-26")


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_file_has_no_findings_even_when_strict(path):
    result = run_pwy("check", path.name, "--strict", "--format", "json", *TODAY, cwd=path.parent)
    assert json.loads(result.stdout)["diagnostics"] == []
    assert result.returncode == 0


def test_clean_folder_checks_clean_with_its_subpathways():
    result = run_pwy("check", ".", "--strict", *TODAY, cwd=HERE / "clean")
    assert result.returncode == 0, result.stdout


def _expectation(path: Path) -> tuple[str, int, str]:
    match = re.match(r"# expect: (\S+) (\d+)(?: (\S+))?", path.read_text(encoding="utf-8-sig"))
    assert match, f"{path.name}: no `# expect:` line"
    rule, line, file = match.groups()
    return rule, int(line), file or path.name


@pytest.mark.parametrize("path", DEFECTS, ids=lambda p: p.name)
def test_planted_defect_is_reported_where_it_is(path):
    rule, line, file = _expectation(path)
    result = run_pwy("check", path.name, "--format", "json", *TODAY, cwd=path.parent)
    found = json.loads(result.stdout)["diagnostics"]
    here = [d for d in found if d["rule"] == rule and d["line"] == line
            and Path(d["file"]) == Path(file)]
    assert here, [(d["rule"], d["file"], d["line"]) for d in found]
    severity = "error" if rule in ERROR_RULES else "warning"
    assert here[0]["severity"] == severity
    expected_exit = {2} if any(d["rule"] == "unreadable-file" for d in found) else \
        ({1} if any(d["severity"] == "error" for d in found) else {0})
    assert result.returncode in expected_exit
    if severity == "error":
        assert result.returncode in (1, 2)
