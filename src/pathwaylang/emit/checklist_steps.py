"""Checklist view-model pieces: names resolved to words, action rows, exits, decision steps.

`Resolver` looks every name up in the program (the pathway and its used libraries) and
says where a stage sits in the printed order, so "go to stage 3: ..." reads the same in
every part of the checklist.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathwaylang import model as m

MARKERS = {
    "exit": "EXIT",
    "step up": "STEP UP \u25b2",
    "step down": "STEP DOWN \u25bc",
    "refer": "REFER",
}
"""How each kind of transition is marked: in words, so it reads in black and white."""


@dataclass(frozen=True)
class Link:
    """Where something leads, in words, and the HTML anchor of its stage section (if any)."""

    text: str
    anchor: str | None
    node: str = ""
    """The id of the stage, outcome or subpathway (what a case record names)."""
    kind: str = ""


@dataclass(frozen=True)
class ActionRow:
    number: int
    text: str
    who: str
    by_when: str
    agency: str
    """The accountable role's agency id, for the case record ("" when not known)."""


@dataclass(frozen=True)
class ExitRow:
    marker: str
    criterion: str
    leads_to: Link


@dataclass(frozen=True)
class AnswerView:
    answer: str
    then: str


@dataclass(frozen=True)
class DecisionStep:
    label: str
    question: str
    answers: list[AnswerView]


@dataclass(frozen=True)
class AlgorithmView:
    title: str
    anchor: str
    steps: list[DecisionStep]


def _by_id(items) -> dict:
    """Definitions by id; a repeated id (an error a build never gets) keeps the first."""
    table: dict = {}
    for item in items:
        table.setdefault(item.id.value, item)
    return table


@dataclass(frozen=True)
class Resolver:
    roles: dict[str, m.Role]
    agencies: dict[str, m.Agency]
    levels: dict[str, m.Level]
    evidence: dict[str, m.Evidence]
    algorithms: dict[str, m.Algorithm]
    targets: dict[str, Link]
    """Every stage, outcome and subpathway of the pathway, as a reader finds it."""

    @classmethod
    def for_program(cls, program: m.Program, numbers: dict[str, int]) -> "Resolver":
        pathway = program.root
        stages = _by_id(pathway.stages)
        targets: dict[str, Link] = {}
        for stage_id, number in sorted(numbers.items(), key=lambda item: item[1]):
            title = stages[stage_id].title.value
            targets[stage_id] = Link(f"stage {number}: {title}", f"stage-{stage_id}",
                                     stage_id, "stage")
        for outcome in pathway.outcomes:
            targets.setdefault(outcome.id.value, Link(
                f"end: {outcome.title.value}", None, outcome.id.value, "outcome"))
        for sub in pathway.subpathways:
            targets.setdefault(sub.id.value, Link(
                f"sub-pathway: {sub.title.value}", None, sub.id.value, "subpathway"))
        return cls(
            roles=_by_id(program.roles),
            agencies=_by_id(program.agencies),
            levels=_by_id(program.levels),
            evidence=_by_id(program.evidence),
            algorithms=_by_id(program.algorithms),
            targets=targets,
        )

    def link(self, name: str) -> Link:
        return self.targets.get(name, Link(name, None))

    def role_name(self, name: m.Name | None) -> str:
        if name is None:
            return "not given"
        if name.value in m.BUILT_IN_ROLES and name.value not in self.roles:
            return "The family" if name.value == "family" else "The stage's lead"
        role = self.roles.get(name.value)
        return role.name.value if role is not None else name.value

    def role_with_agency(self, name: m.Name | None) -> str:
        role = self.roles.get(name.value) if name is not None else None
        if role is None or role.agency is None:
            return self.role_name(name)
        return f"{role.name.value} ({self.agency_name(role.agency)})"

    def agency_of(self, name: m.Name | None) -> str:
        """The id of a role's agency, "" when the role names none."""
        role = self.roles.get(name.value) if name is not None else None
        return role.agency.value if role is not None and role.agency is not None else ""

    def agency_name(self, name: m.Name | None) -> str:
        if name is None:
            return ""
        agency = self.agencies.get(name.value)
        return agency.name.value if agency is not None else name.value

    def level_words(self, name: m.Name | None) -> str:
        if name is None:
            return "not given"
        level = self.levels.get(name.value)
        if level is None:
            return name.value
        return f"{level.label.value} ({level.domain.value})"


def action_rows(stage: m.Stage, resolver: Resolver) -> list[ActionRow]:
    """The stage's actions, each with who is accountable and by when."""
    rows = []
    for number, action in enumerate(stage.actions, 1):
        by = action.by.value if action.by is not None else "lead"
        who = "Stage lead" if by == "lead" else resolver.role_name(action.by)
        by_when = f"within {action.within}" if action.within is not None else ""
        agency = resolver.agency_of(stage.lead if by == "lead" else action.by)
        rows.append(ActionRow(number, action.text.value, who, by_when, agency))
    return rows


def exit_rows(stage: m.Stage, resolver: Resolver) -> list[ExitRow]:
    """The stage's exit criteria, each with where it leads and its kind marked."""
    return [
        ExitRow(
            marker=MARKERS[t.kind],
            criterion=t.when.value if t.when is not None else "(no criterion written)",
            leads_to=resolver.link(t.target.value),
        )
        for t in stage.transitions
    ]


def algorithm_view(algorithm: m.Algorithm, resolver: Resolver) -> AlgorithmView:
    """A decision tree as numbered steps: Q1, Q2, ... in the order written (Q1 is the root)."""
    labels: dict[str, str] = {}
    for number, question in enumerate(algorithm.questions, 1):
        labels.setdefault(question.id.value, f"Q{number}")
    steps = [
        DecisionStep(
            label=f"Q{number}",
            question=question.text.value,
            answers=[AnswerView(a.answer.value.replace("_", " "),
                                _step_words(a.step, labels, resolver))
                     for a in question.answers],
        )
        for number, question in enumerate(algorithm.questions, 1)
    ]
    return AlgorithmView(algorithm.title.value, f"rule-{algorithm.id.value}", steps)


def _step_words(step: m.Step, labels: dict[str, str], resolver: Resolver) -> str:
    if step.kind == "ask":
        target = step.target.value if step.target is not None else ""
        return f"go to {labels.get(target, target)}"
    if step.kind == "do":
        return f"do this: {step.action.value if step.action is not None else ''}"
    if step.kind == "goto":
        return f"go to {resolver.link(step.target.value).text}" if step.target else "go to"
    raise AssertionError(f"unknown algorithm step kind {step.kind!r}")
