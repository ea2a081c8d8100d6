"""Startup: `pwy check` on one file imports only what checking needs; the emitters' heavy
libraries (Graphviz, Jinja2, WeasyPrint, Playwright, rich) stay unloaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "valid-spec-complete.pwy"
NOT_FOR_CHECKING = {"graphviz", "jinja2", "weasyprint", "playwright", "rich", "markupsafe"}


def imported(*args: str, cwd: Path) -> tuple[set[str], subprocess.CompletedProcess]:
    """Top-level packages imported by `python -X importtime -m pathwaylang ARGS`."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "pathwaylang", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)
    names = {line.rsplit("|", 1)[1].strip().split(".")[0]
             for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "Traceback" not in done.stderr, done.stderr
    return names, done


def test_importtime_output_is_read_correctly(tmp_path):
    names, _ = imported("check", str(FIXTURE), cwd=tmp_path)
    assert {"pathwaylang", "pydantic", "click"} <= names


@pytest.mark.parametrize("text, code", [
    (FIXTURE.read_text(encoding="utf-8"), 0),
    ('pathway p "P" {\n  levle x\n}\n', 1),
    ('pathway p "P" {\n  stage s "S" { level x }\n}\n', 1),
])
def test_check_does_not_import_the_emitters_libraries(tmp_path, text, code):
    (tmp_path / "p.pwy").write_text(text, encoding="utf-8")
    names, done = imported("check", "--today", "2026-11-26", "p.pwy", cwd=tmp_path)
    assert done.returncode == code, done.stdout
    assert names & NOT_FOR_CHECKING == set()


def test_version_imports_neither_the_parser_nor_the_model(tmp_path):
    names, done = imported("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert names & (NOT_FOR_CHECKING | {"lark", "pydantic", "networkx"}) == set()


def test_a_clean_file_is_read_without_lark(tmp_path):
    """The fast path reads a file without mistakes; lark loads only for one with them."""
    names, done = imported("check", "--today", "2026-11-26", str(FIXTURE), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "lark" not in names
    (tmp_path / "p.pwy").write_text('pathway p "P" {\n  levle x\n}\n', encoding="utf-8")
    names, done = imported("check", "p.pwy", cwd=tmp_path)
    assert done.returncode == 1 and "lark" in names
