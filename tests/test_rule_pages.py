"""Every rule's docstring is its page: fixed headings, and examples that behave as they say."""

from __future__ import annotations

import inspect
import re

import pytest

from pathwaylang.rules import all_rules

HEADINGS = ["## What it does", "## Why it matters", "## Example", "## Use instead"]
RULES = all_rules()


def _page(rule) -> str:
    return inspect.cleandoc(type(rule).__doc__ or "")


def _section(page: str, heading: str) -> str:
    start = page.index(heading) + len(heading)
    following = [page.index(h) for h in HEADINGS if h in page and page.index(h) > start]
    return page[start:min(following, default=len(page))]


def _code(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_page_has_the_headings_in_order(rule):
    page = _page(rule)
    positions = [page.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions), f"{rule.name}: missing headings"
    assert positions == sorted(positions)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_failing_example_triggers_and_passing_example_does_not(rule, check_text):
    page = _page(rule)
    failing = _code(_section(page, "## Example"), "pwy")
    passing = _code(_section(page, "## Use instead"), "pwy")
    if not failing:  # only for findings about files that cannot be read (shown as commands)
        assert _code(_section(page, "## Example"), "sh"), f"{rule.name}: no example"
        return
    assert passing, f"{rule.name}: no passing example"
    for text in failing:
        report = check_text(text)
        assert rule.name in {d.rule for d in report.diagnostics}, f"{rule.name} not triggered"
    for text in passing:
        report = check_text(text)
        assert rule.name not in {d.rule for d in report.diagnostics}, f"{rule.name} triggered"
