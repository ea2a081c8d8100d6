"""The process map on pages of a chosen paper size, every text at its own size.

A map that fits one sheet (with its key and numbered criteria) is one page. A larger one gets
an overview page (each level of need with its stages and the page that shows them, and how
many routes step up and down between levels) and then detail pages, one per level, or per
part of a level when a level is too big for the sheet. On a detail page a route to or from
another page ends at a dashed box that names the stage and the page to turn to.

Each candidate page is a sheet of map_layout.py's, at one of `SPACINGS`; a build imports this
module only when it makes process-map.pdf.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import CRITERION_WIDTH, SPACING, map_dot
from pathwaylang.emit.graphviz_session import session
from pathwaylang.emit.map_bounds import Shape, least_size, shape
from pathwaylang.emit.map_connectors import ABOVE, APART, BELOW, page_view
from pathwaylang.emit.map_layout import NARROW_CRITERIA, drawn, map_geometry, sheet_layout
from pathwaylang.emit.map_overview import overview_sheet
from pathwaylang.emit.map_quality import Quality, measure_source
from pathwaylang.emit.map_sheet import (PAPERS, Layout, arrange, criteria_parts, sheet_source,
                                        title_part)
from pathwaylang.emit.map_view import MapView, criteria


def paper_sheets(view: MapView, paper: str) -> list[str]:
    """The map on sheets of `paper` (A4, A3, A2 or A1, landscape), one DOT source for
    `neato -n2` a sheet."""
    try:
        return _sheets(drawn(view), PAPERS[paper])
    finally:
        _cleanest.cache_clear()  # remembered while one map's pages are planned, no longer


def _sheets(view: MapView, size: tuple[float, float]) -> list[str]:
    whole = _best(view, view, size, None, True, "process_map")
    if whole is not None:
        return [whole]
    groups = _page_groups(view, size)
    starts, page_of, total, apart = _numbering(view, groups, size)
    sheets = [overview_sheet(view, page_of, size, total)]
    details = _each(lambda page: _detail(view, page[0], page_of, size, page[1], total, page[2]),
                    list(zip(groups, starts, apart)))
    for group, number, alone, sheet in zip(groups, starts, apart, details):
        if sheet is None:  # too big for the paper even alone: drawn larger, scaled to fit
            part = page_view(view, group, page_of, True)
            line = _page_line(part, number, total, alone)
            layout = sheet_layout(part, view, None, line, False, on_top=True,
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
            found.append((_faults(measure_source(sheet, counts_only=True)), len(found), sheet))
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
        found = [not fits for fits in _each(
            lambda group: _fits(view, group, size, page_of, number - 1), groups)]
        if found == apart:
            break
        apart = [a or f for a, f in zip(apart, found)]  # only ever more: it settles
    return starts, page_of, number - 1, apart


WORKERS = 2
"""Pages searched at once. A search mostly waits for `dot`: two overlap one's `dot` with
the other's Python, and use a second core when there is one."""


def _each(function, items: list) -> list:
    """`function` of each item, in order, `WORKERS` at a time. Each runs in a Graphviz
    session of its own (a session's shared `dot` serves one thread); every layout is the
    same in any session, so the pages are those of one item after another."""
    if len(items) < 2:
        return [function(item) for item in items]
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda item: _in_session(function, item), items))


def _in_session(function, item):
    with session():
        return function(item)


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
    best, fewest = _cleanest(page, whole, size, line, key, sheet_id, on_top, with_criteria)
    return None if strict and fewest else best


@lru_cache(maxsize=128)
def _cleanest(page: MapView, whole: MapView, size: tuple[float, float], line: str | None,
              key: bool, sheet_id: str, on_top: bool, with_criteria: bool
              ) -> tuple[str | None, int | None]:
    """`_best`'s sheet and its faults, remembered: planning asks for the same page again
    (whether it fits cleanly, then the cleanest that fits, then its detail page). A
    spacing whose least size (map_bounds) cannot fit the paper is not laid out."""
    best, fewest, found = None, None, None
    for spacing in SPACINGS:
        least = None
        if spacing != SPACINGS[0]:  # the first spacing's layout bounds the others'
            found = found or _shape(page, SPACINGS[0], on_top)
            least = least_size(found, spacing)
        layout = sheet_layout(page, whole, size, line, key, spacing, on_top, with_criteria, least)
        if layout is None:
            continue
        sheet = sheet_source(layout.placed, layout.width, layout.height, sheet_id)
        faults = _faults(measure_source(sheet, counts_only=True))
        if fewest is None or faults < fewest:
            best, fewest = sheet, faults
        if faults == 0:
            break
    return best, fewest


def _shape(page: MapView, spacing: tuple[float, float], on_top: bool) -> Shape:
    """The shape of the page's map as laid out at `spacing` (map_part's layout)."""
    source = map_dot(page, band_boxes=False, spacing=spacing, names_on_top=on_top)
    if not page.bands:  # the layout as it is
        return shape(map_geometry(source), spacing, 0.0, 0.0)
    beside = (gv.BAND_PAD if on_top else gv.LABEL_COLUMN) + gv.BAND_PAD
    return shape(map_geometry(source), spacing, beside, gv.BAND_PAD)  # as band_backgrounds


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
    packed = _each(lambda band: _pack(view, band, size, guess, across), [b for b in bands if b])
    groups = [page for pages in packed for page in pages]
    for _ in range(8):
        page_of = {node: number + 2 for number, group in enumerate(groups) for node in group}
        split: list[list[str]] = []
        found = _each(lambda group: _fits(view, group, size, page_of, len(groups) + 1), groups)
        for group, fits in zip(groups, found):
            alone = len(_units(view, group)) == 1
            split += [group] if fits or alone else _halves(view, group, across)
        if len(split) == len(groups):
            break
        groups = split
    return _pack_sparse(view, groups, size)


SPARSE = 0.5
"""A page with less than this share of its sheet drawn on (map_quality's `fill`) shares
its page with the next one (the next level, or the rest of its own) when both fit
cleanly on one."""


def _pack_sparse(view: MapView, groups: list[list[str]], size: tuple[float, float]
                 ) -> list[list[str]]:
    page_of = {node: number + 2 for number, group in enumerate(groups) for node in group}
    total = len(groups) + 1
    fills = _each(lambda group: _fill(view, group, size, page_of, total), groups)
    index = 0
    while index < len(groups) - 1:
        if min(fills[index:index + 2]) < SPARSE:
            merged = groups[index] + groups[index + 1]
            if _fits(view, merged, size, page_of, total):
                groups[index:index + 2] = [merged]
                fills[index:index + 2] = [_fill(view, merged, size, page_of, total)]
                continue
        index += 1
    return groups


def _fill(view: MapView, group: list[str], size: tuple[float, float],
          page_of: dict[str, int], total: int) -> float:
    sheet = _detail(view, group, page_of, size, total, total)
    return 1.0 if sheet is None else measure_source(sheet, counts_only=True).fill


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
    geometry = map_geometry(map_dot(view, band_boxes=False))
    found = {}
    for obj in geometry.get("objects", []):
        if "pos" in obj and "__" in obj.get("name", ""):
            found[obj["name"].split("__", 1)[1]] = float(obj["pos"].split(",")[0])
    return found
