"""`pwy new NAME`: start a pathway (or a library) that checks clean, with comments that teach."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_OK, cli


@cli.command("new")
@click.argument("name")
@click.option("--library", is_flag=True, help="Start a library of shared definitions instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: NAME.pwy in the current folder].")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The `developed` date (YYYY-MM-DD) [default: today].")
def new(name: str, library: bool, output: Path | None, today) -> None:
    """Write a new pathway file called NAME.pwy."""
    from pathwaylang.authoring.scaffold import identifier_for, scaffold

    target = output or Path(f"{identifier_for(name)}.pwy")
    if target.exists():
        click.echo(f"error: `{target}` already exists; choose another name or use -o", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    text = scaffold(name, library, today.date() if today else dt.date.today())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}; next: pwy check {target}")
    sys.exit(EXIT_OK)
