"""`pwy serve FILE`: a live preview on http://127.0.0.1 (docs/editors.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_OK, cli


@cli.command("serve")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port on 127.0.0.1 [default: a free one].")
@click.option("--lanes", type=click.Choice(["level", "agency"]), default="level",
              show_default=True, help="Process map bands: by level of need, or by agency.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that `use` and `file` paths may not leave [default: current folder].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Configuration file to use instead of looking for "
                                 "pathwaylang.toml or pyproject.toml.")
def serve(file: Path, port: int, lanes: str, strict: bool, root: Path | None,
          config_file: Path | None) -> None:
    """Show FILE's process map, family leaflets and findings in the browser, updated on
    every save of it, a library it uses or a subpathway file."""
    import threading

    from pathwaylang.core.source import probe
    from pathwaylang.emit.context import BuildOptions
    from pathwaylang.lsp.analysis import Settings
    from pathwaylang.preview.render import Renderer
    from pathwaylang.preview.server import Preview

    unreadable = probe(file)
    if unreadable is not None:  # later saves may break it; a wrong name at the start is a typo
        hint = f" ({unreadable.hint})" if unreadable.hint else ""
        click.echo(f"error: cannot read `{file}`: {unreadable.reason}{hint}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    settings = Settings(strict=strict, root=root, config=config_file)
    renderer = Renderer(file, settings, BuildOptions(lanes=lanes))
    try:
        preview = Preview(renderer, port)
    except OSError as err:
        click.echo(f"error: cannot listen on 127.0.0.1:{port}: {err.strerror or err}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    preview.start()
    click.echo(f"Previewing {file} at {preview.url}  (Ctrl-C to stop)", err=False)
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    sys.exit(EXIT_OK)
