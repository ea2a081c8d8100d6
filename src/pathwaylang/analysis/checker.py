"""The checker: load a file and its libraries, run every rule, apply configuration.

source -> parse -> lower -> program (loader) -> rules -> configured, sorted findings.
A stage that fails returns its findings and the next stage does not run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.analysis.collector import fewer_collections
from pathwaylang.core.diagnostics import Diagnostic, Severity, sort_diagnostics
from pathwaylang.analysis.loader import LoadResult, inside_root, load
from pathwaylang.rules import RuleContext, RuleOptions, all_rules, subpathway_unconnected
from pathwaylang.core.source import SourceFile, display_path, probe, resolved
from pathwaylang.analysis.suppress import apply_suppressions

# Findings that mean the program is incomplete: later rules would only repeat them.
_BLOCKING_RULES = {"syntax", "bad-include", "unreadable-file"}


@dataclass
class CheckOptions:
    """How a check runs: the root folder, strictness, rule severities and options."""

    root: Path = field(default_factory=Path.cwd)
    strict: bool = False
    """Warnings count as errors."""
    severities: dict[str, str] = field(default_factory=dict)
    """Rule name -> `off`, `info`, `warning` or `error`."""
    rules: RuleOptions = field(default_factory=RuleOptions)


@dataclass
class FileReport:
    """The outcome of checking one file: findings, and the program when it could be loaded."""

    path: str
    diagnostics: list[Diagnostic]
    program: m.Program | None = None
    sources: dict[str, SourceFile] = field(default_factory=dict)
    subpathways: dict[str, m.Program] = field(default_factory=dict)
    """The programs of the root's subpathway files, checked with it, by subpathway id
    (the artefacts print a subpathway's first step without reading its file again)."""

    @property
    def fatal(self) -> bool:
        return any(d.fatal for d in self.diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


class Checker:
    """Checks files with one set of options; remembers subpathways being checked (no loops)."""

    def __init__(self, options: CheckOptions | None = None):
        self.options = options or CheckOptions()
        self._in_progress: set[Path] = set()
        self.subpathway_files: set[Path] = set()
        """Files checked as another file's subpathway in this run."""
        self.sources: dict[str, SourceFile] = {}
        self._subpathway_programs: dict[Path, m.Program] = {}

    def check_file(self, path: Path, display: str | None = None,
                   is_subpathway: bool = False, given: SourceFile | None = None) -> FileReport:
        """`given`: the text of `path` already read (standard input), checked as that file."""
        with fewer_collections():
            return self._check_file(path, display, is_subpathway, given)

    def _check_file(self, path: Path, display: str | None, is_subpathway: bool,
                    given: SourceFile | None = None) -> FileReport:
        key = resolved(path)
        self._in_progress.add(key)
        try:
            loaded = load(path, self.options.root, display, given)
            self.sources.update(loaded.sources)
            findings = list(loaded.diagnostics)
            if loaded.program is not None and not _blocked(findings):
                findings += self._run_rules(loaded, is_subpathway)
        finally:
            self._in_progress.discard(key)
        shown = given.display if given else display or display_path(path)
        ran = loaded.program is not None and not _blocked(findings) and not is_subpathway
        findings = self._configure(findings, loaded, report_unused=ran)
        return FileReport(shown, sort_diagnostics(findings), loaded.program, loaded.sources,
                          self._subpathways_of(loaded.program))

    def _run_rules(self, loaded: LoadResult, is_subpathway: bool) -> list[Diagnostic]:
        ctx = RuleContext(program=loaded.program, options=self.options.rules,
                          is_subpathway=is_subpathway, check_subpathway=self.check_subpathway)
        findings: list[Diagnostic] = []
        for rule in all_rules():
            if self.options.severities.get(rule.name) == "off" and not rule.carries_other_files:
                continue  # (its own findings are dropped in `_configure`)
            try:
                findings.extend(rule.check(ctx))
            except Exception as err:  # a rule crashing is our bug; say so, never a traceback
                findings.append(Diagnostic(
                    "internal-error", Severity.ERROR,
                    f"rule `{rule.name}` failed: {type(err).__name__}: {err}",
                    loaded.program.root.id.span,
                    hint="this is a bug in pathwaylang; please report it with the file"))
        return findings

    def check_subpathway(self, sub: m.Subpathway) -> list[Diagnostic] | None:
        """Check a subpathway's file; None when it cannot be found, is outside the root or
        is already being checked (a subpathway of itself)."""
        target = self._subpathway_target(sub)
        if target is None:
            return None
        try:  # containment first: a file outside the root is not even looked at
            if not inside_root(target, self.options.root):
                return None
            unreadable = probe(target)
            if unreadable is not None and unreadable.missing:
                return None
            if unreadable is not None:
                return [subpathway_unconnected.unreadable_file(sub, unreadable.reason,
                                                               unreadable.hint)]
            if resolved(target) in self._in_progress:
                return [subpathway_unconnected.leads_back(sub)]
        except (OSError, ValueError):  # a path the system refuses (far too long)
            return None
        self.subpathway_files.add(resolved(target))
        report = self.check_file(target, is_subpathway=True)
        if report.program is not None:
            self._subpathway_programs[resolved(target)] = report.program
        if report.program is not None and report.program.root.kind == "library":
            return [subpathway_unconnected.file_is_a_library(sub)]
        return report.diagnostics

    def _subpathway_target(self, sub: m.Subpathway) -> Path | None:
        """The path of a subpathway's file, beside the file that declares it."""
        if sub.file is None:
            return None
        source = self.sources.get(sub.span.file)
        base = source.path.parent if source else Path(sub.span.file).parent
        return base / sub.file.value

    def _subpathways_of(self, program: m.Program | None) -> dict[str, m.Program]:
        """The programs this run loaded for the root's subpathways, by subpathway id."""
        if program is None:
            return {}
        found = {}
        for sub in program.root.subpathways:
            target = self._subpathway_target(sub)
            loaded = self._subpathway_programs.get(resolved(target)) if target else None
            if loaded is not None:
                found[sub.id.value] = loaded
        return found

    def _configure(self, findings: list[Diagnostic], loaded: LoadResult,
                   report_unused: bool = False) -> list[Diagnostic]:
        """Apply inline suppressions (suppress.py), per-rule severities and `--strict`."""
        findings = apply_suppressions(findings, loaded, self.options.severities, report_unused)
        configured = []
        for finding in findings:
            level = self.options.severities.get(finding.rule)
            if level == "off":
                continue
            if level is not None and not finding.fatal:
                finding = finding.with_severity(Severity(level))
            if self.options.strict and finding.severity is Severity.WARNING:
                finding = finding.with_severity(Severity.ERROR)
            configured.append(finding)
        return configured


def _blocked(findings: list[Diagnostic]) -> bool:
    return any(f.rule in _BLOCKING_RULES and f.severity is Severity.ERROR for f in findings)


def check_file(path: Path, options: CheckOptions | None = None) -> FileReport:
    """Check one file with its libraries (and subpathways, through the rules)."""
    return Checker(options).check_file(path)
