"""Hostile text in every title, label and criterion (tests/hostile.py) comes out right in the
map's DOT, SVG and Mermaid, and cannot add DOT attributes, nodes, markup or Mermaid
statements. The Mermaid text is also parsed by the real library in test_mermaid_browser.py.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import check_path
from hostile import NASTY, SCRIPT_MARKERS, write_hostile
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import process_map
from pathwaylang.emit.dot import arrival_groups, dot_id, html_text, key_node_names, route_groups
from pathwaylang.emit.map_view import clean, criteria, one_line
from pathwaylang.emit.mermaid import mermaid_text

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")


@pytest.fixture(scope="module")
def hostile_ctx(tmp_path_factory):
    path = write_hostile(tmp_path_factory.mktemp("hostile"))
    report = check_path(path)
    assert not report.has_errors, [d.message for d in report.diagnostics if d.severity.value == "error"]
    return BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions())


@pytest.fixture(scope="module")
def made(hostile_ctx):
    return {name: (c if isinstance(c, bytes) else c.encode()) for name, c in
            process_map.artefacts(hostile_ctx)}


def squash(text: str) -> str:
    """Text with all whitespace removed: wrapping may break lines anywhere."""
    return "".join(text.split())


def decode_mermaid(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def test_every_hostile_string_is_used(hostile_ctx):
    view = process_map.map_view(hostile_ctx)
    shown = {n.title for n in view.nodes} | {e.when for e in view.edges if e.when}
    shown |= {b.label for b in view.bands}
    for text in NASTY:
        assert clean(text) in shown or one_line(text) in shown, text


# ---- DOT ---------------------------------------------------------------------------------


@needs_dot
def test_dot_has_exactly_our_nodes(hostile_ctx, made):
    """Graphviz reads the map's DOT back with the nodes we wrote and no others, each with
    the shape we gave it: an injected `]; node [shape=box...` did nothing."""
    view = process_map.map_view(hostile_ctx)
    layout = json.loads(subprocess.run(["dot", "-Tjson"], input=made["process-map.dot"],
                                       capture_output=True, check=True).stdout)
    names = {o["name"] for o in layout["objects"] if "nodes" not in o and "subgraphs" not in o
             and not o["name"].startswith("cluster_")}
    expected = {dot_id(n.kind, n.id) for n in view.nodes}
    expected |= {dot_id("gate", b.key) for b in view.bands} | set(key_node_names())
    expected |= {f"junction__{i}" for i, g in enumerate(route_groups(view)) if len(g) > 1}
    tables = -(-len(criteria(view)) // 12)  # the numbered criteria, 12 to a table
    expected |= {f"key__criteria_{i}" for i in range(tables)}
    expected |= {f"merge__{i}" for i in range(len(arrival_groups(view)))}
    assert names == expected
    shapes = {o["name"]: o.get("shape") for o in layout["objects"] if o["name"] in names}
    for node in view.nodes:
        assert shapes[dot_id(node.kind, node.id)] == {
            "entry": "cds", "stage": "box", "outcome": "box", "subpathway": "box3d"}[node.kind]
    assert all(o.get("color") != "red" for o in layout["objects"])
    assert len(layout.get("edges", [])) >= len(view.edges)


def test_dot_labels_stay_inside_their_brackets(made):
    """Outside `<...>` labels the DOT holds only our own words: no hostile text leaks."""
    text = made["process-map.dot"].decode()
    outside = re.sub(r"label=<(?:[^<>]|<[^<>]*>)*>", "label=<>", text)
    for marker in ("script", "forest", "onerror", "shape=box, color=red", "click"):
        assert marker not in outside, marker


# ---- SVG ---------------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("name", ["process-map.svg", "algorithms/checks.svg"])
def test_svg_is_well_formed_without_markup(made, name):
    svg = made[name].decode()
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in ("script", "foreignObject", "a", "image")
        for attribute in element.attrib:
            assert not attribute.lower().startswith("on"), attribute
            assert "href" not in attribute
    lowered = svg.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<![cdata[" not in lowered
    for marker in SCRIPT_MARKERS:  # present only as text, escaped
        assert all(marker not in (v or "") for e in root.iter() for v in e.attrib.values())


@needs_dot
def test_svg_shows_the_text_exactly(hostile_ctx, made):
    view = process_map.map_view(hostile_ctx)
    root = ET.fromstring(made["process-map.svg"])
    found = {g.get("id").removeprefix("pwy-map-"): g for g in root.iter(f"{SVG}g") if g.get("id")}

    def drawn(group):
        return "".join(t.text or "" for t in group.iter(f"{SVG}text"))

    for node in view.nodes:
        group = found[f"{node.kind}-{node.id}"]
        assert group.find(f"{SVG}title").text.endswith(one_line(node.title))
        assert squash(node.title) in squash(drawn(group)), node.id
    table = "".join(drawn(g) for name, g in found.items() if name.startswith("criteria-"))
    for number, indexes in enumerate(route_groups(view)):
        edge = view.edges[indexes[0]]
        if not edge.when:
            continue
        group = found[f"bundle-{number}" if len(indexes) > 1 else f"route-{indexes[0]}"]
        assert str(edge.number) in drawn(group)  # the route's marker; its words in the table
        assert squash(edge.when) in squash(table)
        for index in indexes:
            assert one_line(edge.when) in found[f"route-{index}"].find(f"{SVG}desc").text
    assert "Dŵr ŷd" in made["process-map.svg"].decode()


@needs_dot
def test_algorithm_svg_shows_the_text_exactly(made):
    root = ET.fromstring(made["algorithms/checks.svg"])
    found = {g.get("id").removeprefix("pwy-algorithm-checks-"): g
             for g in root.iter(f"{SVG}g") if g.get("id")}
    question = found["question-first"]
    assert squash(NASTY[17]) in squash("".join(t.text or "" for t in question.iter(f"{SVG}text")))
    action = found["action-first-0"]
    assert squash(NASTY[18]) in squash("".join(t.text or "" for t in action.iter(f"{SVG}text")))


# ---- Mermaid -----------------------------------------------------------------------------

_STATEMENTS = [
    r"%% Made by pathwaylang from the pathway file: .*",
    r"%% Thick dashed red: step up\. .*", r"flowchart BT", r"  end",
    r'  subgraph band_\w+\[""\]',
    r'\s+(in|st|fin|sub)_\w+(>|\[|\(\[|\[\[)""(\]|\]\)|\]\])',
    r'  (in|st|fin|sub)_\w+ (-->|==>|-\.->)(\|""\|)? (in|st|fin|sub)_\w+',
    r"  classDef (entry|stage|outcome|subpathway) [#:,.\w -]+",
    r"  class [\w,]+ (entry|stage|outcome|subpathway)",
    r"  linkStyle [\d,]+ [#:,.\w -]+",
]


def test_mermaid_holds_only_our_statements(made):
    """With its labels blanked, every line is a statement the emitter writes: no pathway
    text made a `click`, `style`, directive or comment line, or ended a label early."""
    text = made["process-map.mmd"].decode()
    front, _, body = text.partition("\n---\n")
    assert re.fullmatch(r'---\ntitle: "(?:[^"\\%\n]|\\.)*"', front)
    labels = re.findall(r'"([^"]*)"', body)
    for label in labels:
        assert re.fullmatch(r"([^#;%<>&|`\[\]{}\\]|#\d+;)*", label), label
    lines = re.sub(r'"[^"]*"', '""', body).splitlines()
    for line in lines:
        assert any(re.fullmatch(p, line) for p in _STATEMENTS), line
    assert sum(line.startswith("  classDef") for line in lines) == 4
    assert "%%{" not in text


def test_mermaid_labels_decode_to_the_text(hostile_ctx, made):
    view = process_map.map_view(hostile_ctx)
    text = made["process-map.mmd"].decode()
    for node in view.nodes:
        prefix = {"entry": "in_", "stage": "st_", "outcome": "fin_", "subpathway": "sub_"}[node.kind]
        label = re.search(rf'\n\s+{prefix}{node.id}\W+"([^"]*)"', text).group(1)
        assert squash(node.title) in squash(decode_mermaid(label)), node.id
    assert "Dŵr ŷd" in text


# ---- the escapers themselves ---------------------------------------------------------------

ANY_TEXT = st.text(max_size=60)


@settings(max_examples=300)
@given(ANY_TEXT)
def test_html_text_round_trips_and_is_inert(text):
    escaped = html_text(text)
    assert not re.search(r"[<>\"\]]", escaped)
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27|#93);)", escaped)
    back = html.unescape(escaped).replace("\\\\", "\\")
    assert back == (clean(text) or " ")


@settings(max_examples=300)
@given(ANY_TEXT)
def test_mermaid_text_round_trips_and_is_inert(text):
    escaped = mermaid_text(text)
    assert re.fullmatch(r"([^#;]|#\d+;)*", escaped)
    bare = re.sub(r"#\d+;", "", escaped)
    assert not re.search(r"[\"%<>&|`\[\]{}\n\r\\]", bare)
    assert decode_mermaid(escaped) == text
