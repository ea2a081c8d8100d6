"""graph.py's plain-Python graph (what the rules read, so `pwy check` never imports networkx)
against networkx itself, on random graphs: components, condensation sinks and reachability
agree, and `build_graph` gives networkx the same nodes and edges as `build_digraph`."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, check_path
from pathwaylang.graph import (Digraph, build_digraph, build_graph, reachable_from, reaching,
                               sink_components, strongly_connected_components)


@st.composite
def graphs(draw):
    count = draw(st.integers(1, 12))
    names = [f"n{i}" for i in range(count)]
    edges = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                          max_size=30))
    ours, theirs = Digraph(), nx.MultiDiGraph()
    for name in names:
        ours.add_node(name, kind="stage")
        theirs.add_node(name, kind="stage")
    for source, target in edges:
        ours.add_edge(source, target, kind="exit")
        theirs.add_edge(source, target, kind="exit")
    return ours, theirs, names


def partition(components) -> set[frozenset]:
    return {frozenset(c) for c in components}


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_components_and_sinks_match_networkx(drawn):
    ours, theirs, _ = drawn
    assert partition(strongly_connected_components(ours)) == \
        partition(nx.strongly_connected_components(theirs))
    condensed = nx.condensation(theirs)
    sinks = [condensed.nodes[c]["members"] for c in condensed if condensed.out_degree(c) == 0]
    assert partition(sink_components(ours)) == partition(sinks)


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_reachability_matches_networkx(drawn, data):
    ours, theirs, names = drawn
    starts = data.draw(st.lists(st.sampled_from(names), max_size=3))
    assert reachable_from(ours, starts) == set(starts).union(
        *(nx.descendants(theirs, s) for s in starts))
    assert reaching(ours, starts) == set(starts).union(*(nx.ancestors(theirs, s) for s in starts))
    keep = data.draw(st.lists(st.sampled_from(names), unique=True))
    sub = ours.subgraph(keep)
    assert set(sub) == set(keep)
    assert sorted(sub.edges()) == sorted(theirs.subgraph(keep).edges())


def test_a_long_chain_does_not_overflow_the_stack():
    chain = Digraph()
    for i in range(60_000):
        chain.add_edge(f"s{i}", f"s{i + 1}")
    assert len(strongly_connected_components(chain)) == 60_001
    assert sink_components(chain) == [{"s60000"}]


def test_the_networkx_graph_is_the_same_graph():
    for path in sorted((REPO / "examples").glob("*.pwy")):
        program = check_path(path).program
        ours, theirs = build_digraph(program), build_graph(program)
        assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
        assert ours.edges(data=True) == list(theirs.edges(data=True))
        for node in ours:
            assert list(ours.predecessors(node)) == list(theirs.predecessors(node))
            assert list(ours.successors(node)) == list(theirs.successors(node))
