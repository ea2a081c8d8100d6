"""`pwy fmt`: rewrite pathway files in the canonical layout (or, with --check, say which would change)."""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli
from pathwaylang.cli.check import expand_paths
from pathwaylang.cli.stdin import STDIN_FILENAME_HELP, read_stdin, wants_stdin


@cli.command("fmt")
@click.argument("files", nargs=-1, required=True)
@click.option("--check", "check_only", is_flag=True,
              help="Change nothing; exit 1 if any file would change.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Change nothing; print a unified diff of what would change.")
@click.option("--stdin-filename", type=click.Path(path_type=Path, readable=False), default=None,
              help=STDIN_FILENAME_HELP)
def fmt(files, check_only: bool, show_diff: bool, stdin_filename: Path | None) -> None:
    """Format pathway FILES (files, directories or globs) in place; `-` formats standard
    input and writes the result to standard output."""
    from pathwaylang.core.diagnostics import Diagnostic
    from pathwaylang.syntax.fmt import format_source
    from pathwaylang.report.text import render_text
    from pathwaylang.core.source import (decode_source, display_path, read_bytes_safely,
                                         unreadable_finding)

    if wants_stdin(files, stdin_filename):
        _format_stdin(stdin_filename, check_only, show_diff)
    paths, missing = expand_paths(files)
    if missing:
        click.echo(f"error: nothing matches {', '.join(missing)}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    changed, failed = [], 0
    for path in paths:
        data = read_bytes_safely(path)
        source = (decode_source(data, path, display_path(path))
                  if isinstance(data, bytes) else unreadable_finding(path, data))
        if isinstance(source, Diagnostic):
            click.echo(render_text([source], {}), err=True)
            failed += 1
            continue
        result = format_source(source)
        if result.text is None:
            click.echo(render_text(result.diagnostics, {source.display: source}), err=True)
            failed += 1
            continue
        original = data.decode("utf-8", errors="replace")
        if result.text == original:
            continue
        changed.append(source.display)
        if show_diff:
            click.echo("".join(difflib.unified_diff(
                original.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=source.display, tofile=source.display)), nl=False)
        elif not check_only:
            _write_atomically(path, result.text)
    _summarise(changed, check_only or show_diff, len(paths) - failed, failed)
    if failed:
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_FINDINGS if changed and (check_only or show_diff) else EXIT_OK)


def _format_stdin(stdin_filename: Path | None, check_only: bool, show_diff: bool) -> None:
    """Standard input formatted onto standard output (nothing else there, so an editor can
    take it as the new text); with --check or --diff, as for a file. Findings go to stderr."""
    from pathwaylang.core.diagnostics import Diagnostic
    from pathwaylang.report.text import render_text
    from pathwaylang.syntax.fmt import format_source

    source, data = read_stdin(stdin_filename)
    result = None if isinstance(source, Diagnostic) else format_source(source)
    if result is None or result.text is None:
        findings = [source] if result is None else result.diagnostics
        sources = {} if result is None else {source.display: source}
        click.echo(render_text(findings, sources), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    original = data.decode("utf-8")
    changed = result.text != original
    if show_diff:
        click.echo("".join(difflib.unified_diff(
            original.splitlines(keepends=True), result.text.splitlines(keepends=True),
            fromfile=source.display, tofile=source.display)), nl=False)
    elif check_only:
        if changed:
            click.echo(f"would reformat {source.display}", err=True)
    else:
        click.echo(result.text, nl=False)
    sys.exit(EXIT_FINDINGS if changed and (check_only or show_diff) else EXIT_OK)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _summarise(changed: list[str], dry_run: bool, total: int, failed: int) -> None:
    for name in changed:
        click.echo(f"{'would reformat' if dry_run else 'reformatted'} {name}", err=True)
    count = f"{len(changed)} file{'s' if len(changed) != 1 else ''}"
    verb = "would be reformatted" if dry_run else "reformatted"
    could_not = f", {failed} could not be formatted" if failed else ""
    click.echo(f"{count} {verb}, {total - len(changed)} already formatted{could_not}", err=True)
