"""`pwy diff OLD NEW`: what a change to a pathway does to families, keyed by ids."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli

FORMATS = ("text", "markdown", "json")


def _fail_on(value: str | None) -> set[str]:
    from pathwaylang.authoring.diff import FLAGS

    if not value:
        return set()
    kinds = {v.strip() for v in value.split(",") if v.strip()}
    unknown = kinds - set(FLAGS) - {"any", "flagged"}
    if unknown:
        raise click.BadParameter(
            f"unknown kind {', '.join(sorted(unknown))}; choose from any, flagged, "
            + ", ".join(FLAGS))
    return kinds


@cli.command("diff")
@click.argument("old", type=click.Path(path_type=Path, readable=False))  # the reader says why not
@click.argument("new", type=click.Path(path_type=Path, readable=False))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True)
@click.option("--fail-on", "fail_on", default=None,
              help="Exit 1 on these kinds of change (comma-separated): any, flagged, "
                   "route-removed, step-down-removed, timescale-lengthened, new-finding, "
                   "stage-removed, entry-removed.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also draw NEW's process map with the changes marked (SVG).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None)
def diff(old, new, output_format, fail_on, map_path, today, root) -> None:
    """Compare two versions of a pathway: OLD and NEW."""
    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.authoring.diff import diff_programs
    from pathwaylang.report import changes as render
    from pathwaylang.report.text import render_text
    from pathwaylang.rules import RuleOptions

    kinds = _fail_on(fail_on)
    options = CheckOptions(root=root or Path.cwd(),
                           rules=RuleOptions(today=today.date() if today else dt.date.today()))
    checker = Checker(options)
    reports = [checker.check_file(old), checker.check_file(new)]
    for report in reports:
        if report.program is None:
            click.echo(render_text(report.diagnostics, checker.sources), err=True)
            sys.exit(EXIT_CANNOT_RUN)
    changes = diff_programs(reports[0].program, reports[1].program,
                            reports[0].diagnostics, reports[1].diagnostics)
    renderer = {"text": render.render_changes_text, "markdown": render.render_changes_markdown,
                "json": render.render_changes_json}[output_format]
    click.echo(renderer(changes, reports[0].path, reports[1].path))
    if map_path is not None:
        _write_map(reports[1].program, changes, map_path)
    failing = [c for c in changes if "any" in kinds or c.flag in kinds
               or ("flagged" in kinds and c.flag)]
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _write_map(program, changes, map_path: Path) -> None:
    """Draw the map (SVG); without Graphviz, write its DOT beside the asked-for path."""
    from pathwaylang.emit import graphviz_render as gv
    from pathwaylang.emit.diff_map import diff_map_dot
    from pathwaylang.analysis.graph import build_graph

    source = diff_map_dot(program, build_graph(program), changes)
    if not gv.dot_available():
        fallback = map_path.with_suffix(".dot")
        fallback.write_text(source, encoding="utf-8")
        click.echo(f"note: Graphviz `dot` was not found; wrote {fallback} instead; "
                   + gv.INSTALL_HINT, err=True)
        return
    try:
        map_path.write_bytes(gv.render("dot", source, "svg"))
    except gv.RenderError as err:
        click.echo(f"error: Graphviz could not draw the map: {err}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
