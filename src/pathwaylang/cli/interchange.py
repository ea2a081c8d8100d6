"""`pwy export` (BPMN 2.0, FHIR R4) and `pwy import fhir`: a thin layer over interchange/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_FINDINGS, EXIT_OK, cli
from pathwaylang.cli.checked import check_options, checked_report, overrides_from

SUFFIXES = {"bpmn": ".bpmn", "fhir": ".fhir.json"}


@cli.command("export")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@click.option("--to", "target", type=click.Choice(["bpmn", "fhir"]), required=True,
              help="BPMN 2.0 XML with its diagram, or a FHIR R4 Bundle (CPG PlanDefinition).")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: <pathway-id>.bpmn or <pathway-id>.fhir.json].")
@click.option("--lanes", type=click.Choice(["level", "agency"]), default="level",
              show_default=True, help="BPMN lanes: one per level of need, or per lead agency.")
@check_options
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
    from pathwaylang.analysis.config import ConfigFinder

    report = checked_report(file, ConfigFinder(config_file),
                            overrides_from(today, root, config_file), "exported")
    if report is None:
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
