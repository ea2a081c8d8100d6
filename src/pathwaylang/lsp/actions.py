"""Code actions for findings: the did-you-mean replacement, a `family` block for a missing
language, and `# pwy: ignore[rule]` on the finding's line."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from pathwaylang import model as m
from pathwaylang.analysis.suppress import FIXED_RULES
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.lsp.analysis import Analysis
from pathwaylang.lsp.positions import Lines

_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_MISSING_LANGUAGE = re.compile(r"has no family text in `([A-Za-z_]+)`")
_IGNORE = re.compile(r"#\s*pwy\s*:\s*ignore\s*\[([^\]]*)\]")
FAMILY_FIELDS = ("title", "text", "asked", "contact")


def actions_for(analysis: Analysis, uri: str, findings: list[Diagnostic],
                to_lsp) -> list[lsp.CodeAction]:
    """Actions for `findings` (in the analysed document); `to_lsp` turns a finding into
    the LSP diagnostic the editor was sent."""
    display = analysis.display
    lines = analysis.lines(display) if display else None
    if lines is None:
        return []
    found: list[lsp.CodeAction] = []
    for finding in findings:
        for action in (_replacement(lines, finding), _family_block(analysis, lines, finding),
                       _ignore(lines, finding)):
            if action is not None:
                title, edits, preferred = action
                found.append(lsp.CodeAction(
                    title=title, kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(finding)], is_preferred=preferred or None,
                    edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return found


def _replacement(lines: Lines, finding: Diagnostic):
    suggestion = _DID_YOU_MEAN.search(finding.hint or "")
    span = finding.span
    if suggestion is None or span is None or span.end_line != span.line:
        return None
    written = lines.line(span.line)[span.column - 1:span.end_column - 1]
    new = suggestion.group(1)
    if written.startswith('"') and written.endswith('"'):  # a path in a `use` line
        new = f'"{new}"'
    return (f"Replace with `{suggestion.group(1)}`",
            [lsp.TextEdit(range=lines.range(span), new_text=new)], True)


def _family_block(analysis: Analysis, lines: Lines, finding: Diagnostic):
    language = _MISSING_LANGUAGE.search(finding.message)
    model = analysis.file_model(finding.span.file) if finding.span else None
    if finding.rule != "missing-family-text" or language is None or model is None:
        return None
    owner = next((o for o in (*model.stages, *model.outcomes)
                  if o.id.span == finding.span), None)
    if owner is None:
        return None
    code = language.group(1)
    default = code == model.language_codes()[0]
    edit = _insert_block(lines, owner, "family {" if default else f"family {code} {{")
    return (f"Add a `family {code}` block", [edit], False) if edit else None


def _insert_block(lines: Lines, owner: m.Stage | m.Outcome, header: str) -> lsp.TextEdit | None:
    """The block, indented one step inside `owner`, before its closing brace (or after its
    title, in braces of its own, for an outcome written without a body)."""
    indent = re.match(r"\s*", lines.line(owner.span.line)).group()
    inner = indent + "  "
    body = [f"{inner}{header}"] + [f'{inner}  {f} ""' for f in FAMILY_FIELDS] + [f"{inner}}}"]
    last = lines.line(owner.span.end_line)
    close = owner.span.end_column - 2
    if 0 <= close < len(last) and last[close] == "}":
        where = lines.position(owner.span.end_line, close + 1)
        if last[:close].strip():  # `}` follows code on its line: open a line for the block
            return lsp.TextEdit(range=lsp.Range(start=where, end=where),
                                new_text="\n" + "\n".join(body) + "\n" + indent)
        start = lsp.Position(line=where.line, character=0)
        return lsp.TextEdit(range=lsp.Range(start=start, end=start),
                            new_text="\n".join(body) + "\n")
    where = lines.position(owner.span.end_line, owner.span.end_column)
    return lsp.TextEdit(range=lsp.Range(start=where, end=where),
                        new_text=" {\n" + "\n".join(body) + f"\n{indent}}}")


def _ignore(lines: Lines, finding: Diagnostic):
    if finding.span is None or finding.rule in FIXED_RULES or finding.fatal:
        return None
    line = lines.line(finding.span.line)
    existing = _IGNORE.search(line)
    if existing is not None:
        listed = existing.group(1)
        if finding.rule in re.findall(r"[^\s,]+", listed):
            return None
        end = existing.end(1)
        text = f", {finding.rule}" if listed.strip() else finding.rule
        where = lines.position(finding.span.line, end + 1)
    else:
        text = f"  # pwy: ignore[{finding.rule}]"
        where = lines.position(finding.span.line, len(line.rstrip()) + 1)
        if len(line.rstrip()) < len(line):
            end = lines.position(finding.span.line, len(line) + 1)
            return (f"Ignore `{finding.rule}` on this line",
                    [lsp.TextEdit(range=lsp.Range(start=where, end=end), new_text=text)], False)
    return (f"Ignore `{finding.rule}` on this line",
            [lsp.TextEdit(range=lsp.Range(start=where, end=where), new_text=text)], False)
