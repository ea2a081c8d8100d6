"""Graphviz DOT text of the process map (pure functions; algorithms are in algorithm_dot.py;
escaping and route styles in dot_text.py; routes in dot_routes.py).

The map flows from the bottom up. Its bands (levels of need, lowest first, or agency lanes)
are stacked by rank so their order is certain: an invisible gate node sits under each band;
every node of the band below (or of the key, under the lowest band) points to it and it
points to every node of its own band.
"""

from __future__ import annotations

from pathwaylang.emit.dot_routes import (RouteLook, arrival_groups, layout_bands,
                                         marker_numbers, routes)
from pathwaylang.emit.dot_text import (  # noqa: F401  (the map's vocabulary, used from here)
    BAND_COLOURS, CONNECTOR_WIDTH, CRITERIA_SIZE, CRITERION_WIDTH, DETAIL_WIDTH, EDGE_STYLES,
    ENTRY_WIDTH, FONT, KEY_ROUTES, MARKER_SIZE, MARKS, NODE_STYLES, TITLE_WIDTH, EdgeStyle,
    band_colour, dot_id, edge_marker, html_lines, html_text, marker_text, quoted)
from pathwaylang.emit.map_view import (Band, Criterion, MapNode, MapView, criteria,  # noqa: F401
                                       route_groups, wrap)

# ---- the process map ----------------------------------------------------------------


SPACING = (0.2, 0.22)
"""`nodesep` and `ranksep` (inches): the room between boxes in a row, and between rows."""


def map_dot(view: MapView, band_boxes: bool = True, spacing: tuple[float, float] = SPACING,
            key: bool | None = None, look: RouteLook | None = None,
            names_on_top: bool = False) -> str:
    """The DOT text of the process map. Without `band_boxes` the bands are plain subgraphs
    (the renderer then draws full-width bands behind the layout) and, unless `key`, the
    key and criteria are left for the sheet to place. With `look` (the audit's map) each
    route is drawn as `look` says, with no criterion numbers on it or in the key.
    `names_on_top` (without `band_boxes`): each band's name in a row of its own at the top
    of the band, not in a column at the left (a page of the map then has the width)."""
    key = band_boxes if key is None else key
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
        lines += _band_cluster(view, band, index, band_boxes, names_on_top)
    lines += ["  " + _node_statement(node) for node in view.band_nodes(None)]
    lines += routes(view, look)
    lines += _connector_rows(view)
    if key:
        lines += _key(view, numbered=look is None)
    if view.bands:
        lines += _band_gates(view, key_node_names() if key else [], spacers=not band_boxes,
                             on_top=names_on_top and not band_boxes)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graph_label(view: MapView) -> str:
    return f"label={title_label(view)}, "


def title_label(view: MapView, narrow: bool = False) -> str:
    """The map's title and subtitle (`narrow`: wrapped for a sheet turned portrait)."""
    subtitle = (f'<BR/><FONT POINT-SIZE="11">'
                f"{html_lines(wrap(view.subtitle, 80 if narrow else 120))}</FONT>"
                if view.subtitle else "")
    return f"<<B>{html_lines(wrap(view.title, 44 if narrow else 100))}</B>{subtitle}>"


def _band_cluster(view: MapView, band: Band, index: int, box: bool,
                  on_top: bool = False) -> list[str]:
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
    if not box and on_top:  # the band's name, above its boxes (_band_gates)
        lines.append(f'    {dot_id("bandname", band.key)} [shape=plaintext, margin="0.04,0.02", '
                     f'fontsize=14, id="band-label-{band.key}", '
                     f"label={band_name_label(view, band, TOP_NAME_WIDTH, DASH)}];")
    elif not box:  # keeps the band as tall as its name in the column beside it, even empty
        lines.append(f'    {dot_id("spacer", band.key)} [shape=box, style=invis, width=0.01, '
                     f'height={band_name_height(view, band) / 72:.3f}, fixedsize=true];')
    lines += ["    " + _node_statement(node) for node in view.band_nodes(band.key)]
    lines.append("  }")
    return lines


CONNECTORS_A_ROW = 4
LIST_WIDTH = 46
"""Characters a line in a box that lists ways in or other pages' boxes."""


def _connector_rows(view: MapView) -> list[str]:
    """Connector boxes (on a page of the map: "turn to page 4") in rows of at most four,
    so a stage that many pages lead into does not make the page as wide as all of them."""
    lines = []
    for band in view.bands:
        names = [dot_id(n.kind, n.id) for n in view.band_nodes(band.key) if n.kind == "connector"]
        lines += [f"  {names[i]} -> {names[i + CONNECTORS_A_ROW]} [style=invis, weight=0];"
                  for i in range(len(names) - CONNECTORS_A_ROW)]
    return lines


def _band_gates(view: MapView, below: list[str], spacers: bool,
                on_top: bool = False) -> list[str]:
    """Invisible edges that put each band's nodes (and its spacer) above the band (or the
    key, `below`) below it; `on_top`: the band's name above its nodes."""
    lines = []
    for band in view.bands:
        gate = dot_id("gate", band.key)
        lines += [f"  {name} -> {gate} [style=invis, weight=0];" for name in below]
        members = [dot_id(n.kind, n.id) for n in view.band_nodes(band.key)]
        if spacers and not on_top:
            members.append(dot_id("spacer", band.key))
        lines += [f"  {gate} -> {name} [style=invis, weight=0];" for name in members]
        if on_top:
            name = dot_id("bandname", band.key)
            lines += [f"  {m} -> {name} [style=invis, weight=0];" for m in members or [gate]]
            members = [name]
        below = members or [gate]
    return lines


BAND_NAME_WIDTH = 16
"""Characters a line in the column of band names (graphviz_render.LABEL_COLUMN wide)."""
TOP_NAME_WIDTH = 32
"""Characters a line of a band's name in a row at the top of the band."""
DASH = " \u2014 "


def band_name_label(view: MapView, band: Band, width: int = BAND_NAME_WIDTH,
                    between: str = "<BR/>") -> str:
    """The HTML-like label naming a band in the column at the left of the map (or, with a
    wider `width` and `between` a dash, in a row at the top of the band)."""
    caption = "" if view.lanes == "agency" else (
        f'{between}<FONT POINT-SIZE="11"><I>{html_lines(wrap(band.caption, width))}'
        f"</I></FONT>")
    return f"<<B>{html_lines(wrap(band.label, width))}</B>{caption}>"


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
    listing = node.kind == "entry" or (node.kind == "connector" and len(node.details) > 1)
    if listing and node.details:  # a list (of ways in, of pages): flush left, to scan
        listed = "".join(f"{html_text(line)}<BR ALIGN=\"LEFT\"/>" for detail in node.details
                         for line in wrap(detail, LIST_WIDTH))
        parts.append(f'<FONT POINT-SIZE="9.5">{listed}</FONT>')
    for detail in node.details if not listing else ():
        parts.append(f'<FONT POINT-SIZE="9.5">{html_lines(wrap(detail, detail_width))}</FONT>')
    font = ", fontsize=10" if node.kind in ("entry", "connector") else ""
    name = name or dot_id(node.kind, node.id)
    svg_id = svg_id or f"{node.kind}-{node.id}"
    return (f"{name} [{NODE_STYLES[node.kind]}{font}, id=\"{svg_id}\", "
            f"label=<{'<BR/>'.join(parts)}>];")

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


def _key(view: MapView, numbered: bool = True) -> list[str]:
    """The key in its own box, one row: the four shapes, a table of the five kinds of
    route, then (when the routes are `numbered`) the numbered criteria."""
    lines = ["  subgraph cluster_key {", "    " + _KEY_BOX,
             *("    " + s for s in _key_nodes(numbered))]
    names = key_node_names()
    found = criteria(view) if numbered else []
    for number, table in enumerate(criteria_tables(view, found, 12)):
        lines.append(f'    key__criteria_{number} [shape=plaintext, fontsize={CRITERIA_SIZE}, '
                     f'id="criteria-{number}", label={table}];')
        names.append(f"key__criteria_{number}")
    lines.append(f"    {{ rank=same; {'; '.join(names)}; }}")
    lines.append(f"    {' -> '.join(names)} [style=invis];")
    lines.append("  }")
    return lines


_KEY_BOX = ('graph [label=<<B>Key</B>>, labeljust=l, labelloc=b, style="rounded", '
            'color="#999999", fontsize=12, id="key"];')


UNNUMBERED_KEY = {"exit": "Exit"}
"""The key's words for a map whose routes carry no criterion numbers."""


def _key_nodes(numbered: bool = True) -> list[str]:
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
        f'</TD><TD ALIGN="LEFT"><FONT COLOR="{EDGE_STYLES[kind].color}">'
        f'{html_text(words if numbered else UNNUMBERED_KEY.get(kind, words))}'
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
