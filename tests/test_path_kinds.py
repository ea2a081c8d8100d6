"""Paths of every kind, for every command that takes one and for `use "..."` and a
subpathway's `file "..."`: a missing file, a folder, a symlink loop, a named pipe, a
character device, a socket, a file that may not be read and one over the size limit.

Each gets its own finding naming the path and the reason in plain words, quickly (nothing
waits on a pipe or a device), and no more than the limit + 1 bytes is ever read
(core/source.py owns reading a file; everything else calls it)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pathwaylang.core import source as source_module
from pathwaylang.core.limits import MAX_FILE_BYTES
from pathwaylang.core.source import Unreadable, probe, read_bytes_safely, read_source
from fuzzing import PATH_KINDS, make_path_of_kind
from test_cli_robust import PWY, Run, pwy, rules_in

GOOD = 'pathway p "P" {\n  owner "Someone"\n}\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

REASONS = {
    "missing": "there is no such file",
    "folder": "it is a folder, not a file",
    "symlink-loop": "it is a symbolic link that leads round in a loop",
    "fifo": "it is a named pipe (FIFO), not a file",
    "dev-zero": "it is a character device, not a file",
    "dev-urandom": "it is a character device, not a file",
    "socket": "it is a socket, not a file",
    "no-permission": "permission denied: you may not read it",
    "too-large": f"it is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}",
}
KINDS = sorted(REASONS)
assert set(KINDS) == set(PATH_KINDS)


def make_kind(folder: Path, kind: str) -> str:
    """Make a path of `kind` in `folder` (fuzzing.py, which the fuzzing draws from too)."""
    return make_path_of_kind(folder, kind, GOOD)


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
"""Root reads any file: as root, the no-permission case runs without the two capabilities
that let it (util-linux's setpriv), so a mode-000 file is refused as it is for anyone else."""


def run_as_user(kind: str, *args: str, cwd: Path) -> Run:
    if kind != "no-permission" or not IS_ROOT:
        return pwy(*args, cwd=cwd)
    done = subprocess.run([*WITHOUT_OVERRIDE, str(PWY), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})
    run = Run(done.returncode, done.stdout, done.stderr, 0.0)
    assert "Traceback" not in run.text, run.text
    return run


COMMANDS = {
    "check": lambda p: ("check", p),
    "build": lambda p: ("build", p, "-o", "out"),
    "fmt": lambda p: ("fmt", p),
    "fmt --check": lambda p: ("fmt", "--check", p),
    "diff OLD": lambda p: ("diff", p, "good.pwy"),
    "diff NEW": lambda p: ("diff", "good.pwy", p),
    "audit": lambda p: ("audit", p, "records.csv"),
    "simulate": lambda p: ("simulate", p, "--cases", "1", "-o", "cases.csv"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_a_path_argument_of_every_kind(folder, kind, command):
    (folder / "good.pwy").write_text(GOOD, encoding="utf-8")
    argument = make_kind(folder, kind)
    run = run_as_user(kind, *COMMANDS[command](argument), cwd=folder)
    assert run.code == 2, run.text
    if kind == "folder" and command in ("check", "fmt", "fmt --check"):
        # check and fmt take folders (their .pwy files): an empty one is a wrong path
        assert f"nothing matches {argument} (no .pwy files in it)" in run.err
        return
    message = f"error[unreadable-file]: cannot read `{argument}`: {REASONS[kind]}"
    assert message in run.text, run.text
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


@pytest.mark.parametrize("kind", KINDS)
def test_a_use_of_every_kind(folder, kind):
    target = make_kind(folder, kind)
    (folder / "main.pwy").write_text(GOOD.replace("{\n", f'{{\n  use "{target}"\n', 1),
                                     encoding="utf-8")
    run = run_as_user(kind, "check", "--root", "/", "main.pwy", cwd=folder)
    assert run.code == 1 and rules_in(run) == {"bad-include"}, run.text
    expected = (f"cannot find `{target}`" if kind == "missing"
                else f"cannot use `{target}`: {REASONS[kind]}")
    assert f"error[bad-include]: {expected}\n --> main.pwy:2:7" in run.out, run.out


SUBPATHWAY = '''pathway p "P" {
  owner "Someone"
  role nurse "Nurse"
  entry start "Asks for help" -> first
  stage first "First" {
    level universal
    lead nurse
    refer to sub when "More help is needed"
    exit to done when "Done"
  }
  subpathway sub "Sub" { file "TARGET" rejoin first }
  outcome done "Done"
}
'''


@pytest.mark.parametrize("kind", KINDS)
def test_a_subpathway_file_of_every_kind(folder, kind):
    target = make_kind(folder, kind)
    (folder / "main.pwy").write_text(SUBPATHWAY.replace("TARGET", target), encoding="utf-8")
    run = run_as_user(kind, "check", "--root", "/", "main.pwy", cwd=folder)
    assert run.code == 1, run.text
    unconnected = [line for line in run.out.splitlines()
                   if line.startswith("error[subpathway-unconnected]")]
    expected = (f"the file `{target}` of subpathway `sub` cannot be found" if kind == "missing"
                else f"cannot read `{target}`, the file of subpathway `sub`: {REASONS[kind]}")
    assert unconnected == [f"error[subpathway-unconnected]: {expected}"], run.out


# ---- the reader itself ----------------------------------------------------------------


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "no-permission"])
def test_the_reader_refuses_before_reading(folder, kind, monkeypatch):
    """A pipe, device, socket, folder or oversized file is refused with no read at all."""
    reads = []
    real_read = os.read
    monkeypatch.setattr(source_module.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    path = folder / make_kind(folder, kind)
    for answer in (read_bytes_safely(path), probe(path)):
        assert isinstance(answer, Unreadable) and answer.reason == REASONS[kind]
    assert reads == []
    finding = read_source(path)
    assert finding.rule == "unreadable-file" and finding.fatal and REASONS[kind] in finding.message


def test_the_reader_never_reads_more_than_the_limit_and_one_byte(tmp_path, monkeypatch):
    """A file whose size says 0 (one still growing, or in /proc) is read only to the limit + 1."""
    path = tmp_path / "growing.pwy"
    path.write_bytes(b"#" * 5000)
    read = []
    real_read, real_fstat = os.read, os.fstat

    def counting_read(fd, n):
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    def size_zero(fd):
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 0, *info[7:]))

    monkeypatch.setattr(source_module.os, "read", counting_read)
    monkeypatch.setattr(source_module.os, "fstat", size_zero)
    answer = read_bytes_safely(path, limit=1000)
    assert isinstance(answer, Unreadable) and "the limit is 1,000" in answer.reason
    assert sum(read) == 1001
    read.clear()
    assert read_bytes_safely(path, limit=5000) == b"#" * 5000


def test_a_file_exactly_at_the_limit_is_read(tmp_path):
    path = tmp_path / "full.pwy"
    path.write_bytes(b"#" * 64)
    assert read_bytes_safely(path, limit=64) == b"#" * 64
    assert isinstance(read_bytes_safely(path, limit=63), Unreadable)


def test_no_permission_as_the_reader_sees_it(folder):
    path = folder / make_kind(folder, "no-permission")
    code = ("import sys; from pathlib import Path; from pathwaylang.core.source import "
            "read_bytes_safely; print(read_bytes_safely(Path(sys.argv[1])).reason)")
    command = [sys.executable, "-c", code, str(path)]
    done = subprocess.run([*WITHOUT_OVERRIDE, *command] if IS_ROOT else command,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == REASONS["no-permission"], done.stdout + done.stderr


def test_a_broken_symlink_says_what_it_is(tmp_path):
    (tmp_path / "link.pwy").symlink_to(tmp_path / "gone.pwy")
    answer = read_bytes_safely(tmp_path / "link.pwy")
    assert answer.missing and answer.reason == "it is a symbolic link to a file that does not exist"


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "too-large"])  # records: no limit
def test_audit_records_of_every_kind(folder, kind):
    """`pwy audit PATHWAY RECORDS`: a records file that is not a file says what it is
    (named `.csv` through a symbolic link, since audit reads records by their suffix)."""
    spec = Path(__file__).parent / "fixtures" / "valid-spec-complete.pwy"
    (folder / "pathway.pwy").write_bytes(spec.read_bytes())
    (folder / "records.csv").symlink_to(make_kind(folder, kind))
    run = run_as_user(kind, "audit", "pathway.pwy", "records.csv", cwd=folder)
    reason = "no such file" if kind == "missing" else REASONS[kind]
    assert run.code == 2 and f"error: records.csv: {reason}" in run.err, run.text
