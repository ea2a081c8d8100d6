"""`pwy explain RULE`: print a rule's page, or list every rule with a one-line summary."""

from __future__ import annotations

import sys

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, cli
from pathwaylang.core.wording import did_you_mean


@cli.command()
@click.argument("rule", required=False)
@click.option("--plain", is_flag=True,
              help="Print the page as Markdown text even on a terminal.")
def explain(rule: str | None, plain: bool) -> None:
    """Explain RULE: what it checks, why, and a failing and a passing example.

    Without RULE, list every rule with its default severity."""
    from pathwaylang.authoring import rule_pages
    from pathwaylang.rules import all_rules, rule_named

    if rule is None:
        click.echo(_listing(all_rules(), rule_pages))
        return
    found = rule_named(rule)
    if found is None:
        guess = did_you_mean(rule, [r.name for r in all_rules()])
        tip = f"; {guess}" if guess else "; `pwy explain` lists them"
        click.echo(f"error: no rule named `{rule}`{tip}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    page = rule_pages.markdown(found)
    if plain or not sys.stdout.isatty():
        click.echo(page, nl=False)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(page, code_theme="ansi_dark"))


def _listing(rules, rule_pages) -> str:
    width = max(len(r.name) for r in rules)
    lines = [f"{r.name:{width}}  {r.default_severity.value:7}  {rule_pages.summary(r)}"
             for r in rules]
    lines += ["", "`pwy explain RULE` shows a rule's page."]
    return "\n".join(lines)
