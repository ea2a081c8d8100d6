"""Shared test helpers: check a file or a text the way `pwy check` does, with today fixed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pathwaylang.analysis.checker import Checker, CheckOptions, FileReport
from pathwaylang.rules import RuleOptions

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True, scope="session")
def _a_graphviz_cache_of_its_own(tmp_path_factory):
    """`pwy build` keeps Graphviz's output in $PWY_CACHE_DIR (emit/graphviz_cache.py): in
    the suite, a folder of its own, never the user's cache."""
    before = os.environ.get("PWY_CACHE_DIR")
    os.environ["PWY_CACHE_DIR"] = str(tmp_path_factory.mktemp("pwy-cache"))
    yield
    if before is None:
        del os.environ["PWY_CACHE_DIR"]
    else:
        os.environ["PWY_CACHE_DIR"] = before


def check_path(path: Path, **options) -> FileReport:
    """Check `path` from its own folder (so findings name it by its file name)."""
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        checker = Checker(CheckOptions(root=path.parent, rules=RuleOptions(today=TODAY), **options))
        report = checker.check_file(Path(path.name))
        report.sources = checker.sources
        return report
    finally:
        os.chdir(here)


@pytest.fixture
def check_text(tmp_path):
    """Write `text` to a file in a temporary folder and check it."""

    def run(text: str, name: str = "example.pwy", **options) -> FileReport:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return check_path(path, **options)

    return run


from browser import browser, browser_page  # noqa: E402,F401  (fixtures for browser tests)


def run_pwy(*args: str, cwd: Path | None = None):
    """Run `pwy ARGS` in-process (fast) from `cwd`; returns returncode, stdout and stderr."""
    from types import SimpleNamespace

    from click.testing import CliRunner

    from pathwaylang.cli import load_commands

    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(load_commands(), list(args))
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout,
                           stderr=result.stderr)
