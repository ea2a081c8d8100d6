"""The pathway as the small tables the audit's SQL joins against: nodes, routes, stages'
timescales, variance codes and agencies, all taken from the checked program and its graph."""

from __future__ import annotations

from dataclasses import dataclass

from pathwaylang import model as m
from pathwaylang.analysis.graph import build_graph
from pathwaylang.audit.engine import Engine

ROUTE_KINDS = ("entry", "exit", "step up", "step down", "refer", "rejoin")
_PREFERRED = {kind: index for index, kind in enumerate(
    ("exit", "step up", "step down", "refer", "entry", "rejoin"))}
"""When two routes join the same pair of nodes, the move is counted as the first kind here."""


@dataclass(frozen=True)
class PathwayTables:
    nodes: list[tuple[str, str, str, bool]]
    """(id, kind, title, a journey may start here)."""
    routes: list[tuple[str, str, str]]
    """(from, to, kind), one per pair of nodes."""
    timescales: list[tuple[str, str, int]]
    """(stage, unit, amount) for each stage with a `timescale`."""
    codes: list[tuple[str, str]]
    agencies: list[str]

    def title(self, node_id: str) -> str:
        return next((n[2] for n in self.nodes if n[0] == node_id), node_id)


def pathway_tables(program: m.Program) -> PathwayTables:
    graph = build_graph(program)
    starts = {e.id.value for e in program.root.entries} | {
        e.target.value for e in program.root.entries}
    nodes = []
    for node_id, data in graph.nodes(data=True):
        item = data["node"]
        title = item.description.value if data["kind"] == "entry" else item.title.value
        nodes.append((node_id, data["kind"], title, node_id in starts))
    chosen: dict[tuple[str, str], str] = {}
    for source, target, data in graph.edges(data=True):
        kind = data["kind"]
        old = chosen.get((source, target))
        if old is None or _PREFERRED[kind] < _PREFERRED[old]:
            chosen[(source, target)] = kind
    timescales = [(s.id.value, s.timescale.unit.value, s.timescale.amount)
                  for s in program.root.stages if s.timescale is not None]
    return PathwayTables(
        nodes=sorted(nodes), routes=sorted((s, t, k) for (s, t), k in chosen.items()),
        timescales=sorted(timescales), codes=program.variance_codes,
        agencies=sorted({a.id.value for a in program.agencies}))


def load_pathway_tables(engine: Engine, tables: PathwayTables) -> None:
    engine.load_rows("p_nodes", (("id", "VARCHAR"), ("kind", "VARCHAR"), ("title", "VARCHAR"),
                                 ("start_ok", "BOOLEAN")), tables.nodes)
    engine.load_rows("p_routes", (("source", "VARCHAR"), ("target", "VARCHAR"),
                                  ("kind", "VARCHAR")), tables.routes)
    engine.load_rows("p_timescales", (("stage", "VARCHAR"), ("unit", "VARCHAR"),
                                      ("amount", "INTEGER")), tables.timescales)
    engine.load_rows("p_codes", (("code", "VARCHAR"), ("meaning", "VARCHAR")), tables.codes)
    engine.load_rows("p_agencies", (("id", "VARCHAR"),), [(a,) for a in tables.agencies])
