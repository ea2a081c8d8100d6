"""The picture for `pwy diff --map`: NEW's process map with the changes marked.

Added stages, entries and outcomes get a thick green outline; changed ones an orange
double outline; removed ones come back as red dashed ghosts. Added routes are drawn thick
and green; removed routes come back as red dotted arrows. A "What changed" box lists every
change. Colour and line style both carry the meaning, so it reads in black and white too.
"""

from __future__ import annotations

import re

from pathwaylang import model as m
from pathwaylang.authoring.diff import Change
from pathwaylang.emit.dot import dot_id, html_text, map_dot
from pathwaylang.emit.map_view import MapView, build_map_view, one_line

ADDED, CHANGED, REMOVED = "#1a7f37", "#b35900", "#b2182b"
NODE_KINDS = {"stage", "entry", "outcome", "subpathway"}
MAX_LISTED = 40
_ROUTE_ID = re.compile(r'id="route-(\d+)"')


def diff_map_dot(program: m.Program, graph, changes: list[Change]) -> str:
    """DOT text of NEW's map with `changes` marked (pure: no rendering, no files)."""
    view = build_map_view(program, graph, "level")
    known = {node.id: node.kind for node in view.nodes}
    extra = _node_marks(changes, known)
    extra += _removed_routes(changes, known)
    extra.append(_change_list(changes))
    text = _mark_added_routes(map_dot(view), view, changes)
    head, _, _ = text.rstrip().rpartition("}")
    return head + "\n".join("  " + line for line in extra) + "\n}\n"


def _node_marks(changes: list[Change], known: dict[str, str]) -> list[str]:
    lines: list[str] = []
    added = {c.subject for c in changes if c.kind == "added" and c.what in NODE_KINDS}
    removed = [c for c in changes if c.kind == "removed" and c.what in NODE_KINDS]
    touched = {c.subject for c in changes if c.subject in known} - added
    for ident in sorted(added & known.keys()):
        lines.append(f'{dot_id(known[ident], ident)} [color="{ADDED}", penwidth=4];')
    for ident in sorted(touched):
        lines.append(f'{dot_id(known[ident], ident)} [color="{CHANGED}", penwidth=2, '
                     "peripheries=2];")
    for change in removed:
        label = html_text(f"Removed {change.what}: {one_line(change.old or change.subject)}")
        lines.append(f'{_ghost(change.subject)} [shape=box, style="dashed,rounded", '
                     f'color="{REMOVED}", fontcolor="#555555", label=<{label}>];')
    return lines


def _ghost(ident: str) -> str:
    return f"removed__{ident}"


def _removed_routes(changes: list[Change], known: dict[str, str]) -> list[str]:
    lines = []
    ghosts = {c.subject for c in changes if c.kind == "removed" and c.what in NODE_KINDS}
    for change in changes:
        if change.kind != "removed" or not change.what.endswith(" route") or not change.target:
            continue
        source = _endpoint(change.subject, known, ghosts)
        target = _endpoint(change.target, known, ghosts)
        if source and target:
            label = html_text("removed: " + change.what.removesuffix(" route"))
            lines.append(f'{source} -> {target} [color="{REMOVED}", style=dotted, penwidth=2.5, '
                         f'fontcolor="{REMOVED}", constraint=false, label=<{label}>];')
    return lines


def _endpoint(ident: str, known: dict[str, str], ghosts: set[str]) -> str | None:
    if ident in known:
        return dot_id(known[ident], ident)
    return _ghost(ident) if ident in ghosts else None


def _mark_added_routes(text: str, view: MapView, changes: list[Change]) -> str:
    """Thicken and colour the map's own arrows for routes NEW added (green) or changed
    (orange)."""
    colours = {(c.subject, c.target): CHANGED for c in changes if c.what.startswith("route ")}
    colours |= {(c.subject, c.target): ADDED for c in changes
                if c.kind == "added" and c.what.endswith(" route")}
    by_index = {str(i): colours[(e.source, e.target)] for i, e in enumerate(view.edges)
                if (e.source, e.target) in colours}

    def mark(line: str) -> str:
        found = _ROUTE_ID.search(line)
        if found and found.group(1) in by_index and line.rstrip().endswith("];"):
            return line.rstrip()[:-2] + f', color="{by_index[found.group(1)]}", penwidth=4];'
        return line

    return "\n".join(mark(line) for line in text.split("\n"))


def _change_list(changes: list[Change]) -> str:
    sign = {"added": "+", "removed": "−", "changed": "~"}
    rows = [f"<TR><TD ALIGN=\"LEFT\">{sign[c.kind]} {html_text(one_line(_describe(c)))}"
            f"</TD></TR>" for c in changes[:MAX_LISTED]]
    if len(changes) > MAX_LISTED:
        rows.append(f"<TR><TD ALIGN=\"LEFT\">… and {len(changes) - MAX_LISTED} more</TD></TR>")
    if not rows:
        rows = ['<TR><TD ALIGN="LEFT">No changes</TD></TR>']
    return ('diff__changes [shape=plain, label=<<TABLE BORDER="1" CELLBORDER="0" '
            'CELLSPACING="2"><TR><TD ALIGN="LEFT"><B>What changed</B></TD></TR>'
            + "".join(rows) + "</TABLE>>];")


def _describe(change: Change) -> str:
    flag = f" [{change.flag}]" if change.flag else ""
    value = change.new if change.kind != "removed" else change.old
    detail = f": {value}" if value else ""
    return f"{change.subject} {change.what}{detail}{flag}"[:160]
