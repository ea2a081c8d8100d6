"""Findings as JSON: `{"diagnostics": [...], "summary": {...}}` (docs/json-output.md)."""

from __future__ import annotations

import json

from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.report import Summary
from pathwaylang.core.span import Span


def _location(span: Span | None) -> dict:
    if span is None:
        return {"file": None, "line": None, "column": None, "end_line": None, "end_column": None}
    return {"file": span.file, "line": span.line, "column": span.column,
            "end_line": span.end_line, "end_column": span.end_column}


def diagnostic_dict(d: Diagnostic) -> dict:
    return {
        "rule": d.rule,
        "severity": d.severity.value,
        **_location(d.span),
        "message": d.message,
        "hint": d.hint,
        "labels": [{**_location(label.span), "message": label.message} for label in d.labels],
    }


def render_json(diagnostics: list[Diagnostic], files: int) -> str:
    document = {
        "diagnostics": [diagnostic_dict(d) for d in diagnostics],
        "summary": Summary.of(diagnostics, files).as_dict(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
