"""`pwy check`: findings for pathway files, as text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import datetime as dt
import glob
import sys
from pathlib import Path

import click

from pathwaylang.core.source import resolved

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli
from pathwaylang.cli.checked import check_options
from pathwaylang.cli.stdin import STDIN_FILENAME_HELP, read_stdin, wants_stdin

FORMATS = ("text", "json", "sarif", "github")
PROGRESS_FROM = 6
"""Show a progress bar (on a terminal) when checking at least this many files."""


def expand_paths(arguments: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Files from arguments: files as given, `*.pwy` under directories (hidden folders
    skipped), and globs; each file once, in the order first named."""
    files: list[Path] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if _stat_ok(path.is_dir):
            found = _pathway_files(path)
            files += found
            if not found:  # an empty folder in CI is a wrong path, not a clean pathway
                missing.append(f"{argument} (no .pwy files in it)")
        elif any(ch in argument for ch in "*?[") and not _stat_ok(path.exists):
            matches = sorted(glob.glob(argument, recursive=True))
            files += [Path(p) for p in matches if Path(p).is_file()]
            if not matches:
                missing.append(argument)
        else:
            files.append(path)
    return _once(files), missing


def _stat_ok(question) -> bool:
    """`path.is_dir`/`path.exists` asked safely: a name the system refuses (far too long)
    is not there, and checking it then says so as an unreadable file."""
    try:
        return question()
    except OSError:
        return False


def _pathway_files(folder: Path) -> list[Path]:
    found = (p for p in folder.rglob("*.pwy")
             if p.is_file() and not any(part.startswith(".")
                                        for part in p.relative_to(folder).parts))
    return sorted(found)


def _once(files: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = resolved(path) if _stat_ok(path.exists) else path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="How to print findings.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@check_options
@click.option("--stdin-filename", type=click.Path(path_type=Path, readable=False), default=None,
              help=STDIN_FILENAME_HELP)
def check(files, output_format, strict, today, root, config_file, stdin_filename) -> None:
    """Check pathway FILES (files, directories or globs) and report findings; `-` reads
    the pathway from standard input.

    Settings come from pathwaylang.toml or [tool.pathwaylang] in pyproject.toml
    (docs/configuration.md); options given here win."""
    from pathwaylang.analysis.batch import BatchResult, Overrides, check_paths
    from pathwaylang.core.diagnostics import Diagnostic

    given = None
    if wants_stdin(files, stdin_filename):
        given, _ = read_stdin(stdin_filename)
        paths = [given.span.file if isinstance(given, Diagnostic) else given.path]
    else:
        paths, missing = expand_paths(files)
        if missing:
            click.echo(f"error: nothing matches {', '.join(missing)}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
    overrides = Overrides(today=today.date() if today else dt.date.today(), strict=strict,
                          root=root, config=config_file)
    if isinstance(given, Diagnostic):  # standard input is not a pathway's text at all
        result = BatchResult(1, [given])
    else:
        with _progress(len(paths)) as advance:
            result = check_paths(paths, overrides, advance, given)
    _print(result, output_format)
    if result.fatal:
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_FINDINGS if result.has_errors else EXIT_OK)


class _progress:
    """A transient rich progress bar on stderr, only on a terminal and for many files."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total < PROGRESS_FROM or not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("checking", total=self.total)
        return lambda path: self.bar.update(task, advance=1, description=f"checking {escape(str(path))}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print(result, output_format: str) -> None:
    from pathwaylang.report import Summary

    diagnostics = result.diagnostics
    if output_format == "json":
        from pathwaylang.report.json import render_json

        click.echo(render_json(diagnostics, result.files))
    elif output_format == "sarif":
        from pathwaylang.report.sarif import render_sarif

        click.echo(render_sarif(diagnostics))
    elif output_format == "github":
        from pathwaylang.report.github import render_github

        if diagnostics:
            click.echo(render_github(diagnostics))
        click.echo(Summary.of(diagnostics, result.files).sentence())
    else:
        from pathwaylang.report.text import render_text

        if diagnostics:
            click.echo(render_text(diagnostics, result.sources, colour=sys.stdout.isatty()))
            click.echo()
        click.echo(Summary.of(diagnostics, result.files).sentence())
