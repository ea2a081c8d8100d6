"""Findings as SARIF 2.1.0, the format GitHub code scanning uploads (docs/json-output.md).

One run; `tool.driver.rules` lists every rule with its page; each result points at its
rule by id and index. Output is deterministic: rules by name, results in finding order,
no timestamps, no absolute paths for files inside the current folder.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from pathwaylang import __version__
from pathwaylang.authoring import rule_pages
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.rules import Rule, all_rules
from pathwaylang.core.span import Span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """A relative path with forward slashes, percent-encoded; an absolute path as `file:`."""
    path = PurePath(file)
    if path.is_absolute():
        return Path(file).as_uri()
    return quote(path.as_posix(), safe="/")


def _region(span: Span) -> dict:
    end = max(span.end_column, span.column) if span.end_line == span.line else span.end_column
    return {"startLine": span.line, "startColumn": span.column,
            "endLine": max(span.end_line, span.line), "endColumn": max(end, 1)}


def _physical(span: Span) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(span.file)},
                                 "region": _region(span)}}


def _text(text: str) -> str:
    return text[:1].upper() + text[1:]


def rule_descriptor(rule: Rule) -> dict:
    page = rule_pages.markdown(rule)
    return {
        "id": rule.name,
        "name": _display_name(rule),
        "shortDescription": {"text": _text(rule_pages.summary(rule))},
        "fullDescription": {"text": rule_pages.describe(rule)},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _LEVELS[rule.default_severity]},
    }


def _display_name(rule: Rule) -> str:
    """SARIF wants `name` to differ from the opaque `id` (SARIF1001, case ignored)."""
    name = type(rule).__name__
    return f"{name}Rule" if name.lower() == rule.name.lower() else name


def _unlisted_descriptor(name: str) -> dict:
    # `internal-error` and any other finding that no rule module declares; a `name` equal
    # to the id is left out (SARIF1001).
    return {"id": name, "shortDescription": {"text": name},
            "defaultConfiguration": {"level": "error"}}


def result(d: Diagnostic, index: int) -> dict:
    message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
    item: dict = {"ruleId": d.rule, "ruleIndex": index, "level": _LEVELS[d.severity],
                  "message": {"text": message}}
    if d.span is not None:
        item["locations"] = [_physical(d.span)]
    if d.labels:
        item["relatedLocations"] = [
            {"id": n, **_physical(label.span), "message": {"text": label.message}}
            for n, label in enumerate(d.labels, start=1)]
    return item


def sarif_document(diagnostics: list[Diagnostic]) -> dict:
    rules = list(all_rules())
    descriptors = [rule_descriptor(r) for r in rules]
    names = [r.name for r in rules]
    for extra in sorted({d.rule for d in diagnostics} - set(names)):
        names.append(extra)
        descriptors.append(_unlisted_descriptor(extra))
    index = {name: n for n, name in enumerate(names)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pathwaylang", "version": __version__,
                                "semanticVersion": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [result(d, index[d.rule]) for d in diagnostics],
        }],
    }


def render_sarif(diagnostics: list[Diagnostic]) -> str:
    return json.dumps(sarif_document(diagnostics), indent=2, ensure_ascii=False)
