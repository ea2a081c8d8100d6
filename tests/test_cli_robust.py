"""`pwy check` on hostile and broken input, run as a user runs it (the installed `pwy`
command in a subprocess): always a finding naming its rule and an exit code (0 no errors,
1 errors found, 2 could not run), never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pathwaylang import __version__
from pathwaylang.core.limits import MAX_FILE_BYTES, MAX_INCLUDE_DEPTH, MAX_TEXT_CHARS

PWY = Path(sys.executable).with_name("pwy")
FIXTURES = Path(__file__).parent / "fixtures"
TIME_LIMIT = 30.0
"""Seconds any one run may take; generous, for a busy CI machine."""


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


def pwy(*args: str, cwd: Path) -> Run:
    start = time.monotonic()
    done = subprocess.run([str(PWY), *args], cwd=cwd, capture_output=True, text=True,
                          errors="replace", timeout=TIME_LIMIT * 2,
                          env={**os.environ, "NO_COLOR": "1"})
    run = Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)
    assert "Traceback" not in run.text, run.text
    assert run.seconds < TIME_LIMIT, f"took {run.seconds:.1f} s"
    return run


def check_bytes(tmp_path: Path, data: bytes, *options: str) -> Run:
    (tmp_path / "input.pwy").write_bytes(data)
    return pwy("check", *options, "input.pwy", cwd=tmp_path)


def rules_in(run: Run) -> set[str]:
    return {line.split("[", 1)[1].split("]", 1)[0] for line in run.out.splitlines()
            if line.startswith(("error[", "warning[", "note["))}


GOOD = (FIXTURES / "valid-spec-complete.pwy").read_bytes()


# ---- what cannot be read at all: exit code 2 -----------------------------------------------


@pytest.mark.parametrize("name, data, words", [
    ("binary", bytes(range(256)) * 64, "is not UTF-8 text"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "is not UTF-8 text"),
    ("latin-1", 'pathway p "P" {\n  owner "Caf\xe9"\n}\n'.encode("latin-1"),
     "(byte 0xe9 at byte 28)"),
    ("utf-16", 'pathway p "P" {\n}\n'.encode("utf-16"), "is UTF-16 text"),
    ("nul-bytes", b'pathway p "P" {\n  owner "a\x00b"\n}\n', "has a NUL byte"),
])
def test_files_that_are_not_text_cannot_be_checked(tmp_path, name, data, words):
    run = check_bytes(tmp_path, data)
    assert run.code == 2
    assert rules_in(run) == {"syntax"} and words in run.out


def test_invalid_utf8_is_pointed_at(tmp_path):
    run = check_bytes(tmp_path, b'pathway p "P" {\n  owner "\xff"\n}\n')
    assert run.code == 2 and " --> input.pwy:2:10" in run.out


def test_a_file_over_the_size_limit(tmp_path):
    run = check_bytes(tmp_path, b" " * (MAX_FILE_BYTES + 1))
    assert run.code == 2 and rules_in(run) == {"unreadable-file"}
    assert f"the limit is {MAX_FILE_BYTES:,}" in run.out


def test_a_missing_file(tmp_path):
    run = pwy("check", "not-there.pwy", cwd=tmp_path)
    assert run.code == 2 and rules_in(run) == {"unreadable-file"}
    assert "cannot read `not-there.pwy`: there is no such file" in run.out


def test_a_missing_file_still_lets_the_others_be_checked(tmp_path):
    (tmp_path / "good.pwy").write_bytes(b'pathway p "P" {\n  levle x\n}\n')
    run = pwy("check", "not-there.pwy", "good.pwy", cwd=tmp_path)
    assert run.code == 2 and rules_in(run) == {"unreadable-file", "syntax"}


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can read any file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.pwy"
    path.write_bytes(GOOD)
    path.chmod(0)
    try:
        run = pwy("check", "secret.pwy", cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert run.code == 2 and rules_in(run) == {"unreadable-file"}


def test_a_broken_symlink(tmp_path):
    (tmp_path / "link.pwy").symlink_to(tmp_path / "gone.pwy")
    run = pwy("check", "link.pwy", cwd=tmp_path)
    assert run.code == 2 and rules_in(run) == {"unreadable-file"}


def test_a_glob_matching_nothing(tmp_path):
    run = pwy("check", "nothing/*.pwy", cwd=tmp_path)
    assert run.code == 2 and "nothing matches" in run.err


@pytest.mark.parametrize("args", [
    ("check", "--format", "yaml", "x.pwy"),
    ("check", "--today", "26/11/2026", "x.pwy"),
    ("check", "--no-such-option", "x.pwy"),
    ("check",),
    ("chekc", "x.pwy"),
])
def test_bad_options(tmp_path, args):
    run = pwy(*args, cwd=tmp_path)
    assert run.code == 2 and ("Error" in run.err or "Usage" in run.err)


def test_version(tmp_path):
    run = pwy("--version", cwd=tmp_path)
    assert run.code == 0 and run.out.strip() == f"pwy, version {__version__}"


def test_python_dash_m_is_the_same_program(tmp_path):
    (tmp_path / "input.pwy").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "pathwaylang", "check", "input.pwy"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "error[syntax]" in done.stdout


# ---- broken but readable: exit code 1, quickly ----------------------------------------


def test_an_empty_file(tmp_path):
    run = check_bytes(tmp_path, b"")
    assert run.code == 1 and rules_in(run) == {"syntax"} and "the file is empty" in run.out


def test_a_file_of_whitespace_and_comments(tmp_path):
    run = check_bytes(tmp_path, b"\n\n   \t\n# just a note\n\r\n")
    assert run.code == 1 and "the file is empty" in run.out


def test_a_two_megabyte_string(tmp_path):
    data = b'pathway p "P" {\n  owner "' + b"a" * 2_000_000 + b'"\n}\n'
    run = check_bytes(tmp_path, data)
    assert run.code == 1 and rules_in(run) == {"syntax"}
    assert f"the limit is {MAX_TEXT_CHARS:,}" in run.out
    assert len(run.out) < 5_000  # the excerpt is cut, not two million carets


def test_a_two_megabyte_string_never_closed(tmp_path):
    data = b'pathway p "P" {\n  owner "' + b"a" * 2_000_000 + b"\n}\n"
    run = check_bytes(tmp_path, data)
    assert run.code == 1 and "this string has no closing" in run.out and len(run.out) < 5_000


def test_a_text_block_never_closed_over_many_lines(tmp_path):
    data = b'pathway p "P" {\n  owner """\n' + b"    some words\n" * 100_000
    run = check_bytes(tmp_path, data)
    assert run.code == 1 and 'this text block has no closing `"""`' in run.out
    assert " --> input.pwy:2:9" in run.out


@pytest.mark.parametrize("opening", ['  stage s "S" {\n', '  family {\n', "{"])
def test_thousands_of_unclosed_blocks(tmp_path, opening):
    data = ('pathway p "P" {\n' + opening * 5000).encode()
    run = check_bytes(tmp_path, data)
    assert run.code == 1 and rules_in(run) == {"syntax"}


def test_thousands_of_closing_braces(tmp_path):
    run = check_bytes(tmp_path, b'pathway p "P" {\n}\n' + b"}" * 100_000)
    assert run.code == 1 and "this `}` has no block to close" in run.out


def test_deeply_nested_braces(tmp_path):
    run = check_bytes(tmp_path, b"{" * 100_000 + b"}" * 100_000)
    assert run.code == 1 and rules_in(run) == {"syntax"}


def test_a_huge_single_line_with_a_finding_on_every_item(tmp_path):
    items = "".join(f'agency a{i} "Agency" ' for i in range(5_000))
    data = f'pathway p "P" {{ {items} agency a0 "Again" }}'.encode()
    run = check_bytes(tmp_path, data, "--today", "2026-11-26")
    assert run.code == 1 and "duplicate-definition" in rules_in(run)
    assert max(len(line) for line in run.out.splitlines()) < 700


def test_thousands_of_stages_with_thousands_of_unknown_names(tmp_path):
    stages = "".join(f'  stage s{i} "S" {{ level level{i} lead lead{i} }}\n'
                     for i in range(2000))
    run = check_bytes(tmp_path, f'pathway p "P" {{\n{stages}}}\n'.encode())
    assert run.code == 1 and "undefined-reference" in rules_in(run)


def test_terminal_escapes_in_a_file_are_not_sent_to_the_terminal(tmp_path):
    data = b'pathway p "P" {\n  owner "\x1b[2J\x1b]0;owned\x07" levle\n}\n'
    run = check_bytes(tmp_path, data)
    assert run.code == 1 and "\x1b" not in run.out and "\\x1b[2J" in run.out


def test_json_output_for_a_binary_file(tmp_path):
    run = check_bytes(tmp_path, bytes(range(256)), "--format", "json")
    assert run.code == 2
    (finding,) = json.loads(run.out)["diagnostics"]
    assert finding["rule"] == "syntax" and finding["severity"] == "error"


def test_uses_nested_deeper_than_the_limit(tmp_path):
    for depth in range(MAX_INCLUDE_DEPTH + 3):
        (tmp_path / f"lib{depth}.pwy").write_text(
            f'library lib{depth} {{ use "lib{depth + 1}.pwy" agency a{depth} "A" }}\n')
    (tmp_path / f"lib{MAX_INCLUDE_DEPTH + 3}.pwy").write_text("library last { }\n")
    (tmp_path / "input.pwy").write_text('pathway p "P" { use "lib0.pwy" }\n')
    run = pwy("check", "input.pwy", cwd=tmp_path)
    assert run.code == 1 and rules_in(run) == {"bad-include"}
    assert f"nested more than {MAX_INCLUDE_DEPTH} files deep" in run.out


# ---- good input: exit code 0 --------------------------------------------------------------


def test_the_complete_example_has_no_errors(tmp_path):
    run = check_bytes(tmp_path, GOOD, "--today", "2026-11-26")
    assert run.code == 0, run.out


def test_the_complete_example_saved_on_windows(tmp_path):
    run = check_bytes(tmp_path, b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n"),
                      "--today", "2026-11-26")
    assert run.code == 0, run.out


def test_all_output_is_flushed_before_the_quick_exit(tmp_path):
    """`pwy` ends its process without the interpreter's clean-up (cli.exit_now); everything it
    printed must still arrive, down a pipe, with the right exit code."""
    stages = "\n".join(f'  stage s{i} "Stage {i}" {{ }}' for i in range(400))
    (tmp_path / "p.pwy").write_text(f'pathway p "P" {{\n{stages}\n}}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pathwaylang", "check", "--format", "json",
                           "p.pwy"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    report = json.loads(done.stdout)  # the whole document, not a buffer's worth
    assert len(done.stdout) > 100_000
    assert len(report["diagnostics"]) > 400
