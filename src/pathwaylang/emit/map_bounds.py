"""How small a page's map can be at another spacing, from its layout at the first one.

Planning the pages tries each page in up to seven spacings (`nodesep`, `ranksep`), and most
tries do not fit the paper. `dot` puts each box in the same row (rank) at every spacing: the
rows come from the routes, not the spacing. So one layout tells, for every other spacing:

- the width: in each row, the boxes side by side and at least `nodesep` apart (5 points in
  the rows `dot` adds for route labels, where some boxes sit too);
- the height: `dot` sets each row above the one under it by half the two rows' tallest
  boxes and `max(ranksep, 8)` points (`ranksep` is halved in a graph with route labels);
  nothing else moves a row. So the boxes' height at a spacing with rows at least as far
  apart is at least this layout's, and more by the rows' gaps times the difference.

A try whose lower bounds do not fit the paper cannot fit, and is not laid out; the others
are, so the pages chosen are exactly those of trying every spacing
(tests/test_map_bounds.py checks the bounds against every layout of the examples' pages).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

ROUNDING = 1.0
"""Points given away on each box and gap: Graphviz rounds sizes and places to points."""
LABEL_ROW_SEP = 5
"""Points between neighbours in a row of route labels (Graphviz's `make_LR_constraints`)."""
CLUSTER_SEP = 8
"""The least distance between rows beyond their boxes (Graphviz's `CL_OFFSET`)."""


@dataclass(frozen=True)
class Shape:
    """What a layout says of the page's map at any spacing."""

    spacing: tuple[float, float]
    """The spacing it was laid out at."""
    rows: tuple[tuple[float, int, float], ...]
    """Each row of boxes: their widths added up, how many, the tallest."""
    height: float
    """From the lowest box's bottom to the highest box's top."""
    labelled: bool
    """Whether any route has a label (`dot` then doubles the rows and halves `ranksep`)."""
    beside: float
    """Width the drawing adds beside the boxes (the band names' column, the bands' pads)."""
    above: float
    """Height the drawing adds above the boxes (the top band's pad)."""


def shape(geometry: dict, spacing: tuple[float, float], beside: float, above: float
          ) -> Shape:
    """The shape of a `-Tjson` layout made at `spacing`."""
    rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
    low, high = float("inf"), float("-inf")
    for obj in geometry.get("objects", []):
        if "pos" in obj and "width" in obj:
            x, y = obj["pos"].split(",")
            width, height = float(obj["width"]) * 72, float(obj["height"]) * 72
            rows[y].append((width, height))
            low, high = min(low, float(y) - height / 2), max(high, float(y) + height / 2)
    labelled = any(edge.get("label") for edge in geometry.get("edges", []))
    return Shape(spacing, tuple((sum(w for w, _ in row), len(row), max(h for _, h in row))
                                for row in rows.values()),
                 max(high - low, 0.0), labelled, beside, above)


def least_size(found: Shape, spacing: tuple[float, float]) -> tuple[float, float]:
    """A lower bound on the drawing's width and height at `spacing`."""
    if not found.rows:
        return 0.0, 0.0
    gap = _points(spacing[0])
    if found.labelled:
        gap = min(gap, LABEL_ROW_SEP)
    width = max(total - count * ROUNDING + (count - 1) * (gap - ROUNDING)
                for total, count, _ in found.rows)
    here, there = _apart(found.spacing, found.labelled), _apart(spacing, found.labelled)
    gaps = len(found.rows) - 1
    height = sum(tallest - ROUNDING for _, _, tallest in found.rows) + gaps * there
    if there >= here:  # rows at least as far apart: at least as tall as the layout
        height = max(height, found.height + gaps * (there - here))
    return (max(width + found.beside - ROUNDING, 0.0),
            max(height + found.above - ROUNDING, 0.0))


def _points(inches: float) -> int:
    return int(inches * 72 + 0.5)  # as Graphviz reads nodesep and ranksep


def _apart(spacing: tuple[float, float], labelled: bool) -> int:
    """The least distance `dot` leaves between neighbouring rows beyond their boxes."""
    rank_sep = _points(spacing[1])
    return max((rank_sep + 1) // 2 if labelled else rank_sep, CLUSTER_SEP)
