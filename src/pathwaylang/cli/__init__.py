"""The `pwy` command line: a thin layer that parses options, calls the library, and exits 0/1/2."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from pathwaylang import __version__

EXIT_OK = 0
"""No errors."""
EXIT_FINDINGS = 1
"""Errors found (or, for `fmt --check`, files that would change)."""
EXIT_CANNOT_RUN = 2
"""Could not run: a missing or unreadable file, a bad option."""


SUBCOMMANDS = ("audit", "build", "check", "diff", "explain", "export", "fmt", "import", "lsp",
               "new", "serve", "simulate")
"""Each names a module of this package that registers that command on `cli`."""
MODULES = {"export": "interchange", "import": "interchange"}
"""Commands registered by a module of another name (`import` is a Python keyword)."""


class _LazyGroup(click.Group):
    """Imports a subcommand's module only when it is asked for, so `pwy check` does not load
    the modules of `build`, `fmt` and the rest (part of its start-up time)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(SUBCOMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in SUBCOMMANDS and name not in self.commands:
            import importlib

            importlib.import_module(f"pathwaylang.cli.{MODULES.get(name, name)}")
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pwy")
def cli() -> None:
    """pathwaylang: write, check and publish integrated family-support pathways."""


def load_commands() -> click.Group:
    """The `pwy` group with every subcommand registered (each module adds its own)."""
    from pathwaylang.cli import (  # noqa: F401
        audit, build, check, diff, explain, fmt, interchange, lsp, new, serve, simulate)

    return cli


def main() -> NoReturn:
    from pathwaylang.analysis.collector import relax_collector

    relax_collector()
    try:
        cli(prog_name="pwy")
    except SystemExit as done:
        exit_now(done.code)
    exit_now(EXIT_OK)


def exit_now(code: int | str | None) -> NoReturn:
    """Flush the output and end the process without freeing every object first, as mypy
    does: after a large check, the interpreter's clean-up of the model was about a tenth of
    the run (docs/performance.md). Nothing of `pwy`'s waits for exit: every file is written,
    and every temporary folder removed, before a command returns."""
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = EXIT_FINDINGS
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`pwy check | head`): nothing to save
            pass
    os._exit(code)
