"""docs/language.md and docs/limits.md cannot drift: every example parses, every keyword and
built-in icon is documented, the messages shown are the ones `pwy` prints, every cap is
listed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pathwaylang.core.limits as limits
from conftest import check_path
from pathwaylang.icons import ALT_TEXT, ICON_NAMES
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse, terminal_literals
from pathwaylang.core.source import SourceFile

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
LIMITS_DOC = (REPO / "docs" / "limits.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```pwy\n(.*?)```", DOC, re.S)


def test_there_are_examples():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_every_example_parses(index):
    text = EXAMPLES[index]
    result = parse(SourceFile(Path("doc.pwy"), "doc.pwy", text))
    assert result.diagnostics == [], [d.message for d in result.diagnostics]
    _, findings = lower(result.tree, "doc.pwy")
    assert [d.message for d in findings if d.rule == "syntax"] == []


def test_the_first_example_checks_without_errors(tmp_path):
    path = tmp_path / "first.pwy"
    path.write_text(EXAMPLES[0], encoding="utf-8")
    report = check_path(path)
    assert [d.message for d in report.diagnostics if d.severity.value == "error"] == []


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_built_in_icon_is_listed_with_its_alt_text(name):
    row = f"| `{name}` | {ALT_TEXT[name]['en']} | {ALT_TEXT[name]['cy']} |"
    assert row in DOC


def test_no_icon_is_listed_that_does_not_exist():
    section = DOC.split("### Built-in icons", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    assert listed == list(ICON_NAMES)


@pytest.mark.parametrize("keyword", sorted({w for w in terminal_literals().values()
                                            if w.isidentifier()}))
def test_every_keyword_is_documented(keyword):
    assert re.search(rf"`[^`\n]*\b{keyword}\b[^`\n]*`", DOC), keyword


@pytest.mark.parametrize("fixture", ["invalid-misspelt-keyword-in-stage",
                                     "invalid-missing-brace-before-next-stage"])
def test_the_messages_shown_are_the_ones_pwy_prints(fixture):
    expected = (REPO / "tests" / "rules" / "syntax" / f"{fixture}.expected").read_text(
        encoding="utf-8")
    assert expected.replace(f"{fixture}.pwy", "pathway.pwy") in DOC


def test_every_extension_is_listed_once():
    section = DOC.split("## Extensions beyond the contract", 1)[1]
    for words in ["Library titles", "Libraries use libraries", "must be a library",
                  "Text blocks wherever a string is", "whole numbers", "`consent` is repeatable",
                  "`domain` words are checked", "not run backwards", "at most 100%",
                  "Unknown escapes", "Family text line breaks"]:
        assert section.count(words) == 1, words


def test_every_cap_is_in_docs_limits():
    caps = [name for name in vars(limits) if name.startswith("MAX_")]
    assert len(caps) >= 6
    for name in caps:
        assert f"`{name}`" in LIMITS_DOC, name
        value = getattr(limits, name)
        shown = {f"{value:,}", f"{value}", f"{value // (1024 * 1024)} MiB"}
        assert any(s in LIMITS_DOC for s in shown), (name, value)
