"""`pwy explain RULE`: print a rule's page."""

from __future__ import annotations

import difflib
import inspect
import sys

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, cli


@cli.command()
@click.argument("rule", required=False)
def explain(rule: str | None) -> None:
    """Explain RULE (or list every rule)."""
    from pathwaylang.rules import all_rules, rule_named

    if rule is None:
        for item in all_rules():
            click.echo(f"{item.name:28} {item.default_severity.value}")
        return
    found = rule_named(rule)
    if found is None:
        close = difflib.get_close_matches(rule, [r.name for r in all_rules()], n=1)
        tip = f"; did you mean `{close[0]}`?" if close else "; `pwy explain` lists them"
        click.echo(f"error: no rule named `{rule}`{tip}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(f"# {found.name} ({found.default_severity.value})\n")
    click.echo(inspect.cleandoc(type(found).__doc__ or ""))
