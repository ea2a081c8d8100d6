"""Inline suppression: `# pwy: ignore[rule-a, rule-b]` comments and what they silence.

A comment silences the named rules' findings on its own line. On a line where a block
opens (`stage x "T" {  # pwy: ignore[missing-criteria]`) it silences them anywhere inside
that block; on the `pathway` line, in the whole file. A suppression that names no rule,
names a rule that cannot be suppressed, or (in the checked file) silences nothing is an
`unused-suppression` finding (docs/configuration.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.analysis.loader import LoadResult
from pathwaylang.core.source import Comment
from pathwaylang.core.span import Span
from pathwaylang.core.wording import did_you_mean

FIXED_RULES = frozenset({"syntax", "bad-include", "unreadable-file"})
"""Rules whose findings stop a file being checked: never suppressed, never turned down."""

RULE_NAME = "unused-suppression"

_MARKER = re.compile(r"#\s*pwy\s*:\s*ignore\b")
_LIST = re.compile(r"\s*\[([^\]]*)\]")
_NAME = re.compile(r"[^\s,]+")


@dataclass(frozen=True)
class RuleRef:
    """One rule name inside a suppression, with where it is written."""

    name: str
    span: Span


@dataclass(frozen=True)
class Suppression:
    """One `# pwy: ignore[...]` comment and the lines it covers (inclusive)."""

    file: str
    span: Span
    rules: tuple[RuleRef, ...]
    first_line: int
    last_line: int

    def covers(self, finding: Diagnostic) -> bool:
        s = finding.span
        return (s is not None and s.file == self.file
                and self.first_line <= s.line <= self.last_line
                and finding.rule in {r.name for r in self.rules})


def parse_comment(file: str, comment: Comment, block_end: dict[int, int]) -> Suppression | None:
    """The suppression a comment makes, or None for an ordinary comment."""
    marker = _MARKER.search(comment.text)
    if marker is None:
        return None
    start = comment.column + marker.start()
    listed = _LIST.match(comment.text, marker.end())
    refs: list[RuleRef] = []
    if listed is not None:
        body_column = comment.column + listed.start(1)
        for name in _NAME.finditer(listed.group(1)):
            column = body_column + name.start()
            refs.append(RuleRef(name.group(), Span.point(file, comment.line, column,
                                                         len(name.group()))))
        end = comment.column + listed.end()
    else:
        end = comment.column + marker.end()
    span = Span.point(file, comment.line, start, end - start)
    last = max(comment.line, block_end.get(comment.line, comment.line))
    return Suppression(file, span, tuple(refs), comment.line, last)


def block_ends(pathway: m.PathwayFile) -> dict[int, int]:
    """Line -> the last line of the longest node that starts on it."""
    ends: dict[int, int] = {}
    for span in _spans(pathway):
        ends[span.line] = max(ends.get(span.line, span.line), span.end_line)
    return ends


def _spans(node: object) -> Iterator[Span]:
    if isinstance(node, (m.Name, m.Text)):  # leaves (dataclasses, not models)
        yield node.span
    elif isinstance(node, m.Node):
        yield node.span
        for name in type(node).model_fields:
            yield from _spans(getattr(node, name))
    elif isinstance(node, list):
        for item in node:
            yield from _spans(item)


def suppressions(comments: dict[str, list[Comment]],
                 files: Iterable[m.PathwayFile]) -> list[Suppression]:
    """Every suppression in the loaded files, in file and line order."""
    by_file = {f.span.file: f for f in files}
    found = []
    for file in sorted(comments):
        marked = [c for c in comments[file] if _MARKER.search(c.text)]
        if not marked:
            continue  # most files: no need to walk the model for block ends
        ends = block_ends(by_file[file]) if file in by_file else {}
        found += [parse_comment(file, comment, ends) for comment in marked]
    return found


@dataclass
class Outcome:
    """The findings kept after suppressions, and the suppressions' own problems."""

    kept: list[Diagnostic]
    problems: list[tuple[Span, str, str]]
    """(where, message, hint) for each `unused-suppression` finding."""


def apply(findings: list[Diagnostic], found: list[Suppression], known: set[str],
          check_unused_in: str | None, silent: set[str]) -> Outcome:
    """Drop the findings a suppression covers; say which suppressions are wrong or unused.

    `check_unused_in` is the checked file (None: do not report unused suppressions, e.g.
    when rules did not run); `silent` are rules turned off, whose suppressions are not
    reported as unused."""
    kept, used = [], set()
    for finding in findings:
        by = [s for s in found if not finding.fatal and finding.rule not in FIXED_RULES
              and s.covers(finding)]
        if not by:
            kept.append(finding)
        used.update((s.span, finding.rule) for s in by)
    problems = []
    for suppression in found:
        problems += _problems(suppression, used, known, check_unused_in, silent)
    return Outcome(kept, problems)


def _problems(s: Suppression, used: set, known: set[str], check_unused_in: str | None,
              silent: set[str]) -> Iterator[tuple[Span, str, str]]:
    if not s.rules:
        yield (s.span, "`# pwy: ignore` names no rule",
               "name the rules to silence, e.g. `# pwy: ignore[missing-criteria]`")
    for ref in s.rules:
        if ref.name not in known:
            tip = did_you_mean(ref.name, sorted(known)) or "`pwy explain` lists the rules"
            yield ref.span, f"`{ref.name}` is not a rule", tip
        elif ref.name in FIXED_RULES:
            yield (ref.span, f"`{ref.name}` findings cannot be suppressed",
                   "the file cannot be checked until it is put right")
        elif (s.file == check_unused_in and ref.name not in silent
              and (s.span, ref.name) not in used):
            where = "on this line" if s.first_line == s.last_line else "in this block"
            yield (ref.span, f"`# pwy: ignore[{ref.name}]` silences nothing",
                   f"no `{ref.name}` finding is {where}; remove it from the comment")


def apply_suppressions(findings: list[Diagnostic], loaded: LoadResult,
                       severities: dict[str, str], report_unused: bool) -> list[Diagnostic]:
    """The checker's entry point: findings less the suppressed ones, plus any
    `unused-suppression` findings (reported when `report_unused`, i.e. the rules ran)."""
    from pathwaylang.rules import all_rules, rule_named

    files = list(loaded.program.files()) if loaded.program is not None else []
    found = suppressions(loaded.comments, files)
    if not found:
        return findings
    root = loaded.program.root.span.file if report_unused and loaded.program else None
    silent = {name for name, level in severities.items() if level == "off"}
    outcome = apply(findings, found, {r.name for r in all_rules()}, root, silent)
    rule = rule_named(RULE_NAME)
    extra = [rule.finding(message, span, hint=hint) for span, message, hint in outcome.problems]
    return outcome.kept + extra
