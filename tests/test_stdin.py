"""Standard input: `pwy check -` and `pwy fmt -`, with `--stdin-filename PATH` naming the file
for messages, for `use` paths and the root, and for finding the configuration (as ruff,
eslint and prettier do). Bad input on standard input gets a finding, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from pathwaylang.core.limits import MAX_FILE_BYTES
from test_cli_robust import PWY, TIME_LIMIT, Run

GOOD = (Path(__file__).parent / "fixtures" / "valid-spec-complete.pwy").read_text(encoding="utf-8")
MISTAKE = 'pathway p "P" {\n  owner "Someone"\n  stage s "S" {\n    exit done\n  }\n}\n'
"""`exit done`: a syntax finding at 4:10."""


def piped(*args: str, cwd: Path, stdin: bytes | Path) -> Run:
    start = time.monotonic()
    options = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": open(stdin, "rb")}
    try:
        done = subprocess.run([str(PWY), *args], cwd=cwd, capture_output=True,
                              timeout=TIME_LIMIT * 2, env={**os.environ, "NO_COLOR": "1"},
                              **options)
    finally:
        if "stdin" in options:
            options["stdin"].close()
    run = Run(done.returncode, done.stdout.decode("utf-8", "replace"),
              done.stderr.decode("utf-8", "replace"), time.monotonic() - start)
    assert "Traceback" not in run.text, run.text
    assert run.seconds < TIME_LIMIT, f"took {run.seconds:.1f} s"
    return run


def test_check_reads_standard_input(tmp_path):
    run = piped("check", "-", cwd=tmp_path, stdin=GOOD.encode())
    assert run.code == 0 and run.out.strip().endswith("in 1 file"), run.text
    run = piped("check", "-", cwd=tmp_path, stdin=MISTAKE.encode())
    assert run.code == 1 and "\n --> <stdin>:4:10\n" in run.out, run.out


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_the_stdin_filename_names_the_file_in_every_format(tmp_path, output):
    run = piped("check", "-", "--stdin-filename", "teams/north.pwy", "--format", output,
                cwd=tmp_path, stdin=MISTAKE.encode())
    assert run.code == 1, run.text
    if output == "sarif":
        location = json.loads(run.out)["runs"][0]["results"][0]["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "teams/north.pwy"
    elif output == "json":
        assert json.loads(run.out)["diagnostics"][0]["file"] == "teams/north.pwy"
    elif output == "github":
        assert run.out.startswith("::error file=teams/north.pwy,line=4,col=10,")
    else:
        assert "\n --> teams/north.pwy:4:10\n" in run.out


LIBRARY = 'library shared "Shared" {\n  role nurse "School nurse"\n}\n'
USER = ('pathway p "P" {\n  use "shared.pwy"\n  owner "Someone"\n  entry e "E" -> s\n'
        '  stage s "S" {\n    lead nurse\n    exit to done when "Done"\n  }\n'
        '  outcome done "Done"\n}\n')


def test_use_paths_and_the_root_are_found_from_the_named_file(tmp_path):
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "shared.pwy").write_text(LIBRARY, encoding="utf-8")
    named = piped("check", "-", "--stdin-filename", "teams/north.pwy", "--format", "json",
                  cwd=tmp_path, stdin=USER.encode())
    rules = {d["rule"] for d in json.loads(named.out)["diagnostics"]}
    assert "bad-include" not in rules and "undefined-reference" not in rules, named.out
    unnamed = piped("check", "-", cwd=tmp_path, stdin=USER.encode())
    assert "error[bad-include]: cannot find `shared.pwy`\n --> <stdin>:2:7" in unnamed.out
    outside = piped("check", "-", "--stdin-filename", "teams/north.pwy", "--root", "elsewhere",
                    cwd=tmp_path, stdin=USER.encode())
    assert "error[bad-include]: `shared.pwy` is outside the root folder" in outside.out


def test_the_configuration_is_found_from_the_named_file(tmp_path):
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / "pathwaylang.toml").write_text('[rules]\nno-indicators = "off"\n'
                                                          'no-entry-point = "info"\n')
    text = 'pathway p "P" {\n}\n'.encode()
    plain = piped("check", "-", "--stdin-filename", "loose/p.pwy", cwd=tmp_path, stdin=text)
    configured = piped("check", "-", "--stdin-filename", "strict/p.pwy", cwd=tmp_path,
                       stdin=text)
    assert "warning[no-indicators]" in plain.out and "no-indicators" not in configured.out
    assert "note[no-entry-point]" in configured.out, configured.out


def test_standard_input_wins_over_the_named_file_on_disk(tmp_path):
    (tmp_path / "p.pwy").write_text(GOOD, encoding="utf-8")
    run = piped("check", "-", "--stdin-filename", "p.pwy", cwd=tmp_path, stdin=MISTAKE.encode())
    assert run.code == 1 and " --> p.pwy:4:10" in run.out


BAD_INPUT = {
    "binary": (bytes(range(256)) * 8, "error[syntax]: `<stdin>` is not UTF-8 text (byte 0x80 at "
                                      "byte 128)"),
    "invalid-utf-8": ('pathway p "Caf\xe9" {}'.encode("latin-1"),
                      "error[syntax]: `<stdin>` is not UTF-8 text (byte 0xe9 at byte 14)"),
    "nul": (b'pathway p "P" {\0}', "error[syntax]: `<stdin>` has a NUL byte (at byte 15): "
                                   "this looks like binary data, not a pathway"),
    "utf-16": ('pathway p "P" {}'.encode("utf-16"), "error[syntax]: `<stdin>` is UTF-16 text; "
                                                    "pathway files are UTF-8"),
    "huge": (b"#" * (MAX_FILE_BYTES + 1),
             f"error[unreadable-file]: cannot read `<stdin>`: it is more than "
             f"{MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}"),
}


@pytest.mark.parametrize("command", ["check", "fmt"])
@pytest.mark.parametrize("kind", sorted(BAD_INPUT))
def test_bad_standard_input_gets_a_finding(tmp_path, kind, command):
    data, message = BAD_INPUT[kind]
    run = piped(command, "-", cwd=tmp_path, stdin=data)
    assert run.code == 2, run.text
    assert message in (run.out if command == "check" else run.err), run.text
    if command == "fmt":
        assert run.out == ""  # nothing an editor could take for the formatted text


def test_an_endless_stream_is_read_no_further_than_the_limit(tmp_path):
    """/dev/zero on standard input: the read stops at the limit + 1 bytes, at once."""
    run = piped("check", "-", cwd=tmp_path, stdin=Path("/dev/zero"))
    assert run.code == 2 and "it is more than" in run.out, run.text


UGLY = 'pathway p "P" {\n      owner    "Someone"   # who\n}\n'
PRETTY = 'pathway p "P" {\n  owner "Someone"  # who\n}\n'


def test_fmt_writes_the_formatted_text_to_standard_output(tmp_path):
    (tmp_path / "p.pwy").write_text(UGLY, encoding="utf-8")
    run = piped("fmt", "-", "--stdin-filename", "p.pwy", cwd=tmp_path, stdin=UGLY.encode())
    assert (run.code, run.out, run.err) == (0, PRETTY, "")
    assert (tmp_path / "p.pwy").read_text(encoding="utf-8") == UGLY  # the file is left alone
    again = piped("fmt", "-", cwd=tmp_path, stdin=PRETTY.encode())
    assert (again.code, again.out) == (0, PRETTY)


def test_fmt_check_and_diff_on_standard_input(tmp_path):
    check = piped("fmt", "--check", "-", cwd=tmp_path, stdin=UGLY.encode())
    assert (check.code, check.out, check.err) == (1, "", "would reformat <stdin>\n")
    assert piped("fmt", "--check", "-", cwd=tmp_path, stdin=PRETTY.encode()).code == 0
    diff = piped("fmt", "--diff", "-", "--stdin-filename", "p.pwy", cwd=tmp_path,
                 stdin=UGLY.encode())
    assert diff.code == 1 and diff.out.startswith("--- p.pwy\n+++ p.pwy\n")
    assert '-      owner    "Someone"   # who\n+  owner "Someone"  # who\n' in diff.out


def test_fmt_of_a_mistake_says_where_on_stderr(tmp_path):
    run = piped("fmt", "-", "--stdin-filename", "p.pwy", cwd=tmp_path, stdin=MISTAKE.encode())
    assert run.code == 2 and run.out == "" and " --> p.pwy:4:10" in run.err


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_standard_input_is_given_alone(tmp_path, command):
    (tmp_path / "p.pwy").write_text(GOOD, encoding="utf-8")
    both = piped(command, "-", "p.pwy", cwd=tmp_path, stdin=b"")
    assert both.code == 2 and "give it without other files" in both.err
    named = piped(command, "--stdin-filename", "q.pwy", "p.pwy", cwd=tmp_path, stdin=b"")
    assert named.code == 2 and "give `-` as the file to read standard input" in named.err
