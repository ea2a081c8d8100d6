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

from pathwaylang.emit.map_view import Band, MapEdge, MapNode, MapView, clean, wrap

FONT = "DejaVu Sans"
TITLE_WIDTH = 28
ENTRY_WIDTH = 30
DETAIL_WIDTH = 34
EDGE_WIDTH = 40


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    penwidth: str
    arrowhead: str
    mark: str
    """Put before the criterion so the route's kind reads in black and white too."""


EDGE_STYLES = {
    "entry": EdgeStyle("#5f5f5f", "solid", "1.2", "normal", ""),
    "exit": EdgeStyle("#1a1a1a", "solid", "1.4", "normal", ""),
    "step up": EdgeStyle("#b2182b", "dashed", "2.6", "normal", "\u25b2 Step up: "),
    "step down": EdgeStyle("#1f5fa8", "dotted", "3.2", "empty", "\u25bc Step down: "),
    "refer": EdgeStyle("#6a3d9a", "solid", "2.2", "vee", "Refer: "),
    "rejoin": EdgeStyle("#6a3d9a", "dashed", "1.2", "vee", "Rejoins"),
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
}

BAND_COLOURS = ("#eef4f9", "#f7f0e4", "#f6e6e6", "#ece9f4", "#e7f2ea", "#f3f3e6")
"""Band fills from the lowest band up; they repeat past six bands."""

KEY_ROUTES = (
    ("exit", "Exit, with its criterion"),
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


def map_dot(view: MapView, band_boxes: bool = True) -> str:
    """The DOT text of the process map. Without `band_boxes` the bands are plain subgraphs
    (the renderer then draws full-width bands behind the layout)."""
    lines = [
        "digraph process_map {",
        f"  graph [rankdir=BT, newrank=true, nodesep=0.2, "
        f"ranksep=0.22, splines=true, fontname={quoted(FONT)}, fontsize=14, pad=0.25, "
        f'{_graph_label(view) if band_boxes else ""}labelloc=t, labeljust=l, '
        f'id="process-map"];',
        f"  node [fontname={quoted(FONT)}, fontsize=11];",
        f"  edge [fontname={quoted(FONT)}, fontsize=8.5, arrowsize=0.8];",
    ]
    for index, band in enumerate(view.bands):
        lines += _band_cluster(view, band, index, band_boxes)
    lines += ["  " + _node_statement(node) for node in view.band_nodes(None)]
    lines += _routes(view)
    lines += _key()
    if view.bands:
        lines += _band_gates(view)
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
    lines += ["    " + _node_statement(node) for node in view.band_nodes(band.key)]
    lines.append("  }")
    return lines


def _band_gates(view: MapView) -> list[str]:
    """Invisible edges that put each band's nodes above the band (or key) below it."""
    lines = []
    below = key_node_names()
    for band in view.bands:
        gate = dot_id("gate", band.key)
        lines += [f"  {name} -> {gate} [style=invis, weight=0];" for name in below]
        members = [dot_id(n.kind, n.id) for n in view.band_nodes(band.key)]
        lines += [f"  {gate} -> {name} [style=invis, weight=0];" for name in members]
        below = members or [gate]
    return lines


def _node_statement(node: MapNode, name: str | None = None, svg_id: str | None = None) -> str:
    width = ENTRY_WIDTH if node.kind == "entry" else TITLE_WIDTH
    title = html_lines(wrap(node.title, width))
    parts = [f"<B>{title}</B>" if node.kind != "entry" else title]
    if node.kind == "subpathway":
        parts.insert(0, '<FONT POINT-SIZE="9"><I>Subpathway</I></FONT>')
    for detail in node.details:
        parts.append(f'<FONT POINT-SIZE="9.5">{html_lines(wrap(detail, DETAIL_WIDTH))}</FONT>')
    font = ", fontsize=10" if node.kind == "entry" else ""
    name = name or dot_id(node.kind, node.id)
    svg_id = svg_id or f"{node.kind}-{node.id}"
    return (f"{name} [{NODE_STYLES[node.kind]}{font}, id=\"{svg_id}\", "
            f"label=<{'<BR/>'.join(parts)}>];")


def route_groups(view: MapView) -> list[list[int]]:
    """Indexes of `view.edges`, grouped: routes of one kind with the same criterion into the
    same node share one labelled arrow from a junction dot, so a criterion is written once."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, edge in enumerate(view.edges):
        shared = edge.kind not in ("entry", "rejoin")
        groups[(edge.target, edge.kind, edge.when) if shared else (index,)].append(index)
    return list(groups.values())


def _routes(view: MapView) -> list[str]:
    bands = layout_bands(view)
    lines = []
    for number, indexes in enumerate(route_groups(view)):
        if len(indexes) == 1:
            lines.append("  " + _edge_statement(view, indexes[0], bands))
        else:
            lines += _bundle(view, number, indexes, bands)
    return lines


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
           arrowhead: str | None = None, merge: str | None = None) -> str:
    """A DOT edge. A route down to a lower band is written upwards with `dir=back`: then no
    cycle runs through the gates, so `dot` never turns a gate edge round to break one
    (which would put a node in the wrong band). Routes with the same `merge` meet at one
    point of the node they go into."""
    common = [f'color="{style.color}"', f'style="{style.style}"', f"penwidth={style.penwidth}"]
    head = arrowhead or style.arrowhead
    if downwards:
        arrows = [f"dir=back, arrowtail={head}, arrowhead=none"]
        arrows += [f"sametail={merge}"] if merge else []
        source, target = target, source
    else:
        arrows = [f"arrowhead={head}"] + ([f"samehead={merge}"] if merge else [])
    return f"{source} -> {target} [{', '.join(common + arrows + attributes)}];"


def _merge(kind: str) -> str | None:
    """Step-ups into a stage share one arrival point, and step-downs another."""
    return {"step up": "up", "step down": "down"}.get(kind)


def _weight(kind: str) -> int:
    return {"entry": 4, "step up": 1, "step down": 1}.get(kind, 2)


def _edge_statement(view: MapView, index: int, bands: dict[str, int]) -> str:
    edge = view.edges[index]
    style = EDGE_STYLES[edge.kind]
    source, target = _endpoints(view, edge)
    attributes = [f'id="route-{index}"', f"weight={_weight(edge.kind)}"]
    label = _edge_label(edge, style)
    if label:
        attributes.append(f"label={label}")
    return _route(source, target, _downwards(bands, edge.source, edge.target), style, attributes,
                  merge=_merge(edge.kind))


def _bundle(view: MapView, number: int, indexes: list[int], bands: dict[str, int]) -> list[str]:
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
    label = _edge_label(first, style)
    if label:
        attributes.append(f"label={label}")
    lines.append("  " + _route(junction, target, _downwards(bands, junction, first.target),
                               style, attributes, merge=_merge(first.kind)))
    return lines


def _style_attributes(style: EdgeStyle) -> list[str]:
    return [f'color="{style.color}"', f'style="{style.style}"', f"penwidth={style.penwidth}",
            f"arrowhead={style.arrowhead}"]


def _edge_label(edge: MapEdge, style: EdgeStyle) -> str | None:
    if edge.kind == "entry":
        return None
    text = (style.mark + edge.when) if edge.when else style.mark.rstrip(": ")
    if not text:
        return None
    return f'<<FONT COLOR="{style.color}">{html_lines(wrap(text, EDGE_WIDTH))}</FONT>>'


def key_node_names() -> list[str]:
    return [f"key__{kind}" for kind in ("entry", "stage", "subpathway", "outcome", "routes")]


def _key() -> list[str]:
    """The key in its own box, one row: the four shapes, then a table of the five kinds of
    route, each drawn in its colour with its line pattern (dashes, dots) as glyphs."""
    lines = ["  subgraph cluster_key {",
             '    graph [label=<<B>Key</B>>, labeljust=l, labelloc=b, style="rounded", '
             'color="#999999", fontsize=12, id="key"];']
    samples = [MapNode("key", "entry", "Way in", (), "", None),
               MapNode("key", "stage", "Stage", ("Lead: who leads it", "Timescale: how long"),
                       "", None),
               MapNode("key", "subpathway", "Subpathway", (), "", None),
               MapNode("key", "outcome", "Outcome (end)", (), "", None)]
    for sample in samples:
        lines.append("    " + _node_statement(sample, f"key__{sample.kind}", f"key-{sample.kind}"))
    rows = "".join(
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{EDGE_STYLES[kind].color}" POINT-SIZE="18">'
        f"{KEY_LINES[kind]}</FONT>"
        f'</TD><TD ALIGN="LEFT"><FONT COLOR="{EDGE_STYLES[kind].color}">{html_text(words)}'
        f"</FONT></TD></TR>" for kind, words in KEY_ROUTES)
    lines.append('    key__routes [shape=plaintext, fontsize=10, id="key-routes", '
                 f'label=<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>];')
    names = key_node_names()
    lines.append(f"    {{ rank=same; {'; '.join(names)}; }}")
    lines.append(f"    {' -> '.join(names)} [style=invis];")
    lines.append("  }")
    return lines


KEY_LINES = {
    "exit": "\u2501" * 4 + "\u25b6",
    "step up": "\u254d" * 4 + "\u25b6",
    "step down": "\u2509" * 4 + "\u25b7",
    "refer": "\u2501" * 4 + "\u27a4",
    "rejoin": "\u254c" * 4 + "\u27a4",
}
"""Each route's line in the key, as glyphs: solid, dashed, dotted (hollow head), solid and
light dashed (open heads)."""
