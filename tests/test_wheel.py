"""The wheel works on its own: built from the checkout, installed into a fresh virtual
environment outside the repository (dependencies from the package index), its `pwy check`
passes a good file and fails a bad one, and the grammar travels inside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"

pytestmark = pytest.mark.slow  # about 40 s: a venv and the dependencies' wheels


def run(*args, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    # Nothing from this checkout's environment may leak into the fresh one.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel, the fresh environment's `pwy`)."""
    base = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist",
                REPO, cwd=base)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("pathwaylang-*.whl")
    venv = base / "venv"
    made = run(sys.executable, "-m", "venv", venv, cwd=base)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    got = run(python, "-m", "pip", "install", "-q", wheel, cwd=base)
    assert got.returncode == 0, got.stderr
    return wheel, venv / "bin" / "pwy"


def test_the_grammar_is_inside_the_wheel(installed):
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        grammar = archive.read("pathwaylang/syntax/pathway.lark").decode()
    assert (REPO / "grammar" / "pathway.lark").read_text(encoding="utf-8") == grammar
    assert "pathwaylang/icons/house.svg" in names
    assert "pathwaylang/preview/page.html" in names  # `pwy serve`'s page
    assert not any(name.startswith(("tests/", "grammar/")) for name in names)
    assert "pathwaylang/emit/templates/checklist.html.j2" in names
    assert not any("__pycache__" in name for name in names)  # no bytecode, no compiled templates


def test_the_installed_package_is_not_the_checkout(installed, tmp_path):
    _, pwy = installed
    python = pwy.with_name("python")
    where = run(python, "-c", "import pathwaylang.syntax.lark_parser as p; print(p.__file__); "
                "print(p.grammar_path())", cwd=tmp_path)
    module, grammar = where.stdout.split()
    assert not module.startswith(str(REPO)) and not grammar.startswith(str(REPO))
    assert Path(grammar).is_file()


def test_a_good_file_passes(installed, tmp_path):
    _, pwy = installed
    shutil.copy(FIXTURE, tmp_path / "pathway.pwy")
    done = run(pwy, "check", "--today", "2026-11-26", "pathway.pwy", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.split("\n")[-2]


def test_a_file_with_an_error_fails_with_the_rule_named(installed, tmp_path):
    _, pwy = installed
    text = FIXTURE.read_text(encoding="utf-8").replace("lead social_worker", "lead socal_worker")
    (tmp_path / "pathway.pwy").write_text(text, encoding="utf-8")
    done = run(pwy, "check", "--today", "2026-11-26", "pathway.pwy", cwd=tmp_path)
    assert done.returncode == 1
    assert "error[undefined-reference]: `socal_worker` is not defined" in done.stdout
    assert "did you mean `social_worker`?" in done.stdout


def test_version_and_python_dash_m(installed, tmp_path):
    _, pwy = installed
    version = run(pwy, "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("pwy, version ")
    (tmp_path / "empty.pwy").write_text("", encoding="utf-8")
    module = run(pwy.with_name("python"), "-m", "pathwaylang", "check", "empty.pwy",
                 cwd=tmp_path)
    assert module.returncode == 1 and "error[syntax]" in module.stdout
