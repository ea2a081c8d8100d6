"""What the commands that check a file before using it share: the check's own options
(`--today`, `--root`, `--config`), and the check itself, printed as `pwy check` prints it."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN


def check_options(command):
    """Add `--today`, `--root` and `--config` to a click command, as `pwy check` has them."""
    for option in reversed((
        click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="Fix today's date (YYYY-MM-DD) for the checks."),
        click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Folder that `use` and `file` paths may not leave "
                          "[default: current folder]."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                     default=None, help="Configuration file to use instead of looking for "
                                        "pathwaylang.toml or pyproject.toml."),
    )):
        command = option(command)
    return command


def overrides_from(today, root: Path | None, config_file: Path | None, strict: bool = False):
    """The command line's settings, which win over the configuration file's."""
    from pathwaylang.analysis.batch import Overrides

    return Overrides(today=today.date() if today else dt.date.today(), strict=strict,
                     root=root, config=config_file)


def checked_report(path: Path, finder, overrides, verb: str):
    """Check `path` with the configuration `pwy check` would use, printing the findings on
    standard error. Exits with 2 when the file or its configuration cannot be read; None
    (saying the file was not `verb`) when it has errors; else the `FileReport`."""
    from pathwaylang.analysis.batch import options_for
    from pathwaylang.analysis.checker import Checker
    from pathwaylang.report.text import render_text

    found = finder.for_file(path)
    if found.config is None:
        sources = {found.source.display: found.source} if found.source else {}
        click.echo(render_text([found.diagnostic], sources), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    checker = Checker(options_for(found.config, overrides))
    report = checker.check_file(path)
    if report.diagnostics:
        click.echo(render_text(report.diagnostics, checker.sources, sys.stderr.isatty()),
                   err=True)
    if report.fatal:
        sys.exit(EXIT_CANNOT_RUN)
    if report.has_errors or report.program is None:
        click.echo(f"{report.path}: not {verb}: fix the errors above first", err=True)
        return None
    return report
