"""The order a family meets a pathway's steps, and the family words of a subpathway step."""

from __future__ import annotations

import heapq
from itertools import count

from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext

# Routes a family meets first from a step: ordinary moves, then easier, then harder.
_EDGE_ORDER = {"exit": 0, "refer": 0, "rejoin": 0, "step down": 1, "step up": 2}


def journey_order(ctx: BuildContext) -> tuple[list[str], list[str]]:
    """Steps (stages and subpathways) and ends (outcomes), in the order a family meets them.

    From the entries, lowest level of need first: a step is taken off the queue by
    (its level's rank, when it was first reached), and from each step its ordinary moves
    are followed before its step-downs and step-ups. So the everyday route comes first
    even when one entry leads straight to a statutory stage.
    """
    graph = ctx.graph()
    program = ctx.program
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

    for entry in ctx.pathway.entries:
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


def _successors(graph, node_id: str) -> list[str]:
    edges = [(i, target, data["kind"])
             for i, (_, target, data) in enumerate(graph.out_edges(node_id, data=True))]
    edges.sort(key=lambda e: (_EDGE_ORDER.get(e[2], 0), e[0]))
    return [target for _, target, _ in edges]


def subpathway_first_stage(ctx: BuildContext, sub: m.Subpathway) -> tuple[m.Stage | None, str]:
    """The stage a family meets first in a subpathway's own file (its first entry's target),
    and that file's first language; (None, "en") when the file cannot be read.

    The build only runs when the subpathway file was checked clean, inside the root; its
    libraries are read under the same root again here.
    """
    cache = ctx.cache.setdefault("leaflet-subpathways", {})
    if sub.id.value not in cache:
        cache[sub.id.value] = _load_first_stage(ctx, sub)
    return cache[sub.id.value]


def _load_first_stage(ctx: BuildContext, sub: m.Subpathway) -> tuple[m.Stage | None, str]:
    from pathwaylang.analysis.loader import load

    if sub.file is None:
        return None, "en"
    target = (ctx.source_dir / sub.file.value).resolve()
    if not target.is_file():
        return None, "en"
    program = load(target, ctx.root or ctx.source_dir).program  # `use` stays inside the root
    if program is None or program.root.kind != "pathway" or not program.root.entries:
        return None, "en"
    first = program.root.entries[0].target.value
    stage = next((s for s in program.root.stages if s.id.value == first), None)
    return stage, program.root.language_codes()[0]
