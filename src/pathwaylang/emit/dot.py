"""Graphviz DOT text of the process map (pure functions; algorithms are in algorithm_dot.py).

Every piece of pathway text goes into an HTML-like label through `html_text`, which escapes
`& < > " ]` as entities and doubles backslashes (Graphviz expands `\\N`, `\\G`... even inside
HTML-like labels), so no pathway can end a label, add attributes or inject markup. Node and
cluster names are a prefix and an identifier, so they are never DOT keywords.

The map flows from the bottom up. Its bands (levels of need, lowest first, or agency lanes)
are stacked by rank so their order is certain: an invisible gate node sits under each band;
every node of the band below (or of the key, under the lowest band) points to it and it
points to every node of its own band.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from pathwaylang.emit.map_view import (Band, Criterion, MapEdge, MapNode, MapView, clean,
                                       criteria, route_groups, wrap)

FONT = "DejaVu Sans"
TITLE_WIDTH = 28
ENTRY_WIDTH = 30
DETAIL_WIDTH = 34
CONNECTOR_WIDTH = 28
CRITERION_WIDTH = 56
MARKER_SIZE = 10
"""Point size of a route's marker (its criterion's number) and of the criteria table."""
CRITERIA_SIZE = 8.5


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    penwidth: str
    arrowhead: str


EDGE_STYLES = {
    "entry": EdgeStyle("#5f5f5f", "solid", "1.2", "normal"),
    "exit": EdgeStyle("#1a1a1a", "solid", "1.4", "normal"),
    "step up": EdgeStyle("#b2182b", "dashed", "2.6", "normal"),
    "step down": EdgeStyle("#1f5fa8", "dotted", "3.2", "empty"),
    "refer": EdgeStyle("#6a3d9a", "solid", "2.2", "vee"),
    "rejoin": EdgeStyle("#6a3d9a", "dashed", "1.2", "vee"),
}

NODE_STYLES = {
    "entry": 'shape=cds, style="filled", fillcolor="#e3efdc", color="#4d7c3a", '
             'margin="0.12,0.05"',
    "stage": 'shape=box, style="filled", fillcolor="#ffffff", color="#333333", penwidth=1.4, '
             'margin="0.12,0.06"',
    "outcome": 'shape=box, style="rounded,filled,bold", fillcolor="#fff1c9", color="#8a6d1f", '
               'peripheries=2, margin="0.12,0.06"',
    "subpathway": 'shape=box3d, style="filled", fillcolor="#ece3f5", color="#6a3d9a", '
                  'margin="0.12,0.06"',
    "connector": 'shape=box, style="rounded,dashed,filled", fillcolor="#ffffff", '
                 'color="#555555", penwidth=1.2, margin="0.1,0.05"',
}

BAND_COLOURS = ("#eef4f9", "#f7f0e4", "#f6e6e6", "#ece9f4", "#e7f2ea", "#f3f3e6")
"""Band fills from the lowest band up; they repeat past six bands."""

KEY_ROUTES = (
    ("exit", "Exit; a number: its criterion in the table"),
    ("step up", "\u25b2 Step up to a higher level"),
    ("step down", "\u25bc Step down to a lower level"),
    ("refer", "Refer to a subpathway"),
    ("rejoin", "Rejoin the pathway"),
)


def html_text(text: str) -> str:
    """Pathway text as the content of a Graphviz HTML-like label, safe whatever it holds.

    `]` is written `&#93;` too, and empty text a space: Graphviz 2.43 rejects a label piece
    that is only `]`, and an empty `<B></B>`."""
    escaped = html.escape(clean(text), quote=True).replace("]", "&#93;")
    return escaped.replace("\\", "\\\\") or " "


def html_lines(lines: list[str]) -> str:
    return "<BR/>".join(html_text(line) for line in lines)


def quoted(text: str) -> str:
    """A DOT double-quoted string (our own values: font names, colours)."""
    return '"' + clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_id(kind: str, identifier: str) -> str:
    """A DOT node name: a prefix and a pathway identifier (letters, digits and `_`)."""
    return f"{kind}__{identifier}"


def band_colour(index: int) -> str:
    return BAND_COLOURS[index % len(BAND_COLOURS)]


# ---- the process map ----------------------------------------------------------------


SPACING = (0.2, 0.22)
"""`nodesep` and `ranksep` (inches): the room between boxes in a row, and between rows."""


def map_dot(view: MapView, band_boxes: bool = True, spacing: tuple[float, float] = SPACING
            ) -> str:
    """The DOT text of the process map. Without `band_boxes` the bands are plain subgraphs
    (the renderer then draws full-width bands behind the layout)."""
    lines = [
        "digraph process_map {",
        f"  graph [rankdir=BT, newrank=true, nodesep={spacing[0]}, "
        f"ranksep={spacing[1]}, splines=true, fontname={quoted(FONT)}, fontsize=14, pad=0.25, "
        f'{_graph_label(view) if band_boxes else ""}labelloc=t, labeljust=l, '
        f'id="process-map"];',
        f"  node [fontname={quoted(FONT)}, fontsize=12];",
        f"  edge [fontname={quoted(FONT)}, fontsize={MARKER_SIZE}, arrowsize=0.8];",
    ]
    for index, band in enumerate(view.bands):
        lines += _band_cluster(view, band, index, band_boxes)
    lines += ["  " + _node_statement(node) for node in view.band_nodes(None)]
    lines += _routes(view)
    lines += _connector_rows(view)
    if band_boxes:
        lines += _key(view)
    if view.bands:
        lines += _band_gates(view, key_node_names() if band_boxes else [])
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graph_label(view: MapView) -> str:
    return f"label={title_label(view)}, "


def title_label(view: MapView) -> str:
    subtitle = (f'<BR/><FONT POINT-SIZE="11">{html_lines(wrap(view.subtitle, 120))}</FONT>'
                if view.subtitle else "")
    return f"<<B>{html_lines(wrap(view.title, 100))}</B>{subtitle}>"


def _band_cluster(view: MapView, band: Band, index: int, box: bool) -> list[str]:
    if not box:
        lines = [f"  subgraph band__{band.key} {{"]
    else:
        caption = "" if view.lanes == "agency" else f" \u2014 <I>{html_text(band.caption)}</I>"
        label = f"<<B>{html_text(band.label)}</B>{caption}>"
        lines = [f"  subgraph cluster_band__{band.key} {{",
                 f"    graph [label={label}, labeljust=l, labelloc=b, fontsize=13, "
                 f'style="filled", fillcolor="{band_colour(index)}", color="#b8b8b8", '
                 f'id="band-{band.key}"];']
    lines.append(f'    {dot_id("gate", band.key)} [shape=point, style=invis, width=0.01, '
                 f'height=0.01, id="gate-{band.key}"];')
    if not box:  # keeps the band as tall as its name in the column beside it, even empty
        lines.append(f'    {dot_id("spacer", band.key)} [shape=box, style=invis, width=0.01, '
                     f'height={band_name_height(view, band) / 72:.3f}, fixedsize=true];')
    lines += ["    " + _node_statement(node) for node in view.band_nodes(band.key)]
    lines.append("  }")
    return lines


CONNECTORS_A_ROW = 4


def _connector_rows(view: MapView) -> list[str]:
    """Connector boxes (on a page of the map: "turn to page 4") in rows of at most four,
    so a stage that many pages lead into does not make the page as wide as all of them."""
    lines = []
    for band in view.bands:
        names = [dot_id(n.kind, n.id) for n in view.band_nodes(band.key) if n.kind == "connector"]
        lines += [f"  {names[i]} -> {names[i + CONNECTORS_A_ROW]} [style=invis, weight=0];"
                  for i in range(len(names) - CONNECTORS_A_ROW)]
    return lines


def _band_gates(view: MapView, below: list[str]) -> list[str]:
    """Invisible edges that put each band's nodes above the band (or the key, `below`)
    below it."""
    lines = []
    below_key = bool(below)
    for band in view.bands:
        gate = dot_id("gate", band.key)
        lines += [f"  {name} -> {gate} [style=invis, weight=0];" for name in below]
        members = [dot_id(n.kind, n.id) for n in view.band_nodes(band.key)]
        if not below_key:
            members.append(dot_id("spacer", band.key))
        lines += [f"  {gate} -> {name} [style=invis, weight=0];" for name in members]
        below = members or [gate]
    return lines


BAND_NAME_WIDTH = 16
"""Characters a line in the column of band names (graphviz_render.LABEL_COLUMN wide)."""


def band_name_label(view: MapView, band: Band) -> str:
    """The HTML-like label naming a band in the column at the left of the map."""
    caption = "" if view.lanes == "agency" else (
        f'<BR/><FONT POINT-SIZE="11"><I>{html_lines(wrap(band.caption, BAND_NAME_WIDTH))}'
        f"</I></FONT>")
    return f"<<B>{html_lines(wrap(band.label, BAND_NAME_WIDTH))}</B>{caption}>"


def band_name_height(view: MapView, band: Band) -> float:
    """Points the band's name needs (14 pt lines, 11 pt caption, a margin)."""
    lines = len(wrap(band.label, BAND_NAME_WIDTH))
    captions = 0 if view.lanes == "agency" else len(wrap(band.caption, BAND_NAME_WIDTH))
    return lines * 17 + captions * 13.5 + 16


def _node_statement(node: MapNode, name: str | None = None, svg_id: str | None = None) -> str:
    width = {"entry": ENTRY_WIDTH, "connector": CONNECTOR_WIDTH}.get(node.kind, TITLE_WIDTH)
    title = html_lines(wrap(node.title, width))
    parts = [f"<B>{title}</B>" if node.kind != "entry" else title]
    if node.kind == "subpathway":
        parts.insert(0, '<FONT POINT-SIZE="9"><I>Subpathway</I></FONT>')
    detail_width = CONNECTOR_WIDTH if node.kind == "connector" else DETAIL_WIDTH
    for detail in node.details:
        parts.append(f'<FONT POINT-SIZE="9.5">{html_lines(wrap(detail, detail_width))}</FONT>')
    font = ", fontsize=10" if node.kind in ("entry", "connector") else ""
    name = name or dot_id(node.kind, node.id)
    svg_id = svg_id or f"{node.kind}-{node.id}"
    return (f"{name} [{NODE_STYLES[node.kind]}{font}, id=\"{svg_id}\", "
            f"label=<{'<BR/>'.join(parts)}>];")


def _routes(view: MapView) -> list[str]:
    bands = layout_bands(view)
    numbers = marker_numbers(view)
    lines = []
    singles = []
    for number, indexes in enumerate(route_groups(view)):
        if len(indexes) == 1:
            singles.append(indexes[0])
        else:
            lines += _bundle(view, number, indexes, bands, numbers)
    merged = arrival_groups(view, singles, bands)
    together = {index for group in merged for index in group[1]}
    lines += ["  " + _edge_statement(view, i, bands, numbers) for i in singles
              if i not in together]
    for number, (side, group) in enumerate(merged):
        lines += _merge(view, number, side, group, bands, numbers)
    return lines


def arrival_groups(view: MapView, singles: list[int] | None = None,
                   bands: dict[str, int] | None = None) -> list[tuple[str, list[int]]]:
    """Routes that arrive at one box from the same side (several step-ups from below, or
    step-downs from above), or run side by side between the same two boxes: they meet at a
    dot and go on as one arrow, so their heads are not drawn on top of each other.
    `singles`: the routes that are not bundled (by default, worked out)."""
    bands = layout_bands(view) if bands is None else bands
    if singles is None:
        singles = [g[0] for g in route_groups(view) if len(g) == 1]
    arriving: dict[tuple, list[int]] = {}
    for index in singles:
        edge = view.edges[index]
        if edge.source in bands and edge.target in bands \
                and bands[edge.source] != bands[edge.target]:
            side = "up" if bands[edge.source] < bands[edge.target] else "down"
            key: tuple = (edge.target, side)
        else:
            key = (edge.target, "up", edge.source, edge.kind)
        arriving.setdefault(key, []).append(index)
    return [(key[1], group) for key, group in arriving.items() if len(group) > 1]


def _merge(view: MapView, number: int, side: str, group: list[int],
           bands: dict[str, int], numbers: dict[int, int]) -> list[str]:
    """Routes arriving together: each to a dot beside the box, marked with its number,
    then one arrow on into the box."""
    first = view.edges[group[0]]
    style = EDGE_STYLES[first.kind]
    junction = f"merge__{number}"
    lines = [f'  {junction} [shape=point, width=0.07, color="{style.color}", '
             f'id="merge-{number}"];']
    for index in group:
        edge = view.edges[index]
        source, _ = _endpoints(view, edge)
        attributes = [f'id="route-{index}"', f"weight={_weight(edge.kind)}"]
        label = edge_marker(edge.kind, numbers.get(index))
        if label:
            attributes.append(f"label={label}")
        lines.append("  " + _route(source, junction, side == "down",
                                   EDGE_STYLES[edge.kind], attributes, "none"))
    _, target = _endpoints(view, first)
    lines.append("  " + _route(junction, target, side == "down", style,
                               [f'id="arrival-{number}"', "weight=2"]))
    return lines


def marker_numbers(view: MapView) -> dict[int, int]:
    """Each route's criterion number by its index."""
    return {i: e.number for i, e in enumerate(view.edges) if e.number is not None}


def layout_bands(view: MapView) -> dict[str, int]:
    """Each node's band number, for pointing every route upwards in the layout: a node's own
    band; a subpathway, its rejoin stage's. Nodes outside every band are left out."""
    order = {band.key: index for index, band in enumerate(view.bands)}
    found = {n.id: order[n.band] for n in view.nodes if n.band in order}
    for edge in view.edges:
        if edge.kind == "rejoin" and edge.target in found:
            found.setdefault(edge.source, found[edge.target])
    return found


def _endpoints(view: MapView, edge: MapEdge) -> tuple[str, str]:
    return (dot_id(view.node(edge.source).kind, edge.source),
            dot_id(view.node(edge.target).kind, edge.target))


def _downwards(bands: dict[str, int], source: str, target: str) -> bool:
    return source in bands and target in bands and bands[source] > bands[target]


def _route(source: str, target: str, downwards: bool, style: EdgeStyle, attributes: list[str],
           arrowhead: str | None = None) -> str:
    """A DOT edge. A route down to a lower band is written upwards with `dir=back`: then no
    cycle runs through the gates, so `dot` never turns a gate edge round to break one
    (which would put a node in the wrong band). Every route keeps its own arrowhead, so
    parallel step-ups or step-downs never stack into one blob."""
    common = [f'color="{style.color}"', f'style="{style.style}"', f"penwidth={style.penwidth}"]
    head = arrowhead or style.arrowhead
    if downwards:
        arrows = [f"dir=back, arrowtail={head}, arrowhead=none"]
        source, target = target, source
    else:
        arrows = [f"arrowhead={head}"]
    return f"{source} -> {target} [{', '.join(common + arrows + attributes)}];"


def _weight(kind: str) -> int:
    return {"entry": 4, "step up": 1, "step down": 1}.get(kind, 2)


def _edge_statement(view: MapView, index: int, bands: dict[str, int],
                    numbers: dict[int, int]) -> str:
    edge = view.edges[index]
    style = EDGE_STYLES[edge.kind]
    source, target = _endpoints(view, edge)
    attributes = [f'id="route-{index}"', f"weight={_weight(edge.kind)}"]
    label = edge_marker(edge.kind, numbers.get(index))
    if label:
        attributes.append(f"label={label}")
    return _route(source, target, _downwards(bands, edge.source, edge.target), style, attributes)


def _bundle(view: MapView, number: int, indexes: list[int], bands: dict[str, int],
            numbers: dict[int, int]) -> list[str]:
    """Routes sharing a criterion: each source to a junction dot (in the target's band for
    the layout), then one labelled arrow on to the target."""
    first = view.edges[indexes[0]]
    style = EDGE_STYLES[first.kind]
    junction = f"junction__{number}"
    _, target = _endpoints(view, first)
    if first.target in bands:
        bands = {**bands, junction: bands[first.target]}
    lines = [f'  {junction} [shape=point, width=0.07, color="{style.color}", '
             f'id="junction-{number}"];']
    for index in indexes:
        source, _ = _endpoints(view, view.edges[index])
        attributes = [f'id="route-{index}"', f"weight={_weight(first.kind)}"]
        downwards = _downwards(bands, view.edges[index].source, junction)
        lines.append("  " + _route(source, junction, downwards, style, attributes, "none"))
    attributes = [f'id="bundle-{number}"', "weight=2"]
    label = edge_marker(first.kind, numbers.get(indexes[0]))
    if label:
        attributes.append(f"label={label}")
    lines.append("  " + _route(junction, target, _downwards(bands, junction, first.target),
                               style, attributes))
    return lines


MARKS = {"step up": "\u25b2", "step down": "\u25bc", "refer": "Refer", "rejoin": "Rejoins"}
"""Put before a route's number, so its kind reads in black and white too."""


def marker_text(kind: str, *numbers: int | None) -> str:
    """A route's short label: its kind's mark and its criterion's number (`▲ 3`), or the
    numbers of the routes it stands for (`▼ 14, 26`)."""
    said = ", ".join(str(n) for n in numbers if n)
    return " ".join(part for part in (MARKS.get(kind, ""), said) if part)


def edge_marker(kind: str, *numbers: int | None) -> str | None:
    """The HTML-like label of a route: its short marker, in its colour, bold."""
    text = marker_text(kind, *numbers) if kind != "entry" else ""
    if not text:
        return None
    return f'<<FONT COLOR="{EDGE_STYLES[kind].color}"><B>{html_text(text)}</B></FONT>>'


def criteria_tables(view: MapView, found: list[Criterion], rows_per_table: int,
                    width: int = CRITERION_WIDTH) -> list[str]:
    """The numbered criteria as HTML-like tables of at most `rows_per_table` rows each (a
    table is one column on the sheet): each row the route's marker, where it goes, and the
    criterion in full."""
    tables = []
    for start in range(0, len(found), rows_per_table):
        rows = "".join(_criterion_row(view, c, width) for c in found[start:start + rows_per_table])
        heading = ('<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Criteria: when each numbered route is '
                   'taken</B></TD></TR>' if start == 0 else "")
        tables.append(f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{heading}{rows}'
                      f"</TABLE>>")
    return tables


def _criterion_row(view: MapView, criterion: Criterion, width: int) -> str:
    style = EDGE_STYLES[criterion.kind]
    words = wrap(criterion.text, width)
    return (f'<TR><TD ALIGN="RIGHT" VALIGN="TOP"><FONT COLOR="{style.color}"><B>'
            f"{html_text(marker_text(criterion.kind, criterion.number))}</B></FONT></TD>"
            f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{html_lines(words)}</TD></TR>')


def key_node_names() -> list[str]:
    return [f"key__{kind}" for kind in ("entry", "stage", "subpathway", "outcome", "routes")]


def _key(view: MapView) -> list[str]:
    """The key in its own box, one row: the four shapes, a table of the five kinds of
    route, then the numbered criteria."""
    lines = ["  subgraph cluster_key {", "    " + _KEY_BOX, *("    " + s for s in _key_nodes())]
    names = key_node_names()
    for number, table in enumerate(criteria_tables(view, criteria(view), 12)):
        lines.append(f'    key__criteria_{number} [shape=plaintext, fontsize={CRITERIA_SIZE}, '
                     f'id="criteria-{number}", label={table}];')
        names.append(f"key__criteria_{number}")
    lines.append(f"    {{ rank=same; {'; '.join(names)}; }}")
    lines.append(f"    {' -> '.join(names)} [style=invis];")
    lines.append("  }")
    return lines


_KEY_BOX = ('graph [label=<<B>Key</B>>, labeljust=l, labelloc=b, style="rounded", '
            'color="#999999", fontsize=12, id="key"];')


def _key_nodes() -> list[str]:
    """The key's four shapes and its table of the five kinds of route, each drawn in its
    colour with its line pattern (dashes, dots) as glyphs."""
    samples = [MapNode("key", "entry", "Way in", (), "", None),
               MapNode("key", "stage", "Stage", ("Lead: who leads it", "Timescale: how long"),
                       "", None),
               MapNode("key", "subpathway", "Subpathway", (), "", None),
               MapNode("key", "outcome", "Outcome (end)", (), "", None)]
    lines = [_node_statement(s, f"key__{s.kind}", f"key-{s.kind}") for s in samples]
    rows = "".join(
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{EDGE_STYLES[kind].color}" POINT-SIZE="18">'
        f"{KEY_LINES[kind]}</FONT>"
        f'</TD><TD ALIGN="LEFT"><FONT COLOR="{EDGE_STYLES[kind].color}">{html_text(words)}'
        f"</FONT></TD></TR>" for kind, words in KEY_ROUTES)
    lines.append('key__routes [shape=plaintext, fontsize=10, id="key-routes", '
                 f'label=<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>];')
    return lines


def key_dot() -> str:
    """The key alone, compact for a column beside the map: the shapes two by two, the
    routes' table under them."""
    return "\n".join([
        "digraph key {",
        f"  graph [rankdir=TB, pad=0, nodesep=0.15, ranksep=0.12, fontname={quoted(FONT)}];",
        f"  node [fontname={quoted(FONT)}, fontsize=12];",
        "  subgraph cluster_key {", "    " + _KEY_BOX, *("    " + s for s in _key_nodes()),
        "    { rank=same; key__entry; key__stage; }",
        "    { rank=same; key__subpathway; key__outcome; }",
        "    key__entry -> key__subpathway -> key__routes [style=invis];",
        "    key__stage -> key__outcome [style=invis];",
        "  }", "}", ""])


KEY_LINES = {
    "exit": "\u2501" * 4 + "\u25b6",
    "step up": "\u254d" * 4 + "\u25b6",
    "step down": "\u2509" * 4 + "\u25b7",
    "refer": "\u2501" * 4 + "\u27a4",
    "rejoin": "\u254c" * 4 + "\u27a4",
}
"""Each route's line in the key, as glyphs: solid, dashed, dotted (hollow head), solid and
light dashed (open heads)."""
