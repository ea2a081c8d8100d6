"""Hover text: a stage's card, a role's or agency's name, a level, an icon's picture, and
the page of the rule behind a finding. Markdown; text from the pathway is escaped."""

from __future__ import annotations

import re
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.lsp.analysis import Analysis
from pathwaylang.lsp.rule_links import rule_page_uri

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md(text: str) -> str:
    """Pathway text shown literally in Markdown (no markup, no links, no HTML)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def hover_text(analysis: Analysis, display: str, line: int, column: int) -> str | None:
    parts = []
    occurrence = analysis.occurrence_at(display, line, column)
    if occurrence is not None:
        found = analysis.resolve(occurrence)
        if found is not None:
            parts.append(describe(analysis, found.kind, found.node))
        elif occurrence.name.value in m.BUILT_IN_ROLES:
            parts.append(f"**role** `{occurrence.name.value}` (built in): "
                         f"{md(m.BUILT_IN_ROLES[occurrence.name.value])}")
    icon = _icon_at(analysis, display, line, column)
    if icon is not None:
        parts.append(icon)
    parts += [finding_text(d) for d in analysis.findings_at(display, line, column)]
    return "\n\n---\n\n".join(parts) if parts else None


def describe(analysis: Analysis, kind: str, node: m.Node) -> str:
    if isinstance(node, m.Stage):
        return stage_card(analysis, node)
    name = node.id.value  # type: ignore[attr-defined]
    if isinstance(node, m.Role):
        agency = _agency_name(analysis, node.agency)
        at = f" at {agency}" if agency else ""
        return f"**role** `{name}`: {md(node.name.value)}{at}"
    if isinstance(node, m.Level):
        return f"**level** `{name}`: {md(node.label.value)} ({md(node.domain.value)})"
    title = _title(node)
    return f"**{kind}** `{name}`" + (f": {md(title)}" if title else "")


def _title(node: m.Node) -> str | None:
    for attribute in ("title", "name", "description"):
        value = getattr(node, attribute, None)
        if isinstance(value, m.Text):
            return value.value
    return None


def _agency_name(analysis: Analysis, agency: m.Name | None) -> str | None:
    if agency is None or analysis.symbols is None:
        return None
    found = analysis.symbols.lookup(agency.value)
    if found is not None and isinstance(found.node, m.Agency):
        return md(found.node.name.value)
    return f"`{agency.value}`"


def _label(analysis: Analysis, name: m.Name | None) -> str:
    """`id` (its label or name), for a level or a role."""
    if name is None:
        return "none"
    found = analysis.symbols.lookup(name.value) if analysis.symbols else None
    title = None
    if found is not None:
        node = found.node
        title = node.label.value if isinstance(node, m.Level) else _title(node)
    return f"`{name.value}`" + (f" ({md(title)})" if title else "")


def stage_card(analysis: Analysis, stage: m.Stage) -> str:
    lines = [f"**stage** `{stage.id.value}`: {md(stage.title.value)}", "",
             f"- level: {_label(analysis, stage.level)}",
             f"- lead: {_label(analysis, stage.lead)}",
             f"- timescale: {stage.timescale if stage.timescale else 'none'}"]
    routes_in = _routes_in(analysis, stage.id.value)
    lines.append("- routes in: " + (", ".join(routes_in) if routes_in else "none"))
    routes_out = [f"{t.kind} to `{t.target.value}`" for t in stage.transitions]
    lines.append("- routes out: " + (", ".join(routes_out) if routes_out else "none"))
    return "\n".join(lines)


def _routes_in(analysis: Analysis, stage: str) -> list[str]:
    if analysis.program is None:
        return []
    found = []
    for file in analysis.program.files():
        found += [f"entry `{e.id.value}`" for e in file.entries if e.target.value == stage]
        for other in file.stages:
            found += [f"{t.kind} from `{other.id.value}`" for t in other.transitions
                      if t.target.value == stage]
        found += [f"rejoin from `{s.id.value}`" for s in file.subpathways
                  if s.rejoin is not None and s.rejoin.value == stage]
    return found


def _icon_at(analysis: Analysis, display: str, line: int, column: int) -> str | None:
    from pathwaylang import icons
    from pathwaylang.lsp.positions import contains

    model = analysis.file_model(display)
    if model is None:
        return None
    for owner in (*model.stages, *model.outcomes):
        if not contains(owner.span, line, column):
            continue
        for block in owner.family:
            if block.icon is not None and contains(block.icon.span, line, column):
                name = block.icon.value
                if name not in icons.ALT_TEXT:
                    return f"**icon** `{name}`: not a built-in icon"
                alt = icons.ALT_TEXT[name]["en"]
                picture = (Path(icons.__file__).parent / f"{name}.svg").as_uri()
                return f"**icon** `{name}`: {md(alt)}\n\n![{md(alt)}]({picture})"
    return None


def finding_text(finding: Diagnostic) -> str:
    from pathwaylang.authoring import rule_pages
    from pathwaylang.rules import rule_named

    lines = [f"**{finding.severity.value}** [{finding.rule}]: {md(finding.message)}"]
    if finding.hint:
        lines.append(f"hint: {md(finding.hint)}")
    rule = rule_named(finding.rule)
    if rule is not None:
        lines.append(md(rule_pages.describe(rule)))
        uri = rule_page_uri(finding.rule)
        if uri:
            lines.append(f"[The `{finding.rule}` rule's page]({uri})")
    return "\n\n".join(lines)
