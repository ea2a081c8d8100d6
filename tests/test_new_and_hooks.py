"""`pwy new` scaffolds files that check clean and are already formatted; the pre-commit
hooks name commands that exist."""

from __future__ import annotations


import pytest

from conftest import REPO, check_path, run_pwy
from pathwaylang.syntax.fmt import format_source
from pathwaylang.core.source import read_source


def _pwy(*args, cwd):
    return run_pwy(*args, cwd=cwd)


@pytest.mark.parametrize("extra", [[], ["--library"]], ids=["pathway", "library"])
def test_new_file_checks_clean_and_is_canonical(tmp_path, extra):
    result = _pwy("new", "Dylanshire early help", "--today", "2026-11-26", *extra, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "dylanshire_early_help.pwy"
    report = check_path(path, strict=True)
    assert report.diagnostics == []
    assert format_source(read_source(path)).text == path.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(tmp_path):
    (tmp_path / "mine.pwy").write_text("keep me", encoding="utf-8")
    result = _pwy("new", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "mine.pwy").read_text(encoding="utf-8") == "keep me"


def test_new_with_awkward_name_still_parses(tmp_path):
    result = _pwy("new", '2 "quoted" # name', "-o", "x.pwy", cwd=tmp_path)
    assert result.returncode == 0
    assert check_path(tmp_path / "x.pwy").diagnostics == []


def test_pre_commit_hooks_name_real_commands():
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load(text)}
    assert set(hooks) == {"pwy-check", "pwy-fmt"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["files"] == r"\.pwy$"
        command = hook["entry"].split()
        assert command[0] == "pwy"
        help_text = _pwy(*command[1:], "--help", cwd=REPO)
        assert help_text.returncode == 0, help_text.stderr
