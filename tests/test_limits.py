"""Every cap in `limits.py` (docs/limits.md) is enforced, with a clear finding and no traceback.

Caps too big to reach quickly in a test (50,000 stages) are lowered for the test with
monkeypatch; the others are hit for real.
"""

from __future__ import annotations

import pytest

from conftest import run_pwy
from pathwaylang.syntax import reader as fastparse
from pathwaylang.core import limits
from pathwaylang.syntax import lower
from pathwaylang.analysis import symbols

HEAD = """pathway big "Big" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry door_a "A way in" -> s0
  entry door_b "Another way in" -> s0
"""


def stages(count: int) -> str:
    body = []
    for i in range(count):
        onward = f"s{i + 1}" if i + 1 < count else "done"
        body.append(f'  stage s{i} "Stage {i}" {{ level low lead worker entry when "Asked" '
                    f'exit to {onward} when "Done" }}\n')
    return HEAD + "".join(body) + '  outcome done "Done" { level low }\n}\n'


def errors(report):
    return [d for d in report.diagnostics if d.severity.value == "error"]


def test_the_caps_are_far_above_a_real_pathway():
    assert limits.MAX_FILE_BYTES >= 4 * 1024 * 1024
    assert limits.MAX_STAGES >= 10_000
    assert limits.MAX_TEXT_CHARS >= 10_000
    assert limits.MAX_INCLUDE_DEPTH >= 8


def test_file_size(tmp_path):
    path = tmp_path / "huge.pwy"
    padding = "#" * 1000 + "\n"
    path.write_text(stages(2) + padding * (limits.MAX_FILE_BYTES // len(padding) + 1))
    result = run_pwy("check", "huge.pwy", cwd=tmp_path)
    assert result.returncode == 2
    assert f"the limit is {limits.MAX_FILE_BYTES:,}" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_stage_count(check_text, monkeypatch):
    monkeypatch.setattr(lower, "MAX_STAGES", 5)
    monkeypatch.setattr(fastparse, "MAX_STAGES", 5)
    assert not errors(check_text(stages(5)))
    report = check_text(stages(7))
    (finding,) = errors(report)
    assert finding.rule == "syntax"
    assert finding.message == "this file has 7 stages; the limit is 5"
    assert finding.span.line == HEAD.count("\n") + 6  # the first stage past the cap


def test_text_length(check_text):
    long = "word " * (limits.MAX_TEXT_CHARS // 5 + 1)
    report = check_text(stages(2).replace('"Stage 0"', f'"{long}"'))
    (finding,) = errors(report)
    assert finding.rule == "syntax"
    assert f"the limit is {limits.MAX_TEXT_CHARS:,}" in finding.message
    assert finding.span.line == HEAD.count("\n") + 1


def test_include_depth(tmp_path, check_text):
    depth = limits.MAX_INCLUDE_DEPTH + 3
    for i in range(depth):
        use = f'  use "lib{i + 1}.pwy"\n' if i + 1 < depth else ""
        (tmp_path / f"lib{i}.pwy").write_text(f'library lib{i} "Library {i}" {{\n{use}'
                                              f'  agency agency{i} "Agency {i}"\n}}\n')
    report = check_text(stages(2).replace("  role worker", '  use "lib0.pwy"\n  role worker'))
    (finding,) = errors(report)
    assert finding.rule == "bad-include"
    assert f"more than {limits.MAX_INCLUDE_DEPTH} files deep" in finding.message


def test_syntax_error_count(check_text):
    broken = stages(30).replace("  stage s", '  agencyy x "y"\n  stage s', 25)
    report = check_text(broken)
    found = [d for d in report.diagnostics if d.rule == "syntax"]
    assert len(found) == limits.MAX_SYNTAX_ERRORS


def test_suggestion_count(check_text, monkeypatch):
    monkeypatch.setattr(symbols, "MAX_SUGGESTIONS", 2)
    text = stages(6)
    for i in range(1, 6):
        text = text.replace(f"exit to s{i} ", f"exit to s{i}x ", 1)
    report = check_text(text)
    undefined = [d for d in report.diagnostics if d.rule == "undefined-reference"]
    assert len(undefined) == 5
    with_hint = [d for d in undefined if d.hint and "did you mean" in d.hint]
    assert len(with_hint) == 2


@pytest.mark.parametrize("text", ['pathway p "x" {' * 5000, '"' * 100_000, "{" * 100_000,
                                  "stage " * 50_000, '"""' + "a" * 500_000])
def test_pathological_shapes_end_quickly(check_text, text):
    import time

    start = time.process_time()
    report = check_text(text)
    assert time.process_time() - start < 10
    assert errors(report)
