"""The process map on pages of a chosen paper size, every text at its own size.

A map that fits one sheet (with its key and numbered criteria) is one page. A larger one gets
an overview page (each level of need with its stages and the page that shows them, and how
many routes step up and down between levels) and then detail pages, one per level, or per
part of a level when a level is too big for the sheet. On a detail page a route to or from
another page ends at a dashed box that names the stage and the page to turn to.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import (CRITERION_WIDTH, EDGE_STYLES, FONT, SPACING, band_colour,
                                  html_lines, html_text, map_dot, marker_text, quoted)
from pathwaylang.emit.map_quality import Quality, measure_source
from pathwaylang.emit.map_sheet import (PAPERS, Layout, Part, arrange, criteria_parts,
                                        key_part, laid_part, sheet_source, title_part)
from pathwaylang.emit.map_view import (Band, MapEdge, MapNode, MapView, criteria,
                                       one_line, wrap)

ABOVE, BELOW = "_above", "_below"
NBSP = "\u00a0"
"""Between a mark and its number (`\u25b2 6`, `p. 4`), so a line never breaks there."""
NARROW_CRITERIA = 38
"""Characters a line of criteria when the usual width leaves no room for the map."""


def map_part(view: MapView, spacing: tuple[float, float] = SPACING,
             names_on_top: bool = False) -> Part:
    """The map with its full-width bands and the column of band names (or each band's name
    in a row at its top)."""
    source = map_dot(view, band_boxes=False, spacing=spacing, names_on_top=names_on_top)
    if not view.bands:
        return laid_part(source)
    return laid_part(source, gv.band_backgrounds(view, _geometry(source), title=False))


@lru_cache(maxsize=64)
def _geometry(source: str) -> dict:
    return json.loads(gv.run("dot", "json", source))


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
    starts, page_of, total, apart = _numbering(view, groups, size)
    sheets = [_overview(view, page_of, size, total)]
    for group, number, alone in zip(groups, starts, apart):
        sheet = _detail(view, group, page_of, size, number, total, alone)
        if sheet is None:  # too big for the paper even alone: drawn larger, scaled to fit
            part = page_view(view, group, page_of, True)
            line = _page_line(part, number, total, alone)
            layout = _layout(part, view, None, line, False, on_top=True,
                             with_criteria=not alone)
            sheet = sheet_source(layout.placed, *_size(layout, size), f"process_map_{number}")
        sheets.append(sheet)
        if alone:  # the criteria on a page of their own, after the map's
            sheets.append(_criteria_sheet(view, group, page_of, size, number, total))
    return sheets


def _detail(view: MapView, group: list[str], page_of: dict[str, int], size, number: int,
            total: int, apart: bool = False, strict: bool = False) -> str | None:
    """The detail page of `group` in the first form that fits (`strict`: that is drawn
    cleanly), or None. `apart`: its criteria are on the next page."""
    for together, on_top in FORMS:
        part = page_view(view, group, page_of, together)
        line = _page_line(part, number, total, apart)
        sheet = _best(part, view, size, line, False, f"process_map_{number}", on_top,
                      with_criteria=not apart, strict=True)
        if sheet is not None:
            return sheet
    if strict:
        return None
    found = []
    for together, on_top in FORMS:  # none cleanly: the cleanest that fits
        part = page_view(view, group, page_of, together)
        sheet = _best(part, view, size, _page_line(part, number, total, apart), False,
                      f"process_map_{number}", on_top, with_criteria=not apart)
        if sheet is not None:
            found.append((_faults(measure_source(sheet)), len(found), sheet))
    return min(found)[2] if found else None


def _page_line(part: MapView, number: int, total: int, apart: bool) -> str:
    said = f"Page {number} of {total}: {_page_name(part)}"
    return said + (f" (criteria on page {number + 1})" if apart else "")


def _numbering(view: MapView, groups: list[list[str]], size: tuple[float, float]):
    """Each detail page's number, each box's page, the number of pages, and which detail
    pages have their criteria on a page of their own (a busy box on small paper)."""
    apart = [False] * len(groups)
    for _ in range(4):
        starts, number = [], 2
        for alone in apart:
            starts.append(number)
            number += 2 if alone else 1
        page_of = {node: starts[i] for i, group in enumerate(groups) for node in group}
        found = [not _fits(view, g, size, page_of, number - 1) for g in groups]
        if found == apart:
            break
        apart = [a or f for a, f in zip(apart, found)]  # only ever more: it settles
    return starts, page_of, number - 1, apart


def _criteria_sheet(view: MapView, group: list[str], page_of: dict[str, int], size,
                    number: int, total: int) -> str:
    """The numbered criteria of the routes on page `number`, on the page after it."""
    part = page_view(view, group, page_of)
    numbers = {e.number for e in part.edges}
    found = [c for c in criteria(view) if c.number in numbers]
    title = title_part(view, f"Page {number + 1} of {total}: the criteria of the numbered "
                             f"routes on page {number}")
    layout = None
    for sheet in (size, size[::-1]):
        for width in (CRITERION_WIDTH, NARROW_CRITERIA):
            parts = criteria_parts(view, found, width)
            layout = layout or arrange(title, parts[0], parts[1:], sheet)
    layout = layout or arrange(title, parts[0], parts[1:], None)
    return sheet_source(layout.placed, layout.width, layout.height, f"process_map_{number + 1}")


APART = 2
FORMS = ((False, False), (False, True), (True, True), (APART, True))
"""How a detail page is drawn, first that fits: (one connector box a side rather than a
page, or `APART` one for the routes in and one for the routes on in the page's own band;
band names in a row at the top of each band rather than a column at the left)."""
SPACINGS = (SPACING, (0.3, 0.3), (0.45, 0.3), (0.3, 0.5), (0.6, 0.25), (0.25, 0.35), (0.12, 0.15))
"""Layouts to try, closest first, until one has no route through text and no arrowheads
on top of each other (Graphviz routes a few edges through labels in some layouts)."""


def _best(page: MapView, whole: MapView, size: tuple[float, float], line: str | None,
          key: bool, sheet_id: str, on_top: bool = False, with_criteria: bool = True,
          strict: bool = False) -> str | None:
    """The page's sheet in the first spacing that draws it cleanly and fits; failing
    that, the cleanest that fits; None when none fits."""
    best, fewest = None, None
    for spacing in SPACINGS:
        layout = _layout(page, whole, size, line, key, spacing, on_top, with_criteria)
        if layout is None:
            continue
        sheet = sheet_source(layout.placed, layout.width, layout.height, sheet_id)
        faults = _faults(measure_source(sheet))
        if fewest is None or faults < fewest:
            best, fewest = sheet, faults
        if faults == 0:
            break
    return None if strict and fewest else best


MOST_CROSSINGS = 10
LONGEST_ROUTE = 0.6
"""A sheet's goals: at most this many routes crossing, and no route longer than this share
of the sheet's width."""


def _faults(found: Quality) -> int:
    return (found.routes_through_text + found.stacked_heads + found.text_overlaps
            + found.collapsed_bands + (found.crossings > MOST_CROSSINGS)
            + (found.longest_route > LONGEST_ROUTE))


def _size(layout: Layout, paper: tuple[float, float]) -> tuple[float, float]:
    return max(layout.width, paper[0]), max(layout.height, paper[1])


def _layout(page: MapView, whole: MapView, paper, page_line: str | None,
            key: bool = True, spacing: tuple[float, float] = SPACING,
            on_top: bool = False, with_criteria: bool = True) -> Layout | None:
    """The sheet of `page`; a detail page has no key (the overview has it). On a page with
    its band names on top, when the paper is too narrow turned landscape, it is turned
    portrait."""
    portrait = on_top
    numbers = {e.number for e in page.edges}
    found = [c for c in criteria(whole) if c.number in numbers] if with_criteria else []
    title, drawing = title_part(whole, page_line), map_part(page, spacing, on_top)
    sheets = [paper] if paper is None or not portrait else [paper, paper[::-1]]
    for sheet in sheets:  # landscape; failing that, portrait
        if sheet is not None and sheet[0] < sheet[1]:
            title = title_part(whole, page_line, narrow=True)
        for width in (CRITERION_WIDTH, NARROW_CRITERIA):
            panel = ([key_part()] if key else []) + (criteria_parts(whole, found, width)
                                                     if found else [])
            layout = arrange(title, drawing, panel, sheet)
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
    """Whether `group` is drawn cleanly (every goal met) on one page of `size`."""
    return _detail(view, group, page_of, size, total, total, strict=True) is not None


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


# ---- the overview ---------------------------------------------------------------------


def _overview(view: MapView, page_of: dict[str, int], size: tuple[float, float],
              total: int) -> str:
    """Page 1 of a map on several pages: each level as a box listing its stages and
    outcomes with their pages, and the routes between levels counted; in as many columns
    as the sheet has room for."""
    title_line = (f"Page 1 of {total}: overview. Pages 2 to {total} show each level with "
                  "its routes and numbered criteria.")
    title = title_part(view, title_line)
    narrow = title_part(view, title_line, narrow=True)
    layout = None
    for font in (12, 10):  # the stages' names smaller only when they do not fit
        for panel in ([key_part()], []):  # with the key if there is room for it anywhere
            for columns in (6, 5, 4, 3, 2, 8, 7):
                for sheet, heading in ((size, title), (size[::-1], narrow)):
                    if layout is None:
                        drawing = laid_part(_overview_dot(view, page_of, columns, font))
                        layout = arrange(heading, drawing, panel, sheet)
    if layout is not None:
        return sheet_source(layout.placed, layout.width, layout.height, "process_map_1")
    layout = arrange(title, drawing, [], None)
    return sheet_source(layout.placed, *_size(layout, size), "process_map_1")


def _overview_dot(view: MapView, page_of: dict[str, int], columns: int, font: int = 12) -> str:
    lines = ["digraph overview {",
             f"  graph [rankdir=BT, pad=0, nodesep=0.3, ranksep=0.04, fontname={quoted(FONT)}];",
             f"  node [fontname={quoted(FONT)}, fontsize={font}, shape=plaintext, margin=0];",
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
