"""The pathway as a graph: entries, stages, outcomes and subpathways, and their routes.

Nodes are keyed by id and carry `kind` ("entry", "stage", "outcome", "subpathway") and
`node` (the model object). Edges carry `kind` ("entry", "exit", "step up", "step down",
"refer", "rejoin"), `when` (the criterion text or None), `span` and `transition` (the
model `Transition`, None for entry and rejoin edges). Only edges whose target is a
graph node are added; references to nothing are `undefined-reference`'s business.

The rules read a `Digraph`: the few networkx graph methods they use, in plain Python, so
`pwy check` never imports networkx (a third of its start-up time; docs/performance.md).
The emitters get a networkx `MultiDiGraph` with the same nodes and edges (`build_graph`).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from pathwaylang import model as m

if TYPE_CHECKING:
    import networkx as nx

NODE_KINDS = ("entry", "stage", "outcome", "subpathway")


class _NodeView:
    """`graph.nodes`: `nodes[n]`, `nodes.get(n)`, `nodes(data=True)`, `nodes(data="kind")`."""

    def __init__(self, attributes: dict[str, dict]):
        self._attributes = attributes

    def __getitem__(self, node: str) -> dict:
        return self._attributes[node]

    def get(self, node: str, default: Any = None) -> Any:
        return self._attributes.get(node, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._attributes)

    def __len__(self) -> int:
        return len(self._attributes)

    def __contains__(self, node: object) -> bool:
        return node in self._attributes

    def __call__(self, data: bool | str = False):
        if data is True:
            return list(self._attributes.items())
        if data:
            return [(n, a.get(data)) for n, a in self._attributes.items()]
        return list(self._attributes)


class Digraph:
    """A directed multigraph with attributes on nodes and edges: the part of networkx's
    `MultiDiGraph` interface the rules use. Nodes and edges keep their insertion order."""

    def __init__(self):
        self._nodes: dict[str, dict] = {}
        self._out: dict[str, list[tuple[str, dict]]] = {}
        self._in: dict[str, list[tuple[str, dict]]] = {}
        self.nodes = _NodeView(self._nodes)

    def add_node(self, key: str, /, **attributes) -> None:
        if key not in self._nodes:
            self._nodes[key] = {}
            self._out[key] = []
            self._in[key] = []
        self._nodes[key].update(attributes)

    def add_edge(self, source: str, target: str, /, **attributes) -> None:
        self.add_node(source)
        self.add_node(target)
        self._out[source].append((target, attributes))
        self._in[target].append((source, attributes))

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def successors(self, node: str) -> Iterator[str]:
        return iter(dict.fromkeys(target for target, _ in self._out[node]))

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(dict.fromkeys(source for source, _ in self._in[node]))

    def has_edge(self, source: str, target: str) -> bool:
        return source in self._out and any(t == target for t, _ in self._out[source])

    def out_degree(self, node: str) -> int:
        return len(self._out[node])

    def edges(self, nbunch: Iterable[str] | None = None, data: bool = False) -> list[tuple]:
        sources = self._nodes if nbunch is None else [n for n in nbunch if n in self._nodes]
        return [(s, t, a) if data else (s, t) for s in sources for t, a in self._out[s]]

    def out_edges(self, node: str, data: bool = False) -> list[tuple]:
        return self.edges([node], data)

    def subgraph(self, nodes: Iterable[str]) -> "Digraph":
        """The graph induced on `nodes` (a copy, where networkx gives a view)."""
        keep = set(nodes)
        sub = Digraph()
        for node in self._nodes:
            if node in keep:
                sub.add_node(node, **self._nodes[node])
        for source in sub:
            for target, attributes in self._out[source]:
                if target in keep:
                    sub.add_edge(source, target, **attributes)
        return sub

    def to_networkx(self) -> "nx.MultiDiGraph":
        import networkx as nx

        graph = nx.MultiDiGraph()
        for node, attributes in self._nodes.items():
            graph.add_node(node, **attributes)
        for source, target, attributes in self.edges(data=True):
            graph.add_edge(source, target, **attributes)
        return graph


def build_graph(program: m.Program) -> "nx.MultiDiGraph":
    """The graph of a program's root pathway as networkx, for the emitters."""
    return build_digraph(program).to_networkx()


def build_digraph(program: m.Program) -> Digraph:
    """Build the graph of a program's root pathway (libraries hold no graph nodes)."""
    pathway = program.root
    graph = Digraph()
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


def _add_edge(graph: Digraph, source: str, target: str, **attributes) -> None:
    if target in graph and graph.nodes[target]["kind"] != "entry":
        graph.add_edge(source, target, **attributes)


def nodes_of_kind(graph, *kinds: str) -> list[str]:
    return [n for n, data in graph.nodes(data=True) if data["kind"] in kinds]


def reachable_from(graph, sources) -> set[str]:
    """Every node some source leads to, the sources included (one breadth-first pass)."""
    return _search(graph.successors, sources)


def reaching(graph, targets) -> set[str]:
    """Every node that leads to some target, the targets included (one pass, edges reversed)."""
    return _search(graph.predecessors, targets)


def _search(neighbours, starts) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for node in neighbours(queue.popleft()):
            if node not in seen:
                seen.add(node)
                queue.append(node)
    return seen


def strongly_connected_components(graph) -> list[set[str]]:
    """The graph's strongly connected components (Tarjan's algorithm, without recursion, so
    a chain of 50,000 stages does not overflow the stack), each a set of nodes."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, graph.successors(root))]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, graph.successors(nxt)))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def sink_components(graph) -> list[set[str]]:
    """The strongly connected components no edge leaves: the sinks of the condensation."""
    components = strongly_connected_components(graph)
    where = {node: i for i, component in enumerate(components) for node in component}
    return [component for i, component in enumerate(components)
            if all(where[t] == i for node in component for t in graph.successors(node))]
