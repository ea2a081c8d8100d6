"""The orders in which a pathway's stages are shown: graph analysis the artefacts share.

Two orders, for two readers:

- `journey_order`: the order a family meets the steps, walking the routes from the
  entries (the leaflets). Every step comes after a step that leads into it.
- `record_order`: the checklist's order, entry stages first, then grouped by level of
  need, so a practitioner finds a level's stages together.
"""

from __future__ import annotations

import heapq
import math
from itertools import count

import networkx as nx

from pathwaylang import model as m

# Routes a family meets first from a step: ordinary moves, then easier, then harder.
_EDGE_ORDER = {"exit": 0, "refer": 0, "rejoin": 0, "step down": 1, "step up": 2}


def journey_order(program: m.Program, graph: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """Steps (stages and subpathways) and ends (outcomes), in the order a family meets them.

    From the entries, lowest level of need first: a step is taken off the queue by
    (its level's rank, when it was first reached), and from each step its ordinary moves
    are followed before its step-downs and step-ups. So the everyday route comes first
    even when one entry leads straight to a statutory stage.
    """
    steps: list[str] = []
    ends: list[str] = []
    queue: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    order = count()

    def reach(node_id: str, inherited: int) -> None:
        if node_id in seen:
            return
        seen.add(node_id)
        data = graph.nodes[node_id]
        if data["kind"] == "outcome":
            ends.append(node_id)
            return
        level = getattr(data["node"], "level", None)
        rank = program.level_rank(level.value) if level is not None else None
        heapq.heappush(queue, (inherited if rank is None else rank, next(order), node_id))

    for entry in program.root.entries:
        for target in _successors(graph, entry.id.value):
            reach(target, 0)
    while queue:
        rank, _, node_id = heapq.heappop(queue)
        steps.append(node_id)
        for target in _successors(graph, node_id):
            reach(target, rank)
    # Nodes no entry reaches do not build (`unreachable-stage`); listed last all the same.
    for node_id, data in graph.nodes(data=True):
        if node_id not in seen and data["kind"] != "entry":
            (ends if data["kind"] == "outcome" else steps).append(node_id)
    return steps, ends


def _successors(graph: nx.MultiDiGraph, node_id: str) -> list[str]:
    edges = [(i, target, data["kind"])
             for i, (_, target, data) in enumerate(graph.out_edges(node_id, data=True))]
    edges.sort(key=lambda e: (_EDGE_ORDER.get(e[2], 0), e[0]))
    return [target for _, target, _ in edges]


def record_order(program: m.Program, graph: nx.MultiDiGraph) -> list[str]:
    """Stage ids in the checklist's order: entry stages, then by level of need, then by flow.

    The stages families arrive at come first (lowest level first, then file order); every
    other stage follows by level, lowest need first, and within a level by how many moves
    it is from an entry point along the forward routes. A `step down` is a route back, so
    it counts only for stages no forward route reaches.
    """
    pathway = program.root
    entries = [e.id.value for e in pathway.entries if e.id.value in graph]
    forward = nx.subgraph_view(
        graph, filter_edge=lambda u, v, key: graph[u][v][key]["kind"] != "step down")
    distance = _distances(graph, entries)
    distance.update(_distances(forward, entries))
    first = {e.target.value for e in pathway.entries}
    stages = stages_by_id(pathway)
    declared = {stage_id: index for index, stage_id in enumerate(stages)}

    def key(stage_id: str) -> tuple:
        rank = _level_rank(program, stages[stage_id].level)
        return (stage_id not in first, rank, distance.get(stage_id, math.inf), declared[stage_id])

    return sorted(stages, key=key)


def _distances(graph, sources: list[str]) -> dict[str, int]:
    """Moves from the nearest source to every node the sources reach."""
    if not sources:
        return {}
    return {node: depth for depth, layer in enumerate(nx.bfs_layers(graph, sources))
            for node in layer}


def stages_by_id(pathway: m.PathwayFile) -> dict[str, m.Stage]:
    """Stages by id in file order; a repeated id (an error a build never gets) keeps the first."""
    stages: dict[str, m.Stage] = {}
    for stage in pathway.stages:
        stages.setdefault(stage.id.value, stage)
    return stages


def _level_rank(program: m.Program, level: m.Name | None) -> float:
    rank = program.level_rank(level.value) if level is not None else None
    return math.inf if rank is None else rank
