"""Plain-text summaries of a stage, an outcome and the pathway: the documentation of a BPMN
task and the description of a FHIR action say the same."""

from __future__ import annotations

from pathwaylang import model as m
from pathwaylang.emit.map_view import one_line


def stage_documentation(stage: m.Stage, program: m.Program) -> str:
    """What a task's documentation says: the stage's lead, timescale, level and the rest."""
    names = _names(program)
    lines = [f"Lead: {_role(stage.lead, names)}" if stage.lead else "Lead: not given"]
    if stage.timescale:
        lines.append(f"Timescale: {stage.timescale}")
    if stage.level:
        lines.append(f"Level: {names['levels'].get(stage.level.value, stage.level.value)}")
    if stage.with_roles:
        lines.append("With: " + "; ".join(_role(r, names) for r in stage.with_roles))
    lines += [f"Entry criterion: {one_line(t.value)}" for t in stage.entry_criteria]
    lines += [f"Excluded when: {one_line(t.value)}" for t in stage.exclusions]
    lines += [f"Consent: {one_line(t.value)}" for t in stage.consent]
    for action in stage.actions:
        by = f" (by {_role(action.by, names)})" if action.by else ""
        within = f" within {action.within}" if action.within else ""
        lines.append(f"Action: {one_line(action.text.value)}{by}{within}")
    lines += [f"Uses: {names['algorithms'].get(u.value, u.value)}" for u in stage.uses]
    lines += [f"Evidence: {names['evidence'].get(e.value, e.value)}" for e in stage.evidence]
    lines += [f"Guidance: {one_line(g.value)}" for g in stage.guidance]
    return "\n".join(lines)


def outcome_documentation(outcome: m.Outcome, program: m.Program) -> str:
    if outcome.level is None:
        return "Level: any"
    return f"Level: {_names(program)['levels'].get(outcome.level.value, outcome.level.value)}"


def pathway_documentation(pathway: m.PathwayFile) -> str:
    parts = [(label, getattr(pathway, field)) for label, field in (
        ("Authority", "authority"), ("Version", "version"), ("Owner", "owner"))]
    lines = [f"{label}: {one_line(value.value)}" for label, value in parts if value]
    if pathway.status:
        lines.append(f"Status: {pathway.status.value}")
    if pathway.review:
        lines.append(f"Review due: {pathway.review.text}")
    return "\n".join(lines)


def _names(program: m.Program) -> dict[str, dict[str, str]]:
    return {
        "levels": {lv.id.value: one_line(lv.label.value) for lv in program.levels},
        "roles": {r.id.value: one_line(r.name.value) for r in program.roles},
        "algorithms": {a.id.value: one_line(a.title.value) for a in program.algorithms},
        "evidence": {e.id.value: one_line(e.name.value) for e in program.evidence},
    }


def _role(role: m.Name, names: dict[str, dict[str, str]]) -> str:
    if role.value in m.BUILT_IN_ROLES:
        return m.BUILT_IN_ROLES[role.value]
    return names["roles"].get(role.value, role.value)

