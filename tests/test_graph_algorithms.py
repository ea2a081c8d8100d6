"""graph.py's helpers (multi-source reachability, sink components) agree with plain
networkx definitions on random graphs, and cope with very long chains."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, check_path
from pathwaylang.analysis.graph import (build_graph, reachable_from, reaching, sink_components,
                               strongly_connected_components)


@st.composite
def graphs(draw):
    count = draw(st.integers(1, 12))
    names = [f"n{i}" for i in range(count)]
    edges = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                          max_size=30))
    graph = nx.MultiDiGraph()
    for name in names:
        graph.add_node(name, kind="stage")
    for source, target in edges:
        graph.add_edge(source, target, kind="exit")
    return graph, names


def partition(components) -> set[frozenset]:
    return {frozenset(c) for c in components}


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_sinks_are_components_no_edge_leaves(drawn):
    graph, _ = drawn
    for component in sink_components(graph):
        assert all(t in component for n in component for t in graph.successors(n))
    leaving = [c for c in strongly_connected_components(graph)
               if any(t not in c for n in c for t in graph.successors(n))]
    assert partition(sink_components(graph)) | partition(leaving) == \
        partition(strongly_connected_components(graph))


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_reachability_matches_descendants_and_ancestors(drawn, data):
    graph, names = drawn
    starts = data.draw(st.lists(st.sampled_from(names), max_size=3))
    assert reachable_from(graph, starts) == set(starts).union(
        *(nx.descendants(graph, s) for s in starts))
    assert reaching(graph, starts) == set(starts).union(*(nx.ancestors(graph, s) for s in starts))


def test_a_long_chain_does_not_overflow_the_stack():
    chain = nx.MultiDiGraph()
    for i in range(60_000):
        chain.add_edge(f"s{i}", f"s{i + 1}")
    assert len(strongly_connected_components(chain)) == 60_001
    assert sink_components(chain) == [{"s60000"}]


def test_every_route_of_the_examples_is_an_edge():
    for path in sorted((REPO / "examples").glob("*.pwy")):
        program = check_path(path).program
        graph = build_graph(program)
        routes = sum(len(s.transitions) for s in program.root.stages) + len(program.root.entries)
        rejoins = sum(1 for s in program.root.subpathways if s.rejoin is not None)
        assert graph.number_of_edges() == routes + rejoins
