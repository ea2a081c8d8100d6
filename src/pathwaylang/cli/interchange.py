"""`pwy export` (BPMN 2.0, FHIR R4) and `pwy import fhir`: a thin layer over interchange/."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli

SUFFIXES = {"bpmn": ".bpmn", "fhir": ".fhir.json"}


@cli.command("export")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@click.option("--to", "target", type=click.Choice(["bpmn", "fhir"]), required=True,
              help="BPMN 2.0 XML with its diagram, or a FHIR R4 Bundle (CPG PlanDefinition).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: <pathway-id>.bpmn or <pathway-id>.fhir.json].")
@click.option("--lanes", type=click.Choice(["level", "agency"]), default="level",
              show_default=True, help="BPMN lanes: one per level of need, or per lead agency.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Fix today's date (YYYY-MM-DD) for the checks.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder that `use` and `file` paths may not leave [default: current folder].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Configuration file to use instead of looking for "
                                 "pathwaylang.toml or pyproject.toml.")
def export_command(file, target, out, lanes, today, root, config_file) -> None:
    """Check FILE and export it as BPMN 2.0 or as a FHIR R4 Bundle (docs/interchange.md)."""
    from pathwaylang.cli.atomic import write_file_atomically

    program = _checked_program(file, today, root, config_file)
    try:
        text = _exported(program, target, lanes)
    except _CannotExport as err:
        click.echo(f"error: {file}: {err}; nothing was written", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    out = out or Path(program.root.id.value + SUFFIXES[target])
    try:
        write_file_atomically(out, text.encode("utf-8"))
    except OSError as err:
        click.echo(f"error: cannot write {out}: {err.strerror or err}; nothing was written",
                   err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(f"{file}: exported to {out}")
    sys.exit(EXIT_OK)


class _CannotExport(Exception):
    pass


def _exported(program, target: str, lanes: str) -> str:
    from pathwaylang.analysis.graph import build_graph

    graph = build_graph(program)
    if target == "fhir":
        from pathwaylang.interchange.fhir import fhir_bundle_json

        return fhir_bundle_json(program, graph)
    from pathwaylang.emit import graphviz_render as gv
    from pathwaylang.interchange.bpmn import bpmn_xml

    if not gv.dot_available():
        raise _CannotExport("the BPMN diagram is laid out by Graphviz's `dot`, which is not "
                            "installed (Debian/Ubuntu: `sudo apt-get install graphviz`)")
    try:
        return bpmn_xml(program, graph, lanes)
    except gv.RenderError as err:
        raise _CannotExport(f"Graphviz could not lay out the diagram ({err})") from err


def _checked_program(file: Path, today, root, config_file):
    """The checked program of FILE, or exit saying why not (as `pwy build` does)."""
    from pathwaylang.analysis.batch import Overrides, options_for
    from pathwaylang.analysis.checker import Checker
    from pathwaylang.analysis.config import ConfigFinder
    from pathwaylang.report.text import render_text

    overrides = Overrides(today=today.date() if today else dt.date.today(), strict=False,
                          root=root, config=config_file)
    found = ConfigFinder(config_file).for_file(file)
    if found.config is None:
        sources = {found.source.display: found.source} if found.source else {}
        click.echo(render_text([found.diagnostic], sources), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    checker = Checker(options_for(found.config, overrides))
    report = checker.check_file(file)
    if report.diagnostics:
        click.echo(render_text(report.diagnostics, checker.sources, sys.stderr.isatty()),
                   err=True)
    if report.fatal:
        sys.exit(EXIT_CANNOT_RUN)
    if report.has_errors or report.program is None:
        click.echo(f"{report.path}: not exported: fix the errors above first", err=True)
        sys.exit(EXIT_FINDINGS)
    if report.program.root.kind == "library":
        click.echo(f"error: {report.path} is a library: export a pathway that uses it",
                   err=True)
        sys.exit(EXIT_CANNOT_RUN)
    return report.program


@cli.command("import")
@click.argument("source_format", metavar="FORMAT", type=click.Choice(["fhir"]))
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The .pwy file to write [default: print it].")
def import_command(source_format, file, out) -> None:
    """Read FILE (a FHIR R4 Bundle as `pwy export --to fhir` writes) back into a .pwy file."""
    from pathwaylang.cli.atomic import write_file_atomically
    from pathwaylang.core.source import Unreadable, read_bytes_safely
    from pathwaylang.interchange.fhir_import import BundleError, pathway_from_bundle

    data = read_bytes_safely(file)
    if isinstance(data, Unreadable):
        hint = f"\n  help: {data.hint}" if data.hint else ""
        click.echo(f"error: cannot read {file}: {data.reason}{hint}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    try:
        text = pathway_from_bundle(data)
    except BundleError as err:
        click.echo(f"error: {file}: {err}", err=True)
        sys.exit(EXIT_FINDINGS)
    if out is None:
        click.echo(text, nl=False)
        sys.exit(EXIT_OK)
    try:
        write_file_atomically(out, text.encode("utf-8"))
    except OSError as err:
        click.echo(f"error: cannot write {out}: {err.strerror or err}; nothing was written",
                   err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(f"{file}: imported to {out}")
    sys.exit(EXIT_OK)
