"""Event logs in XES (IEEE 1849) as case-record rows: each trace is a case (its
`concept:name`), each event an `enter` of the node its `concept:name` names on its
`time:timestamp`. Optional event attributes `event`, `code`, `note` and `agency` (with or
without a `pwy:` prefix) fill the other columns, so a log `pwy simulate` wrote reads back whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from xml.parsers import expat

ATTRIBUTES = {"string", "date", "int", "float", "boolean", "id"}
KEYS = {"concept:name": "node", "time:timestamp": "date", "event": "event", "code": "code",
        "note": "note", "agency": "agency"}


def _column(key: str) -> str | None:
    return KEYS.get(key.removeprefix("pwy:"))


def xes_rows(path: Path) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """(line, values, problem) for each event, in file order within each trace."""
    rows: list[tuple[int, dict[str, str], str | None]] = []
    stack: list[str] = []
    trace: dict = {}
    event: dict | None = None
    parser = expat.ParserCreate()

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal trace, event
        parent = stack[-1] if stack else None
        stack.append(name)
        if name == "trace":
            trace = {"case": "", "events": []}
        elif name == "event" and parent == "trace":
            event = {"line": parser.CurrentLineNumber, "values": {"event": "enter"}}
        elif name in ATTRIBUTES and parent == "event" and event is not None:
            column = _column(attrs.get("key", ""))
            if column:
                event["values"][column] = attrs.get("value", "")
        elif name in ATTRIBUTES and parent == "trace" and attrs.get("key") == "concept:name":
            trace["case"] = attrs.get("value", "")

    def end(name: str) -> None:
        nonlocal event
        stack.pop()
        if name == "event" and event is not None and stack and stack[-1] == "trace":
            trace["events"].append(event)
            event = None
        elif name == "trace":
            for found in trace["events"]:
                rows.append((found["line"], {**found["values"], "case": trace["case"]}, None))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except expat.ExpatError as err:
        rows.append((err.lineno, {}, f"the XES file is not well-formed XML "
                                     f"({expat.ErrorString(err.code)}); the rest of it is not read"))
    yield from rows
