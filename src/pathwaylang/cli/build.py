"""`pwy build`: check pathway files, then write their artefacts under DIR/<pathway-id>/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli
from pathwaylang.cli.checked import check_options, checked_report, overrides_from

FORMATS = ("html", "svg", "pdf", "png", "md", "json", "dot", "mmd")
"""The kinds of file `pwy build` makes, for `--formats`."""


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, readable=False))  # the reader says why not
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, help="Folder to build into.")
@click.option("--lanes", type=click.Choice(["level", "agency"]), default="level",
              show_default=True, help="Process map bands: by level of need, or by agency.")
@click.option("--map-paper", type=click.Choice(["A4", "A3", "A2", "A1"]), default="A3",
              show_default=True, help="Sheet process-map.pdf is laid out for (landscape, "
                                      "printed at 100%).")
@click.option("--bilingual", type=click.Choice(["columns", "blocks", "separate"]),
              default="columns", show_default=True, help="Bilingual booklet layout.")
@click.option("--paper", type=click.Choice(["A4", "A5"]), default="A4", show_default=True,
              help="Booklet paper (A5: A4 sheets folded). The front-door leaflet is A5.")
@click.option("--poster-paper", type=click.Choice(["A4", "A3"]), default="A4",
              show_default=True, help="Poster paper, landscape.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Most printed booklet pages per language [default: 24 on A4, 48 on A5].")
@click.option("--formats", type=str, default=None, metavar="LIST",
              help="Only these kinds of file, by extension, comma-separated: "
                   f"{','.join(FORMATS)} [default: all]. `--formats html,svg` skips the PDFs "
                   "and PNGs: a quick build while writing.")
@click.option("--no-cache", is_flag=True,
              help="Draw every picture afresh: neither read nor add to the cache of Graphviz's "
                   "output ($PWY_CACHE_DIR, else $XDG_CACHE_HOME/pathwaylang or "
                   "~/.cache/pathwaylang).")
@click.option("--strict", is_flag=True, help="Refuse to build when there are warnings too.")
@check_options
def build(files, out_dir, lanes, map_paper, bilingual, paper, poster_paper, max_pages, formats,
          no_cache, strict, today, root, config_file) -> None:
    """Check FILES and build each one's process map, checklist and leaflets into OUT."""
    from pathwaylang.cli.atomic import write_atomically
    from pathwaylang.emit.build import make_artefacts
    from pathwaylang.emit.context import BuildContext, BuildOptions
    from pathwaylang.emit.graphviz_cache import default_folder, using
    from pathwaylang.analysis.config import ConfigFinder

    overrides = overrides_from(today, root, config_file, strict)
    finder = ConfigFinder(config_file)  # the same configuration `pwy check` would use
    options = BuildOptions(lanes=lanes, bilingual=bilingual, paper=paper, max_pages=max_pages,
                           map_paper=map_paper, poster_paper=poster_paper,
                           formats=_formats(formats))
    status = EXIT_OK
    for path in files:
        report = checked_report(path, finder, overrides, "built")
        if report is None:
            status = EXIT_FINDINGS
            continue
        if report.program.root.kind == "library":
            click.echo(f"note: {report.path} is a library: nothing to build (its definitions "
                       "appear in the build of each pathway that uses it)", err=True)
            continue
        ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                           options=options, diagnostics=report.diagnostics)
        try:
            with using(None if no_cache else default_folder()):
                artefacts = make_artefacts(ctx)
            final = write_atomically(out_dir, report.program.root.id.value, artefacts)
        except Exception as err:  # a producer's bug or a full disk: say so, never a traceback
            click.echo(f"error: {report.path}: the build failed ({type(err).__name__}: {err}); "
                       f"nothing was written and any earlier output is unchanged", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        for notice in ctx.notices:
            click.echo(f"note: {notice}", err=True)
        count = len(artefacts)
        click.echo(f"{report.path}: built {count} file{'' if count == 1 else 's'} in {final}")
    sys.exit(status)


def _formats(given: str | None) -> frozenset[str] | None:
    if given is None:
        return None
    chosen = frozenset(word.strip().lower().lstrip(".") for word in given.split(",")
                       if word.strip())
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} is not one of "
                                 f"{', '.join(FORMATS)}", param_hint="--formats")
    return chosen
