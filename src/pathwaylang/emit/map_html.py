"""`process-map.html`: the screen map to explore, offline: pan and zoom, and a card for each
stage (its level, lead, timescale, the criteria in and out, its actions).

The page holds the accessible map SVG, its own style and script (no CDN, nothing fetched),
and every card as plain HTML: without script all cards show under the map; with it, a click
on a stage (or Enter on it: each stage is a button) opens its card, and a list of the
stages opens the same cards from the keyboard or a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from pathwaylang import model as m
from pathwaylang.emit.map_view import EDGE_NAMES, MapView, one_line
from pathwaylang.emit.templating import render

MARKS = {"step up": "\u25b2 ", "step down": "\u25bc "}


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    level: str
    lead: str
    timescale: str
    criteria_in: tuple[str, ...]
    criteria_out: tuple[str, ...]
    actions: tuple[str, ...]


def map_html(program: m.Program, view: MapView, svg: str, lang: str = "en") -> str:
    """The page, around `svg` (the accessible map SVG, ids prefixed `pwy-map-`)."""
    drawing = svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
    cards = [_card(program, view, stage) for stage in program.root.stages]
    return render("process-map.html.j2", title=view.title, subtitle=view.subtitle,
                  description=view.description, svg=Markup(drawing), cards=cards, lang=lang)


def _card(program: m.Program, view: MapView, stage: m.Stage) -> Card:
    levels = {lv.id.value: lv for lv in program.levels}
    level = levels.get(stage.level.value) if stage.level else None
    node = view.node(stage.id.value)
    lead = next((d.removeprefix("Lead: ") for d in node.details if d.startswith("Lead: ")),
                "not given")
    into = [f"Entry criterion: {one_line(c.value)}" for c in stage.entry_criteria]
    into += [_route(view, i, "from") for i, e in enumerate(view.edges)
             if e.target == stage.id.value]
    out = [_route(view, i, "to") for i, e in enumerate(view.edges) if e.source == stage.id.value]
    actions = tuple(one_line(a.text.value) + (f" (within {a.within})" if a.within else "")
                    for a in stage.actions)
    return Card(stage.id.value, one_line(stage.title.value),
                f"{one_line(level.label.value)} ({level.domain.value})" if level else "not given",
                lead, str(stage.timescale) if stage.timescale else "not given",
                tuple(into), tuple(out), actions)


def _route(view: MapView, index: int, way: str) -> str:
    edge = view.edges[index]
    other = view.node(edge.source if way == "from" else edge.target)
    number = f" [{edge.number}]" if edge.number else ""
    if edge.kind == "entry":  # a way in's title is its description: "Way in: A parent ..."
        said = f"{EDGE_NAMES[edge.kind]}{number}: {one_line(other.title)}"
    else:
        said = (f"{MARKS.get(edge.kind, '')}{EDGE_NAMES[edge.kind]}{number} {way} "
                f"{one_line(other.title)}")
    return said + (f": {one_line(edge.when)}" if edge.when else "")
