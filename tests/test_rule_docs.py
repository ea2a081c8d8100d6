"""docs/rules/ is generated from the rules' docstrings and must not drift from them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pathwaylang.authoring import rule_pages
from pathwaylang.rules import all_rules

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gen_rule_docs.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_rules_are_up_to_date():
    stale = _generator().differences()
    assert stale == [], (f"docs/rules/ is out of date ({', '.join(stale)}); run "
                         ".venv/bin/python scripts/gen_rule_docs.py")


def test_the_generator_writes_fixes_and_prunes(tmp_path):
    gen = _generator()
    assert len(gen.differences(tmp_path)) == len(all_rules()) + 1
    gen.write(tmp_path)
    assert gen.differences(tmp_path) == []
    (tmp_path / "missing-lead.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "old-rule.md").write_text("a rule that was removed\n", encoding="utf-8")
    assert gen.differences(tmp_path) == ["missing-lead.md", "old-rule.md"]
    assert gen.write(tmp_path) == ["missing-lead.md", "old-rule.md"]
    assert not (tmp_path / "old-rule.md").exists()
    assert gen.differences(tmp_path) == []


def test_each_page_is_the_docstring_and_the_index_lists_every_rule():
    files = rule_pages.docs_files(all_rules())
    index = files["README.md"]
    for rule in all_rules():
        page = files[f"{rule.name}.md"]
        assert page.startswith(f"# {rule.name}\n")
        assert rule_pages.sections(rule)["Why it matters"] in page
        assert f"| [`{rule.name}`]({rule.name}.md) | {rule.default_severity.value} |" in index
        summary = rule_pages.summary(rule)
        assert summary and "\n" not in summary and not summary.endswith(".")
