"""Reporters: findings to text for people, JSON, SARIF and GitHub annotations for machines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pathwaylang.core.diagnostics import Diagnostic


@dataclass
class Summary:
    """Counts for the last line of a report."""

    files: int
    """Files named or found on the command line."""
    errors: int
    warnings: int
    infos: int
    with_findings: int = 0
    """Files with a finding, libraries and subpathways among them."""

    @classmethod
    def of(cls, diagnostics: list[Diagnostic], files: int) -> "Summary":
        counts = Counter(d.severity.value for d in diagnostics)
        where = {d.span.file for d in diagnostics if d.span is not None}
        return cls(files, counts["error"], counts["warning"], counts["info"],
                   len(where) or min(files, 1))

    def as_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos}

    def sentence(self) -> str:
        """"no findings in 3 files" (those checked); "5 errors in 2 files" (those with a
        finding: a library or subpathway the checked file pulled in counts); "1 error in 1
        of 3 files" when some checked files have none."""
        parts = [_count(self.errors, "error"), _count(self.warnings, "warning"),
                 _count(self.infos, "note")]
        found = [p for p in parts if p]
        if not found:
            return f"no findings in {_count(self.files, 'file') or '0 files'}"
        where = _count(self.with_findings, "file") or "0 files"
        if self.with_findings < self.files:
            where = f"{self.with_findings} of {_count(self.files, 'file')}"
        return f"{', '.join(found)} in {where}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}" if n else ""
