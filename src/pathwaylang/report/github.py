"""Findings as GitHub Actions workflow commands (`::error file=...::message`), one per line.

GitHub shows each as an annotation on the pull request. Values are escaped as the
Actions toolkit does: `%`, CR and LF everywhere; `:` and `,` too inside properties.
"""

from __future__ import annotations

from pathlib import PurePath

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.span import Span

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _location(span: Span) -> list[tuple[str, str]]:
    where = [("file", PurePath(span.file).as_posix()), ("line", str(span.line))]
    if span.end_line != span.line:
        # Columns may only be sent for an annotation on one line (GitHub's toolkit).
        return where + [("endLine", str(span.end_line))]
    # GitHub's columns are inclusive; a span's end column is one past its last character.
    last = max(span.end_column - 1, span.column)
    return where + [("col", str(span.column)), ("endLine", str(span.end_line)),
                    ("endColumn", str(last))]


def annotation(d: Diagnostic) -> str:
    properties = _location(d.span) if d.span is not None else []
    properties.append(("title", d.rule))
    shown = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
    return f"::{_COMMANDS[d.severity]} {shown}::{escape_data(message)}"


def render_github(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(annotation(d) for d in diagnostics)
