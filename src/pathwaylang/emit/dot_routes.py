"""The routes of the map's DOT text: one arrow a route, a shared criterion's routes bundled
at a dot, and routes arriving together at one box merged at a dot, so no two arrowheads
are drawn on top of each other. Routes down to a lower band are written upwards with
`dir=back`, so the bands' order holds (dot.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pathwaylang.emit.dot_text import EDGE_STYLES, EdgeStyle, dot_id, edge_marker
from pathwaylang.emit.map_view import MapEdge, MapView, route_groups


RouteLook = Callable[[int], tuple[float, str | None]]
"""A route's line width and HTML-like label (or None), by its index: the audit's families in
place of the criterion markers."""


def routes(view: MapView, look: RouteLook | None = None) -> list[str]:
    """The routes' DOT lines. With `look`, every route is its own arrow, drawn and labelled
    as `look` says (no markers, bundles or merges: each route carries its own count)."""
    bands = layout_bands(view)
    if look is not None:
        return ["  " + _looked_route(view, i, bands, *look(i)) for i in range(len(view.edges))]
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


def _looked_route(view: MapView, index: int, bands: dict[str, int], width: float,
                  label: str | None) -> str:
    edge = view.edges[index]
    style = replace(EDGE_STYLES[edge.kind], penwidth=f"{width:g}")
    source, target = _endpoints(view, edge)
    attributes = [f'id="route-{index}"', f"weight={_weight(edge.kind)}"]
    if label:
        attributes.append(f"label={label}")
    return _route(source, target, _downwards(bands, edge.source, edge.target), style, attributes)
