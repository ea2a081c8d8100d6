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


def _named(named) -> str:
    if named is None:
        return "none"
    return f"`{named.id}`" + (f" ({md(named.label)})" if named.label else "")


def stage_card(analysis: Analysis, stage: m.Stage) -> str:
    from pathwaylang.authoring.stage_card import stage_card as card_of

    card = card_of(analysis.program, analysis.symbols, stage)
    routes_in = [f"{r.kind} from `{r.other}`" for r in card.routes_in]
    routes_out = [f"{r.kind} to `{r.other}`" for r in card.routes_out]
    return "\n".join([
        f"**stage** `{card.id}`: {md(card.title)}", "",
        f"- level: {_named(card.level)}",
        f"- lead: {_named(card.lead)}",
        f"- timescale: {card.timescale or 'none'}",
        "- routes in: " + (", ".join(routes_in) if routes_in else "none"),
        "- routes out: " + (", ".join(routes_out) if routes_out else "none")])


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
