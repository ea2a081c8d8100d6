"""Bugs found by acceptance testing, kept fixed."""

from __future__ import annotations

from conftest import run_pwy

SUB = '''pathway sub "Sub" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry in "In" -> s
  stage s "S" { level low lead worker entry when "x" exit to done when "y" }
  outcome done "Done"
  subpathway loop "Loop" { file "main.pwy" rejoin s }
}
'''


def test_a_subpathway_naming_its_parent_is_reported(tmp_path):
    (tmp_path / "main.pwy").write_text(SUB.replace('file "main.pwy"', 'file "main.pwy"'))
    result = run_pwy("check", "main.pwy", cwd=tmp_path)
    assert result.returncode == 1
    assert "error[subpathway-unconnected]" in result.stdout
    assert "already being checked" in result.stdout


def test_an_empty_folder_is_not_a_clean_check(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_pwy("check", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert "no .pwy files" in result.stderr


def test_fmt_counts_files_it_could_not_format(tmp_path):
    (tmp_path / "bad.pwy").write_text('pathway p "P" {\n  stage\n')
    result = run_pwy("fmt", "bad.pwy", cwd=tmp_path)
    assert result.returncode == 2
    assert "0 already formatted, 1 could not be formatted" in result.stderr
