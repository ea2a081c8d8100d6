"""`pwy audit PATHWAY RECORDS...`: replay families' case records against the pathway."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli

FORMATS = ("text", "json", "html", "csv")
SUFFIX = {"text": "txt", "json": "json", "html": "html", "csv": "csv"}


@cli.command("audit")
@click.argument("pathway", type=click.Path(path_type=Path, readable=False))
@click.argument("records", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Audit as on this day (YYYY-MM-DD) [default: the latest date in the records].")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Write audit.<format> into this folder instead of printing it.")
@click.option("--db", "database", default=None,
              help="Read the records from PostgreSQL (postgresql://...) instead of files.")
@click.option("--table", default=None, help="The table of case records, with --db.")
@click.option("--suppress-under", "threshold", type=click.IntRange(min=1), default=5,
              show_default=True,
              help="In HTML and CSV, show counts under this as 'fewer than N'.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that `use` and `file` paths may not leave [default: current folder].")
def audit(pathway, records, as_of, output_format, out_dir, database, table, threshold,
          root) -> None:
    """Replay the case RECORDS (CSV, JSON Lines, Parquet or XES) against PATHWAY and report
    moves, breaches, variance and indicators. Exit 1 when any row was rejected, 2 when the
    pathway has errors or the records cannot be read."""
    from pathwaylang.audit.records import RecordsError
    from pathwaylang.audit.run import Records, run_audit

    if bool(database) != bool(table):
        raise click.UsageError("--db and --table go together")
    if not records and not database:
        raise click.UsageError("name the records files (or --db and --table)")
    program = _checked_program(pathway, root)
    source = Records(files=[(path, str(path)) for path in records], database=database,
                     table=table)
    try:
        report = run_audit(program, source, as_of.date() if as_of else None)
    except RecordsError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except Exception as err:  # an unreadable file or a database refusing: say so, no traceback
        click.echo(f"error: the audit could not read the records: {type(err).__name__}: "
                   f"{_first_line(err)}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    _emit(report, program, output_format, out_dir, threshold)
    if report.rows_rejected:
        click.echo(f"{len(report.rows_rejected)} rows were rejected and left out of the "
                   "figures (each is listed with its file, line and reason)", err=True)
    sys.exit(EXIT_FINDINGS if report.rows_rejected else EXIT_OK)


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [""])[0]


def _checked_program(pathway: Path, root: Path | None):
    """The pathway, checked as `pwy check` would; exit 2 when it has errors."""
    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.report.text import render_text
    from pathwaylang.rules import RuleOptions

    checker = Checker(CheckOptions(root=root or Path.cwd(),
                                   rules=RuleOptions(today=dt.date.today())))
    report = checker.check_file(pathway)
    if report.has_errors or report.program is None or report.program.root.kind != "pathway":
        errors = [d for d in report.diagnostics if d.severity.value == "error"]
        if errors:
            click.echo(render_text(errors, checker.sources, sys.stderr.isatty()), err=True)
        click.echo(f"{report.path}: not audited: the pathway must check without errors first",
                   err=True)
        sys.exit(EXIT_CANNOT_RUN)
    return report.program


def _emit(report, program, output_format: str, out_dir: Path | None, threshold: int) -> None:
    from pathwaylang.audit import reports

    if output_format == "html":
        from pathwaylang.audit.html import render_html

        text = render_html(report, threshold, program)
    elif output_format == "csv":
        text = reports.render_csv(report, threshold)
    elif output_format == "json":
        text = reports.render_json(report)
    else:
        text = reports.render_text(report)
    if out_dir is None:
        click.echo(text, nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"audit.{SUFFIX[output_format]}"
    handle, staged = tempfile.mkstemp(prefix=".audit-", dir=out_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(staged, 0o644)
        os.replace(staged, target)
    except BaseException:
        os.unlink(staged)
        raise
    click.echo(f"wrote {target}", err=True)
