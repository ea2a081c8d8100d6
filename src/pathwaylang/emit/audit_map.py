"""The picture for `pwy audit --format html`: the process map (dot.py's own) with each route
drawn as its own arrow, as thick as the number of families who took it and labelled with
that number (in place of its criterion marker: no criterion numbers anywhere, so no number
on the map but a count), routes nobody took drawn thin and unlabelled, and the moves no
route allows (the most common few) drawn in as orange dashed arrows labelled with their
families.

Counts under the disclosure threshold are labelled "fewer than N"; line widths for those
routes are drawn as if the count were the threshold, so the picture gives nothing away
that the labels do not.
"""

from __future__ import annotations

from collections.abc import Callable

from pathwaylang import model as m
from pathwaylang.emit.dot import EDGE_STYLES, RouteLook, dot_id, html_text, map_dot
from pathwaylang.emit.map_view import MapView, build_map_view

UNEXPECTED = "#e66100"
"""Orange, dashed, with a diamond head: unlike every route kind (step ups are red and dashed)."""
MIN_WIDTH, MAX_WIDTH, UNUSED_WIDTH = 1.2, 9.0, 0.5
MOST_UNEXPECTED = 6
"""Unexpected moves drawn: the ones most families made (the report's table lists them all)."""
COUNT_SIZE = 12


def shown(count: int, threshold: int) -> str:
    return f"fewer than {threshold}" if count < threshold else str(count)


def audit_map_dot(program: m.Program, graph, taken: dict[tuple[str, str], int],
                  unexpected: dict[tuple[str, str], int], threshold: int) -> str:
    """DOT text of the map with `taken` (families per route, by (from, to)) and
    `unexpected` (families per move no route allows) drawn in."""
    view = build_map_view(program, graph, "level")
    look, edit = families_drawn(view, taken, unexpected, threshold)
    return edit(map_dot(view, look=look))


def families_drawn(view: MapView, taken: dict[tuple[str, str], int],
                   unexpected: dict[tuple[str, str], int],
                   threshold: int) -> tuple[RouteLook, Callable[[str], str]]:
    """map_dot's `look` (each route's width and count) and the edit that adds the
    unexpected moves to the map's DOT text (either form map_dot writes)."""
    most = max([max(c, threshold) for c in (*taken.values(), *unexpected.values())] or [1])

    def width(count: int) -> float:
        if count <= 0:
            return UNUSED_WIDTH
        return round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * max(count, threshold) / most, 2)

    def look(index: int) -> tuple[float, str | None]:
        edge = view.edges[index]
        count = taken.get((edge.source, edge.target), 0)
        return width(count), _count_label(view, index, shown(count, threshold)) if count else None

    def edit(text: str) -> str:
        head, _, _ = text.rstrip().rpartition("}")
        return head + "".join("  " + line + "\n" for line in
                              _unexpected_moves(view, unexpected, threshold, width)) + "}\n"

    return look, edit


def _count_label(view: MapView, index: int, words: str) -> str:
    colour = EDGE_STYLES[view.edges[index].kind].color
    return (f'<<FONT COLOR="{colour}" POINT-SIZE="{COUNT_SIZE}"><B>{html_text(words)}</B>'
            f"</FONT>>")


def _unexpected_moves(view: MapView, unexpected: dict[tuple[str, str], int], threshold: int,
                      width: Callable[[int], float]) -> list[str]:
    """The moves no route allows that most families made, as orange dashed arrows."""
    kinds = {node.id: node.kind for node in view.nodes}
    drawn = sorted(((pair, count) for pair, count in unexpected.items()
                    if pair[0] in kinds and pair[1] in kinds), key=lambda x: (-x[1], x[0]))
    lines = []
    for (source, target), count in sorted(drawn[:MOST_UNEXPECTED]):
        label = html_text(f"unexpected: {shown(count, threshold)} families")
        lines.append(f'{dot_id(kinds[source], source)} -> {dot_id(kinds[target], target)} '
                     f'[color="{UNEXPECTED}", style=dashed, penwidth={width(count)}, '
                     f'arrowhead=odiamond, constraint=false, fontcolor="{UNEXPECTED}", '
                     f'label=<{label}>];')
    return lines
