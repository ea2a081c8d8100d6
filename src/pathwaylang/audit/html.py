"""The HTML report for a pathway review meeting: one self-contained page (no scripts, no
links out), the same bytes for the same records, laid out to print on A4."""

from __future__ import annotations

from markupsafe import Markup

from pathwaylang import model as m
from pathwaylang.analysis.graph import build_graph
from pathwaylang.audit import charts
from pathwaylang.audit.reports import (UNITS, indicator_hidden, shown_count, variance_rates)
from pathwaylang.audit.run import AuditReport
from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.audit_map import families_drawn
from pathwaylang.emit.map_view import build_map_view
from pathwaylang.emit.templating import render

SHOWN_REJECTS = 50
SHOWN_UNEXPECTED = 15
"""Unexpected moves named in the table: those made by the most families."""
SHOWN_UNEXPECTED_SMALL = 5
"""When every unexpected move was made by fewer families than the threshold."""


def map_svg(report: AuditReport, program: m.Program, threshold: int) -> Markup | None:
    """The map with the families' routes, laid out as `pwy build` lays out the process map
    (full-width level bands); None without Graphviz."""
    if not gv.dot_available():
        return None
    taken = {(r["from"], r["to"]): r["cases"] for r in report.routes}
    unexpected = {(u["from"], u["to"]): u["cases"] for u in report.unexpected_moves}
    view = build_map_view(program, build_graph(program), "level")
    look, edit = families_drawn(view, taken, unexpected, threshold)
    engine, source, no_op = gv.drawable_map(view, edit=edit, look=look)
    svg = gv.render(engine, source, "svg", no_op).decode("utf-8")
    return Markup(svg[svg.index("<svg"):])  # Graphviz escapes every label it writes


def _unexpected(report: AuditReport, titles: dict[str, str], threshold: int) -> dict:
    """The unexpected moves most families made, each named; the rest (each made by fewer
    families than the threshold) summed in one line, so the table stays readable."""
    ordered = sorted(report.unexpected_moves, key=lambda u: (-u["cases"], u["from"], u["to"]))
    named = [u for u in ordered if u["cases"] >= threshold][:SHOWN_UNEXPECTED]
    if not named:
        named = ordered[:SHOWN_UNEXPECTED_SMALL]
    rest = ordered[len(named):]
    return {
        "rows": [{"from": titles.get(u["from"], u["from"]), "to": titles.get(u["to"], u["to"]),
                  "cases": shown_count(u["cases"], threshold)} for u in named],
        "rest_pairs": len(rest),
        "rest_moves": shown_count(sum(u["moves"] for u in rest), threshold),
    }


def _stage_rows(report: AuditReport, threshold: int, order: list[str]) -> list[dict]:
    breaches, overdue = report.breaches_by_stage, report.overdue_by_stage
    limits = {s: f"{n} {UNITS[u]}" for s, u, n in report.tables.timescales}
    rows = []
    place = {stage: index for index, stage in enumerate(order)}
    for stage, rows_at, visits, rate in sorted(variance_rates(report),
                                               key=lambda r: (place.get(r[0], len(place)), r[0])):
        rows.append({"title": report.tables.title(stage), "visits": shown_count(visits, threshold),
                     "timescale": limits.get(stage, "none"),
                     "breaches": shown_count(breaches.get(stage, 0), threshold),
                     "overdue": shown_count(overdue.get(stage, 0), threshold),
                     "variance": shown_count(rows_at, threshold),
                     "rate": f"{rate:.2f}" if min(rows_at, visits) >= threshold else "not shown"})
    return rows


def view(report: AuditReport, program: m.Program, threshold: int) -> dict:
    c = lambda n: shown_count(n, threshold)  # noqa: E731
    titles = {n[0]: n[2] for n in report.tables.nodes}
    meanings = dict(report.tables.codes)
    breach_counts = {stage: report.breaches_by_stage.get(stage, 0)
                     + report.overdue_by_stage.get(stage, 0)
                     for stage in {*report.breaches_by_stage, *report.overdue_by_stage}}
    return {
        "title": report.title, "pathway": report.pathway, "as_of": report.as_of.isoformat(),
        "threshold": threshold,
        "facts": [("Cases", c(report.cases)), ("Events counted", c(report.events)),
                  ("Rows left out", c(len(report.rows_rejected))),
                  ("Moves on the pathway", "n/a" if report.fitness is None
                   else f"{report.fitness * 100:.1f}%"),
                  ("Timescale breaches", c(len(report.breaches))),
                  ("Overdue now", c(len(report.overdue))),
                  ("Stepped up, no step down yet", c(len(report.stepped_up)))],
        "map": map_svg(report, program, threshold),
        "by_code": charts.pareto("Variance by code", report.variance["by_code"],
                                 {k: f"{k}: {v}" for k, v in meanings.items()}, threshold),
        "by_stage": charts.pareto("Variance by stage", report.variance["by_stage"], titles,
                                  threshold),
        "breach_chart": charts.pareto("Breaches and overdue visits by stage", breach_counts,
                                      titles, threshold, "breaches and overdue visits"),
        "stages": _stage_rows(report, threshold, [st.id.value for st in program.root.stages]),
        "indicators": charts.indicator_rows(report.indicators, threshold, indicator_hidden),
        "unexpected": _unexpected(report, titles, threshold),
        "unexpected_moves": c(sum(u["moves"] for u in report.unexpected_moves)),
        "moves": [(kind, c(n)) for kind, n in report.moves.items()],
        "rejected": report.rows_rejected[:SHOWN_REJECTS],
        "more_rejected": max(0, len(report.rows_rejected) - SHOWN_REJECTS),
        "rows_rejected": len(report.rows_rejected),
        "rows_rejected_shown": c(len(report.rows_rejected)),
        "after_as_of": report.after_as_of,
        "after_as_of_shown": c(report.after_as_of),
        "unknown_codes": [(code, c(n)) for code, n in report.unknown_codes.items()],
    }


def render_html(report: AuditReport, threshold: int, program: m.Program) -> str:
    return render("audit.html.j2", audit=view(report, program, threshold))
