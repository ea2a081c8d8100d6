"""The pathway as a networkx graph: entries, stages, outcomes and subpathways, and their routes.

Nodes are keyed by id and carry `kind` ("entry", "stage", "outcome", "subpathway") and
`node` (the model object). Edges carry `kind` ("entry", "exit", "step up", "step down",
"refer", "rejoin"), `when` (the criterion text or None), `span` and `transition` (the
model `Transition`, None for entry and rejoin edges). Only edges whose target is a
graph node are added; references to nothing are `undefined-reference`'s business.
Reachability, strongly connected components and condensation come from networkx.
"""

from __future__ import annotations

import networkx as nx

from pathwaylang import model as m

NODE_KINDS = ("entry", "stage", "outcome", "subpathway")


def build_graph(program: m.Program) -> nx.MultiDiGraph:
    """Build the graph of a program's root pathway (libraries hold no graph nodes)."""
    pathway = program.root
    graph = nx.MultiDiGraph()
    for kind, items in (("entry", pathway.entries), ("stage", pathway.stages),
                        ("outcome", pathway.outcomes), ("subpathway", pathway.subpathways)):
        for item in items:
            if item.id.value not in graph:  # a duplicate id is duplicate-definition's finding
                graph.add_node(item.id.value, kind=kind, node=item)
    for entry in pathway.entries:
        _add_edge(graph, entry.id.value, entry.target.value, kind="entry", when=None,
                  span=entry.span, transition=None)
    for stage in pathway.stages:
        for transition in stage.transitions:
            _add_edge(graph, stage.id.value, transition.target.value, kind=transition.kind,
                      when=transition.when.value if transition.when else None,
                      span=transition.span, transition=transition)
    for sub in pathway.subpathways:
        if sub.rejoin is not None and graph.nodes.get(sub.rejoin.value, {}).get("kind") == "stage":
            _add_edge(graph, sub.id.value, sub.rejoin.value, kind="rejoin", when=None,
                      span=sub.rejoin.span, transition=None)
    return graph


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, **attributes) -> None:
    if target in graph and graph.nodes[target]["kind"] != "entry":
        graph.add_edge(source, target, **attributes)


def nodes_of_kind(graph, *kinds: str) -> list[str]:
    return [n for n, data in graph.nodes(data=True) if data["kind"] in kinds]


def reachable_from(graph, sources) -> set[str]:
    """Every node some source leads to, the sources included (one breadth-first pass)."""
    sources = [s for s in sources if s in graph]
    return {n for layer in nx.bfs_layers(graph, sources) for n in layer} if sources else set()


def reaching(graph, targets) -> set[str]:
    """Every node that leads to some target, the targets included (one pass, edges reversed)."""
    return reachable_from(graph.reverse(copy=False), targets)


def strongly_connected_components(graph) -> list[set[str]]:
    """The graph's strongly connected components (networkx's iterative algorithm)."""
    return [set(c) for c in nx.strongly_connected_components(graph)]


def sink_components(graph) -> list[set[str]]:
    """The strongly connected components no edge leaves: the sinks of the condensation."""
    condensed = nx.condensation(graph)
    return [set(condensed.nodes[c]["members"]) for c in condensed if condensed.out_degree(c) == 0]
