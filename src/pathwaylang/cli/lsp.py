"""`pwy lsp`: the language server, over standard input and output (docs/editors.md)."""

from __future__ import annotations

from pathlib import Path

import click

from pathwaylang.cli import cli


@cli.command("lsp")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that `use` and `file` paths may not leave "
                   "[default: the editor's workspace folder].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Configuration file to use instead of looking for "
                                 "pathwaylang.toml or pyproject.toml.")
@click.option("--stdio", is_flag=True, hidden=True,
              help="Accepted for editors that pass it; standard I/O is the only transport.")
def lsp(strict: bool, root: Path | None, config_file: Path | None, stdio: bool) -> None:
    """Run the language server on standard input and output, for an editor to start."""
    from pathwaylang.lsp.analysis import Settings
    from pathwaylang.lsp.server import serve

    serve(Settings(strict=strict, root=root.resolve() if root else None,
                   config=config_file.resolve() if config_file else None))
