"""The import rules of docs/architecture.md: each stage imports only what lies upstream of it.

Every `import` in src/pathwaylang, at the top of a module or inside a function, is read with
`ast`. A package not listed in `ALLOWED` fails too: a new package says where it sits.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "pathwaylang"

# What each package may import from pathwaylang (besides itself). A name matches a module
# and everything below it: `analysis.graph` allows `pathwaylang.analysis.graph` only.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "model": {"core"},
    "syntax": {"core", "model"},
    "analysis": {"core", "model", "syntax", "rules"},  # the checker runs the rules
    "rules": {"core", "model", "icons", "analysis.graph", "analysis.symbols",
              "analysis.readability", "analysis.durations", "analysis.ordering"},
    "emit": {"core", "model", "icons", "analysis.graph", "analysis.ordering",
             "analysis.readability", "authoring.diff"},
    "report": {"core", "model", "rules", "authoring", "emit.markdown"},
    "authoring": {"core", "model", "syntax.statements", "rules", "analysis.symbols"},
    "audit": {"core", "model", "analysis.graph", "emit"},
    "interchange": {"core", "model", "analysis.graph", "emit", "syntax.fmt"},  # fmt: imports
    "icons": {"core"},
    "lsp": {"core", "model", "icons", "syntax", "analysis", "rules", "authoring", "emit"},
    "preview": {"core", "model", "icons", "analysis", "rules", "authoring", "emit", "report",
                "lsp"},
    "cli": {"*"},
    "__main__": {"cli"},
    "__init__": set(),
}
LARK_PACKAGES = {"syntax"}
"""Only the syntax stage knows lark is there."""


def _imports(path: Path) -> list[tuple[int, str]]:
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            # `from pathwaylang.analysis import readability` imports analysis.readability
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def _package(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _violations(path: Path) -> list[str]:
    package = _package(path)
    assert package in ALLOWED, f"{path}: package `{package}` is not in ALLOWED; say where it sits"
    allowed = ALLOWED[package]
    wrong = []
    for line, name in _imports(path):
        top = name.split(".")[0]
        if top == "lark" and package not in LARK_PACKAGES:
            wrong.append(f"{path.relative_to(SRC)}:{line} imports lark")
        if top != "pathwaylang" or "*" in allowed:
            continue
        target = name.split(".")[1:]
        if not target or target[0] in (package, "__version__"):
            continue
        if not any(target[: len(a.split("."))] == a.split(".") for a in allowed):
            wrong.append(f"{path.relative_to(SRC)}:{line} imports {name}")
    return wrong


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_downstream(path):
    assert _violations(path) == []


def test_the_rules_can_fail(tmp_path, monkeypatch):
    """An emitter that imports the loader, and a rule that imports lark, are caught."""
    bad = SRC / "emit" / "_probe_bad_import.py"
    try:
        bad.write_text("from pathwaylang.analysis.loader import load\nimport lark\n",
                       encoding="utf-8")
        assert _violations(bad) == ["emit/_probe_bad_import.py:1 imports "
                                    "pathwaylang.analysis.loader.load",
                                    "emit/_probe_bad_import.py:2 imports lark"]
    finally:
        bad.unlink()
