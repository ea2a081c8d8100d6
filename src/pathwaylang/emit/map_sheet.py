"""Laying the process map out on a sheet of paper, at the size it prints: no scaling.

Every part of a sheet (the title, the map with its bands, the key, the numbered criteria) is
laid out on its own by Graphviz's `dot`; this module then places the parts side by side,
moving each part's coordinates (`translate`), and `neato -n2` draws the whole sheet without
moving a thing. Two invisible points at the paper's corners make the drawing exactly the
paper's size, so `process-map.pdf` prints at 100% with every text at its own point size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.dot import (CRITERIA_SIZE, CRITERION_WIDTH, FONT, criteria_tables,
                                  html_lines, key_dot, quoted, title_label)
from pathwaylang.emit.map_view import Criterion, MapView, wrap

PAPERS = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89), "A2": (1683.78, 1190.55),
          "A1": (2383.94, 1683.78)}
"""Landscape sheets, in points (1/72 inch)."""
MARGIN = 22.0
"""Blank edge of the sheet (about 8 mm), inside what printers can reach."""
GAP = 14.0
CRITERIA_ROWS = 5
"""Criteria per table piece: small pieces flow into the columns beside the map."""


@dataclass(frozen=True)
class Part:
    """A piece of a sheet laid out by `dot`: its statements and their bounding box."""

    body: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def laid_part(source: str, extra: list[str] | None = None) -> Part:
    """`source` laid out by `dot`, as a part; `extra` statements (already in the laid-out
    coordinates, such as band backgrounds) are drawn first, behind it."""
    return _laid_part(source, tuple(extra or ()))


@lru_cache(maxsize=256)
def _laid_part(source: str, extra: tuple[str, ...]) -> Part:
    """`laid_part`, read once (a Part cannot be changed, so one serves every sheet)."""
    laid = _laid(source)
    head, _, rest = laid.partition("{")
    body = rest.rstrip().removesuffix("}")
    x0, y0, x1, y1 = (float(v) for v in re.search(r'bb="([^"]*)"', body).group(1).split(","))
    splines = " ".join(_SPLINE.findall(body))  # routes can bulge past `bb`
    if splines:  # each point `x,y`, an end `e,x,y` or a start `s,x,y`
        numbers = [float(v) for v in
                   splines.replace("e,", "").replace("s,", "").replace(",", " ").split()]
        xs, ys = numbers[0::2], numbers[1::2]
        x0, x1, y0, y1 = min(x0, min(xs) - 2), max(x1, max(xs) + 2), \
            min(y0, min(ys) - 2), max(y1, max(ys) + 2)
    if extra:
        for line in extra:  # what is drawn behind may reach past the layout (the band names)
            for x, y in _points(line):
                x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
        body = "\n".join(extra) + "\n" + body
    return Part(body, x0, y0, x1, y1)


_SPLINE = re.compile(r'\bpos="([^"]*\s[^"]*)"')


def _laid(source: str) -> str:
    """`dot -Tdot` of `source` (the same title, key and criteria are laid out again and
    again while pages are planned: `_laid_part` remembers them)."""
    return gv.run("dot", "dot", source).decode("utf-8").replace("\\\n", "")


def _points(line: str) -> list[tuple[float, float]]:
    """The corners of a pinned box statement (`pos`, `width`, `height`)."""
    pos = re.search(r'pos="([-\d.]+),([-\d.]+)!?"', line)
    width, height = re.search(r"\bwidth=([\d.]+)", line), re.search(r"\bheight=([\d.]+)", line)
    if not (pos and width and height):
        return []
    x, y = float(pos.group(1)), float(pos.group(2))
    w, h = float(width.group(1)) * 36, float(height.group(1)) * 36
    return [(x - w, y - h), (x + w, y + h)]


_PLACED = re.compile(r'\b(pos|lp|xlp|head_lp|tail_lp|bb)="([^"]*)"')


def translate(body: str, dx: float, dy: float) -> str:
    """`body` with every position moved by (dx, dy): nodes, route splines, label places."""

    def point(token: str) -> str:
        prefix = ""
        if token[:2] in ("e,", "s,"):
            prefix, token = token[:2], token[2:]
        pin = "!" if token.endswith("!") else ""
        x, y = (float(v) for v in token.rstrip("!").split(","))
        return f"{prefix}{x + dx:.2f},{y + dy:.2f}{pin}"

    def move(match: re.Match) -> str:
        name, value = match.group(1), match.group(2)
        if name == "bb":
            x0, y0, x1, y1 = (float(v) for v in value.split(","))
            moved = f"{x0 + dx:.2f},{y0 + dy:.2f},{x1 + dx:.2f},{y1 + dy:.2f}"
        else:
            moved = " ".join(point(token) for token in value.split())
        return f'{name}="{moved}"'

    return _PLACED.sub(move, body)


@dataclass(frozen=True)
class Placed:
    part: Part
    x: float
    """Where the part's left edge goes."""
    top: float
    """Where the part's top edge goes (y grows upwards, as in Graphviz)."""


def sheet_source(placed: list[Placed], width: float, height: float, sheet_id: str) -> str:
    """One DOT graph for `neato -n2`: the placed parts, and two invisible corner points
    that make the drawing `width` by `height` points."""
    lines = [f'digraph {sheet_id} {{',
             f'\tgraph [pad=0, margin=0, splines=true, id="{sheet_id}", fontname={quoted(FONT)}];',
             '\tsheet__corner_low [shape=point, style=invis, width=0, height=0, pos="0,0!"];',
             f'\tsheet__corner_high [shape=point, style=invis, width=0, height=0, '
             f'pos="{width:.2f},{height:.2f}!"];']
    for number, item in enumerate(placed):
        dx, dy = item.x - item.part.x0, item.top - item.part.y1
        lines += [f"\tsubgraph part_{number} {{", translate(item.part.body, dx, dy), "\t}"]
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---- the parts every sheet has ----------------------------------------------------------


@lru_cache(maxsize=64)
def title_part(view: MapView, page_line: str | None, narrow: bool = False) -> Part:
    """The title, subtitle and `page_line`; `narrow`: the page line wrapped for a sheet
    turned portrait."""
    page = (f'<BR/><FONT POINT-SIZE="12">{html_lines(wrap(page_line, 70 if narrow else 120))}'
            f"</FONT>" if page_line else "")
    label = title_label(view, narrow)[:-1] + page + ">"
    return laid_part(f'digraph title {{ graph [pad=0]; map_title [shape=plaintext, '
                     f'fontname={quoted(FONT)}, fontsize=18, margin=0, id="map-title", '
                     f'label={label}]; }}')


@lru_cache(maxsize=1)
def key_part() -> Part:
    return laid_part(key_dot())


def criteria_parts(view: MapView, found: list[Criterion], width: int = CRITERION_WIDTH
                   ) -> list[Part]:
    """The numbered criteria in pieces of a few rows, `width` characters wide."""
    return list(_criteria_parts(view, tuple(found), width))


@lru_cache(maxsize=256)
def _criteria_parts(view: MapView, found: tuple[Criterion, ...], width: int
                    ) -> tuple[Part, ...]:
    """`criteria_parts`, made once (every layout tried for a page has the same criteria)."""
    parts = []
    for number, table in enumerate(criteria_tables(view, found, CRITERIA_ROWS, width)):
        parts.append(laid_part(
            f'digraph criteria {{ graph [pad=0]; criteria__{found[0].number}_{number} '
            f'[shape=plaintext, margin=0, fontname={quoted(FONT)}, fontsize={CRITERIA_SIZE}, '
            f'id="criteria-{found[0].number}-{number}", label={table}]; }}'))
    return tuple(parts)


# ---- packing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    placed: list[Placed]
    width: float
    height: float


def arrange(title: Part, drawing: Part, panel: list[Part], paper: tuple[float, float] | None
            ) -> Layout | None:
    """The title on top, the map under it and the panel's parts (key, criteria) in columns
    beside the map, then in columns under it. None when they do not fit `paper` (no
    paper: any size, every column beside the map)."""
    if paper is None:
        room = max([drawing.height] + [p.height for p in panel]) + 1
        width = 2 * MARGIN + title.width
        paper_like = (float("inf"), 2 * MARGIN + title.height + GAP + room)
    else:
        paper_like = paper
    width, height = paper_like
    top = height - MARGIN
    below = top - title.height - GAP
    room = below - MARGIN
    if max(title.width, drawing.width) > width - 2 * MARGIN or drawing.height > room:
        return None
    placed = [Placed(title, MARGIN, top), Placed(drawing, MARGIN, below)]
    rest = list(panel)
    right = MARGIN + drawing.width
    beside, rest, right = _flow(rest, MARGIN + drawing.width + GAP, below, room,
                                width - MARGIN)
    under, rest, _ = _flow(rest, MARGIN, below - drawing.height - GAP,
                           room - drawing.height - GAP, max(MARGIN + drawing.width, right))
    if rest:
        return None
    placed += beside + under
    if paper is None:
        return Layout(placed, max(right, MARGIN + drawing.width, MARGIN + title.width) + MARGIN,
                      height)
    return Layout(placed, *paper)


def _flow(parts: list[Part], left: float, top: float, room: float, limit: float
          ) -> tuple[list[Placed], list[Part], float]:
    """As many of `parts`, in order, as fit in columns of height `room` from `left` to
    `limit`; returns them placed, the parts left over and the right edge reached."""
    placed: list[Placed] = []
    x, right = left, left - GAP
    while parts:
        column, used = [], 0.0
        while parts and used + parts[0].height <= room:
            column.append(parts.pop(0))
            used += column[-1].height + GAP
        if not column:
            break
        column_width = max(p.width for p in column)
        if x + column_width > limit:
            parts[:0] = column
            break
        y = top
        for part in column:
            placed.append(Placed(part, x, y))
            y -= part.height + GAP
        right = x + column_width
        x = right + GAP
    return placed, parts, right
