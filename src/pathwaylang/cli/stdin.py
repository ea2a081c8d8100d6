"""`-` for standard input (`pwy check -`, `pwy fmt -`) and `--stdin-filename PATH`.

The convention of ruff, eslint and prettier: editors and pre-commit wrappers pipe a file's
text in and name the file it came from, so messages name that file, and `use` paths, the
root and the configuration are found from its folder, as if the text had been read there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.source import (STDIN, STDIN_DISPLAY, SourceFile, decode_source,
                                     display_path, read_stream_safely, unreadable_finding)

STDIN_FILENAME_HELP = ("With `-`: the file the text on standard input comes from, for "
                       "messages and for finding `use` files and the configuration.")


def wants_stdin(files: tuple[str, ...], stdin_filename: Path | None) -> bool:
    """True for `-` alone; a usage error (exit 2) for `-` beside files, or a
    `--stdin-filename` without `-`."""
    if STDIN not in files:
        if stdin_filename is not None:
            _usage("--stdin-filename names the file standard input comes from; give `-` "
                   "as the file to read standard input")
        return False
    if len(files) > 1:
        _usage("`-` (standard input) is checked on its own: give it without other files")
    return True


def _usage(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_CANNOT_RUN)


def stdin_path(stdin_filename: Path | None) -> tuple[Path, str]:
    """The path standard input stands for, and its name in messages."""
    if stdin_filename is None:
        return Path.cwd() / STDIN_DISPLAY, STDIN_DISPLAY
    return stdin_filename, display_path(stdin_filename)


def read_stdin(stdin_filename: Path | None) -> tuple[SourceFile | Diagnostic, bytes | None]:
    """Standard input as a source file named by `--stdin-filename` (or a finding saying why
    it cannot be one: too large, not UTF-8, binary), and its bytes."""
    path, shown = stdin_path(stdin_filename)
    data = read_stream_safely(click.get_binary_stream("stdin"))
    if not isinstance(data, bytes):
        return unreadable_finding(path, data, shown), None
    return decode_source(data, path, shown), data
