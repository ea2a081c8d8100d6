"""Rule pages: a rule's docstring read as its documentation (`pwy explain`, docs/rules/, SARIF).

A page has the headings `## What it does`, `## Why it matters`, `## Example` and
`## Use instead` (rules/base.py); this module cuts it up and writes it out as Markdown.
"""

from __future__ import annotations

import inspect
import re

from pathwaylang.rules import Rule

HEADINGS = ("What it does", "Why it matters", "Example", "Use instead")

def page(rule: Rule) -> str:
    """The rule's docstring, dedented."""
    return inspect.cleandoc(type(rule).__doc__ or "").strip()


def sections(rule: Rule) -> dict[str, str]:
    """Heading -> text under it, for each `## ` heading of the page."""
    parts = re.split(r"^## +(.+?)\s*$", page(rule), flags=re.M)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def summary(rule: Rule) -> str:
    """One line: the rule module's first docstring line (`name: summary.`), else the first
    sentence of *What it does*."""
    module = inspect.getmodule(type(rule))
    first = (inspect.getdoc(module) or "").split("\n", 1)[0] if module else ""
    if first.startswith(f"{rule.name}: "):
        return first[len(rule.name) + 2:].rstrip(".")
    text = " ".join(sections(rule).get("What it does", "").split())
    found = re.match(r"(.+?)(?:[.:!?](?:\s|$)|$)", text)
    return found.group(1) if found and found.group(1) else rule.name


def describe(rule: Rule) -> str:
    """What it does, as one paragraph of plain text."""
    return " ".join(sections(rule).get("What it does", summary(rule)).split())


def default_severity(rule: Rule) -> str:
    return rule.default_severity.value


def markdown(rule: Rule) -> str:
    """The rule's page as a Markdown document (docs/rules/<rule>.md, `pwy explain`)."""
    lines = [f"# {rule.name}", "",
             f"Default severity: **{default_severity(rule)}**."]
    if rule.reported_by:
        lines.append(f"Reported by {rule.reported_by}.")
    lines += ["", _without_trailing_spaces(page(rule)), ""]
    return "\n".join(lines)


def _without_trailing_spaces(text: str) -> str:
    # Markdown reads two trailing spaces as a line break.
    return "\n".join(line.rstrip() for line in text.split("\n"))


def index_markdown(rules: tuple[Rule, ...]) -> str:
    """docs/rules/README.md: every rule with its severity and one-line summary."""
    lines = ["# Rules", "",
             "Every finding `pwy check` reports comes from one of these rules. Each page says",
             "what the rule checks, why it matters, and shows a failing and a passing example.",
             "Change a rule's severity or turn it off in the configuration",
             "([configuration](../configuration.md)); silence one finding with",
             "`# pwy: ignore[rule]`.", "",
             "This folder is generated from the rules' docstrings by "
             "`scripts/gen_rule_docs.py`;",
             "edit the docstring, not these files.", "",
             "| rule | default | what it checks |", "|---|---|---|"]
    for rule in rules:
        text = summary(rule).replace("|", "\\|")
        lines.append(f"| [`{rule.name}`]({rule.name}.md) | {default_severity(rule)} | {text} |")
    lines.append("")
    return "\n".join(lines)


def docs_files(rules: tuple[Rule, ...]) -> dict[str, str]:
    """File name under docs/rules/ -> its text: one page per rule and the index."""
    files = {f"{rule.name}.md": markdown(rule) for rule in rules}
    files["README.md"] = index_markdown(rules)
    return files
