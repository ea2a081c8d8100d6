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


SUBCOMMANDS = ("build", "check", "diff", "explain", "fmt", "new")
"""Each names a module of this package that registers that command on `cli`."""


class _LazyGroup(click.Group):
    """Imports a subcommand's module only when it is asked for, so `pwy check` does not load
    the modules of `build`, `fmt` and the rest (part of its start-up time)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(SUBCOMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in SUBCOMMANDS and name not in self.commands:
            import importlib

            importlib.import_module(f"pathwaylang.cli.{name}")
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pwy")
def cli() -> None:
    """pathwaylang: write, check and publish integrated family-support pathways."""


def load_commands() -> click.Group:
    """The `pwy` group with every subcommand registered (each module adds its own)."""
    from pathwaylang.cli import build, check, diff, explain, fmt, new  # noqa: F401

    return cli


def main() -> None:
    cli(prog_name="pwy")
