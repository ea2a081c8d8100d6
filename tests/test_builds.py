"""`pwy build` is atomic, contained and deterministic.

- atomic: a build that fails or is killed part way leaves the earlier output exactly as it
  was (and a failed one leaves no temporary folders);
- contained: artefacts land only under `-o DIR/<id>/`; `use` and subpathway `file` paths
  cannot reach outside the root, through `../`, absolute paths or symlinks;
- deterministic: two builds of the same input in different folders, on different days and
  with different SOURCE_DATE_EPOCH values give byte-identical artefacts, PDFs included.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from conftest import REPO, check_path, run_pwy
from pathwaylang.emit import build as build_module
from pathwaylang.cli.atomic import write_atomically

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
SMALL = """\
pathway small "Small pathway" {
  levels { low "Low" domain prevention  high "High" domain protection }
  role worker "Worker"
  entry door_a "A way in" -> start
  entry door_b "Another way in" -> start
  stage start "Start" {
    level low
    lead worker
    entry when "Asked"
    exit to done when "Finished"
  }
  outcome done "Done" { level low }
}
"""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


# ---- atomic -------------------------------------------------------------------------


def test_write_atomically_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "out"
    write_atomically(out, "p", {"a.txt": b"one", "sub/b.txt": b"two"})
    write_atomically(out, "p", {"c.txt": b"three"})
    assert tree(out) == {"p/c.txt": b"three"}  # nothing from the earlier build survives
    assert leftovers(out) == []


def test_a_write_failing_midway_leaves_the_earlier_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_atomically(out, "p", {f"f{i}.txt": b"old %d" % i for i in range(5)})
    before = tree(out)
    real_write = Path.write_bytes
    calls = []

    def failing_write(self, data):
        calls.append(self)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError):
        write_atomically(out, "p", {f"f{i}.txt": b"new %d" % i for i in range(5)})
    assert len(calls) == 3
    assert tree(out) == before
    assert leftovers(out) == []


def _failing_producer():
    module = types.ModuleType("pwy_test_failing_producer")

    def artefacts(ctx):
        yield "first.txt", "written before the failure"
        raise RuntimeError("the producer broke")

    module.artefacts = artefacts
    return module


def test_a_producer_failing_midway_leaves_the_earlier_output(tmp_path, monkeypatch):
    (tmp_path / "small.pwy").write_text(SMALL, encoding="utf-8")
    assert run_pwy("build", "--today", "2026-01-05", "-o", "out", "small.pwy",
                   cwd=tmp_path).returncode == 0
    out = tmp_path / "out"
    before = tree(out)
    assert "small/pathway.json" in before
    monkeypatch.setitem(sys.modules, "pwy_test_failing_producer", _failing_producer())
    monkeypatch.setattr(build_module, "PRODUCERS",
                        [*build_module.PRODUCERS, "pwy_test_failing_producer"])
    result = run_pwy("build", "--today", "2026-01-05", "-o", "out", "small.pwy", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the producer broke" in result.stderr and "nothing was written" in result.stderr
    assert tree(out) == before
    assert leftovers(out) == []


KILL_LOOP = """
import sys
from pathlib import Path
from pathwaylang.cli.atomic import write_atomically

out = Path(sys.argv[1])
versions = [{f"part{i:03}/file.txt": (v * 2000 + "%d" % i).encode() for i in range(150)}
            for v in "AB"]
n = 0
while True:
    write_atomically(out, "p", versions[n % 2])
    n += 1
    print(n, flush=True)
"""


def test_a_killed_build_leaves_a_whole_earlier_or_later_output(tmp_path):
    """SIGKILL a process that keeps rebuilding, at many different moments: the output folder
    is always one complete build, never a mixture, never missing."""
    out = tmp_path / "out"
    script = tmp_path / "loop.py"
    script.write_text(KILL_LOOP, encoding="utf-8")
    complete = []
    for v in "AB":
        write_atomically(tmp_path / v, "p", {f"part{i:03}/file.txt": (v * 2000 + "%d" % i).encode()
                                             for i in range(150)})
        complete.append(tree(tmp_path / v / "p"))
    for attempt in range(8):
        process = subprocess.Popen([sys.executable, str(script), str(out)],
                                   stdout=subprocess.PIPE, text=True)
        process.stdout.readline()  # one build is complete
        time.sleep(0.02 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        assert tree(out / "p") in complete, f"attempt {attempt}: a broken output folder"
    # The next build clears what the killed ones left half-written; the folder of a build
    # still running (this process's) stays.
    running = out / f".p.building-{os.getpid()}-keep"
    running.mkdir()
    write_atomically(out, "p", {"file.txt": b"after"})
    assert sorted(p.name for p in out.iterdir()) == [running.name, "p"]


# ---- contained ------------------------------------------------------------------------

LIBRARY = 'library outside "Outside" {\n  agency secret "SECRET AGENCY FROM OUTSIDE"\n}\n'
OUTSIDE_SUB = 'pathway secret_sub "SECRET SUBPATHWAY" {\n  this is not a pathway\n}\n'


def _with_use(path: str) -> str:
    return SMALL.replace('pathway small "Small pathway" {',
                         f'pathway small "Small pathway" {{\n  use "{path}"')


def _with_subpathway(path: str) -> str:
    return SMALL.replace(
        '    exit to done when "Finished"',
        '    exit to done when "Finished"\n    refer to help when "Needs housing help"',
    ).replace('  outcome done', f'  subpathway help "Help" {{ file "{path}" rejoin start }}\n'
                                '  outcome done')


@pytest.fixture
def outside(tmp_path):
    """A root folder `root/` and, beside it, files that must never be read."""
    root = tmp_path / "root"
    root.mkdir()
    away = tmp_path / "away"
    away.mkdir()
    (away / "lib.pwy").write_text(LIBRARY, encoding="utf-8")
    (away / "sub.pwy").write_text(OUTSIDE_SUB, encoding="utf-8")
    (root / "link-lib.pwy").symlink_to(away / "lib.pwy")
    (root / "link-sub.pwy").symlink_to(away / "sub.pwy")
    (root / "linked-folder").symlink_to(away, target_is_directory=True)
    return root, away


@pytest.mark.parametrize("how", ["../away/lib.pwy", "ABSOLUTE", "link-lib.pwy",
                                 "linked-folder/lib.pwy", "sub/../../away/lib.pwy"])
def test_use_cannot_leave_the_root(outside, how):
    root, away = outside
    (root / "sub").mkdir()
    target = str(away / "lib.pwy") if how == "ABSOLUTE" else how
    path = root / "main.pwy"
    path.write_text(_with_use(target), encoding="utf-8")
    report = check_path(path)
    rules = [d.rule for d in report.diagnostics if d.severity.value == "error"]
    assert rules == ["bad-include"], report.diagnostics
    assert "outside the root" in report.diagnostics[0].message
    assert not any("away" in name or "lib.pwy" in name for name in report.sources
                   if name != "main.pwy")
    assert "SECRET" not in repr(report.program)


@pytest.mark.parametrize("how", ["../away/sub.pwy", "ABSOLUTE", "link-sub.pwy",
                                 "linked-folder/sub.pwy"])
def test_subpathway_files_cannot_leave_the_root(outside, how):
    root, away = outside
    target = str(away / "sub.pwy") if how == "ABSOLUTE" else how
    path = root / "main.pwy"
    path.write_text(_with_subpathway(target), encoding="utf-8")
    report = check_path(path)
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    assert [d.rule for d in errors] == ["subpathway-unconnected"], report.diagnostics
    # The file outside was never read: its own syntax error is not reported.
    assert not any(d.span and "sub.pwy" in d.span.file and d.rule == "syntax"
                   for d in report.diagnostics)
    result = run_pwy("build", "--today", "2026-01-05", "-o", "out", "main.pwy", cwd=root)
    assert result.returncode == 1
    assert not (root / "out").exists() or not any((root / "out").rglob("*.json"))


def test_a_file_inside_the_root_is_fine(outside):
    root, _ = outside
    (root / "lib.pwy").write_text(LIBRARY.replace("outside", "inside"), encoding="utf-8")
    path = root / "main.pwy"
    path.write_text(_with_use("lib.pwy"), encoding="utf-8")
    report = check_path(path)
    assert not [d for d in report.diagnostics if d.severity.value == "error"]


def test_the_build_writes_only_under_out_id(tmp_path):
    (tmp_path / "small.pwy").write_text(SMALL, encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    result = run_pwy("build", "--today", "2026-01-05", "-o", "out", "small.pwy", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    new = set(tmp_path.rglob("*")) - before
    assert new and all(p == tmp_path / "out" or (tmp_path / "out" / "small") in [p, *p.parents]
                       for p in new), sorted(map(str, new))


def test_the_pathway_id_cannot_name_a_folder_outside(tmp_path):
    """The folder name is the pathway id, which the grammar keeps to letters, digits and _."""
    text = SMALL.replace("pathway small", "pathway ../../escape")
    (tmp_path / "bad.pwy").write_text(text, encoding="utf-8")
    result = run_pwy("build", "-o", "out", "bad.pwy", cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "escape").exists()


def test_artefact_paths_that_would_leave_the_folder_are_refused():
    for bad in ("../x.html", "/etc/x", "a/../../x", ""):
        with pytest.raises(AssertionError):
            build_module._safe_relative(bad)


# ---- deterministic ----------------------------------------------------------------------


def _build_copy(folder: Path, today: str, epoch: str, monkeypatch) -> dict[str, bytes]:
    """Copy the fixture to `folder` under another name and build it from there."""
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "copied-pathway.pwy")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati" if epoch.startswith("1") else "UTC")
    result = run_pwy("build", "--today", today, "--no-cache", "-o", "build-output",  # each
                     "copied-pathway.pwy", cwd=folder)  # picture drawn on its own clock
    assert result.returncode == 0, result.stderr
    (built,) = (folder / "build-output").iterdir()
    return tree(built)


def test_builds_are_byte_identical_across_folders_days_and_clocks(tmp_path, monkeypatch):
    first = _build_copy(tmp_path / "a", "2026-01-05", "1000000000", monkeypatch)
    second = _build_copy(tmp_path / "elsewhere" / "deeper" / "b", "2026-08-17", "1800000000",
                         monkeypatch)
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".pdf") for name in first), "no PDF was built"
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    for name, content in first.items():  # no trace of where or when it was built
        for word in (str(tmp_path).encode(), b"2026-01-05", b"2026-08-17"):
            assert word not in content, f"{name} holds {word!r}"
