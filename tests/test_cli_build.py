"""`pwy build` reads the same configuration as `pwy check`."""

from __future__ import annotations

import shutil

from conftest import REPO, run_pwy

SPEC = REPO / "tests/fixtures/valid-spec-complete.pwy"


def test_build_obeys_configured_severities(tmp_path):
    shutil.copy(SPEC, tmp_path / "p.pwy")
    (tmp_path / "pathwaylang.toml").write_text('[rules]\nmissing-family-text = "error"\n')
    result = run_pwy("build", "p.pwy", "-o", "out", "--today", "2026-11-26", cwd=tmp_path)
    assert result.returncode == 1
    assert "error[missing-family-text]" in result.stderr
    assert not (tmp_path / "out" / "dylanshire_families").exists()


def test_build_refuses_a_bad_configuration(tmp_path):
    shutil.copy(SPEC, tmp_path / "p.pwy")
    (tmp_path / "pathwaylang.toml").write_text('[rules]\nmissing-famly-text = "error"\n')
    result = run_pwy("build", "p.pwy", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad-config" in result.stderr and "missing-family-text" in result.stderr


def test_a_library_is_not_built(tmp_path):
    shutil.copy(REPO / "examples/common/families-first-common.pwy", tmp_path / "lib.pwy")
    shutil.copy(SPEC, tmp_path / "p.pwy")
    result = run_pwy("build", "lib.pwy", "p.pwy", "-o", "out", "--today", "2026-11-26",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "lib.pwy is a library: nothing to build" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["dylanshire_families"]
