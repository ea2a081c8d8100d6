"""The VS Code extension's TextMate grammar (editors/vscode): its scope assertions pass under
vscode-tmgrammar-test (the project's npm set-up installs it), a wrong assertion fails, and
it knows every keyword of the language's grammar."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "editors" / "vscode"
TOOL = REPO / "node_modules" / ".bin" / "vscode-tmgrammar-test"


def run_tool(folder: Path) -> subprocess.CompletedProcess:
    if not TOOL.exists():
        if os.environ.get("CI"):
            pytest.fail("vscode-tmgrammar-test is not installed; scripts/setup.sh installs it")
        pytest.skip("vscode-tmgrammar-test is not installed (scripts/setup.sh installs it)")
    return subprocess.run([str(TOOL), "--compact", "tests/*.pwy"], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def test_the_grammar_passes_its_scope_assertions():
    result = run_tool(EXTENSION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((EXTENSION / "tests").glob("*.pwy"))) >= 2


def test_a_wrong_assertion_fails(tmp_path):
    copy = tmp_path / "vscode"
    for name in ("package.json", "language-configuration.json"):
        shutil.copy(EXTENSION / name, copy / name if copy.exists() else _made(copy) / name)
    shutil.copytree(EXTENSION / "syntaxes", copy / "syntaxes")
    (copy / "tests").mkdir()
    text = (EXTENSION / "tests" / "stage.pwy").read_text()
    (copy / "tests" / "stage.pwy").write_text(
        text.replace("entity.name.type.stage.pathway", "entity.name.type.outcome.pathway", 1))
    result = run_tool(copy)
    assert result.returncode != 0 and "entity.name.type.outcome.pathway" in result.stdout


def _made(folder: Path) -> Path:
    folder.mkdir()
    return folder


def test_every_keyword_is_coloured():
    grammar = json.loads((EXTENSION / "syntaxes" / "pathway.tmLanguage.json").read_text())
    patterns = re.findall(r'"(?:match|begin)": "((?:[^"\\]|\\.)*)"', json.dumps(grammar))
    regexes = [re.compile(json.loads(f'"{p}"')) for p in patterns]
    words = set(re.findall(r'"([a-z_]+)"', (REPO / "grammar" / "pathway.lark").read_text()))
    # A declaring keyword is coloured with the name it declares (`stage first "Title"`).
    missing = {w for w in words if not any(r.search(f" {w} ") or r.search(f'{w} some_id "T"')
                                           for r in regexes)}
    assert not missing, f"the TextMate grammar does not colour {sorted(missing)}"


def test_the_extension_starts_pwy_lsp_for_pwy_files():
    manifest = json.loads((EXTENSION / "package.json").read_text())
    language = manifest["contributes"]["languages"][0]
    assert language["extensions"] == [".pwy"]
    assert manifest["contributes"]["grammars"][0]["scopeName"] == "source.pathway"
    client = (EXTENSION / "extension.js").read_text()
    assert '"lsp"' in client and 'language: "pathway"' in client
    configuration = json.loads((EXTENSION / "language-configuration.json").read_text())
    assert configuration["comments"]["lineComment"] == "#"
    assert ["{", "}"] in configuration["brackets"]
