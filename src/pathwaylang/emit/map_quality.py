"""How readable a drawn map is, measured on Graphviz's own drawing instructions.

`measure` reads the `-Tjson` output of a laid-out sheet (the xdot operations Graphviz
draws with: each piece of text with its place, width and point size; each route's Bézier
curve; each arrowhead's polygon) and counts what makes a printed map hard to read: text
over text, routes through text, arrowheads on top of each other, bands shorter than their
names, routes crossing, routes that wander across the sheet, and text too small to read
at the size the sheet prints (`scale`: 1 when the sheet is printed on its own paper).
"""

from __future__ import annotations

from dataclasses import dataclass

from pathwaylang.emit import graphviz_render as gv

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1 in points."""

SAMPLES = 10
"""Points sampled on each Bézier segment of a route."""
STACKED = 0.3
"""Arrowheads covering this share of each other print as one blob."""
SAME_TIP = 3.0
"""Arrowheads whose tips are closer than this (points) point at one spot."""
CELL = 10.0
EDGE = 22.0
"""The sheet's blank margin (map_sheet.MARGIN), left out of `fill`."""
NEAR_END = 6.0
"""Crossings this close to a route's own ends are routes meeting at a box, not crossing."""


@dataclass(frozen=True)
class Text:
    box: Box
    size: float
    bold: bool
    owner: str
    """The node, edge or graph whose label it is."""
    text: str


@dataclass(frozen=True)
class Route:
    owner: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Quality:
    width: float
    height: float
    texts: int
    routes: int
    text_overlaps: int
    routes_through_text: int
    stacked_heads: int
    collapsed_bands: int
    crossings: int
    longest_route: float
    """The longest route's length as a share of the sheet's width."""
    smallest_text: float
    """Point size of the smallest text as printed."""
    smallest_stage_title: float | None
    fill: float
    """The share of the sheet inside its margins that has something drawn on it (a box, a
    band, a table, a line of text), on a grid of `CELL`-point squares."""
    problems: tuple[str, ...]
    """A few words on each overlap, route through text, stacked head and collapsed band."""


def measure_source(source: str, engine: str = "neato", no_op: int | None = 2,
                   scale: float = 1.0, counts_only: bool = False) -> Quality:
    """Lay out (or, with `neato -n2`, just draw) `source` and measure the drawing.
    `counts_only`: only the figures are read, not the order of `problems` (planning a map's
    pages), so a sheet may be drawn in a shared process."""
    return measure(gv.geometry(engine, source, no_op, drawn=True, any_order=counts_only), scale)


def printed(source: str, paper: tuple[float, float]) -> Quality:
    """A sheet (`neato -n2` DOT) measured as it prints on `paper` (landscape points, or
    the same turned portrait for a portrait sheet): one larger than the paper is scaled
    down to fit, and its text sizes are the scaled ones."""
    drawing = gv.geometry("neato", source, 2, drawn=True)
    x0, y0, x1, y1 = (float(v) for v in drawing["bb"].split(","))
    width, height = x1 - x0, y1 - y0
    sheet = paper if width >= height else (paper[1], paper[0])
    scale = min(1.0, sheet[0] / width, sheet[1] / height)
    return measure(drawing, 1.0 if scale > 0.999 else scale)  # sizes rounded to 0.01 pt


def measure(drawing: dict, scale: float = 1.0) -> Quality:
    x0, y0, x1, y1 = (float(v) for v in drawing["bb"].split(","))
    texts = _texts(drawing)
    routes, heads = _routes(drawing)
    problems: list[str] = []
    overlaps = _overlaps(texts, problems)
    through = _through(routes, texts, problems)
    stacked = _stacked(heads, problems)
    collapsed = _collapsed(drawing, texts, problems)
    width = x1 - x0
    lengths = [_length(r.points) for r in routes]
    stage_titles = [t.size for t in texts
                    if t.owner.startswith("stage__") and "->" not in t.owner and t.bold]
    return Quality(
        width=width, height=y1 - y0, texts=len(texts), routes=len(routes),
        text_overlaps=overlaps, routes_through_text=through, stacked_heads=stacked,
        collapsed_bands=collapsed, crossings=_crossings(routes),
        longest_route=max(lengths, default=0.0) / width if width else 0.0,
        smallest_text=min((t.size for t in texts), default=0.0) * scale,
        smallest_stage_title=min(stage_titles) * scale if stage_titles else None,
        fill=_fill(drawing, texts, (x0, y0, x1, y1)), problems=tuple(problems[:20]))


# ---- what is drawn --------------------------------------------------------------------------


def _objects(drawing: dict) -> list[tuple[str, dict]]:
    found = [(str(drawing.get("name", "")), drawing)]
    found += [(str(o.get("name", "")), o) for o in drawing.get("objects", [])]
    names = {o.get("_gvid"): str(o.get("name", "")) for o in drawing.get("objects", [])}
    found += [(f"{names.get(e['tail'])}->{names.get(e['head'])}#{e.get('id', e['_gvid'])}", e)
              for e in drawing.get("edges", [])]
    return found


def _texts(drawing: dict) -> list[Text]:
    texts = []
    for owner, obj in _objects(drawing):
        for key in ("_ldraw_", "_hldraw_", "_tldraw_"):
            size, bold = 14.0, False
            for op in obj.get(key, []):
                if op["op"] == "F":
                    size = float(op["size"])
                elif op["op"] == "t":
                    bold = bool(int(op.get("fontchar", 0)) & 1)
                elif op["op"] == "T" and op["text"].strip():
                    texts.append(Text(_text_box(op, size), size, bold, owner, op["text"]))
    return texts


def _text_box(op: dict, size: float) -> Box:
    """The ink of a line of text: its width from Graphviz, from a little under the
    baseline to the height of capitals (a margin narrower than the font's line)."""
    x, y = op["pt"]
    width = float(op["width"])
    left = {"l": x, "c": x - width / 2, "r": x - width}[op.get("align", "c")]
    return (left, y - 0.2 * size, left + width, y + 0.72 * size)


Head = tuple[str, Box, tuple[float, float]]
"""An arrowhead: its route, its bounding box and its tip."""


def _routes(drawing: dict) -> tuple[list[Route], list[Head]]:
    routes, heads = [], []
    for owner, obj in _objects(drawing):
        if "->" not in owner:
            continue
        splines = [tuple(_bezier(op["points"])) for op in obj.get("_draw_", [])
                   if op["op"] == "b"]
        routes += [Route(owner, points) for points in splines]
        for key, base in (("_hdraw_", -1), ("_tdraw_", 0)):
            for op in obj.get(key, []):
                if op["op"] in ("P", "p") and op["points"] and splines:
                    end = splines[base][base]
                    points = [tuple(p) for p in op["points"]]
                    tip = max(points, key=lambda p: (p[0] - end[0]) ** 2 + (p[1] - end[1]) ** 2)
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    heads.append((owner, (min(xs), min(ys), max(xs), max(ys)), tip))
    return routes, heads


def _bezier(points: list[list[float]]) -> list[tuple[float, float]]:
    out = [tuple(points[0])]
    for i in range(0, len(points) - 3, 3):
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = points[i:i + 4]
        for step in range(1, SAMPLES + 1):
            t = step / SAMPLES
            u = 1 - t
            out.append((u ** 3 * ax + 3 * u * u * t * bx + 3 * u * t * t * cx + t ** 3 * dx,
                        u ** 3 * ay + 3 * u * u * t * by + 3 * u * t * t * cy + t ** 3 * dy))
    return out


# ---- the measures ---------------------------------------------------------------------------


def _meets(a: Box, b: Box, slack: float = 0.5) -> bool:
    return (a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3]
            and b[1] + slack < a[3])


def _overlaps(texts: list[Text], problems: list[str]) -> int:
    count = 0
    ordered = sorted(texts, key=lambda t: t.box[0])
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if second.box[0] >= first.box[2]:
                break
            if _meets(first.box, second.box):
                count += 1
                problems.append(f"text over text: {first.text!r} / {second.text!r}")
    return count


GRID = 64.0
"""Side (points) of the squares `_through` files text under, so that each point of a route
is tried against the few texts near it rather than all of them."""


def _through(routes: list[Route], texts: list[Text], problems: list[str]) -> int:
    """Pairs of a route and another's text with a point of the route inside the text's
    ink (half a point in from its edges), route by route, texts in their order."""
    inner = [(t.box[0] + 0.5, t.box[1] + 0.5, t.box[2] - 0.5, t.box[3] - 0.5) for t in texts]
    cells: dict[tuple[int, int], list[int]] = {}
    for index, (x0, y0, x1, y1) in enumerate(inner):
        if x0 < x1 and y0 < y1:  # else no point is inside
            for i in range(int(x0 // GRID), int(x1 // GRID) + 1):
                for j in range(int(y0 // GRID), int(y1 // GRID) + 1):
                    cells.setdefault((i, j), []).append(index)
    count = 0
    for route in routes:
        hit: set[int] = set()
        for x, y in route.points:
            for index in cells.get((int(x // GRID), int(y // GRID)), ()):
                x0, y0, x1, y1 = inner[index]
                if x0 < x < x1 and y0 < y < y1:
                    hit.add(index)
        for index in sorted(hit):
            if texts[index].owner != route.owner:
                count += 1
                problems.append(f"route {route.owner} through {texts[index].text!r}")
    return count


def _stacked(heads: list[Head], problems: list[str]) -> int:
    """Pairs of arrowheads with one tip, or covering much of each other (a third of the
    smaller one)."""
    count = 0
    for i, (owner, box, tip) in enumerate(heads):
        for other, second, other_tip in heads[i + 1:]:
            width = min(box[2], second[2]) - max(box[0], second[0])
            height = min(box[3], second[3]) - max(box[1], second[1])
            covered = width > 0 and height > 0 and \
                width * height >= STACKED * min(_area(box), _area(second))
            if covered or _near(tip, other_tip, SAME_TIP):
                count += 1
                problems.append(f"arrowheads on top of each other: {owner} / {other}")
    return count


def _area(box: Box) -> float:
    return max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)


def _collapsed(drawing: dict, texts: list[Text], problems: list[str]) -> int:
    """Bands whose name does not fit inside them (a band with no room, or none at all)."""
    count = 0
    boxes = {}
    for obj in drawing.get("objects", []):
        name = str(obj.get("name", ""))
        if name.startswith("background__") and "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            boxes[name.removeprefix("background__")] = (x - w, y - h, x + w, y + h)
    for key, box in boxes.items():
        names = [t for t in texts if t.owner == f"bandname__{key}"]
        if not names or any(t.box[1] < box[1] - 0.5 or t.box[3] > box[3] + 0.5 for t in names):
            count += 1
            problems.append(f"band {key} is shorter than its name")
    return count


def drawn_boxes(drawing: dict, texts: list[Text]) -> list[Box]:
    """What `fill` counts as drawn on: each text, and each visible box larger than a dot."""
    boxes = [t.box for t in texts]
    for obj in drawing.get("objects", []):
        if "pos" in obj and "width" in obj and "invis" not in str(obj.get("style", "")):
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            if w * h > 4:
                boxes.append((x - w, y - h, x + w, y + h))
    return boxes


def _fill(drawing: dict, texts: list[Text], sheet: Box) -> float:
    """The share of the grid's cells inside the margins that a visible box or text covers."""
    boxes = drawn_boxes(drawing, texts)
    left, bottom = sheet[0] + EDGE, sheet[1] + EDGE
    columns = max(1, int((sheet[2] - EDGE - left) // CELL))
    rows = max(1, int((sheet[3] - EDGE - bottom) // CELL))
    covered = [0] * rows  # a row's cells as the bits of a number: column i is bit i
    for x0, y0, x1, y1 in boxes:
        first, last = max(0, int((x0 - left) // CELL)), min(columns, int((x1 - left) // CELL) + 1)
        if first < last:
            span = ((1 << (last - first)) - 1) << first
            for j in range(max(0, int((y0 - bottom) // CELL)),
                           min(rows, int((y1 - bottom) // CELL) + 1)):
                covered[j] |= span
    return sum(row.bit_count() for row in covered) / (columns * rows)


def _length(points: tuple[tuple[float, float], ...]) -> float:
    return sum(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
               for (ax, ay), (bx, by) in zip(points, points[1:]))


def _crossings(routes: list[Route]) -> int:
    """Points where two routes cross, away from the ends they may share."""
    segments = []
    for index, route in enumerate(routes):
        ends = (route.points[0], route.points[-1])
        for a, b in zip(route.points, route.points[1:]):
            segments.append((index, a, b, ends))
    segments.sort(key=lambda s: min(s[1][0], s[2][0]))
    count = 0
    for i, (first, a, b, ends) in enumerate(segments):
        right = max(a[0], b[0])
        for second, c, d, other_ends in segments[i + 1:]:
            if min(c[0], d[0]) > right:
                break
            if second == first:
                continue
            point = _intersection(a, b, c, d)
            if point and not any(_near(point, e) for e in (*ends, *other_ends)):
                count += 1
    return count


def _near(p: tuple[float, float], q: tuple[float, float], distance: float = NEAR_END) -> bool:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 < distance ** 2


def _intersection(a, b, c, d) -> tuple[float, float] | None:
    rx, ry = b[0] - a[0], b[1] - a[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    cross = rx * sy - ry * sx
    if abs(cross) < 1e-9:
        return None
    t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / cross
    u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / cross
    if 0 <= t < 1 and 0 <= u < 1:
        return (a[0] + t * rx, a[1] + t * ry)
    return None
