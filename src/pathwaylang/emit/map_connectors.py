"""The part of the process map on one detail page, with connector boxes for the routes
that come from or go to boxes on other pages: one box a page ("Turn to page 4"), or, on a
busy page, one box a side listing each box elsewhere with its page and its routes' numbers."""

from __future__ import annotations

from dataclasses import replace

from pathwaylang.emit.dot import band_colour, marker_text
from pathwaylang.emit.map_view import Band, MapEdge, MapNode, MapView, one_line

ABOVE, BELOW = "_above", "_below"
NBSP = "\u00a0"
"""Between a mark and its number (`\u25b2 6`, `p. 4`), so a line never breaks there."""
APART = 2
"""`page_view(together=APART)`: in the page's own band, what comes in and what goes on in
two boxes (one box for both makes a cycle that stretches the page)."""


def page_view(view: MapView, group: list[str], page_of: dict[str, int],
              together: int = False) -> MapView:
    """The part of the map on one detail page: its boxes, and one connector box for each
    other page a route leads to or comes from, naming the page and the boxes there; above
    the page's level when that page's level is higher, below it when lower. `together`:
    one connector box for all the routes that come from (or go to) other pages on each side,
    listing each page with the routes' markers (a busy stage's page is then as narrow as
    its own boxes)."""
    inside = set(group)
    order = {b.key: i for i, b in enumerate(view.bands)}
    own = {view.node(n).band for n in group} - {None}
    here = min((order[b] for b in own), default=None)
    nodes = [n for n in view.nodes if n.id in inside]
    others: dict[object, list[tuple[int, str, MapEdge]]] = {}
    edges = []
    for edge in view.edges:
        if (edge.source in inside) == (edge.target in inside):
            if edge.source in inside:
                edges.append(edge)
            continue
        other = edge.target if edge.source in inside else edge.source
        page = page_of[other]
        if together:  # `APART`: in the page's own band, what comes in and what goes on apart
            side = _side(view, [other], here, order)
            way = "" if together != APART or side in (ABOVE, BELOW) else (
                "_in" if edge.target in inside else "_on")
            key: object = (str(side), way)
            connector = f"pages_{str(side).strip('_')}{way}"
        else:
            key, connector = page, f"page_{page}"
        others.setdefault(key, []).append((page, other, edge))
        edges.append(replace(edge, source=connector) if edge.target in inside
                     else replace(edge, target=connector))
    if together:
        connectors = [_listing(view, f"pages_{key[0].strip('_')}{key[1]}", inside, found,
                               here, order)
                      for key, found in sorted(others.items())]
    else:
        connectors = [_connector(view, page, list(dict.fromkeys(o for _, o, _ in found)),
                                 here, order) for page, found in sorted(others.items())]
    nodes, edges = _ways_in_together(nodes, edges)
    bands = [replace(b, colour=band_colour(order[b.key])) for b in view.bands if b.key in own]
    placed = {c.band for c in connectors}
    if BELOW in placed:
        bands.insert(0, Band(BELOW, "Lower levels", "on other pages", "#ffffff"))
    if ABOVE in placed:
        bands.append(Band(ABOVE, "Higher levels", "on other pages", "#ffffff"))
    return replace(view, bands=tuple(bands), nodes=tuple(nodes + connectors), edges=tuple(edges))


def _ways_in_together(nodes: list[MapNode], edges: list) -> tuple[list[MapNode], list]:
    """The ways in to one box as one box listing them, so a page is not as wide as a row
    of them."""
    entries = {n.id: n for n in nodes if n.kind == "entry"}
    into: dict[str, list[str]] = {}
    for edge in edges:
        if edge.kind == "entry" and edge.source in entries:
            into.setdefault(edge.target, []).append(edge.source)
    merged = {target: ids for target, ids in into.items() if len(ids) > 1}
    gone = {i for ids in merged.values() for i in ids}
    kept = [n for n in nodes if n.id not in gone]
    for target, ids in merged.items():
        titles = [one_line(entries[i].title) for i in ids]
        kept.append(MapNode(f"ways_in_{target}", "entry", f"{len(ids)} ways in",
                            tuple(f"\u2022 {t}" for t in titles),
                            "Ways in: " + "; ".join(titles) + ".", entries[ids[0]].band))
    routes = [e for e in edges if e.source not in gone]
    routes += [MapEdge(f"ways_in_{target}", target, "entry", None) for target in merged]
    return kept, routes


def _side(view: MapView, members: list[str], here: int | None,
          order: dict[str, int]) -> str | None:
    """The band a connector to `members` sits in: the page's own, or above or below it."""
    levels = [order[view.node(m).band] for m in members if view.node(m).band in order]
    level = levels[0] if levels else None
    if here is None or level is None or level == here:
        return view.bands[here].key if here is not None else None
    return ABOVE if level > here else BELOW


def _connector(view: MapView, page: int, members: list[str], here: int | None,
               order: dict[str, int]) -> MapNode:
    band = _side(view, members, here, order)
    levels = [order[view.node(m).band] for m in members if view.node(m).band in order]
    titles = [one_line(view.node(m).title) for m in members]
    where = view.bands[levels[0]].label if levels else "other boxes"
    return MapNode(f"page_{page}", "connector", f"Turn to page {page}", tuple(titles),
                   f"On page {page} ({where}): {'; '.join(titles)}.", band)


def _listing(view: MapView, name: str, inside: set[str],
             found: list[tuple[int, str, MapEdge]], here: int | None,
             order: dict[str, int]) -> MapNode:
    """One connector box for the routes on one side that come from or go to other pages:
    a line a box there, `p. 4: Family Nurse Partnership (\u25b2 6)`."""
    lines, said = [], []
    for page, other in sorted(dict.fromkeys((p, o) for p, o, _ in found)):
        marks = sorted({marker_text(e.kind, e.number).replace(" ", NBSP) for p, o, e in found
                        if o == other and e.number}, key=_mark_order)
        title = one_line(view.node(other).title)
        lines.append(f"p.{NBSP}{page}: {title}" + (f" ({', '.join(marks)})" if marks else ""))
        said.append(f"page {page}, {title}")
    coming = {e.target in inside for _, _, e in found}
    heading = {frozenset([True]): "From other pages",
               frozenset([False]): "On to other pages"}.get(frozenset(coming),
                                                            "To and from other pages")
    band = _side(view, [found[0][1]], here, order)
    return MapNode(name, "connector", heading, tuple(lines), f"{heading}: {'; '.join(said)}.",
                   band)


def _mark_order(mark: str) -> tuple[int, str]:
    digits = "".join(c for c in mark if c.isdigit())
    return (int(digits) if digits else 0, mark)
