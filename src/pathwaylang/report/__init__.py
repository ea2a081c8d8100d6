"""Reporters: findings to text for people, JSON, SARIF and GitHub annotations for machines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pathwaylang.core.diagnostics import Diagnostic


@dataclass
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, diagnostics: list[Diagnostic], files: int) -> "Summary":
        counts = Counter(d.severity.value for d in diagnostics)
        return cls(files, counts["error"], counts["warning"], counts["info"])

    def as_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos}

    def sentence(self) -> str:
        parts = [_count(self.errors, "error"), _count(self.warnings, "warning"),
                 _count(self.infos, "note")]
        found = [p for p in parts if p]
        where = _count(self.files, "file") or "0 files"
        if not found:
            return f"no findings in {where}"
        return f"{', '.join(found)} in {where}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}" if n else ""
