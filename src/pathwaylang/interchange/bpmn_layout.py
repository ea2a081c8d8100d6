"""Where the BPMN diagram puts things: Graphviz lays the process out, left to right, one
cluster per lane, and its coordinates (points, taken 1:1 as BPMN pixels) become the
diagram's shapes, labels and waypoints.

Graphviz is given no pathway text: each node is a box the size of its shape and its
label (an event's name sits under it), and each named flow carries an empty label the
size its name will take, so the layout leaves room for every word bpmn-js writes. Each
lane's cluster holds an invisible post in the first rank and another in the last, so
every cluster spans the whole width and the lanes stack one above the other.
"""

from __future__ import annotations

import itertools
import json
import math
import textwrap
from dataclasses import dataclass, replace

from pathwaylang.emit import graphviz_render as gv
from pathwaylang.interchange.bpmn_flow import FlowNode, Process

POOL_BAND = 30
"""Width of the band at a horizontal pool's left that holds its name (bpmn-js draws 30)."""
LANE_BAND = 30
MARGIN = 20
TASK_WIDTH = 140
EVENT_SIZE = 36
GATEWAY_SIZE = 50
LABEL_GAP = 6
CHAR_WIDTH = 6.4
"""A generous average advance of bpmn-js's 11-12 px Arial, so wrapped text fits its box."""
LINE_HEIGHT = 15
ORDER_TRIES = 24
"""Most layouts tried to get lanes by level in order (4 levels: every order)."""
GATEWAY_LABEL_WIDTH = GATEWAY_SIZE
"""As wide as the diamond, so the port `e` of the box Graphviz places is the diamond's corner."""


@dataclass(frozen=True)
class Bounds:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def overlaps(self, other: "Bounds") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class Layout:
    pool: Bounds
    lanes: dict[str, Bounds]
    """Lane key -> bounds; the lanes tile the pool, less its name band."""
    lane_order: tuple[str, ...]
    """Lane keys from top to bottom."""
    shapes: dict[str, Bounds]
    labels: dict[str, Bounds]
    """Element id -> bounds of its external label (events, gateways, named flows)."""
    waypoints: dict[str, tuple[tuple[int, int], ...]]


# ---- sizes ------------------------------------------------------------------------------


def text_lines(text: str, width: int) -> int:
    per_line = max(int(width / CHAR_WIDTH), 4)
    return max(len(textwrap.wrap(text, per_line, break_long_words=True)), 1)


def shape_size(node: FlowNode) -> tuple[int, int]:
    if node.kind in ("task", "call"):
        lines = text_lines(node.name, TASK_WIDTH - 16)
        return TASK_WIDTH, max(80, lines * LINE_HEIGHT + 24)
    if node.kind == "gateway":
        return GATEWAY_SIZE, GATEWAY_SIZE
    return EVENT_SIZE, EVENT_SIZE


def label_size(text: str, width: int) -> tuple[int, int]:
    return width, text_lines(text, width) * LINE_HEIGHT + 4


def external_label(node: FlowNode) -> tuple[int, int] | None:
    """The size of an event's or gateway's label; None for tasks (named inside)."""
    if node.kind in ("task", "call") or not node.name:
        return None
    return label_size(node.name, GATEWAY_LABEL_WIDTH if node.kind == "gateway" else 130)


def flow_label_width(name: str) -> int:
    return 130 if len(name) > 20 else max(60, int(len(name) * CHAR_WIDTH) + 8)


# ---- the DOT text -----------------------------------------------------------------------


def layout_dot(process: Process) -> str:
    """DOT text laying `process` out; nodes are named `n<index>`, flows `f<index>`."""
    index = {node.id: k for k, node in enumerate(process.nodes)}
    lines = ["digraph bpmn {",
             "  graph [rankdir=LR, newrank=true, nodesep=0.3, ranksep=0.55, "
             "splines=polyline, outputorder=edgesfirst];",
             '  node [shape=box, fixedsize=true, label=""];',
             "  edge [dir=none];"]
    for number, lane in enumerate(process.lanes):
        members = [n for n in process.nodes if n.lane == lane.key]
        post = _inches(max(40, text_lines(lane.name, 60) * 30))
        lines += [f"  subgraph cluster_{number} {{", "    margin=18;",
                  f"    a{number} [width=0.01, height={post}, style=invis];",
                  f"    z{number} [width=0.01, height=0.01, style=invis];"]
        lines += [f"    n{index[n.id]} [width={_inches(w)}, height={_inches(h)}];"
                  for n in members for w, h in [_footprint(n)]]
        lines.append("  }")
    count = len(process.lanes)
    # every post in the first rank and the last: each lane's cluster spans the whole width
    # (dot orders the clusters, top to bottom, to cross as few flows as it can)
    lines.append("  {rank=min; " + " ".join(f"a{k};" for k in range(count)) + "}")
    lines.append("  {rank=max; " + " ".join(f"z{k};" for k in range(count)) + "}")
    lines += [f"  a{k} -> z{k} [style=invis];" for k in range(count)]
    kinds = {node.id: node.kind for node in process.nodes}
    for number, flow in enumerate(process.flows):
        label = ""
        if flow.name:
            width, height = label_size(flow.name, flow_label_width(flow.name))
            label = (f', label=<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
                     f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"> </TD>'
                     f"</TR></TABLE>>")
        ports = ", tailport=e" if kinds[flow.source] in ("start", "gateway") else ""
        ports += ", headport=w" if kinds[flow.target] in ("end", "gateway") else ""
        lines.append(f"  n{index[flow.source]} -> n{index[flow.target]} "
                     f"[id=f{number}{ports}{label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _footprint(node: FlowNode) -> tuple[int, int]:
    """The box Graphviz places: the shape and its label. A start event's label is on its
    left and an end event's on its right, so flows meet the circle at the box's side
    (ports `e` and `w`); a gateway's is above, with as much room below to keep the diamond
    on the box's middle line."""
    width, height = shape_size(node)
    label = external_label(node)
    if label is None:
        return width, height
    if node.kind == "gateway":
        return max(width, label[0]), height + 2 * (LABEL_GAP + label[1])
    return width + LABEL_GAP + label[0], max(height, label[1])


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


# ---- from Graphviz's answer to the diagram -----------------------------------------------


def lay_out(process: Process, keep_order: bool = False) -> Layout:
    """Run `dot` on the process and place every shape, label and flow.

    With `keep_order` (lanes by level, whose order means something), the lanes must stack
    in the process's order, top to bottom. Graphviz cannot be told an order of clusters,
    but the order it finds follows the order they are written in, so the clusters are
    written in one order after another (a fixed sequence, so the result is the same every
    time) until the lanes come out right, at most ORDER_TRIES times; else the try with the
    fewest lanes out of place wins."""
    wanted = [lane.key for lane in process.lanes]
    best: tuple[int, Layout] | None = None
    tries = itertools.islice(itertools.permutations(process.lanes),
                             ORDER_TRIES if keep_order else 1)
    for lanes in tries:
        attempt = replace(process, lanes=lanes)
        geometry = json.loads(gv.run("dot", "json", layout_dot(attempt)))
        layout = layout_from(attempt, geometry)
        misplaced = _inversions(list(layout.lane_order), wanted)
        if best is None or misplaced < best[0]:
            best = (misplaced, layout)
        if misplaced == 0:
            break
    assert best is not None
    return best[1]


def _inversions(order: list[str], wanted: list[str]) -> int:
    """How many pairs of lanes are the wrong way round."""
    rank = [wanted.index(key) for key in order]
    return sum(1 for i, a in enumerate(rank) for b in rank[i + 1:] if a > b)


def layout_from(process: Process, geometry: dict) -> Layout:
    x0, y0, x1, y1 = (float(v) for v in geometry["bb"].split(","))
    left = POOL_BAND + LANE_BAND + MARGIN

    def point(x: float, y: float) -> tuple[int, int]:
        return round(x - x0 + left), round(y1 - y + MARGIN)

    objects = geometry.get("objects", [])
    nodes = {o["name"]: o for o in objects if "pos" in o}
    clusters = {o["name"]: o for o in objects if o.get("name", "").startswith("cluster_")}
    shapes: dict[str, Bounds] = {}
    labels: dict[str, Bounds] = {}
    for k, node in enumerate(process.nodes):
        centre = point(*(float(v) for v in nodes[f"n{k}"]["pos"].split(",")))
        shapes[node.id], label = _place_node(node, centre)
        if label is not None:
            labels[node.id] = label
    waypoints: dict[str, tuple[tuple[int, int], ...]] = {}
    kinds = {node.id: node.kind for node in process.nodes}
    for edge in geometry.get("edges", []):
        if "id" not in edge:  # the lanes' invisible posts
            continue
        flow = process.flows[int(edge["id"][1:])]
        points = [point(*(float(v) for v in p.split(","))) for p in edge["pos"].split()
                  if not p.startswith(("e,", "s,"))]
        waypoints[flow.id] = _clip(points[::3], (shapes[flow.source], kinds[flow.source]),
                                   (shapes[flow.target], kinds[flow.target]))
        if flow.name and "lp" in edge:
            cx, cy = point(*(float(v) for v in edge["lp"].split(",")))
            width, height = label_size(flow.name, flow_label_width(flow.name))
            labels[flow.id] = Bounds(cx - width // 2, cy - height // 2, width, height)
    _settle_labels(process, shapes, labels)
    pool_height = round(y1 - y0) + 2 * MARGIN
    pool = Bounds(0, 0, round(x1 - x0) + left + MARGIN, pool_height)
    order, lanes = _lanes(process, clusters, point, pool)
    return Layout(pool, lanes, order, shapes, labels, waypoints)


def _settle_labels(process: Process, shapes: dict[str, Bounds],
                   labels: dict[str, Bounds]) -> None:
    """Move a flow's label up or down a little where it lands on a shape or another label
    (dot places edge labels beside their own edge, but not always clear of the rest)."""
    taken = list(shapes.values()) + [labels[n.id] for n in process.nodes if n.id in labels]
    for flow in process.flows:
        label = labels.get(flow.id)
        if label is None:
            continue
        for shift in _SHIFTS:
            moved = Bounds(label.x, label.y + shift, label.width, label.height)
            if not any(moved.overlaps(other) for other in taken):
                labels[flow.id] = label = moved
                break
        taken.append(label)


_SHIFTS = [0] + [step * sign for step in range(6, 160, 6) for sign in (-1, 1)]


def _place_node(node: FlowNode, centre: tuple[int, int]) -> tuple[Bounds, Bounds | None]:
    """The shape and its label within the footprint Graphviz placed at `centre`."""
    width, height = shape_size(node)
    label = external_label(node)
    cx, cy = centre
    if label is None:
        return Bounds(cx - width // 2, cy - height // 2, width, height), None
    full_width, _ = _footprint(node)
    left = cx - full_width // 2
    if node.kind == "gateway":
        shape = Bounds(cx - width // 2, cy - height // 2, width, height)
        return shape, Bounds(cx - label[0] // 2, shape.y - LABEL_GAP - label[1], *label)
    if node.kind == "start":
        shape = Bounds(left + full_width - width, cy - height // 2, width, height)
        return shape, Bounds(left, cy - label[1] // 2, *label)
    shape = Bounds(left, cy - height // 2, width, height)
    return shape, Bounds(shape.right + LABEL_GAP, cy - label[1] // 2, *label)


def _lanes(process: Process, clusters: dict, point, pool: Bounds):
    """Lanes from the clusters' extents, top to bottom, stretched to touch each other."""
    spans = []
    for number, lane in enumerate(process.lanes):
        bx0, by0, bx1, by1 = (float(v) for v in clusters[f"cluster_{number}"]["bb"].split(","))
        top, bottom = point(bx0, by1)[1], point(bx0, by0)[1]
        spans.append((top, bottom, lane.key))
    spans.sort()
    lanes: dict[str, Bounds] = {}
    for k, (top, bottom, key) in enumerate(spans):
        upper = pool.y if k == 0 else (spans[k - 1][1] + top) // 2
        lower = pool.bottom if k == len(spans) - 1 else (bottom + spans[k + 1][0]) // 2
        lanes[key] = Bounds(pool.x + POOL_BAND, upper, pool.width - POOL_BAND, lower - upper)
    return tuple(key for _, _, key in spans), lanes


def _clip(points: list[tuple[int, int]], source: tuple[Bounds, str],
          target: tuple[Bounds, str]) -> tuple[tuple[int, int], ...]:
    """The route from the outline of the source shape to the outline of the target (Graphviz
    ended it on the footprint, which holds an event's or gateway's label too)."""
    inner = [p for p in points[1:-1]
             if not _inside(p, source[0]) and not _inside(p, target[0])]
    start = _outline(*source, inner[0] if inner else _centre(target[0]))
    end = _outline(*target, inner[-1] if inner else _centre(source[0]))
    return tuple([start, *inner, end])


def _centre(bounds: Bounds) -> tuple[int, int]:
    return bounds.x + bounds.width // 2, bounds.y + bounds.height // 2


def _inside(p: tuple[int, int], bounds: Bounds) -> bool:
    return bounds.x <= p[0] <= bounds.right and bounds.y <= p[1] <= bounds.bottom


def _outline(bounds: Bounds, kind: str, toward: tuple[int, int]) -> tuple[int, int]:
    """Where the line from the shape's centre toward a point crosses its outline: a box
    (tasks), a circle (events) or a diamond (gateways)."""
    cx, cy = _centre(bounds)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = bounds.width / 2, bounds.height / 2
    if kind in ("start", "end"):
        scale = half_w / math.hypot(dx, dy)
    elif kind == "gateway":
        scale = 1 / (abs(dx) / half_w + abs(dy) / half_h)
    else:
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return round(cx + dx * scale), round(cy + dy * scale)
