"""A pathway as a BPMN process, before any XML or layout: lanes, flow nodes and sequence flows.

Stages become tasks, entries message start events (a pathway has several ways in, and
BPMN allows one blank start event per process), outcomes end events, subpathways call
activities. A stage with several routes forks through an exclusive gateway whose flows
carry the criteria as conditions; a stage or subpathway that leads nowhere gets an end
event of its own, so the process has no implicit end (bpmnlint's `no-implicit-end`).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from pathwaylang import model as m
from pathwaylang.emit.map_view import build_map_view, one_line
from pathwaylang.interchange.summary import (outcome_documentation, pathway_documentation,
                                              stage_documentation)

ROUTE_MARKS = {"exit": "", "step up": "\u25b2 Step up: ", "step down": "\u25bc Step down: ",
               "refer": "Refer: ", "rejoin": ""}
ROUTE_NAMES = {"exit": "Exit", "step up": "Step up", "step down": "Step down",
               "refer": "Refer", "rejoin": "Rejoin"}
OTHER_LANE = "_other"
GATEWAY_NAME = "Which route?"


@dataclass(frozen=True)
class Lane:
    key: str
    name: str

    @property
    def id(self) -> str:
        return f"Lane_{self.key}"


@dataclass(frozen=True)
class FlowNode:
    id: str
    kind: str
    """`start`, `task`, `gateway`, `end` or `call`."""
    name: str
    lane: str
    documentation: str = ""
    called: str | None = None
    """A call activity's called element (the subpathway's process id)."""


@dataclass(frozen=True)
class Flow:
    id: str
    source: str
    target: str
    name: str
    condition: str | None
    """The criterion, as a condition; None for an unconditional flow."""
    kind: str | None
    """The route's kind (`exit`, `step up`...); None for a stage's flow to its gateway."""


@dataclass(frozen=True)
class Process:
    pathway_id: str
    title: str
    documentation: str
    lanes: tuple[Lane, ...]
    """Top to bottom: the highest level of need first, or the agencies in written order."""
    nodes: tuple[FlowNode, ...]
    flows: tuple[Flow, ...]


def node_id(kind: str, identifier: str) -> str:
    """A BPMN id (an XML NCName): a prefix and a pathway identifier."""
    prefix = {"entry": "Start", "stage": "Task", "outcome": "End", "subpathway": "Call"}[kind]
    return f"{prefix}_{identifier}"


def build_process(program: m.Program, graph: nx.MultiDiGraph, lanes: str = "level") -> Process:
    """The BPMN process of `program`'s root pathway, in lanes by level or by lead agency."""
    view = build_map_view(program, graph, lanes)
    bands = list(reversed(view.bands)) if lanes == "level" else list(view.bands)
    lane_of = _lanes_of_nodes(graph, {n.id: n.band for n in view.nodes})
    nodes: list[FlowNode] = []
    flows: list[Flow] = []
    for identifier, data in graph.nodes(data=True):
        nodes.append(_flow_node(identifier, data, program, lane_of[identifier]))
        _add_outgoing(identifier, data, graph, lane_of[identifier], nodes, flows)
    lane_list = [Lane(b.key, b.label) for b in bands]
    if OTHER_LANE in lane_of.values():
        lane_list.append(Lane(OTHER_LANE, "Any level" if lanes == "level" else "Any agency"))
    used = {n.lane for n in nodes}
    pathway = program.root
    return Process(pathway.id.value, view.title, pathway_documentation(pathway),
                   tuple(lane for lane in lane_list if lane.key in used), tuple(nodes),
                   tuple(flows))


def _lanes_of_nodes(graph: nx.MultiDiGraph, bands: dict[str, str | None]) -> dict[str, str]:
    """Each node's lane: its band on the map, else the lane of the first node leading to it
    (an outcome with no level, a subpathway), else the lane for everything else."""
    lanes: dict[str, str] = {}

    def lane(identifier: str, seen: frozenset[str]) -> str:
        if identifier in lanes:
            return lanes[identifier]
        if bands.get(identifier):
            return bands[identifier]
        for source, _ in graph.in_edges(identifier):
            if source not in seen and graph.nodes[source]["kind"] != "entry":
                return lane(source, seen | {identifier})
        return OTHER_LANE

    for identifier in graph.nodes:
        lanes[identifier] = lane(identifier, frozenset())
    return lanes


def _flow_node(identifier: str, data: dict, program: m.Program, lane: str) -> FlowNode:
    kind, item = data["kind"], data["node"]
    if kind == "entry":
        return FlowNode(node_id(kind, identifier), "start", one_line(item.description.value), lane)
    if kind == "stage":
        return FlowNode(node_id(kind, identifier), "task", one_line(item.title.value), lane,
                        stage_documentation(item, program))
    if kind == "outcome":
        return FlowNode(node_id(kind, identifier), "end", one_line(item.title.value), lane,
                        outcome_documentation(item, program))
    if kind == "subpathway":
        where = f"Separate pathway file: {one_line(item.file.value)}" if item.file else ""
        return FlowNode(node_id(kind, identifier), "call", one_line(item.title.value), lane,
                        where, called=f"Process_{identifier}")
    raise ValueError(f"no BPMN element for a node of kind {kind!r}")


def _add_outgoing(identifier: str, data: dict, graph: nx.MultiDiGraph, lane: str,
                  nodes: list[FlowNode], flows: list[Flow]) -> None:
    """The flows out of one node: straight to the target, through a gateway when there are
    several routes, or to an end event of its own when there are none."""
    kind = data["kind"]
    source = node_id(kind, identifier)
    routes = list(graph.out_edges(identifier, data=True))
    if kind == "outcome":
        return
    if not routes:
        end = FlowNode(f"End_{identifier}_leads_nowhere", "end",
                       "The pathway ends here" if kind == "stage" else
                       "The family continues in the subpathway", lane)
        nodes.append(end)
        flows.append(Flow(f"Flow_{identifier}_end", source, end.id, "", None, None))
        return
    if len(routes) > 1:
        gateway = FlowNode(f"Gateway_{identifier}", "gateway", GATEWAY_NAME, lane)
        nodes.append(gateway)
        flows.append(Flow(f"Flow_{identifier}_gateway", source, gateway.id, "", None, None))
        source = gateway.id
    for index, (_, target, route) in enumerate(routes, start=1):
        target_id = node_id(graph.nodes[target]["kind"], target)
        flows.append(_route_flow(f"Flow_{identifier}_{index}", source, target_id, route,
                                 forked=len(routes) > 1))


def _route_flow(flow_id: str, source: str, target: str, route: dict, forked: bool) -> Flow:
    kind, when = route["kind"], route["when"]
    if kind in ("entry", "rejoin"):
        return Flow(flow_id, source, target, "", None, kind)
    criterion = one_line(when) if when else ""
    name = ROUTE_MARKS[kind] + criterion if criterion else ROUTE_NAMES[kind]
    # A gateway's flows all need a condition (bpmnlint's `conditional-flows`); a lone
    # route keeps its criterion as one too, which is what lets it carry a name.
    condition = criterion or (ROUTE_NAMES[kind] if forked else None)
    return Flow(flow_id, source, target, name if condition else "", condition, kind)
