"""What every rule is: a name, a default severity, a documented page, and a `check` method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, ClassVar, Iterable

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Label, Severity
from pathwaylang.core.span import Span
from pathwaylang.analysis.symbols import Reference, SymbolTable, program_references


@dataclass
class RuleOptions:
    """Settings rules read: fixed `today`, readability thresholds, subpathway checking."""

    today: dt.date = field(default_factory=dt.date.today)
    readability: dict[str, float] = field(default_factory=dict)


@dataclass
class RuleContext:
    """What a rule sees: the program, its namespace, references and graph (each built on
    first use)."""

    program: m.Program
    options: RuleOptions = field(default_factory=RuleOptions)
    is_subpathway: bool = False
    """True when this file is being checked as another pathway's subpathway."""
    check_subpathway: Callable[[m.Subpathway], list[Diagnostic]] | None = None
    """Checks a subpathway's file; set by the checker."""

    @cached_property
    def symbols(self) -> SymbolTable:
        return SymbolTable(self.program)

    @cached_property
    def references(self) -> list[Reference]:
        """Every name the program uses: found once, read by several rules."""
        return list(program_references(self.program))

    @cached_property
    def graph(self):
        from pathwaylang.analysis.graph import build_graph

        return build_graph(self.program)

    @property
    def pathway(self) -> m.PathwayFile:
        return self.program.root


class Rule:
    """A check with a stable kebab-case name. The docstring is the rule's page, with the
    headings `## What it does`, `## Why it matters`, `## Example` (a file that triggers the
    rule) and `## Use instead` (the same file put right)."""

    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR
    reported_by: ClassVar[str | None] = None
    """Set when an earlier stage (parser, loader) makes the finding, not `check`."""
    carries_other_files: ClassVar[bool] = False
    """True when `check` also returns another file's own findings (a subpathway's): the
    rule then runs even when turned `off`, and only its own findings are dropped."""

    def check(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        return ()

    def finding(self, message: str, span: Span | None, hint: str | None = None,
                labels: Iterable[Label] = ()) -> Diagnostic:
        return Diagnostic(self.name, self.default_severity, message, span, tuple(labels), hint)
