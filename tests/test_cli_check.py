"""`pwy check` on many files, with configuration, in every format; `pwy explain`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathwaylang.cli import cli
from pathwaylang.cli import check as check_module
from pathwaylang.cli.check import expand_paths
from pathwaylang.rules import all_rules
from samples import CLEAN, EXIT_SUPPORTED_LINE, append_to_line, with_errors, without_criteria

import pathwaylang.cli.explain  # noqa: F401  (registers the subcommands)

TODAY = ["--today", "2026-11-26"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, ["check", *TODAY, *args], catch_exceptions=False)


def _json(*args: str) -> tuple[int, dict]:
    result = _run("--format", "json", *args)
    return result.exit_code, json.loads(result.output)


# ---- files, folders and globs -------------------------------------------------------


def test_expand_paths_finds_files_in_folders_and_globs_once(folder):
    for name in ["b/z.pwy", "b/a.pwy", "b/deep/c.pwy", "b/.hidden/x.pwy", "b/notes.txt",
                 "top.pwy"]:
        _write(folder / name, CLEAN)
    files, missing = expand_paths(("top.pwy", "b", "b/*.pwy", "**/c.pwy", "nothing*.pwy"))
    assert [p.as_posix() for p in files] == ["top.pwy", "b/a.pwy", "b/deep/c.pwy", "b/z.pwy"]
    assert missing == ["nothing*.pwy"]


def test_findings_from_many_files_are_sorted_by_file_line_and_column(folder):
    _write(folder / "z.pwy", with_errors())
    _write(folder / "a" / "one.pwy", without_criteria())
    _write(folder / "a" / "two.pwy", CLEAN)
    code, document = _json("z.pwy", "a")
    places = [(d["file"], d["line"], d["column"]) for d in document["diagnostics"]]
    assert places == sorted(places)
    assert {p[0] for p in places} == {"z.pwy", "a/one.pwy"}
    assert document["summary"]["files"] == 3
    assert code == 1


def test_exit_codes(folder):
    _write(folder / "clean.pwy", CLEAN)
    _write(folder / "warn.pwy", without_criteria())
    _write(folder / "bad.pwy", with_errors())
    assert _run("clean.pwy").exit_code == 0
    assert _run("warn.pwy").exit_code == 0
    assert _run("--strict", "warn.pwy").exit_code == 1
    assert _run("bad.pwy", "clean.pwy").exit_code == 1
    missing = _run("clean.pwy", "missing.pwy")
    assert missing.exit_code == 2 and "error[unreadable-file]" in missing.output
    nothing = _run("nothing*.pwy")
    assert nothing.exit_code == 2 and "nothing matches nothing*.pwy" in nothing.output


def test_text_output_ends_with_a_summary(folder):
    _write(folder / "warn.pwy", without_criteria())
    _write(folder / "clean.pwy", CLEAN)
    result = _run("warn.pwy", "clean.pwy")
    assert result.output.rstrip().endswith("2 warnings in 1 of 2 files")  # files with findings
    assert "\x1b[" not in result.output  # no colour when not on a terminal
    assert _run("clean.pwy").output == "no findings in 1 file\n"


# ---- configuration ------------------------------------------------------------------


def test_configuration_beside_the_files_changes_severities(folder):
    _write(folder / "p" / "warn.pwy", without_criteria())
    _write(folder / "p" / "pathwaylang.toml", '[rules]\nmissing-criteria = "error"\n')
    code, document = _json("p")
    assert code == 1
    assert {d["severity"] for d in document["diagnostics"]} == {"error"}
    _write(folder / "p" / "pathwaylang.toml", '[rules]\nmissing-criteria = "off"\n')
    assert _json("p") == (0, {"diagnostics": [], "summary": {
        "files": 1, "errors": 0, "warnings": 0, "infos": 0}})


def test_each_file_gets_its_own_configuration(folder):
    _write(folder / "strict" / "pathwaylang.toml", "strict = true\n")
    _write(folder / "strict" / "warn.pwy", without_criteria())
    _write(folder / "relaxed" / "warn.pwy", without_criteria())
    code, document = _json("strict", "relaxed")
    by_file = {(d["file"], d["severity"]) for d in document["diagnostics"]}
    assert by_file == {("strict/warn.pwy", "error"), ("relaxed/warn.pwy", "warning")}
    assert code == 1


def test_config_option_beats_the_file_found(folder):
    _write(folder / "warn.pwy", without_criteria())
    _write(folder / "pathwaylang.toml", "strict = true\n")
    other = _write(folder / "ci" / "relaxed.toml", '[rules]\nmissing-criteria = "info"\n')
    assert _run("warn.pwy").exit_code == 1
    code, document = _json("--config", str(other), "warn.pwy")
    assert code == 0 and {d["severity"] for d in document["diagnostics"]} == {"info"}


def test_a_bad_configuration_is_a_finding_and_exit_code_2(folder):
    _write(folder / "warn.pwy", without_criteria())
    _write(folder / "pyproject.toml", '[tool.pathwaylang.rules]\nmissing-critera = "off"\n')
    result = _run("warn.pwy")
    assert result.exit_code == 2
    assert result.output.startswith(
        "error[bad-config]: unknown setting `tool.pathwaylang.rules.missing-critera`\n"
        " --> pyproject.toml:2:1\n")
    assert "help: did you mean `missing-criteria`?" in result.output
    assert "Traceback" not in result.output
    _write(folder / "pyproject.toml", "[tool.pathwaylang\n")
    code, document = _json("warn.pwy")
    assert code == 2 and document["diagnostics"][0]["rule"] == "bad-config"
    missing = _run("--config", "nope.toml", "warn.pwy")
    assert missing.exit_code == 2 and "cannot read configuration `nope.toml`" in missing.output


def test_root_from_the_configuration_and_from_the_command_line(folder):
    _write(folder / "shared" / "common.pwy", 'library common "Common" {\n'
                                             '  role health_visitor "Health visitor"\n}\n')
    text = CLEAN.replace('  role health_visitor "Health visitor"\n',
                         '  use "../shared/common.pwy"\n')
    _write(folder / "team" / "p.pwy", text)
    _write(folder / "team" / "pathwaylang.toml", 'root = "."\n')
    code, document = _json("team/p.pwy")
    assert code == 1 and document["diagnostics"][0]["rule"] == "bad-include"
    assert _run("--root", ".", "team/p.pwy").exit_code == 0
    _write(folder / "team" / "pathwaylang.toml", 'root = ".."\n')
    assert _run("team/p.pwy").exit_code == 0


def test_suppressions_work_from_the_command_line(folder):
    text = append_to_line(without_criteria(), EXIT_SUPPORTED_LINE,
                          "  # pwy: ignore[missing-criteria]")
    _write(folder / "p.pwy", text)
    _, document = _json("p.pwy")
    assert [d["line"] for d in document["diagnostics"]] == [21]


# ---- formats ------------------------------------------------------------------------


def test_sarif_and_github_formats(folder):
    _write(folder / "sub dir" / "bad.pwy", with_errors())
    sarif = _run("--format", "sarif", "sub dir")
    assert sarif.exit_code == 1
    run = json.loads(sarif.output)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris == {"sub%20dir/bad.pwy"}
    github = _run("--format", "github", "sub dir")
    lines = github.output.rstrip("\n").split("\n")
    assert github.exit_code == 1
    assert all(re.match(r"::(error|warning|notice) file=sub dir/bad\.pwy,line=\d+,", line)
               for line in lines[:-1])
    assert sum(line.startswith("::error ") for line in lines) == 2
    assert lines[-1].endswith("in 1 file")


def test_every_format_is_deterministic(folder):
    _write(folder / "a.pwy", with_errors())
    _write(folder / "b.pwy", without_criteria())
    for fmt in check_module.FORMATS:
        first = _run("--format", fmt, "a.pwy", "b.pwy").output
        assert first == _run("--format", fmt, "b.pwy", "a.pwy").output, fmt


# ---- progress -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_for_many_files_only(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with check_module._progress(check_module.PROGRESS_FROM - 1) as advance:
        assert advance is None
    with check_module._progress(check_module.PROGRESS_FROM) as advance:
        for n in range(check_module.PROGRESS_FROM):
            advance(Path(f"[bold]file{n}.pwy"))
    assert terminal.getvalue() != ""
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with check_module._progress(100) as advance:
        assert advance is None


def test_many_files_check_with_progress_off_the_terminal(folder):
    for n in range(check_module.PROGRESS_FROM + 2):
        _write(folder / f"p{n}.pwy", CLEAN)
    result = _run(".")
    assert result.exit_code == 0 and result.output == "no findings in 8 files\n"


# ---- explain ------------------------------------------------------------------------


def _explain(*args: str):
    return CliRunner().invoke(cli, ["explain", *args], catch_exceptions=False)


def test_explain_lists_every_rule_with_severity_and_summary():
    result = _explain()
    assert result.exit_code == 0
    lines = result.output.split("\n")
    for rule in all_rules():
        line = next(line for line in lines if line.split(" ")[0] == rule.name)
        assert line.split()[1] == rule.default_severity.value
        assert len(line.split()) > 2


def test_explain_prints_the_page():
    result = _explain("missing-lead")
    assert result.exit_code == 0
    assert result.output.startswith("# missing-lead\n\nDefault severity: **error**.\n")
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in result.output


def test_explain_suggests_a_rule_for_a_typo():
    result = CliRunner().invoke(cli, ["explain", "missing-laed"])
    assert result.exit_code == 2
    assert "no rule named `missing-laed`; did you mean `missing-lead`?" in result.output
