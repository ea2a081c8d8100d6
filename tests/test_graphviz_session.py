"""Graphviz layouts in a shared `dot` process (emit/graphviz_session.py) are byte for byte a
lone run's, errors included, and the processes end with the session."""

from __future__ import annotations

import shutil

import pytest

from fuzzing import HOSTILE
from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import html_text, quoted
from pathwaylang.emit.graphviz_session import session, shareable
from pathwaylang.emit.graphviz_text import graph_end

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def alone(engine: str, fmt: str, source: str, no_op: int | None = None) -> bytes:
    assert gv.graphviz_session.current() is None
    return gv.run(engine, fmt, source, no_op)


def part(number: int, text: str) -> str:
    """A graph like a map sheet's pieces: one plain-text node, HTML label, no subgraph."""
    return (f'digraph piece {{ graph [pad=0]; piece_{number} [shape=plaintext, margin=0, '
            f'fontname="DejaVu Sans", id="piece-{number}", label=<<B>{html_text(text)}</B>'
            f'<BR/>{number}>]; }}')


GRAPHS = [part(n, text) for n, text in enumerate(["Early help", *HOSTILE[:12]])] + [
    'digraph t { a [label="a { quoted } brace \\" and // not a comment"]; a -> b; }',
    "digraph t { /* a } comment */ a -> b -> c; b [label=<x<SUB>{</SUB>>]; }\n",
    'digraph t { a [label="a line break in a string\n}"]; }',  # a real line break
    f"digraph t {{ a [fontname={quoted('DejaVu Sans')}, label=<{html_text(HOSTILE[0])}>]; }}",
]


def test_every_layout_is_a_lone_runs_in_one_process():
    wanted = {(fmt, g): alone("dot", fmt, g) for g in GRAPHS for fmt in ("dot", "json")}
    with session() as shared:
        for (fmt, graph), output in wanted.items():
            assert gv.run("dot", fmt, graph) == output, graph
        assert len(shared.servers) == 1
        (server,) = shared.servers.values()
    assert server.process.poll() is not None, "the shared process outlived its session"


def test_neato_without_moving_shares_its_own_process():
    graph = 'digraph s { a [pos="10,10!", label="A"]; b [pos="90,40!"]; a -> b; }'
    wanted, other = alone("neato", "dot", graph, 2), alone("dot", "dot", GRAPHS[0])
    with session() as shared:
        assert gv.run("dot", "dot", GRAPHS[0]) == other
        assert gv.run("neato", "dot", graph, 2) == wanted
        assert sorted(shared.servers) == [("dot", None, "json"), ("neato", 2, "json")]


def test_graphs_with_subgraphs_and_pictures_run_alone():
    clustered = "digraph m { subgraph cluster_a { a; b } { rank=same; c; d } a -> c; }"
    assert not shareable(clustered)
    assert not shareable("digraph m { { rank=same; c; d } }")
    wanted = alone("dot", "dot", clustered), alone("dot", "svg", GRAPHS[0])
    with session() as shared:
        assert (gv.run("dot", "dot", clustered), gv.run("dot", "svg", GRAPHS[0])) == wanted
        assert shared.servers == {}


@pytest.mark.parametrize("broken", [
    "digraph b { a -> ; }",  # a syntax error: Graphviz stops reading
    "digraph b { a [label=<<B>unclosed>]; }",  # an error, after which Graphviz goes on
])
def test_an_error_is_a_lone_runs_and_the_next_layout_is_unharmed(broken):
    with pytest.raises(gv.RenderError) as lone:
        alone("dot", "dot", broken)
    before, after = alone("dot", "dot", GRAPHS[1]), alone("dot", "dot", GRAPHS[2])
    with session() as shared:
        assert gv.run("dot", "dot", GRAPHS[1]) == before
        with pytest.raises(gv.RenderError) as shared_error:
            gv.run("dot", "dot", broken)
        assert str(shared_error.value) == str(lone.value)
        assert gv.run("dot", "dot", GRAPHS[2]) == after
        assert len(shared.servers) == 1


@pytest.mark.parametrize("unfinished", [
    "digraph u { a -> b ",
    'digraph u { a [label="never closed]; }',
    "digraph u { a [label=<never <B>closed</B>]; }",
    "digraph u { a; } /* a comment left open",
    "digraph u { a; } digraph v { b; }",
])
def test_text_that_could_leave_graphviz_waiting_runs_alone(unfinished):
    assert not shareable(unfinished)
    lone = outcome(lambda: alone("dot", "dot", unfinished))
    with session() as shared:
        assert outcome(lambda: gv.run("dot", "dot", unfinished)) == lone
        assert shared.servers == {}


def outcome(run) -> bytes | str:
    """What a run gives: its output, or its error's message."""
    try:
        return run()
    except gv.RenderError as err:
        return f"RenderError: {err}"


@pytest.mark.parametrize("text, end", [
    ("digraph a { b }", 15),
    ('digraph a { b [label="}"] } tail', 27),
    ("digraph a { b [label=<<I>}</I>>] }", 34),
    ("digraph a { /* } */ b } ", 23),
    ("digraph a {\n# } a line Graphviz ignores\nb }", 43),
    ('digraph a { b [label="\\"}"] }', 29),
    ("digraph a { { b } ", None),
    ('digraph a { b [label="}]; }', None),
])
def test_where_a_graph_ends(text, end):
    assert graph_end(text.encode(), 0) == end


@pytest.mark.parametrize("example", ["dylanshire", "kentigernshire"])
def test_a_map_with_subgraphs_is_laid_out_once_for_both_formats(example, monkeypatch):
    """The map (subgraphs: not shareable) gets its `-Tdot` and `-Tjson` layouts from one
    `dot` process of its own, each byte for byte a lone run's, so the bands are the same."""
    import json
    from pathlib import Path

    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.emit.context import BuildContext, BuildOptions
    from pathwaylang.emit.dot import map_dot
    from pathwaylang.emit.map_layout import drawn
    from pathwaylang.emit.process_map import map_view

    path = Path(__file__).parents[1] / "examples" / f"{example}.pwy"
    report = Checker(CheckOptions(root=path.parent)).check_file(path)
    for lanes in ("level", "agency"):
        ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                           options=BuildOptions(lanes=lanes))
        view = drawn(map_view(ctx))
        source = map_dot(view, band_boxes=False, key=True)
        assert not shareable(source)
        wanted = alone("dot", "dot", source), alone("dot", "json", source)
        runs = []
        lone = gv._alone
        monkeypatch.setattr(gv, "_alone", lambda *a: runs.append(a[1]) or lone(*a))
        with session():
            both = gv.run("dot", "json", source), gv.run("dot", "dot", source)
        monkeypatch.setattr(gv, "_alone", lone)
        assert both[::-1] == wanted and runs == ["dot json"]
        from_json = json.loads(both[0])
        assert len(gv._positions(from_json)) > 20
        assert gv.band_backgrounds(view, from_json) == gv.band_backgrounds(
            view, json.loads(wanted[1]))


def test_without_graphviz_a_session_gives_the_lone_runs_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(gv.RenderError) as lone:
        gv.run("dot", "dot", GRAPHS[0])
    with session() as shared:
        with pytest.raises(gv.RenderError) as in_session:
            gv.run("dot", "dot", GRAPHS[0])
        assert shared.servers == {}
    assert str(in_session.value) == str(lone.value)


def test_a_graph_larger_than_a_pipe_goes_through_whole():
    """More than the 64 KiB a pipe holds, each way: written and read while Graphviz works."""
    nodes = "\n".join(f'  n{i} [label="{"box " * 20}{i}", id="n-{i}"];' for i in range(700))
    big = f"digraph big {{\n  rankdir=LR;\n{nodes}\n  n0 -> n1 -> n2;\n}}\n"
    assert len(big) > 65536 and shareable(big)
    wanted = alone("dot", "dot", big), alone("dot", "json", big)
    with session() as shared:
        assert (gv.run("dot", "dot", big), gv.run("dot", "json", big)) == wanted
        assert len(shared.servers) == 1


def plain_scan(text: bytes, start: int) -> tuple[int | None, int]:
    """Where the graph at `start` ends and how deep its braces go, read a character at a
    time (what `_scan` finds with regular expressions)."""
    depth = deepest = 0
    i = start
    while i < len(text):
        char = text[i:i + 1]
        if char == b'"':
            i += 1
            while i < len(text) and text[i:i + 1] != b'"':
                i += 2 if text[i:i + 1] == b"\\" else 1
            if i >= len(text):
                return None, deepest
        elif char == b"<":
            level = 1
            while level:
                i += 1
                if i >= len(text):
                    return None, deepest
                level += {b"<": 1, b">": -1}.get(text[i:i + 1], 0)
        elif text.startswith(b"/*", i):
            close = text.find(b"*/", i + 2)
            if close < 0:
                return None, deepest
            i = close + 1
        elif text.startswith(b"//", i) or (char == b"#" and (i == 0 or text[i - 1] == 10)):
            i = text.find(b"\n", i)
            if i < 0:
                return None, deepest
            continue
        elif char == b"{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == b"}":
            depth -= 1
            if depth <= 0:
                return (i + 1 if depth == 0 else None), deepest
        i += 1
    return None, deepest


def test_where_a_graph_ends_in_generated_text():
    """`_scan` skips strings, HTML labels (nested any depth) and comments as a plain
    character-by-character reading does, on text made of the pieces that matter."""
    import random

    from pathwaylang.emit.graphviz_text import scan as _scan

    pieces = [b'"', b"{", b"}", b"<", b">", b"<B>", b"</B>", b"/", b"*", b"/*", b"*/", b"//",
              b"#", b"\n", b"\\", b"a", b" ", b'"x"', b"digraph g {"]
    rng = random.Random(18)
    for _ in range(20000):
        text = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        for start in {0, rng.randint(0, len(text))}:
            assert _scan(text, start) == plain_scan(text, start), (text, start)
            assert _scan(bytearray(text), start) == plain_scan(text, start), (text, start)
        end, deepest = plain_scan(text, 0)
        assert shareable(text.decode()) == (deepest == 1 and end == len(text.rstrip())), text
    for graph in GRAPHS:
        assert _scan(graph.encode(), 0) == plain_scan(graph.encode(), 0)


def test_a_sessions_json_layout_is_decoded_once_and_as_json_reads_it():
    import json

    clustered = "digraph m { subgraph cluster_a { a; b } { rank=same; c; d } a -> c; }"
    with session() as shared:
        for graph in GRAPHS[:3] + GRAPHS[-4:] + [clustered]:
            for fmt, drawn in (("json", True), ("json0", False)):
                decoded = gv.geometry("dot", graph, drawn=drawn)
                assert decoded == json.loads(gv.run("dot", fmt, graph))
                assert gv.geometry("dot", graph, drawn=drawn) is decoded  # not decoded again
        assert set(shared.decoded) <= set(shared.laid)
    assert gv.geometry("dot", GRAPHS[0]) == json.loads(alone("dot", "json0", GRAPHS[0]))
    assert "_ldraw_" in str(gv.geometry("dot", GRAPHS[0], drawn=True))
    assert "_ldraw_" not in str(gv.geometry("dot", GRAPHS[0]))


def test_places_without_the_drawing_are_a_lone_runs_with_the_dot_from_one_process(
        monkeypatch):
    """A graph that runs alone, asked for its places (`-Tjson0`), gets them and its `-Tdot`
    from one `dot -Tdot -Tjson0`, each a lone run's; a shared graph's come from a shared
    `dot -Tdot -Tjson0`, also each a lone run's."""
    clustered = "digraph m { subgraph cluster_a { a; b } { rank=same; c; d } a -> c; }"
    wanted = {(fmt, g): alone("dot", fmt, g) for g in (clustered, GRAPHS[1])
              for fmt in ("json0", "dot", "json")}
    runs = []
    lone = gv._alone
    monkeypatch.setattr(gv, "_alone", lambda *a: runs.append(a[1]) or lone(*a))
    with session():
        for (fmt, graph), output in wanted.items():
            assert gv.run("dot", fmt, graph) == output, (fmt, graph)
    assert runs == ["dot json0", "dot json"]


def test_a_pinned_drawing_counted_in_any_order_shares_a_process_and_counts_the_same():
    """A sheet with subgraphs, drawn where everything is pinned (`neato -n2`), goes to a
    shared process only for a reader of counts (map planning): its figures are a lone
    run's, though its subgraphs may come in another order; a plain reader still gets the
    lone run's very output."""
    from dataclasses import replace

    from pathwaylang.emit import map_quality, process_map
    from pathwaylang.emit.map_layout import screen_sheet
    from test_process_map import FIXTURE, context

    sheet = screen_sheet(process_map.map_view(context(FIXTURE)))
    assert not shareable(sheet)
    lone, lone_json = map_quality.measure_source(sheet), alone("neato", "json", sheet, 2)
    with session() as shared:
        counted = map_quality.measure_source(sheet, counts_only=True)
        assert sorted(shared.servers) == [("neato", 2, "json")]
        assert replace(counted, problems=()) == replace(lone, problems=())
        assert gv.run("neato", "json", sheet, 2) == lone_json
    with session() as plain:
        assert map_quality.measure_source(sheet) == lone and plain.servers == {}
