"""`pwy simulate PATHWAY`: realistic, made-up case records for trying out `pwy audit`, and
example journeys in words."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pathwaylang.cli import EXIT_CANNOT_RUN, EXIT_OK, cli

RECORD_SUFFIXES = (".csv", ".jsonl", ".parquet", ".xes")


def _weights(values: tuple[str, ...]) -> dict[tuple[str, str], float]:
    found = {}
    for value in values:
        route, _, weight = value.partition("=")
        source, _, target = route.partition(":")
        try:
            found[(source.strip(), target.strip())] = float(weight)
        except ValueError:
            raise click.BadParameter(f"`{value}`: write FROM:TO=WEIGHT, e.g. "
                                     "identify:team_around_family=3") from None
        if not source.strip() or not target.strip() or found[(source.strip(), target.strip())] < 0:
            raise click.BadParameter(f"`{value}`: write FROM:TO=WEIGHT with a weight of 0 or more")
    return found


def _rate(ctx, param, value: float) -> float:
    if not 0 <= value <= 1:
        raise click.BadParameter("a rate is from 0 to 1 (0.1 is one in ten)")
    return value


@cli.command("simulate")
@click.argument("pathway", type=click.Path(path_type=Path, readable=False))
@click.option("--cases", type=click.IntRange(min=1, max=10_000_000), default=100,
              show_default=True, help="How many families' journeys to make.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed makes the same records.")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Records file to write: .csv, .jsonl, .parquet or .xes.")
@click.option("--journeys", type=click.IntRange(min=0), default=0,
              help="Print this many example journeys in words.")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), default="2025-01-06",
              show_default=True, help="The first day a family may arrive.")
@click.option("--breach-rate", type=float, default=0.15, show_default=True, callback=_rate,
              help="Share of timed stage visits that run over their timescale.")
@click.option("--unexpected-rate", type=float, default=0.03, show_default=True,
              callback=_rate, help="Share of moves to a node no route leads to.")
@click.option("--variance-rate", type=float, default=0.2, show_default=True, callback=_rate,
              help="Share of stage visits with a variance row.")
@click.option("--weight", "weights", multiple=True, metavar="FROM:TO=W",
              help="Weight of a route (default 1 each); repeat for more routes.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None)
def simulate(pathway, cases, seed, out_file, journeys, start, breach_rate, unexpected_rate,
             variance_rate, weights, root) -> None:
    """Make CASES families' case records that follow PATHWAY's routes."""
    from pathwaylang.audit.simulate import Settings, simulate as make_rows
    from pathwaylang.audit.simulate_out import journeys_in_words, write_records
    from pathwaylang.cli.audit import _checked_program

    if out_file is None and not journeys:
        journeys = 5
    if out_file is not None and out_file.suffix.lower() not in RECORD_SUFFIXES:
        raise click.BadParameter(f"{out_file}: the records file ends .csv, .jsonl, .parquet "
                                 "or .xes", param_hint="-o")
    program = _checked_program(pathway, root)
    chosen = _weights(weights)
    known = {n.id.value for n in (*program.root.entries, *program.root.stages,
                                  *program.root.outcomes, *program.root.subpathways)}
    for source, target in chosen:
        for name in (source, target):
            if name not in known:
                raise click.BadParameter(f"`{name}` is not a node of the pathway",
                                         param_hint="--weight")
    settings = Settings(cases=cases if out_file else min(cases, max(journeys, 1)), seed=seed,
                        start=start.date(), breach_rate=breach_rate,
                        unexpected_rate=unexpected_rate, variance_rate=variance_rate,
                        weights=chosen)
    rows = make_rows(program, settings)
    if journeys:
        click.echo(journeys_in_words(program, rows, journeys), nl=False)
    if out_file is not None:
        try:
            write_records(rows, out_file)
        except OSError as err:
            click.echo(f"error: could not write {out_file}: {err.strerror or err}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        click.echo(f"wrote {len(rows)} records of {cases} cases to {out_file}", err=True)
    sys.exit(EXIT_OK)
