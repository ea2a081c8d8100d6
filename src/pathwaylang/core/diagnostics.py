"""The one finding type every stage of the compiler reports: a `Diagnostic`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pathwaylang.core.span import Span


class Severity(str, Enum):
    """How serious a finding is; only errors stop a build."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Label:
    """A secondary place that helps explain a finding (`the first definition is here`)."""

    span: Span
    message: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding: which rule, how serious, what, where, and what to do about it."""

    rule: str
    severity: Severity
    message: str
    span: Span | None = None
    labels: tuple[Label, ...] = ()
    hint: str | None = None
    # `exit code 2` findings: the file could not be read at all.
    fatal: bool = False

    @property
    def sort_key(self) -> tuple:
        s = self.span
        where = (s.file, s.line, s.column) if s else ("", 0, 0)
        return (*where, self.severity.rank, self.rule, self.message)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return Diagnostic(self.rule, severity, self.message, self.span, self.labels, self.hint,
                          self.fatal)


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line, column; duplicates (same rule, place and message) dropped."""
    seen: set[tuple] = set()
    unique = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        if d.sort_key in seen:
            continue
        seen.add(d.sort_key)
        unique.append(d)
    return unique


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
