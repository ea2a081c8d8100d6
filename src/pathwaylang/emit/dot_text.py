"""The words and styles of the map's DOT text: escaping pathway text for HTML-like labels,
node names, and how each kind of route is drawn and marked.

Every piece of pathway text goes into an HTML-like label through `html_text`, which escapes
`& < > " ]` as entities and doubles backslashes (Graphviz expands `\\N`, `\\G`... even inside
HTML-like labels), so no pathway can end a label, add attributes or inject markup. Node and
cluster names are a prefix and an identifier, so they are never DOT keywords.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from pathwaylang.emit.map_view import clean

FONT = "DejaVu Sans"
TITLE_WIDTH = 28
ENTRY_WIDTH = 30
DETAIL_WIDTH = 34
CONNECTOR_WIDTH = 28
CRITERION_WIDTH = 56
MARKER_SIZE = 10
"""Point size of a route's marker (its criterion's number) and of the criteria table."""
CRITERIA_SIZE = 8.5


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    penwidth: str
    arrowhead: str


EDGE_STYLES = {
    "entry": EdgeStyle("#5f5f5f", "solid", "1.2", "normal"),
    "exit": EdgeStyle("#1a1a1a", "solid", "1.4", "normal"),
    "step up": EdgeStyle("#b2182b", "dashed", "2.6", "normal"),
    "step down": EdgeStyle("#1f5fa8", "dotted", "3.2", "empty"),
    "refer": EdgeStyle("#6a3d9a", "solid", "2.2", "vee"),
    "rejoin": EdgeStyle("#6a3d9a", "dashed", "1.2", "vee"),
}

NODE_STYLES = {
    "entry": 'shape=cds, style="filled", fillcolor="#e3efdc", color="#4d7c3a", '
             'margin="0.12,0.05"',
    "stage": 'shape=box, style="filled", fillcolor="#ffffff", color="#333333", penwidth=1.4, '
             'margin="0.12,0.06"',
    "outcome": 'shape=box, style="rounded,filled,bold", fillcolor="#fff1c9", color="#8a6d1f", '
               'peripheries=2, margin="0.12,0.06"',
    "subpathway": 'shape=box3d, style="filled", fillcolor="#ece3f5", color="#6a3d9a", '
                  'margin="0.12,0.06"',
    "connector": 'shape=box, style="rounded,dashed,filled", fillcolor="#ffffff", '
                 'color="#555555", penwidth=1.2, margin="0.1,0.05"',
}

BAND_COLOURS = ("#eef4f9", "#f7f0e4", "#f6e6e6", "#ece9f4", "#e7f2ea", "#f3f3e6")
"""Band fills from the lowest band up; they repeat past six bands."""

KEY_ROUTES = (
    ("exit", "Exit; a number: its criterion in the table"),
    ("step up", "\u25b2 Step up to a higher level"),
    ("step down", "\u25bc Step down to a lower level"),
    ("refer", "Refer to a subpathway"),
    ("rejoin", "Rejoin the pathway"),
)


def html_text(text: str) -> str:
    """Pathway text as the content of a Graphviz HTML-like label, safe whatever it holds.

    `]` is written `&#93;` too, and empty text a space: Graphviz 2.43 rejects a label piece
    that is only `]`, and an empty `<B></B>`."""
    escaped = html.escape(clean(text), quote=True).replace("]", "&#93;")
    return escaped.replace("\\", "\\\\") or " "


def html_lines(lines: list[str]) -> str:
    return "<BR/>".join(html_text(line) for line in lines)


def quoted(text: str) -> str:
    """A DOT double-quoted string (our own values: font names, colours)."""
    return '"' + clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_id(kind: str, identifier: str) -> str:
    """A DOT node name: a prefix and a pathway identifier (letters, digits and `_`)."""
    return f"{kind}__{identifier}"


def band_colour(index: int) -> str:
    return BAND_COLOURS[index % len(BAND_COLOURS)]


MARKS = {"step up": "\u25b2", "step down": "\u25bc", "refer": "Refer", "rejoin": "Rejoins"}
"""Put before a route's number, so its kind reads in black and white too."""


def marker_text(kind: str, *numbers: int | None) -> str:
    """A route's short label: its kind's mark and its criterion's number (`▲ 3`), or the
    numbers of the routes it stands for (`▼ 14, 26`)."""
    said = ", ".join(str(n) for n in numbers if n)
    return " ".join(part for part in (MARKS.get(kind, ""), said) if part)


def edge_marker(kind: str, *numbers: int | None) -> str | None:
    """The HTML-like label of a route: its short marker, in its colour, bold."""
    text = marker_text(kind, *numbers) if kind != "entry" else ""
    if not text:
        return None
    return f'<<FONT COLOR="{EDGE_STYLES[kind].color}"><B>{html_text(text)}</B></FONT>>'
