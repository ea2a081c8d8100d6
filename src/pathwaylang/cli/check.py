"""`pwy check`: findings for pathway files, as text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import datetime as dt
import glob
import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli

FORMATS = ("text", "json")


def expand_paths(arguments: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Files from arguments: files as given, `*.pwy` under directories, and globs."""
    files: list[Path] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.pwy") if p.is_file())
        elif any(ch in argument for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(argument, recursive=True))
            files += [Path(p) for p in matches if Path(p).is_file()]
            if not matches:
                missing.append(argument)
        else:
            files.append(path)
    return files, missing


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="How to print findings.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Fix today's date (YYYY-MM-DD) for reproducible checks.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that `use` and `file` paths may not leave [default: current folder].")
def check(files, output_format, strict, today, root) -> None:
    """Check pathway FILES (files, directories or globs) and report findings."""
    from pathwaylang.checker import CheckOptions, Checker
    from pathwaylang.rules import RuleOptions

    paths, missing = expand_paths(files)
    if missing:
        click.echo(f"error: nothing matches {', '.join(missing)}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    rule_options = RuleOptions(today=today.date() if today else dt.date.today())
    options = CheckOptions(root=root or Path.cwd(), strict=strict, rules=rule_options)
    checker = Checker(options)
    reports = [checker.check_file(path) for path in paths]
    diagnostics = [d for report in reports for d in report.diagnostics]
    _print(diagnostics, checker.sources, len(reports), output_format)
    if any(report.fatal for report in reports):
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_FINDINGS if any(r.has_errors for r in reports) else EXIT_OK)


def _print(diagnostics, sources, files: int, output_format: str) -> None:
    from pathwaylang.report import Summary

    if output_format == "json":
        from pathwaylang.report.json import render_json

        click.echo(render_json(diagnostics, files))
        return
    from pathwaylang.report.text import render_text

    colour = sys.stdout.isatty()
    if diagnostics:
        click.echo(render_text(diagnostics, sources, colour=colour))
        click.echo()
    click.echo(Summary.of(diagnostics, files).sentence())
