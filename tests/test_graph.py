"""graph.py's graph of a program, and ordering.py's orders over it, on the examples."""

from __future__ import annotations

import pytest

from conftest import REPO, check_path
from pathwaylang.analysis.graph import build_graph
from pathwaylang.analysis.ordering import journey_order

PATHWAYS = sorted((REPO / "examples").glob("*.pwy")) + sorted(
    (REPO / "tests" / "fixtures").glob("valid-*.pwy"))


def test_every_route_of_the_examples_is_an_edge():
    for path in sorted((REPO / "examples").glob("*.pwy")):
        program = check_path(path).program
        graph = build_graph(program)
        routes = sum(len(s.transitions) for s in program.root.stages) + len(program.root.entries)
        rejoins = sum(1 for s in program.root.subpathways if s.rejoin is not None)
        assert graph.number_of_edges() == routes + rejoins


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_a_family_meets_each_step_after_one_that_leads_to_it(path):
    program = check_path(path).program
    graph = build_graph(program)
    steps, ends = journey_order(program, graph)
    nodes = {n for n, kind in graph.nodes(data="kind") if kind != "entry"}
    assert sorted(steps + ends) == sorted(nodes)  # each once
    place = {node: i for i, node in enumerate(steps)}
    for node in steps:
        sources = list(graph.predecessors(node))
        if any(graph.nodes[s]["kind"] == "entry" for s in sources):
            continue
        assert any(place.get(s, len(steps)) < place[node] for s in sources), node
