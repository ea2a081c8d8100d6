"""The orders in which a pathway's stages are shown: graph analysis the artefacts share.

- `journey_order`: the order a family meets the steps, walking the routes from the
  entries. Every step comes after a step that leads into it, unless an entry leads to it.
- `stage_numbers`: the stages' numbers in that order, which every artefact prints.
"""

from __future__ import annotations

import heapq
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


def stage_numbers(program: m.Program, graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each stage's number, 1 up, in `journey_order`: the numbers every artefact prints.

    The checklist, the booklet, the poster, `pathway.json` and the map's key all number
    stages with this, so "stage 5" is the same stage in each. Subpathways and outcomes are
    not numbered; a stage's number is higher than that of a stage (or, through a subpathway,
    the stage before it) that leads into it, unless an entry leads to it.
    """
    steps, _ = journey_order(program, graph)
    stage_ids = [s for s in steps if graph.nodes[s]["kind"] == "stage"]
    return {stage_id: number for number, stage_id in enumerate(stage_ids, 1)}


def stages_by_id(pathway: m.PathwayFile) -> dict[str, m.Stage]:
    """Stages by id in file order; a repeated id (an error a build never gets) keeps the first."""
    stages: dict[str, m.Stage] = {}
    for stage in pathway.stages:
        stages.setdefault(stage.id.value, stage)
    return stages

