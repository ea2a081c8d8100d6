"""The golden-file helper fails when a golden file is missing or different (it never writes
one and then compares the output with itself)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import golden_files
from golden_files import assert_golden, assert_golden_folder


@pytest.fixture(autouse=True)
def no_update(monkeypatch):
    monkeypatch.setattr(golden_files, "UPDATE_GOLDEN", False)


def test_a_missing_golden_file_fails_and_is_not_written(tmp_path):
    with pytest.raises(AssertionError, match="no golden file"):
        assert_golden(tmp_path / "new.expected", "error[x]: y\n")
    assert not (tmp_path / "new.expected").exists()


def test_a_different_output_fails(tmp_path):
    (tmp_path / "a.dot").write_text("digraph {}\n", encoding="utf-8")
    assert_golden(tmp_path / "a.dot", "digraph {}\n")
    with pytest.raises(AssertionError, match="differs"):
        assert_golden(tmp_path / "a.dot", "digraph { a }\n")


def test_a_folder_fails_on_a_file_left_over(tmp_path):
    (tmp_path / "algorithms").mkdir()
    (tmp_path / "algorithms" / "a.dot").write_text("a", encoding="utf-8")
    (tmp_path / "algorithms" / "gone.dot").write_text("b", encoding="utf-8")
    with pytest.raises(AssertionError, match="left over"):
        assert_golden_folder(tmp_path, "algorithms/*.dot", {"algorithms/a.dot": "a"})


def test_update_writes_then_passes(tmp_path, monkeypatch):
    monkeypatch.setattr(golden_files, "UPDATE_GOLDEN", True)
    assert_golden(tmp_path / "sub" / "x.md", "# x\n")
    assert (tmp_path / "sub" / "x.md").read_text(encoding="utf-8") == "# x\n"


def test_every_golden_comparison_goes_through_assert_golden():
    """A test that wrote its own golden file could pass by comparing the output with itself."""
    here = Path(__file__).parent
    own = [p.name for p in sorted(here.glob("*.py"))
           if p.name not in ("golden_files.py", "test_golden_files.py")
           and re.search(r"(?<!PWY_)UPDATE_GOLDEN", p.read_text(encoding="utf-8"))]
    assert own == [], f"use golden_files.assert_golden in {own}"
