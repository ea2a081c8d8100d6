"""`process-map.mmd`: the process map as a Mermaid flowchart, for GitHub and GitLab Markdown.

Every label is a quoted string in which anything but letters, digits, spaces and a few
harmless marks is written as a Mermaid entity code (`#34;` for `"`, `#60;` for `<`,
`#37;` for `%`, `#95;` for `_`...), so no pathway text can end a label, start a directive
(`%%{init}%%`), add a `click` line, reach the page as markup or turn into Markdown. Node ids are a prefix and an identifier,
so none is a Mermaid keyword such as `end`.
"""

from __future__ import annotations

import json

from pathwaylang.emit.map_view import MapEdge, MapNode, MapView, one_line, wrap

TITLE_WIDTH = 28
DETAIL_WIDTH = 34
EDGE_WIDTH = 36
ENTRY_WIDTH = 32

_SAFE = set(" .,:!?'()-+=@/\u25b2\u25bc")
"""Marks that mean nothing to Mermaid inside a quoted label. Everything else that is not a
letter or digit is an entity code: `_ * ` $` too, since Mermaid 11 reads labels as Markdown
(and `$$` as maths). ▲ and ▼ are written as themselves: Mermaid 11.12 draws their entity
codes as garbage (mermaid-js/mermaid#7015)."""

PREFIXES = {"entry": "in_", "stage": "st_", "outcome": "fin_", "subpathway": "sub_"}
SHAPES = {"entry": (">", "]"), "stage": ("[", "]"), "outcome": ("([", "])"),
          "subpathway": ("[[", "]]")}
ARROWS = {"entry": "-->", "exit": "-->", "step up": "==>", "step down": "-.->",
          "refer": "-->", "rejoin": "-.->"}
MARKS = {"step up": "\u25b2 Step up: ", "step down": "\u25bc Step down: ", "refer": "Refer: ",
         "rejoin": "Rejoins"}
LINK_STYLES = {
    "entry": "stroke:#5f5f5f,stroke-width:1px",
    "exit": "stroke:#1a1a1a,stroke-width:1.5px",
    "step up": "stroke:#b2182b,stroke-width:3px,stroke-dasharray:8 4,color:#b2182b",
    "step down": "stroke:#1f5fa8,stroke-width:3px,stroke-dasharray:2 4,color:#1f5fa8",
    "refer": "stroke:#6a3d9a,stroke-width:2px,color:#6a3d9a",
    "rejoin": "stroke:#6a3d9a,stroke-width:1px,stroke-dasharray:4 3,color:#6a3d9a",
}
CLASS_STYLES = {
    "entry": "fill:#e3efdc,stroke:#4d7c3a,color:#1a1a1a",
    "stage": "fill:#ffffff,stroke:#333333,color:#1a1a1a",
    "outcome": "fill:#fff1c9,stroke:#8a6d1f,stroke-width:3px,color:#1a1a1a",
    "subpathway": "fill:#ece3f5,stroke:#6a3d9a,color:#1a1a1a",
}


def mermaid_text(text: str) -> str:
    """One line of pathway text for inside a Mermaid `"..."` label."""
    return "".join(ch if ch.isalnum() or ch in _SAFE else f"#{ord(ch)};" for ch in text)


def mermaid_lines(lines: list[str]) -> str:
    """Lines for one label, joined by real line breaks inside the quotes: Mermaid 11 reads a
    label holding `<br>` as Markdown, after decoding its entity codes."""
    return "\n".join(mermaid_text(line) for line in lines)


def node_id(node: MapNode) -> str:
    return PREFIXES[node.kind] + node.id


def map_mermaid(view: MapView) -> str:
    """The map as a Mermaid flowchart, flowing up from the ways in, bands as subgraphs."""
    lines = ["---", f"title: {_yaml_string(view.title)}", "---",
             "%% Made by pathwaylang from the pathway file: edit that file, not this one.",
             "%% Thick dashed red: step up. Dotted blue: step down. Purple: subpathway.",
             "flowchart BT"]
    for band in view.bands:
        caption = "" if view.lanes == "agency" else f" ({band.caption})"
        lines.append(f'  subgraph band_{band.key}["{mermaid_text(band.label + caption)}"]')
        lines += ["    " + _node_statement(node) for node in view.band_nodes(band.key)]
        lines.append("  end")
    lines += ["  " + _node_statement(node) for node in view.band_nodes(None)]
    lines += ["  " + _edge_statement(view, edge) for edge in view.edges]
    lines += _styles(view)
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar; `%` escaped too, so no directive can start in it."""
    return json.dumps(one_line(text), ensure_ascii=False).replace("%", "\\u0025")


def _node_statement(node: MapNode) -> str:
    width = ENTRY_WIDTH if node.kind == "entry" else TITLE_WIDTH
    parts = [mermaid_lines(wrap(node.title, width))]
    if node.kind == "subpathway":
        parts.insert(0, "Subpathway:")
    parts += [mermaid_lines(wrap(detail, DETAIL_WIDTH)) for detail in node.details]
    opening, closing = SHAPES[node.kind]
    label = "\n".join(parts)
    return f'{node_id(node)}{opening}"{label}"{closing}'


def _edge_statement(view: MapView, edge: MapEdge) -> str:
    source, target = node_id(view.node(edge.source)), node_id(view.node(edge.target))
    text = MARKS.get(edge.kind, "") + (edge.when or "")
    text = text.rstrip(": ")
    label = f'|"{mermaid_lines(wrap(text, EDGE_WIDTH))}"|' if text else ""
    return f"{source} {ARROWS[edge.kind]}{label} {target}"


def _styles(view: MapView) -> list[str]:
    lines = [f"  classDef {kind} {style}" for kind, style in CLASS_STYLES.items()]
    for kind in CLASS_STYLES:
        members = [node_id(n) for n in view.nodes if n.kind == kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    for kind, style in LINK_STYLES.items():
        indexes = [str(i) for i, edge in enumerate(view.edges) if edge.kind == kind]
        if indexes:
            lines.append(f"  linkStyle {','.join(indexes)} {style}")
    return lines
