"""Semantic diff output: text for a terminal, Markdown for a pull request comment, JSON."""

from __future__ import annotations

import json

from pathwaylang.authoring.diff import Change


def _values(change: Change) -> str:
    if change.kind == "changed":
        return f"{change.old!r} -> {change.new!r}" if change.old or change.new else ""
    value = change.new if change.kind == "added" else change.old
    return repr(value) if value else ""


def render_changes_text(changes: list[Change], old_name: str, new_name: str) -> str:
    if not changes:
        return f"no changes between {old_name} and {new_name}"
    lines = [f"{len(changes)} change{'s' if len(changes) != 1 else ''} from {old_name} to "
             f"{new_name}"]
    flagged = [c for c in changes if c.flag]
    if flagged:
        lines.append(f"{len(flagged)} matter{'s' if len(flagged) == 1 else ''} for families:")
        lines += [f"  ! [{c.flag}] {c.subject}: {c.kind} {c.what} {_values(c)}".rstrip()
                  for c in flagged]
    lines.append("")
    sign = {"added": "+", "removed": "-", "changed": "~"}
    for change in changes:
        where = f" (line {change.line})" if change.line else ""
        lines.append(f"{sign[change.kind]} {change.subject}: {change.what} "
                     f"{_values(change)}".rstrip() + where)
    return "\n".join(lines)


def render_changes_markdown(changes: list[Change], old_name: str, new_name: str) -> str:
    from pathwaylang.emit.markdown import escape_markdown as md

    lines = [f"### Pathway changes: {md(old_name)} → {md(new_name)}", ""]
    if not changes:
        return "\n".join(lines + ["No changes.", ""])
    flagged = [c for c in changes if c.flag]
    if flagged:
        lines += ["**Changes that matter for families**", ""]
        lines += [f"- ⚠️ **{md(c.flag)}** {md(c.subject)}: {md(c.kind)} {md(c.what)} "
                  f"{md(_values(c))}".rstrip() for c in flagged]
        lines.append("")
    lines += ["| | id | what | old | new |", "|---|---|---|---|---|"]
    sign = {"added": "➕ added", "removed": "➖ removed", "changed": "✏️ changed"}
    for c in changes:
        lines.append(f"| {sign[c.kind]} | {md(c.subject)} | {md(c.what)} | {md(c.old or '')} | "
                     f"{md(c.new or '')} |")
    return "\n".join(lines) + "\n"


def render_changes_json(changes: list[Change], old_name: str, new_name: str) -> str:
    document = {"old": old_name, "new": new_name,
                "changes": [c.as_dict() for c in changes],
                "summary": {"changes": len(changes),
                            "flagged": sorted({c.flag for c in changes if c.flag})}}
    return json.dumps(document, indent=2, ensure_ascii=False)
