"""One sheet of the process map: the map laid out at a spacing, under its title, beside its
key and numbered criteria (map_sheet.py places the parts).

`screen_sheet` is the whole map on one sheet of its own size (process-map.svg and .png);
map_pages.py plans the pages of a paper size from the same `sheet_layout`, and only a
build with PDFs imports it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import CRITERION_WIDTH, SPACING, map_dot
from pathwaylang.emit.map_sheet import (GAP, MARGIN, Layout, Part, arrange, criteria_parts,
                                        key_part, laid_part, sheet_source, title_part)
from pathwaylang.emit.map_view import MapView, criteria

NARROW_CRITERIA = 38
"""Characters a line of criteria when the usual width leaves no room for the map."""


def map_part(view: MapView, spacing: tuple[float, float] = SPACING,
             names_on_top: bool = False) -> Part:
    """The map with its full-width bands and the column of band names (or each band's name
    in a row at its top)."""
    source = map_dot(view, band_boxes=False, spacing=spacing, names_on_top=names_on_top)
    if not view.bands:
        return laid_part(source)
    return laid_part(source, gv.band_backgrounds(view, map_geometry(source), title=False))


@lru_cache(maxsize=64)
def map_geometry(source: str) -> dict:
    """Where `dot` puts each box of the map `source` (laid out with the DOT `laid_part`
    uses, so in the same coordinates)."""
    return gv.geometry("dot", source)


def drawn(view: MapView) -> MapView:
    """The view as drawn: bands without a box in them are left out, with their names."""
    return replace(view, bands=tuple(b for b in view.bands if view.band_nodes(b.key)))


def screen_sheet(view: MapView) -> str:
    """The whole map on one sheet of any size (for the screen: process-map.svg)."""
    view = drawn(view)
    layout = sheet_layout(view, view, None, None)
    return sheet_source(layout.placed, layout.width, layout.height, "process_map")


def sheet_layout(page: MapView, whole: MapView, paper, page_line: str | None,
                 key: bool = True, spacing: tuple[float, float] = SPACING,
                 on_top: bool = False, with_criteria: bool = True,
                 least: tuple[float, float] | None = None) -> Layout | None:
    """The sheet of `page`; a detail page has no key (the overview has it). On a page with
    its band names on top, when the paper is too narrow turned landscape, it is turned
    portrait. `least`: a lower bound on the map's width and height (None: not known);
    when it fits no sheet, the map is not laid out."""
    portrait = on_top
    sheets = [paper] if paper is None or not portrait else [paper, paper[::-1]]
    if least is not None and paper is not None and not any(
            _may_fit(least, title_part(whole, page_line, narrow=sheet[0] < sheet[1]), sheet)
            for sheet in sheets):
        return None
    numbers = {e.number for e in page.edges}
    found = [c for c in criteria(whole) if c.number in numbers] if with_criteria else []
    title, drawing = title_part(whole, page_line), map_part(page, spacing, on_top)
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


def _may_fit(least: tuple[float, float], title: Part, sheet: tuple[float, float]) -> bool:
    """Whether a map no smaller than `least` may fit under `title` on `sheet` (what
    map_sheet.arrange asks first)."""
    room = sheet[1] - 2 * MARGIN - title.height - GAP
    return max(least[0], title.width) <= sheet[0] - 2 * MARGIN and least[1] <= room
