"""The `pwy` command line: a thin layer that parses options, calls the library, and exits 0/1/2."""

from __future__ import annotations

import click

from pathwaylang import __version__

EXIT_OK = 0
"""No errors."""
EXIT_FINDINGS = 1
"""Errors found (or, for `fmt --check`, files that would change)."""
EXIT_CANNOT_RUN = 2
"""Could not run: a missing or unreadable file, a bad option."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pwy")
def cli() -> None:
    """pathwaylang: write, check and publish integrated family-support pathways."""


def load_commands() -> click.Group:
    """The `pwy` group with every subcommand registered (each module adds its own)."""
    from pathwaylang.cli import build, check, diff, explain, fmt, new  # noqa: F401

    return cli


def main() -> None:
    load_commands()(prog_name="pwy")
