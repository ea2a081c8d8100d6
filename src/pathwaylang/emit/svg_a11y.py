"""Graphviz SVG made accessible and reproducible: a `<title>` and `<desc>` for the map and for
every box and route, screen readers told to skip layout helpers, Graphviz's comments gone.

Graphviz titles each group with its DOT name (`stage__identify`, `a->b`); the groups carry
the `id`s the DOT emitter gave them, and this pass replaces each title by words.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pathwaylang.emit.dot import EDGE_STYLES, KEY_ROUTES, route_groups
from pathwaylang.emit.map_view import EDGE_NAMES, KIND_NAMES, MapView, one_line

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_G, _TITLE, _DESC = f"{{{SVG_NS}}}g", f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc"

COLOUR_NAMES = {"#5f5f5f": "grey", "#1a1a1a": "black", "#b2182b": "red", "#1f5fa8": "blue",
                "#6a3d9a": "purple"}

Descriptions = dict[str, tuple[str, str]]
"""Element id -> (title, description)."""


def accessible_svg(svg: bytes, title: str, description: str, described: Descriptions,
                   id_prefix: str) -> str:
    """`svg` with a title and description on the root and on each group named in
    `described`; other nodes and edges (gates, junctions, key points) are hidden from
    screen readers. Every id then gets `id_prefix`, so the SVG can be inlined in a page
    with ids of its own (the checklist has `stage-...` anchors). Comments and the DOCTYPE
    are dropped; output is deterministic."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    for element in list(root):
        if element.tag in (_TITLE, _DESC):
            root.remove(element)
    root.insert(0, _text_element(_TITLE, title, "title"))
    root.insert(1, _text_element(_DESC, description, "desc"))
    for group in root.iter(_G):
        _describe_group(group, described)
    for element in root.iter():
        if element.get("id"):
            element.set("id", id_prefix + element.get("id"))
    root.set("role", "img")
    root.set("aria-labelledby", f"{id_prefix}title {id_prefix}desc")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text_element(tag: str, text: str, element_id: str | None = None) -> ET.Element:
    element = ET.Element(tag)
    if element_id:
        element.set("id", element_id)
    element.text = text
    element.tail = "\n"
    return element


def _describe_group(group: ET.Element, described: Descriptions) -> None:
    kind = group.get("class")
    if kind not in ("graph", "node", "edge", "cluster"):
        return
    for old in group.findall(_TITLE) + group.findall(_DESC):
        group.remove(old)
    found = described.get(group.get("id", ""))
    if found is None:
        if kind != "graph":
            group.set("aria-hidden", "true")
        return
    group.insert(0, _text_element(_TITLE, found[0]))
    group.insert(1, _text_element(_DESC, found[1]))


# ---- what each part of the map says --------------------------------------------------


def map_descriptions(view: MapView) -> Descriptions:
    """Words for every box, route, band and key entry of the map, by SVG id."""
    described: Descriptions = {}
    for node in view.nodes:
        described[f"{node.kind}-{node.id}"] = (
            f"{KIND_NAMES[node.kind]}: {one_line(node.title)}", node.description)
    for index, edge in enumerate(view.edges):
        described[f"route-{index}"] = _route_words(view, index)
    for number, indexes in enumerate(route_groups(view)):
        if len(indexes) > 1:
            title, desc = _route_words(view, indexes[0])
            described[f"bundle-{number}"] = (
                f"{EDGE_NAMES[view.edges[indexes[0]].kind]}: {len(indexes)} routes joining "
                f"into {one_line(view.node(view.edges[indexes[0]].target).title)}", desc)
    for index, band in enumerate(view.bands):
        what = "Agency lane" if view.lanes == "agency" else "Level of need"
        caption = "" if view.lanes == "agency" else f" ({band.caption})"
        rank = f", band {index + 1} of {len(view.bands)} from the bottom"
        described[f"band-{band.key}"] = (f"{what}: {band.label}",
                                         f"{what} {band.label}{caption}{rank}.")
    described["key"] = ("Key", "What the shapes and lines of the map mean.")
    for kind in ("entry", "stage", "subpathway", "outcome"):
        described[f"key-{kind}"] = (f"Key: {KIND_NAMES[kind]}",
                                    f"The shape of a {KIND_NAMES[kind].lower()} box.")
    described["key-routes"] = ("Key: routes", "The lines of routes: " + "; ".join(
        f"{words} ({EDGE_STYLES[kind].style} {COLOUR_NAMES[EDGE_STYLES[kind].color]})"
        for kind, words in KEY_ROUTES) + ".")
    return described


def _route_words(view: MapView, index: int) -> tuple[str, str]:
    edge = view.edges[index]
    source, target = view.node(edge.source), view.node(edge.target)
    number = f" (criterion {edge.number})" if edge.number else ""
    title = (f"{EDGE_NAMES[edge.kind]}: from {one_line(source.title)} "
             f"to {one_line(target.title)}{number}")
    if edge.when:  # the tooltip says the criterion in full
        title += f". When: {one_line(edge.when)}"
    return title, (f"When: {one_line(edge.when)}" if edge.when else "No criterion given.")
