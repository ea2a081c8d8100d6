"""Plain subgraphs put back in the order the source declares them (emit/graphviz_text.py):
the map's parts, laid out in a shared `dot` after other graphs, are byte for byte lone
runs, and nothing else counts as plain."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.graphviz_session import _Server, session
from pathwaylang.emit.graphviz_text import (decoded_in_declared_order, dot_in_declared_order,
                                            in_declared_order, json_in_declared_order,
                                            plain_subgraphs)

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

PLAIN = ('digraph m {\n  rankdir=BT;\n  subgraph band_b { b1 [label="B {1}; }"]; b2 }\n'
         '  subgraph band_a { a1 [label=<x<B>}</B>>], a2; } /* { */\n'
         '  b1 -> a1; a1 -> b2 [label="a -> b"];\n}\n')


def test_plain_subgraphs_are_named_in_the_order_declared():
    assert plain_subgraphs(PLAIN) == ("band_b", "band_a")


@pytest.mark.parametrize("source", [
    "digraph m { a -> b }",  # no subgraph
    "digraph m { subgraph cluster_a { a } }",  # a cluster is drawn as a box
    "digraph m { subgraph Cluster_a { a } }",
    "digraph m { subgraph s { rank=same; a; b } }",  # a rank changes the layout
    "digraph m { subgraph s { a -> b } }",  # an edge of its own
    "digraph m { subgraph s { node [shape=box]; a } }",
    "digraph m { subgraph s { NODE [shape=box]; a } }",
    "digraph m { subgraph s { a } subgraph t { a } }",  # a node in two
    "digraph m { subgraph s { a } subgraph s { b } }",  # opened twice
    "digraph m { subgraph s { subgraph t { a } } }",  # nested
    "digraph m { { a b } }",  # anonymous
    "digraph m { x -> subgraph s { a } }",  # the end of an edge
    "digraph m { subgraph s { a } -> x }",
    'digraph m { subgraph "s" { a } }',  # quoted names
    'digraph m { subgraph s { "a" } }',
    "digraph m { subgraph s { a:n } }",  # a port
    "digraph m { subgraph s { a } ",  # unfinished
    'digraph m { subgraph s { a [label="}]; } }',  # a string left open
    "digraph m { subgraph s { a } } }",
    "digraph m { subgraph s { a } } digraph n { }",  # two graphs
])
def test_other_subgraphs_are_not_plain(source):
    assert plain_subgraphs(source) is None


def test_output_not_as_expected_is_not_reordered():
    layout = b"digraph m {\n\tsubgraph t {\n\t\ta;\n\t}\n\tsubgraph s {\n\t\tb;\n\t}\n}\n"
    assert dot_in_declared_order(layout, ("s", "t")) == (
        b"digraph m {\n\tsubgraph s {\n\t\tb;\n\t}\n\tsubgraph t {\n\t\ta;\n\t}\n}\n")
    assert dot_in_declared_order(layout, ("s",)) is None  # a subgraph nobody declared
    assert dot_in_declared_order(layout.replace(b"\tsubgraph s", b"\t{"), ("s", "t")) is None
    assert dot_in_declared_order(layout[:-3], ("s", "t")) is None
    assert json_in_declared_order(b'{\n  "name": "m"\n}\n', ("s",)) is None
    assert in_declared_order(["dot", "json"], layout, ("s", "t")) == layout  # no JSON after


def map_part_sources() -> list[str]:
    """The examples' maps without band boxes at every spacing the page search tries, band
    names beside and on top: the graphs a build lays out most."""
    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.emit.context import BuildContext
    from pathwaylang.emit.dot import map_dot
    from pathwaylang.emit.map_layout import drawn
    from pathwaylang.emit.map_pages import SPACINGS
    from pathwaylang.emit.process_map import map_view

    sources = []
    for example in ("dylanshire", "kentigernshire", "mabinogion"):
        path = Path(__file__).parents[1] / "examples" / f"{example}.pwy"
        report = Checker(CheckOptions(root=path.parent)).check_file(path)
        view = drawn(map_view(BuildContext(program=report.program,
                                           subpathways=report.subpathways)))
        sources += [map_dot(view, band_boxes=False, spacing=spacing, names_on_top=on_top)
                    for spacing in SPACINGS[:4] for on_top in (False, True)]
    return sources


@needs_dot
def test_map_parts_laid_out_in_one_process_are_lone_runs():
    sources = map_part_sources()
    fresh = {s: subprocess.run(["dot", "-Kdot", "-Tdot", "-Tjson0"], input=s.encode(),
                               capture_output=True, check=True).stdout for s in sources}
    for source, output in fresh.items():  # a fresh process writes them as declared
        assert plain_subgraphs(source) and gv.run("dot", "dot json0", source) == output
    server, moved = _Server("dot", None, ("dot", "json0")), 0
    try:
        for source in sources + sources[::-1]:  # each after others, in two orders
            layout, geometry, decoded = server.lay_out(source)
            names = plain_subgraphs(source)
            ordered = dot_in_declared_order(layout, names), json_in_declared_order(geometry, names)
            assert b"".join(ordered) == fresh[source]
            assert decoded_in_declared_order(decoded, names) == json.loads(ordered[1])
            assert in_declared_order(["dot", "json0"], layout + geometry, names) == fresh[source]
            moved += ordered != (layout, geometry)
    finally:
        server.stop()
    assert moved > len(sources) // 4  # Graphviz did write most of them in another order
    with session() as shared:
        for source in sources:
            places = gv.geometry("dot", source)
            assert gv.run("dot", "dot", source) + gv.run("dot", "json0", source) == fresh[source]
            assert places == json.loads(gv.run("dot", "json0", source))
        assert sorted(shared.servers) == [("dot", None, "json0")]


def random_plain_graph(rng) -> str:
    """A graph of plain subgraphs (nodes with labels that hold braces, quotes and HTML, some
    nodes outside any subgraph) and edges between any of its nodes, as the map's parts are."""
    names = rng.sample([f"band_{c}" for c in "qwertyuiopasdfghjkl"], rng.randint(1, 6))
    lines, nodes = ["digraph g {", "  rankdir=BT; newrank=true;"], []
    for name in names:
        lines.append(f"  subgraph {name} {{")
        for i in range(rng.randint(1, 4)):
            node = f"{name}_n{i}"
            nodes.append(node)
            lines.append(f'    {node} [shape=box, label="{{{node}}} \\"q\\" ;"];')
        lines.append("  }")
    nodes += [f"free_{i}" for i in range(rng.randint(0, 3))]
    lines += [f"  {node} [label=<<B>{node}</B>>];" for node in nodes if node.startswith("free")]
    lines += [f"  {rng.choice(nodes)} -> {rng.choice(nodes)};" for _ in range(len(nodes) + 2)]
    return "\n".join(lines + ["}", ""])


def test_generated_plain_graphs_are_found_and_put_in_order():
    """On generated text, `plain_subgraphs` never fails and names only what a subgraph
    declares; on generated plain graphs, a shared process put in order is a fresh one."""
    import random

    rng = random.Random(7)
    pieces = [b"subgraph s", b"subgraph t", b"cluster_x", b" a", b" b", b"[x=1]", b";", b"->",
              b"{", b"}", b'"}"', b"<{>", b"/*", b"*/", b"\n", b"digraph g {", b"node"]
    for _ in range(20000):
        text = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))).decode()
        names = plain_subgraphs(text)
        assert names is None or (names and all(f"subgraph {n}" in text for n in names)), text
    if shutil.which("dot") is None:
        return
    graphs = [random_plain_graph(rng) for _ in range(40)]
    server = _Server("dot", None, ("dot", "json"))
    try:
        for graph in graphs + graphs[::-1]:
            fresh = subprocess.run(["dot", "-Tdot", "-Tjson"], input=graph.encode(),
                                   capture_output=True, check=True).stdout
            layout, geometry, _ = server.lay_out(graph)
            assert in_declared_order(["dot", "json"], layout + geometry,
                                     plain_subgraphs(graph)) == fresh, graph
    finally:
        server.stop()
