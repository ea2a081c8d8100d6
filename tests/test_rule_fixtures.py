"""Fixture files per rule: `tests/rules/<rule>/valid-*.pwy` give no finding of that rule;
`invalid-*.pwy` give exactly the findings in the `.expected` file beside them, as a user
sees them. `PWY_UPDATE_GOLDEN=1 pytest` rewrites the `.expected` files (read the diff)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import check_path
from golden_files import assert_golden
from pathwaylang.report.text import render_text
from pathwaylang.rules import rule_named

HERE = Path(__file__).parent / "rules"
CASES = sorted(p for p in HERE.glob("*/*.pwy") if p.name.startswith(("valid-", "invalid-")))


def _findings(path: Path):
    report = check_path(path)
    rule = path.parent.name
    return [d for d in report.diagnostics if d.rule == rule], report


def test_every_fixture_folder_names_a_rule():
    for folder in HERE.iterdir():
        if folder.is_dir():
            assert rule_named(folder.name) is not None, f"{folder} names no rule"


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path: Path):
    findings, report = _findings(path)
    if path.name.startswith("valid-"):
        assert findings == [], render_text(findings, report.sources)
        return
    assert findings, f"{path.name} should trigger {path.parent.name}"
    rendered = render_text(findings, report.sources) + "\n"
    assert_golden(path.with_suffix(".expected"), rendered)
