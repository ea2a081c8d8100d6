"""The picture for `pwy audit --format html`: the process map (dot.py's own) with each route
drawn as thick as the number of families who took it and labelled with that number (in
place of its `when` text), routes nobody took drawn thin and unlabelled, and
the moves no route allows (the most common few) drawn in as red dashed arrows labelled
with their families.

Counts under the disclosure threshold are labelled "fewer than N"; line widths for those
routes are drawn as if the count were the threshold, so the picture gives nothing away
that the labels do not.
"""

from __future__ import annotations

import re

from pathwaylang import model as m
from pathwaylang.emit.dot import dot_id, html_text, map_dot, route_groups
from pathwaylang.emit.map_view import MapView, build_map_view

UNEXPECTED = "#e66100"
"""Orange, dashed, with a diamond head: unlike every route kind (step ups are red and dashed)."""
MIN_WIDTH, MAX_WIDTH, UNUSED_WIDTH = 1.2, 9.0, 0.5
MOST_UNEXPECTED = 6
"""Unexpected moves drawn: the ones most families made (the report's table lists them all)."""
_ROUTE = re.compile(r'id="(route|bundle)-(\d+)"')
_LABEL = re.compile(r", label=<.*>$")
_COLOUR = re.compile(r'color="(#[0-9a-fA-F]{6})"')


def shown(count: int, threshold: int) -> str:
    return f"fewer than {threshold}" if count < threshold else str(count)


def audit_map_dot(program: m.Program, graph, taken: dict[tuple[str, str], int],
                  unexpected: dict[tuple[str, str], int], threshold: int) -> str:
    """DOT text of the map with `taken` (families per route, by (from, to)) and
    `unexpected` (families per move no route allows) drawn in."""
    view = build_map_view(program, graph, "level")
    return mark_routes(map_dot(view), view, taken, unexpected, threshold)


def mark_routes(text: str, view: MapView, taken: dict[tuple[str, str], int],
                unexpected: dict[tuple[str, str], int], threshold: int) -> str:
    """The map's DOT text (either form map_dot writes) with the families drawn in."""
    most = max([max(c, threshold) for c in (*taken.values(), *unexpected.values())] or [1])

    def width(count: int) -> float:
        if count <= 0:
            return UNUSED_WIDTH
        return round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * max(count, threshold) / most, 2)

    families = {("route", i): taken.get((e.source, e.target), 0)
                for i, e in enumerate(view.edges)}
    for number, indexes in enumerate(route_groups(view)):
        families[("bundle", number)] = sum(
            taken.get((view.edges[i].source, view.edges[i].target), 0) for i in indexes)

    def thicken(line: str) -> str:
        """A route's line: as thick as its families, labelled with their number in place
        of its `when` text (which the process map in `pwy build` shows)."""
        found = _ROUTE.search(line)
        if not (found and line.rstrip().endswith("];")):
            return line
        key = (found.group(1), int(found.group(2)))
        if key not in families:
            return line
        count = families[key]
        body = _LABEL.sub("", line.rstrip()[:-2])
        colour = _COLOUR.search(body)
        label = "" if count <= 0 else (
            f', label=<<FONT COLOR="{colour.group(1) if colour else "#1a1a1a"}">'
            f"<B>{html_text(shown(count, threshold))}</B></FONT>>, fontsize=12")
        return body + f", penwidth={width(count)}{label}];"

    text = "\n".join(thicken(line) for line in text.split("\n"))
    kinds = {node.id: node.kind for node in view.nodes}
    drawn = sorted(((pair, count) for pair, count in unexpected.items()
                    if pair[0] in kinds and pair[1] in kinds), key=lambda x: (-x[1], x[0]))
    extra = []
    for (source, target), count in sorted(drawn[:MOST_UNEXPECTED]):
        label = html_text(f"unexpected: {shown(count, threshold)} families")
        extra.append(f'{dot_id(kinds[source], source)} -> {dot_id(kinds[target], target)} '
                     f'[color="{UNEXPECTED}", style=dashed, penwidth={width(count)}, '
                     f'arrowhead=odiamond, constraint=false, fontcolor="{UNEXPECTED}", '
                     f'label=<{label}>];')
    head, _, _ = text.rstrip().rpartition("}")
    return head + "".join("  " + line + "\n" for line in extra) + "}\n"
