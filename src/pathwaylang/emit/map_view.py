"""The process map as a small view model: bands, boxes and routes that the DOT and Mermaid
emitters draw and the SVG accessibility pass describes, so every form shows the same map.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from pathwaylang import model as m

KIND_NAMES = {"entry": "Way in", "stage": "Stage", "outcome": "Outcome",
              "subpathway": "Subpathway", "connector": "On another page"}
EDGE_NAMES = {"entry": "Way in", "exit": "Exit", "step up": "Step up", "step down": "Step down",
              "refer": "Referral", "rejoin": "Rejoins"}
NO_AGENCY_LANE = "_no_single_agency"
FAMILY_LANE = "_family"


@dataclass(frozen=True)
class Band:
    """A horizontal band of the map: a level of need, or an agency's swimlane."""

    key: str
    label: str
    caption: str
    """The level's domain (`prevention`), or `agency`."""
    colour: str | None = None
    """Its fill when not the one its place gives it (a page of the map shows one band)."""


@dataclass(frozen=True)
class MapNode:
    id: str
    kind: str
    title: str
    details: tuple[str, ...]
    """Short lines shown under the title (lead, timescale, level in agency lanes)."""
    description: str
    """Everything about the node in one sentence list, for screen readers."""
    band: str | None
    """The key of the band the node sits in; None for nodes outside every band."""


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    kind: str
    when: str | None
    number: int | None = None
    """Its criterion's number (routes sharing a criterion into one node share it)."""


@dataclass(frozen=True)
class Criterion:
    """A route's criterion, numbered: the map marks the route with the number and prints the
    words once, in the numbered table beside it."""

    number: int
    kind: str
    sources: tuple[str, ...]
    target: str
    text: str
    edges: tuple[int, ...]
    """Indexes into `MapView.edges` of the routes it is written on (one, or a bundle)."""


@dataclass(frozen=True)
class MapView:
    title: str
    description: str
    lanes: str
    bands: tuple[Band, ...]
    """Lowest need (or first agency) first."""
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    subtitle: str = ""
    """Authority, version, status and review date, for under the title."""

    def node(self, node_id: str) -> MapNode:
        return next(n for n in self.nodes if n.id == node_id)

    def band_nodes(self, key: str | None) -> list[MapNode]:
        return [n for n in self.nodes if n.band == key]


def route_groups(view: MapView) -> list[list[int]]:
    """Indexes of `view.edges`, grouped: routes of one kind with the same criterion into the
    same node share one labelled arrow from a junction dot, so a criterion is written once."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, edge in enumerate(view.edges):
        shared = edge.kind not in ("entry", "rejoin")
        key = (edge.target, edge.kind, edge.when, edge.number)
        groups[key if shared else (index,)].append(index)
    return list(groups.values())


def _numbered(edges: list[MapEdge]) -> list[MapEdge]:
    """The routes with their criteria numbered from 1 in the order they are written, so a
    number is the same on every page and in every form of the map."""
    numbers: dict[tuple, int] = {}
    out = []
    for edge in edges:
        if edge.when and edge.kind not in ("entry", "rejoin"):
            number = numbers.setdefault((edge.target, edge.kind, edge.when), len(numbers) + 1)
            edge = MapEdge(edge.source, edge.target, edge.kind, edge.when, number)
        out.append(edge)
    return out


def criteria(view: MapView) -> list[Criterion]:
    """Every route group with a criterion, by number."""
    return list(_criteria(view))


@lru_cache(maxsize=32)
def _criteria(view: MapView) -> tuple[Criterion, ...]:
    """`criteria`, made once a view (every candidate page asks for the whole map's)."""
    found = []
    for indexes in route_groups(view):
        first = view.edges[indexes[0]]
        if first.number is not None:
            found.append(Criterion(first.number, first.kind,
                                   tuple(view.edges[i].source for i in indexes), first.target,
                                   first.when or "", tuple(indexes)))
    return tuple(sorted(found, key=lambda c: c.number))


_UNFIT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
"""Control characters but tab and line break (Unicode's `Cc`), lone surrogates (`Cs`) and
the line and paragraph separators."""


def clean(text: str) -> str:
    """Text fit for any output: tabs become spaces, other control characters (which XML and
    DOT cannot carry) become U+FFFD; line breaks are kept."""
    return _UNFIT.sub("\ufffd", text.replace("\t", " "))


def wrap(text: str, width: int) -> list[str]:
    """Wrap each written line to `width` characters, keeping the author's own line breaks."""
    return list(_wrapped(text, width))


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """`wrap`, once a text and width (a map's pages are drawn many ways, its words the same)."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return tuple(lines)


def one_line(text: str) -> str:
    """Text on one line (for descriptions and titles of SVG elements)."""
    return " ".join(clean(text).split())


def build_map_view(program: m.Program, graph: nx.MultiDiGraph, lanes: str = "level") -> MapView:
    """The map of `program`'s root pathway, in bands by level (`lanes="level"`) or by the
    lead's agency (`lanes="agency"`)."""
    if lanes not in ("level", "agency"):
        raise ValueError(f"unknown lanes {lanes!r}")
    names = _Names(program)
    bands = _level_bands(program) if lanes == "level" else _agency_bands(program, names)
    band_keys = {b.key for b in bands}
    nodes = [_map_node(node_id, data, graph, names, lanes, band_keys)
             for node_id, data in graph.nodes(data=True)]
    edges = _numbered([MapEdge(s, t, d["kind"], clean(d["when"]) if d["when"] else None)
                       for s, t, d in graph.edges(data=True)])
    pathway = program.root
    title = one_line(pathway.title.value if pathway.title else pathway.id.value)
    stages = sum(1 for n in nodes if n.kind == "stage")
    description = (f"Process map of {title}: {len(nodes)} boxes ({stages} stages) and "
                   f"{len(edges)} routes, in bands by "
                   f"{'level of need, lowest need at the bottom' if lanes == 'level' else 'the lead agency'}.")
    return MapView(title, description, lanes, tuple(bands), tuple(nodes), tuple(edges),
                   _subtitle(pathway))


def _subtitle(pathway: m.PathwayFile) -> str:
    """Who owns the map and which version it is: what a printed copy on a wall must say."""
    parts = [one_line(pathway.authority.value)] if pathway.authority else []
    if pathway.version:
        parts.append(f"version {one_line(pathway.version.value)}")
    if pathway.status:
        parts.append(pathway.status.value)
    if pathway.review and pathway.review.value:
        parts.append(f"review due {pathway.review.text}")
    return " \u00b7 ".join(parts)


class _Names:
    """Titles of levels, roles and agencies by id, as cleaned one-line text."""

    def __init__(self, program: m.Program):
        self.levels = {lv.id.value: lv for lv in program.levels}
        self.roles = {r.id.value: r for r in program.roles}
        self.agencies = {a.id.value: one_line(a.name.value) for a in program.agencies}

    def level(self, level: m.Name | None) -> str | None:
        found = self.levels.get(level.value) if level else None
        return f"{one_line(found.label.value)} ({found.domain.value})" if found else None

    def role(self, role: m.Name | None) -> str | None:
        if role is None:
            return None
        if role.value in m.BUILT_IN_ROLES:
            return m.BUILT_IN_ROLES[role.value]
        found = self.roles.get(role.value)
        return one_line(found.name.value) if found else role.value

    def lane_of(self, role: m.Name | None) -> str:
        if role is not None and role.value == "family":
            return FAMILY_LANE
        found = self.roles.get(role.value) if role else None
        if found is None or found.agency is None or found.agency.value not in self.agencies:
            return NO_AGENCY_LANE
        return found.agency.value


def _level_bands(program: m.Program) -> list[Band]:
    return [Band(lv.id.value, one_line(lv.label.value), lv.domain.value)
            for lv in sorted(program.levels, key=lambda lv: lv.rank)]


def _agency_bands(program: m.Program, names: _Names) -> list[Band]:
    used = {names.lane_of(stage.lead) for stage in program.root.stages}
    bands = [Band(a.id.value, one_line(a.name.value), "agency")
             for a in program.agencies if a.id.value in used]
    bands = list({b.key: b for b in bands}.values())
    if FAMILY_LANE in used:
        bands.append(Band(FAMILY_LANE, "The family", "agency"))
    if NO_AGENCY_LANE in used:
        bands.append(Band(NO_AGENCY_LANE, "Led from any agency", "agency"))
    return bands


def _map_node(node_id: str, data: dict, graph: nx.MultiDiGraph, names: _Names, lanes: str,
              band_keys: set[str]) -> MapNode:
    kind, item = data["kind"], data["node"]
    if kind == "stage":
        return _stage_node(item, names, lanes, band_keys)
    if kind == "entry":
        band = _entry_band(item, graph, names, lanes)
        return MapNode(node_id, kind, clean(item.description.value), (),
                       f"Way in: {one_line(item.description.value)}.",
                       band if band in band_keys else None)
    if kind == "outcome":
        level = names.level(item.level)
        band = item.level.value if (lanes == "level" and item.level) else None
        if lanes == "agency":
            details = (f"Level: {level}",) if level else ()
        else:
            details = () if item.level else ("Ends the pathway at any level",)
        description = f"Outcome (end of the pathway). Level: {level or 'any'}."
        return MapNode(node_id, kind, clean(item.title.value), details, description,
                       band if band in band_keys else None)
    if kind == "subpathway":
        rejoin = item.rejoin.value if item.rejoin else None
        rejoin_title = _title_of(graph, rejoin) if rejoin else None
        details = (f"Rejoins at: {rejoin_title}",) if rejoin_title else ()
        description = "Subpathway (a separate pathway file)." + (
            f" Rejoins the pathway at {rejoin_title}." if rejoin_title else "")
        return MapNode(node_id, kind, clean(item.title.value), details, description, None)
    raise ValueError(f"no map node for a node of kind {kind!r}")


def _stage_node(stage: m.Stage, names: _Names, lanes: str, band_keys: set[str]) -> MapNode:
    level, lead = names.level(stage.level), names.role(stage.lead)
    timescale = str(stage.timescale) if stage.timescale else None
    details = []
    if lanes == "agency" and level:
        details.append(f"Level: {level}")
    if lead:
        details.append(f"Lead: {lead}")
    if timescale:
        details.append(f"Timescale: {timescale}")
    parts = [f"Level: {level or 'not given'}", f"Lead: {lead or 'not given'}"]
    if timescale:
        parts.append(f"Timescale: {timescale}")
    band = (stage.level.value if stage.level else None) if lanes == "level" \
        else names.lane_of(stage.lead)
    return MapNode(stage.id.value, "stage", clean(stage.title.value), tuple(details),
                   "Stage. " + ". ".join(parts) + ".", band if band in band_keys else None)


def _entry_band(entry: m.Entry, graph: nx.MultiDiGraph, names: _Names, lanes: str) -> str | None:
    """An entry point sits in the band of the stage it feeds."""
    target = graph.nodes.get(entry.target.value)
    if target is None or target["kind"] != "stage":
        return None
    stage = target["node"]
    if lanes == "level":
        return stage.level.value if stage.level else None
    return names.lane_of(stage.lead)


def _title_of(graph: nx.MultiDiGraph, node_id: str) -> str | None:
    data = graph.nodes.get(node_id)
    if data is None:
        return None
    item = data["node"]
    return one_line(item.title.value if hasattr(item, "title") else item.description.value)
