"""The checklist's glance map: the stages only, numbered as in the record, on one A4 landscape page.

The process map (process-map.pdf) shows every route with its criterion; a practitioner filling
in the record needs to see where a stage sits and where it leads. So this map has one box per
stage ("5. Joint assessment"), one arrow per pair of stages with a route between them (through
a subpathway too), and nothing else. It is printed only when its stage titles come out at
`MIN_PRINTED_PT` or more on the page; otherwise the record points to process-map.pdf.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET

import networkx as nx

from pathwaylang.emit.dot import quoted

FONT_PT = 12.0
"""The stage titles' size as Graphviz lays them out (points at scale 1)."""
MIN_PRINTED_PT = 9.0
PAGE_PT = (269 / 25.4 * 72, 150 / 25.4 * 72)
"""The map's room on its A4 landscape page (width, height in points): the page less its
margins (checklist.css, `@page glance`), which hold the running header and footer, and less
the heading and the caption."""
_WRAP = 28


def glance_dot(numbers: dict[str, int], titles: dict[str, str], graph: nx.MultiDiGraph) -> str:
    """DOT for the stage-only map; routes back to an earlier stage do not set the layout."""
    lines = ["digraph glance {",
             '  graph [rankdir=TB, nodesep=0.08, ranksep=0.15, margin=0, pad=0, '
             'fontname="DejaVu Sans"];',
             f'  node [shape=box, style=rounded, fontname="DejaVu Sans", fontsize={FONT_PT:g}, '
             'margin="0.1,0.02", penwidth=1.2];',
             '  edge [arrowsize=0.6, penwidth=1, color="#333333"];']
    for stage_id, number in sorted(numbers.items(), key=lambda item: item[1]):
        wrapped = textwrap.wrap(f"{number}. {titles[stage_id]}", _WRAP) or [str(number)]
        # plain lines, each centred by Graphviz itself (an HTML label's lines start at an x
        # that only fits Graphviz's own font metrics)
        label = '"' + "\\n".join(quoted(line)[1:-1] for line in wrapped) + '"'
        lines.append(f"  {quoted('s_' + stage_id)} [id={quoted('glance-' + stage_id)}, "
                     f"label={label}];")
    for source, target in stage_routes(numbers, graph):
        back = numbers[target] <= numbers[source]
        extra = ", constraint=false, style=dashed" if back else ""
        lines.append(f"  {quoted('s_' + source)} -> {quoted('s_' + target)} [id="
                     f"{quoted(f'glance-{source}-{target}')}{extra}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def stage_routes(numbers: dict[str, int], graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """Each pair of stages with a route from one to the other, looking through subpathways."""
    routes: dict[tuple[str, str], None] = {}
    for source in sorted(numbers, key=numbers.get):
        for target in _next_stages(graph, source, numbers):
            if target != source:
                routes.setdefault((source, target))
    return list(routes)


def _next_stages(graph: nx.MultiDiGraph, node: str, numbers: dict[str, int]) -> list[str]:
    found, seen, todo = [], {node}, [node]
    while todo:
        for _, target in graph.out_edges(todo.pop(0)):
            if target in numbers:
                found.append(target)
            elif graph.nodes[target]["kind"] == "subpathway" and target not in seen:
                seen.add(target)
                todo.append(target)
    return found


_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"')


def printed_scale(svg: str) -> float:
    """How much the map shrinks to fit its room on the page (1.0 when it fits as drawn)."""
    size = _SIZE.search(svg)
    if size is None:
        return 0.0
    width, height = float(size.group(1)), float(size.group(2))
    return min(1.0, PAGE_PT[0] / width, PAGE_PT[1] / height)


def glance_words(numbers: dict[str, int], titles: dict[str, str],
                 routes: list[tuple[str, str]]) -> dict[str, str]:
    """What each box and arrow of the map says, by its SVG id (for its `<title>`)."""
    words = {f"glance-{s}": f"Stage {n}: {titles[s]}" for s, n in numbers.items()}
    for source, target in routes:
        words[f"glance-{source}-{target}"] = (f"From stage {numbers[source]} "
                                              f"to stage {numbers[target]}")
    return words


def readable_svg(svg: str, title: str, words: dict[str, str]) -> str | None:
    """The drawn map when its titles print at `MIN_PRINTED_PT` or more (else None): titled
    for screen readers, each box and arrow titled in words (not Graphviz's node names)."""
    if printed_scale(svg) * FONT_PT < MIN_PRINTED_PT:
        return None
    ns = "{http://www.w3.org/2000/svg}"
    ET.register_namespace("", ns[1:-1])
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg.encode("utf-8"))
    for group in root.iter(f"{ns}g"):
        named = group.find(f"{ns}title")
        if named is not None:
            named.text = words.get(group.get("id", ""), title)
    root.set("role", "img")
    root.set("aria-label", title)
    # Graphviz sizes in points: shrink to the room (the viewBox keeps the drawing's shape).
    scale = printed_scale(svg)
    size = _SIZE.search(svg)
    root.set("width", f"{float(size.group(1)) * scale:.1f}pt")
    root.set("height", f"{float(size.group(2)) * scale:.1f}pt")
    return ET.tostring(root, encoding="unicode")


def glance_svg(numbers: dict[str, int], titles: dict[str, str], graph: nx.MultiDiGraph,
               title: str) -> str | None:
    """The stage-only map as SVG to inline; None without Graphviz, when it fails, or when the
    map would print too small to read."""
    from pathwaylang.emit import graphviz_render as gv

    if not gv.dot_available():
        return None
    try:
        drawn = gv.run("dot", "svg", glance_dot(numbers, titles, graph)).decode("utf-8")
    except gv.RenderError:
        return None
    return readable_svg(drawn, title, glance_words(numbers, titles, stage_routes(numbers, graph)))
