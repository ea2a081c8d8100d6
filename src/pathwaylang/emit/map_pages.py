"""The process map on pages of a chosen paper size, every text at its own size.

A map that fits one sheet (with its key and numbered criteria) is one page. A larger one gets
an overview page (each level of need with its stages and the page that shows them, and how
many routes step up and down between levels) and then detail pages, one per level, or per
part of a level when a level is too big for the sheet. On a detail page a route to or from
another page ends at a dashed box that names the stage and the page to turn to.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import (CRITERION_WIDTH, EDGE_STYLES, FONT, SPACING, band_colour,
                                  html_lines, html_text, map_dot, marker_text, quoted)
from pathwaylang.emit.map_quality import measure_source
from pathwaylang.emit.map_sheet import (PAPERS, Layout, Part, arrange, criteria_parts,
                                        key_part, laid_part, sheet_source, title_part)
from pathwaylang.emit.map_view import (Band, MapEdge, MapNode, MapView, criteria,
                                       one_line, wrap)

ABOVE, BELOW = "_above", "_below"
NARROW_CRITERIA = 38
"""Characters a line of criteria when the usual width leaves no room for the map."""


def map_part(view: MapView, spacing: tuple[float, float] = SPACING) -> Part:
    """The map with its full-width bands and the column of band names."""
    source = map_dot(view, band_boxes=False, spacing=spacing)
    if not view.bands:
        return laid_part(source)
    return laid_part(source, gv.band_backgrounds(view, _geometry(source), title=False))


@lru_cache(maxsize=64)
def _geometry(source: str) -> dict:
    return gv.laid_geometry(gv.run("dot", "dot", source))  # the layout laid_part uses too


def drawn(view: MapView) -> MapView:
    """The view as drawn: bands without a box in them are left out, with their names."""
    return replace(view, bands=tuple(b for b in view.bands if view.band_nodes(b.key)))


def screen_sheet(view: MapView) -> str:
    """The whole map on one sheet of any size (for the screen: process-map.svg)."""
    view = drawn(view)
    layout = _layout(view, view, None, None)
    return sheet_source(layout.placed, layout.width, layout.height, "process_map")


def paper_sheets(view: MapView, paper: str) -> list[str]:
    """The map on sheets of `paper` (A4, A3, A2 or A1, landscape), one DOT source for
    `neato -n2` a sheet."""
    size = PAPERS[paper]
    view = drawn(view)
    whole = _best(view, view, size, None, True, "process_map")
    if whole is not None:
        return [whole]
    groups = _page_groups(view, size)
    page_of = {node: number + 2 for number, group in enumerate(groups) for node in group}
    total = len(groups) + 1
    sheets = [_overview(view, page_of, size, total)]
    for number, group in enumerate(groups, start=2):
        part = page_view(view, group, page_of)
        line = f"Page {number} of {total}: {_page_name(part)}"
        sheet = _best(part, view, size, line, False, f"process_map_{number}")
        if sheet is None:  # too big for the paper even alone: drawn larger, scaled to fit
            layout = _layout(part, view, None, line, False)
            sheet = sheet_source(layout.placed, *_size(layout, size), f"process_map_{number}")
        sheets.append(sheet)
    return sheets


SPACINGS = (SPACING, (0.3, 0.3), (0.45, 0.3), (0.3, 0.5), (0.6, 0.25), (0.25, 0.35))
"""Layouts to try, closest first, until one has no route through text and no arrowheads
on top of each other (Graphviz routes a few edges through labels in some layouts)."""


def _best(page: MapView, whole: MapView, size: tuple[float, float], line: str | None,
          key: bool, sheet_id: str) -> str | None:
    """The page's sheet in the first spacing that draws it cleanly and fits; failing
    that, the cleanest that fits; None when none fits."""
    best, fewest = None, None
    for spacing in SPACINGS:
        layout = _layout(page, whole, size, line, key, spacing)
        if layout is None:
            continue
        sheet = sheet_source(layout.placed, *size, sheet_id)
        found = measure_source(sheet)
        faults = found.routes_through_text + found.stacked_heads + found.text_overlaps
        if fewest is None or faults < fewest:
            best, fewest = sheet, faults
        if faults == 0:
            break
    return best


def _size(layout: Layout, paper: tuple[float, float]) -> tuple[float, float]:
    return max(layout.width, paper[0]), max(layout.height, paper[1])


def _layout(page: MapView, whole: MapView, paper, page_line: str | None,
            key: bool = True, spacing: tuple[float, float] = SPACING) -> Layout | None:
    """The sheet of `page`; a detail page has no key (the overview has it)."""
    numbers = {e.number for e in page.edges}
    found = [c for c in criteria(whole) if c.number in numbers]
    title, drawing = title_part(whole, page_line), map_part(page, spacing)
    for width in (CRITERION_WIDTH, NARROW_CRITERIA):
        panel = ([key_part()] if key else []) + (criteria_parts(whole, found, width)
                                                 if found else [])
        layout = arrange(title, drawing, panel, paper)
        if layout or paper is None:
            return layout
    return None


def _page_name(page: MapView) -> str:
    names = [b.label for b in page.bands if b.key not in (ABOVE, BELOW)]
    return ", ".join(names) or "other boxes"


# ---- which boxes go on which page -----------------------------------------------------


def _page_groups(view: MapView, size: tuple[float, float]) -> list[list[str]]:
    """Node ids a detail page, in order: each level on as few pages as hold it (its boxes
    left to right as the whole map has them); then any page that does not fit once its
    connectors name the real pages is halved, until every page fits or is one box."""
    bands = [[n.id for n in view.band_nodes(b.key)] for b in view.bands]
    homeless = [n.id for n in view.band_nodes(None)]
    if homeless:
        bands = _adopt(view, bands, homeless)
    across = _across(view)
    guess = {node: number + 2 for number, band in enumerate(bands) for node in band}
    groups = [page for band in bands if band for page in _pack(view, band, size, guess, across)]
    for _ in range(8):
        page_of = {node: number + 2 for number, group in enumerate(groups) for node in group}
        split: list[list[str]] = []
        for group in groups:
            fits = _fits(view, group, size, page_of, len(groups) + 1)
            alone = len(_units(view, group)) == 1
            split += [group] if fits or alone else _halves(view, group, across)
        if len(split) == len(groups):
            break
        groups = split
    return groups


def _fits(view: MapView, group: list[str], size: tuple[float, float], page_of: dict[str, int],
          total: int) -> bool:
    part = page_view(view, group, page_of)
    line = f"Page {total} of {total}: {_page_name(part)}"
    return _layout(part, view, size, line, False) is not None


def _pack(view: MapView, band: list[str], size: tuple[float, float], page_of: dict[str, int],
          across: dict[str, float]) -> list[list[str]]:
    """A level's boxes on pages, left to right, as many on each page as fit."""
    units = sorted(_units(view, band), key=lambda unit: across.get(unit[0], 0.0))
    pages = []
    while units:
        low, high, best = 1, len(units), 1
        if _fits(view, [n for u in units for n in u], size, page_of, 99):
            best = len(units)
        else:
            while low <= high:  # the most boxes (in order) that fit: halving the range
                middle = (low + high) // 2
                if _fits(view, [n for u in units[:middle] for n in u], size, page_of, 99):
                    best, low = middle, middle + 1
                else:
                    high = middle - 1
        pages.append([n for u in units[:best] for n in u])
        units = units[best:]
    return pages


def _halves(view: MapView, group: list[str], across: dict[str, float]) -> list[list[str]]:
    """`group` split in a left and a right half (by where the whole map's layout put the
    boxes); a way in stays with the box it leads to."""
    units = sorted(_units(view, group), key=lambda unit: across.get(unit[0], 0.0))
    half = len(units) // 2
    return [[n for unit in units[:half] for n in unit], [n for unit in units[half:] for n in unit]]


def _adopt(view: MapView, groups: list[list[str]], homeless: list[str]) -> list[list[str]]:
    """Boxes outside every band (subpathways, outcomes at any level) go on the page of the
    first box with a route into them; failing that, the first page."""
    groups = [list(g) for g in groups] or [[]]
    for node in homeless:
        source = next((e.source for e in view.edges if e.target == node
                       and any(e.source in g for g in groups)), None)
        home = next((g for g in groups if source in g), groups[0])
        home.append(node)
    return groups


def _units(view: MapView, group: list[str]) -> list[list[str]]:
    """The boxes of `group`, each with the ways in that lead only to it."""
    inside = set(group)
    leads = {e.source: e.target for e in view.edges if e.kind == "entry"}
    units = {n: [n] for n in group if view.node(n).kind != "entry" or leads.get(n) not in inside}
    for node in group:
        if node not in units:
            units[leads[node]].append(node)
    return list(units.values())


def _across(view: MapView) -> dict[str, float]:
    """Where the whole map's layout puts each box, left to right."""
    geometry = _geometry(map_dot(view, band_boxes=False))
    found = {}
    for obj in geometry.get("objects", []):
        if "pos" in obj and "__" in obj.get("name", ""):
            found[obj["name"].split("__", 1)[1]] = float(obj["pos"].split(",")[0])
    return found


def page_view(view: MapView, group: list[str], page_of: dict[str, int]) -> MapView:
    """The part of the map on one detail page: its boxes, and one connector box for each
    other page a route leads to or comes from, naming the page and the boxes there; above
    the page's level when that page's level is higher, below it when lower."""
    inside = set(group)
    order = {b.key: i for i, b in enumerate(view.bands)}
    own = {view.node(n).band for n in group} - {None}
    here = min((order[b] for b in own), default=None)
    nodes = [n for n in view.nodes if n.id in inside]
    others: dict[int, list[str]] = {}
    edges = []
    for edge in view.edges:
        if (edge.source in inside) == (edge.target in inside):
            if edge.source in inside:
                edges.append(edge)
            continue
        other = edge.target if edge.source in inside else edge.source
        page = page_of[other]
        if other not in others.setdefault(page, []):
            others[page].append(other)
        connector = f"page_{page}"
        edges.append(replace(edge, source=connector) if edge.target in inside
                     else replace(edge, target=connector))
    connectors = [_connector(view, page, members, here, order)
                  for page, members in sorted(others.items())]
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


def _connector(view: MapView, page: int, members: list[str], here: int | None,
               order: dict[str, int]) -> MapNode:
    levels = [order[view.node(m).band] for m in members if view.node(m).band in order]
    level = levels[0] if levels else None
    if here is None or level is None or level == here:
        band = view.bands[here].key if here is not None else None
    else:
        band = ABOVE if level > here else BELOW
    titles = [one_line(view.node(m).title) for m in members]
    where = view.bands[level].label if level is not None else "other boxes"
    return MapNode(f"page_{page}", "connector", f"Turn to page {page}", tuple(titles),
                   f"On page {page} ({where}): {'; '.join(titles)}.", band)


# ---- the overview ---------------------------------------------------------------------


def _overview(view: MapView, page_of: dict[str, int], size: tuple[float, float],
              total: int) -> str:
    """Page 1 of a map on several pages: each level as a box listing its stages and
    outcomes with their pages, and the routes between levels counted; in as many columns
    as the sheet has room for."""
    title = title_part(view, f"Page 1 of {total}: overview. Pages 2 to {total} show each "
                             "level with its routes and numbered criteria.")
    layout = None
    for panel in ([key_part()], []):  # with the key if there is room for it anywhere
        for columns in (6, 5, 4, 3, 2):
            drawing = laid_part(_overview_dot(view, page_of, columns))
            layout = layout or arrange(title, drawing, panel, size)
    layout = layout or arrange(title, drawing, [], None)
    return sheet_source(layout.placed, *_size(layout, size), "process_map_1")


def _overview_dot(view: MapView, page_of: dict[str, int], columns: int) -> str:
    lines = ["digraph overview {",
             f"  graph [rankdir=BT, pad=0, nodesep=0.3, ranksep=0.12, fontname={quoted(FONT)}];",
             f"  node [fontname={quoted(FONT)}, fontsize=12, shape=plaintext, margin=0];",
             f"  edge [fontname={quoted(FONT)}, fontsize=11, arrowsize=0.9];"]
    names = []
    for index, band in enumerate(view.bands):
        name = f"overview__{band.key}"
        names.append(name)
        lines.append(f'  {name} [id="overview-{band.key}", '
                     f"label={_band_table(view, band, index, page_of, columns)}];")
    lines += _level_routes(view)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _band_table(view: MapView, band: Band, index: int, page_of: dict[str, int],
                most: int) -> str:
    items = [n for n in view.band_nodes(band.key) if n.kind != "entry"]
    cells = [f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="#ffffff">'
             f"{'<B>' if n.kind == 'stage' else '<I>'}{html_lines(wrap(n.title, 22))}"
             f"{'</B>' if n.kind == 'stage' else '</I>'}"
             f'<BR/><FONT POINT-SIZE="10">page {page_of.get(n.id, "-")}</FONT></TD>'
             for n in items]
    columns = max(1, min(most, len(cells)))
    rows = ["<TR>" + "".join(cells[i:i + columns]) + "</TR>"
            for i in range(0, len(cells), columns)]
    heading = (f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT"><FONT POINT-SIZE="14"><B>'
               f"{html_text(band.label)}</B></FONT> \u2014 <I>{html_text(band.caption)}</I>"
               f"</TD></TR>")
    return (f'<<TABLE BORDER="1" COLOR="#b8b8b8" CELLBORDER="1" CELLSPACING="3" '
            f'CELLPADDING="3" BGCOLOR="{band_colour(index)}">{heading}{"".join(rows)}</TABLE>>')


def _level_routes(view: MapView) -> list[str]:
    """Between each two levels, how many routes step up and how many step down across
    that boundary, as words (no arrows to cross or to pile up)."""
    order = {b.key: i for i, b in enumerate(view.bands)}
    lines = []
    for boundary in range(len(view.bands) - 1):
        counts = {"step up": 0, "step down": 0}
        for edge in view.edges:
            low = order.get(view.node(edge.source).band)
            high = order.get(view.node(edge.target).band)
            if edge.kind in counts and None not in (low, high) \
                    and min(low, high) <= boundary < max(low, high):
                counts[edge.kind] += 1
        said = "   ".join(
            f'<FONT COLOR="{EDGE_STYLES[kind].color}"><B>{html_text(marker_text(kind))} '
            f"{count} route{'' if count == 1 else 's'} {kind}</B></FONT>"
            for kind, count in counts.items())
        name = f"overview__boundary_{boundary}"
        lines.append(f'  {name} [fontsize=11, id="overview-boundary-{boundary}", label=<{said}>];')
        lines.append(f"  overview__{view.bands[boundary].key} -> {name} -> "
                     f"overview__{view.bands[boundary + 1].key} [style=invis];")
    return lines
