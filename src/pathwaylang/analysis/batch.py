"""Checking many files in one run, each with the configuration that applies to it.

`pwy check` calls `check_paths` once: files are checked in the order given, findings from
all of them come back sorted by file, line and column (a finding from a library shared by
two checked pathways is reported once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pathwaylang.analysis.checker import Checker, CheckOptions, FileReport
from pathwaylang.analysis.config import Config, ConfigFinder
from pathwaylang.core.diagnostics import Diagnostic, Severity, sort_diagnostics
from pathwaylang.rules import RuleOptions
from pathwaylang.core.source import SourceFile, resolved


@dataclass
class Overrides:
    """What the command line says; each beats the configuration file."""

    today: dt.date
    strict: bool = False
    root: Path | None = None
    config: Path | None = None
    """`--config FILE`: used for every file instead of looking for one."""


@dataclass
class BatchResult:
    """The outcome of checking several files."""

    files: int
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    reports: list[FileReport] = field(default_factory=list)
    """Each checked file's report, with its program (`pwy lsp` navigates it)."""

    @property
    def fatal(self) -> bool:
        return any(d.fatal for d in self.diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def options_for(config: Config, overrides: Overrides) -> CheckOptions:
    rules = RuleOptions(today=overrides.today, readability=dict(config.readability))
    root = overrides.root or config.root or Path.cwd()
    return CheckOptions(root=root, strict=overrides.strict or config.strict,
                        severities=dict(config.severities), rules=rules)


def check_paths(paths: list[Path], overrides: Overrides,
                on_file: Callable[[Path], None] | None = None,
                given: SourceFile | None = None) -> BatchResult:
    """Check every path; a bad configuration is reported once and its files are skipped.
    `given`: standard input's text, checked as the file it names (its path is in `paths`)."""
    finder = ConfigFinder(overrides.config)
    checkers: dict[Path | None, Checker] = {}
    reports: list[FileReport] = []
    findings: list[Diagnostic] = []
    sources: dict[str, SourceFile] = {}
    for path in paths:
        found = finder.for_file(path)
        if found.config is None:
            findings.append(found.diagnostic)
            if found.source is not None:
                sources[found.source.display] = found.source
        else:
            key = found.config.path
            if key not in checkers:
                checkers[key] = Checker(options_for(found.config, overrides))
            checker = checkers[key]
            text = given if given is not None and path == given.path else None
            reports.append(checker.check_file(path, given=text))
            sources.update(checker.sources)
        if on_file is not None:
            on_file(path)
    findings += [d for report in reports for d in report.diagnostics]
    subpathways = {p for checker in checkers.values() for p in checker.subpathway_files}
    findings = [d for d in findings if not _single_door_of_a_subpathway(d, sources, subpathways)]
    return BatchResult(len(paths), sort_diagnostics(findings), sources, reports)


def _single_door_of_a_subpathway(d: Diagnostic, sources: dict[str, SourceFile],
                                 subpathways: set[Path]) -> bool:
    """`single-entry-point` is not reported for a file that is another's subpathway, even
    when that file is also checked on its own in the same run (a folder, say)."""
    if d.rule != "single-entry-point" or d.span is None or d.span.file not in sources:
        return False
    return resolved(sources[d.span.file].path) in subpathways
