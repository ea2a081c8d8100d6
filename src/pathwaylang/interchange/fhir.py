"""`pwy export --to fhir`: the pathway as an HL7 FHIR R4 transaction Bundle.

A PlanDefinition (CPG-on-FHIR pathway profile) holds one action per entry, stage, outcome,
subpathway and algorithm; routes are each action's `relatedAction`s (`before-start`: this
action comes before the target starts) with the route's kind and criterion in
extensions; the levels and roles are CodeSystems, the agencies Organizations, each
stage action an ActivityDefinition. docs/interchange.md has the whole mapping, and
fhir_import.py reads the Bundle back.
"""

from __future__ import annotations

import json

import networkx as nx

from pathwaylang import model as m
from pathwaylang.interchange import fhir_terms as t
from pathwaylang.interchange import fhir_vocabulary as vocabulary
from pathwaylang.interchange.summary import stage_documentation

NODE_PREFIX = {"entry": "entry", "stage": "stage", "outcome": "outcome",
               "subpathway": "subpathway"}


def fhir_bundle_json(program: m.Program, graph: nx.MultiDiGraph) -> str:
    return json.dumps(fhir_bundle(program, graph), indent=2, ensure_ascii=False) + "\n"


def fhir_bundle(program: m.Program, graph: nx.MultiDiGraph) -> dict:
    """The Bundle as JSON-ready data (FHIR's own key order, no clock, no random ids)."""
    writer = _Writer(program, graph)
    resources = [writer.plan_definition(), writer.levels(), writer.roles(),
                 *writer.organizations(), *writer.activities]
    entries = [{"fullUrl": t.canonical(r["resourceType"], r["id"]), "resource": r,
                "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}}
               for r in resources if r is not None]
    return {"resourceType": "Bundle", "id": t.fhir_id(program.root.id.value, "bundle"),
            "type": "transaction", "entry": entries}


def _text(value: str) -> str:
    """FHIR strings hold no control characters but whitespace."""
    return t.plain_text(value)


def _coding(system: str, code: str, display: str | None = None) -> dict:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = _text(display)
    return coding


def _duration(duration: m.Duration) -> dict:
    code, word = t.UNITS[duration.unit.value]
    out = {"value": duration.amount, "unit": word + ("" if duration.amount == 1 else "s")}
    if code:
        out |= {"system": t.UCUM, "code": code}
    return out


def _action_id(*parts: str) -> tuple[str, list[dict]]:
    """An action's id, and the extension keeping the identifier when the id had to be cut."""
    extension = [] if t.fits(*parts) else [{"url": t.IDENTIFIER, "valueString": parts[-1]}]
    return t.fhir_id(*parts), extension


def _related(target: str, kind: str, criterion: str | None = None,
             relationship: str = "before-start") -> dict:
    extension = [{"url": t.ROUTE_KIND, "valueCode": t.ROUTE_CODES[kind]}]
    if criterion:
        extension.append({"url": t.ROUTE_CRITERION, "valueString": _text(criterion)})
    return {"extension": extension, "actionId": target, "relationship": relationship}


def _condition(name: str, description: str) -> dict:
    return {"kind": "applicability",
            "expression": {"description": _text(description), "name": name,
                           "language": "text/plain"}}


class _Writer:
    def __init__(self, program: m.Program, graph: nx.MultiDiGraph):
        self.program = program
        self.graph = graph
        self.pathway = program.root
        self.pid = self.pathway.id.value
        self.status = t.STATUS_CODES.get(self.pathway.status.value if self.pathway.status
                                         else "draft", "draft")
        self.levels_url = t.canonical("CodeSystem", t.fhir_id(self.pid, "levels"))
        self.roles_url = t.canonical("CodeSystem", t.fhir_id(self.pid, "roles"))
        self.used = _used_names(program)
        self.level_names = {lv.id.value: lv.label.value for lv in program.levels}
        self.role_names = {r.id.value: r.name.value for r in program.roles}
        self.evidence = {e.id.value: e for e in program.evidence}
        self.activities: list[dict] = []

    def node_id(self, node: str) -> str:
        kind = self.graph.nodes[node]["kind"] if node in self.graph else "stage"
        return t.fhir_id(NODE_PREFIX[kind], node)

    # ---- the PlanDefinition --------------------------------------------------------------

    def plan_definition(self) -> dict:
        p = self.pathway
        plan: dict = {"resourceType": "PlanDefinition", "id": t.fhir_id(self.pid),
                      "meta": {"profile": [t.CPG_PATHWAY]}}
        extension = [{"url": t.LANGUAGES, "valueCode": code} for code in
                     (n.value for n in p.languages)]
        extension += [{"url": t.FAMILY_NAMES, "extension": self.parts(block, ("title", "authority"))}
                      for block in p.family]
        if p.status and p.status.value == "consultation":  # FHIR has no such status
            extension.append({"url": t.STATUS, "valueCode": "consultation"})
        if extension:
            plan["extension"] = extension
        plan |= {"url": t.canonical("PlanDefinition", t.fhir_id(self.pid)),
                 "identifier": [{"system": t.PATHWAY_IDENTIFIER, "value": self.pid}]}
        if p.version:
            plan["version"] = _text(p.version.value)
        plan["name"] = self.pid
        if p.title:
            plan["title"] = _text(p.title.value)
        plan["type"] = {"coding": [_coding(t.PLAN_TYPE, "clinical-protocol")]}
        plan["status"] = self.status
        if p.developed and p.developed.value:
            plan["date"] = p.developed.value.isoformat()
        if p.authority:
            plan["publisher"] = _text(p.authority.value)
        if p.ages:
            plan["useContext"] = [{
                "code": _coding(t.USAGE_CONTEXT, "age"),
                "valueRange": {"low": {"value": p.ages.low, "unit": "years", "system": t.UCUM,
                                       "code": "a"},
                               "high": {"value": p.ages.high, "unit": "years",
                                        "system": t.UCUM, "code": "a"}}}]
        if p.review and p.review.value:
            plan["effectivePeriod"] = {"end": p.review.value.isoformat()}
        if p.owner:
            plan["author"] = [{"name": _text(p.owner.value)}]
        goals = [self.goal(indicator) for indicator in p.indicators]
        if goals:
            plan["goal"] = goals
        artifacts = [self.citation(e.id.value) for e in self.wanted(self.program.evidence,
                                                                      p.evidence)]
        if artifacts:
            plan["relatedArtifact"] = artifacts
        plan["action"] = [*self.entries(), *self.stages(), *self.outcomes(),
                          *self.subpathways(), *self.algorithms()]
        return plan

    def wanted(self, everything: list, own: list) -> list:
        """The pathway's own definitions and the used ones of its libraries, each id once
        (a library's unused definitions are not the pathway's, and would read as unused)."""
        own_ids = {item.id.value for item in own}
        keep = {item.id.value: item for item in everything
                if item.id.value in own_ids or item.id.value in self.used}
        return list(keep.values())

    def goal(self, indicator: m.Indicator) -> dict:
        goal: dict = {"id": t.fhir_id("indicator", indicator.id.value),
                      "description": {"text": _text(indicator.name.value)}}
        target: dict = {}
        if indicator.measure:
            target["measure"] = {"text": _text(indicator.measure.value)}
        if indicator.target:
            target["detailQuantity"] = {"value": indicator.target.value, "unit": "%",
                                        "system": t.UCUM, "code": "%"}
        count = indicator.counts
        if count is not None:
            target["due"] = _duration(count.within)
            parts = [{"url": "kind", "valueCode": count.kind},
                     {"url": "node", "valueString": count.stage.value}]
            if count.source is not None:
                parts.append({"url": "from", "valueString": count.source.value})
            goal = {"extension": [{"url": t.INDICATOR_COUNT, "extension": parts}]} | goal
        if target:
            goal["target"] = [target]
        return goal

    @staticmethod
    def parts(block, names: tuple[str, ...]) -> list[dict]:
        """A family block's fields as the parts of a complex extension."""
        parts = [{"url": "language", "valueCode": block.language.value}] \
            if block.language else []
        return parts + [{"url": name, "valueString": _text(getattr(block, name).value)}
                        for name in names if getattr(block, name) is not None]

    def family(self, blocks: list[m.FamilyText]) -> list[dict]:
        out = []
        for block in blocks:
            parts = self.parts(block, t.FAMILY_PARTS)
            if block.icon:
                parts.append({"url": "icon", "valueCode": block.icon.value})
            out.append({"url": t.FAMILY_TEXT, "extension": parts})
        return out

    def citation(self, evidence_id: str) -> dict:
        found = self.evidence.get(evidence_id)
        artifact: dict = {"type": "citation", "label": evidence_id}
        if found is None:
            return artifact
        if found.ages:
            artifact = {"extension": [{"url": t.AGES, "valueRange": {
                "low": {"value": found.ages.low, "unit": "years", "system": t.UCUM, "code": "a"},
                "high": {"value": found.ages.high, "unit": "years", "system": t.UCUM,
                         "code": "a"}}}]} | artifact
        artifact["display"] = _text(found.name.value)
        if found.source:
            artifact["citation"] = _text(found.source.value)
        if found.url:
            artifact["url"] = _text(found.url.value)
        return artifact

    def kind_code(self, kind: str, level: m.Name | None = None) -> list[dict]:
        codes = [{"coding": [_coding(t.NODE_KIND, kind)]}]
        if level is not None:
            codes.append({"coding": [_coding(self.levels_url, level.value,
                                             self.level_names.get(level.value))]})
        return codes

    def entries(self) -> list[dict]:
        out = []
        for entry in self.pathway.entries:
            action_id, extension = _action_id("entry", entry.id.value)
            action = {"id": action_id, **({"extension": extension} if extension else {}),
                      "title": _text(entry.description.value), "code": self.kind_code("entry"),
                      "trigger": [{"type": "named-event", "name": _text(entry.description.value)}]}
            if entry.target.value in self.graph:
                action["relatedAction"] = [_related(self.node_id(entry.target.value), "entry")]
            out.append(action)
        return out

    def stages(self) -> list[dict]:
        return [self.stage(stage) for stage in self.pathway.stages]

    def stage(self, stage: m.Stage) -> dict:
        action_id, extension = _action_id("stage", stage.id.value)
        extension += self.family(stage.family)
        action: dict = {"id": action_id, **({"extension": extension} if extension else {}),
                        "title": _text(stage.title.value),
                        "description": _text(stage_documentation(stage, self.program)),
                        "code": self.kind_code("stage", stage.level)}
        documentation = [self.citation(e.value) for e in stage.evidence]
        documentation += [{"type": "documentation", "display": _text(g.value)}
                          for g in stage.guidance]
        if documentation:
            action["documentation"] = documentation
        goals = [t.fhir_id("indicator", i.id.value) for i in self.pathway.indicators
                 if i.at is not None and i.at.value == stage.id.value]
        if goals:
            action["goalId"] = goals
        conditions = [_condition("entry", c.value) for c in stage.entry_criteria]
        conditions += [_condition("exclusion", c.value) for c in stage.exclusions]
        conditions += [_condition("consent", c.value) for c in stage.consent]
        if stage.ages:
            conditions.append(_condition("ages", str(stage.ages)))
        if conditions:
            action["condition"] = conditions
        related = [_related(self.node_id(tr.target.value), tr.kind,
                            tr.when.value if tr.when else None)
                   for tr in stage.transitions if tr.target.value in self.graph]
        related += [_related(t.fhir_id("algorithm", u.value), "uses", relationship="concurrent")
                    for u in stage.uses]
        if related:
            action["relatedAction"] = related
        if stage.timescale:
            action["timingDuration"] = _duration(stage.timescale)
        participants = [self.participant(stage.lead, lead=True)] if stage.lead else []
        participants += [self.participant(role) for role in stage.with_roles]
        if participants:
            action["participant"] = participants
        activities = [self.activity(stage, n, a) for n, a in enumerate(stage.actions, start=1)]
        if activities:
            action["action"] = activities
        return action

    def participant(self, role: m.Name, lead: bool = False) -> dict:
        name = role.value
        if name in m.BUILT_IN_ROLES:
            coding = _coding(t.BUILT_IN_ROLE, name, m.BUILT_IN_ROLES[name])
        else:
            coding = _coding(self.roles_url, name, self.role_names.get(name))
        out = {"extension": [{"url": t.LEAD, "valueBoolean": True}]} if lead else {}
        return out | {"type": "related-person" if name == "family" else "practitioner",
                      "role": {"coding": [coding]}}

    def activity(self, stage: m.Stage, number: int, item: m.Action) -> dict:
        """A stage's action: an ActivityDefinition, and a sub-action that names it."""
        resource_id = t.fhir_id(stage.id.value, str(number))
        text = _text(item.text.value)
        definition: dict = {"resourceType": "ActivityDefinition", "id": resource_id,
                            "url": t.canonical("ActivityDefinition", resource_id),
                            "title": text, "status": self.status, "description": text,
                            "kind": "Task"}
        sub: dict = {"id": t.fhir_id("stage", stage.id.value, str(number)), "title": text,
                     "code": self.kind_code("activity")}
        if item.within:
            definition["timingDuration"] = sub["timingDuration"] = _duration(item.within)
        if item.by:
            definition["participant"] = sub["participant"] = [self.participant(item.by)]
        sub["definitionCanonical"] = definition["url"]
        self.activities.append(definition)
        return sub

    def outcomes(self) -> list[dict]:
        out = []
        for outcome in self.pathway.outcomes:
            action_id, extension = _action_id("outcome", outcome.id.value)
            extension += self.family(outcome.family)
            out.append({"id": action_id, **({"extension": extension} if extension else {}),
                        "title": _text(outcome.title.value),
                        "code": self.kind_code("outcome", outcome.level)})
        return out

    def subpathways(self) -> list[dict]:
        out = []
        for sub in self.pathway.subpathways:
            action_id, extension = _action_id("subpathway", sub.id.value)
            action: dict = {"id": action_id, **({"extension": extension} if extension else {}),
                            "title": _text(sub.title.value), "code": self.kind_code("subpathway")}
            if sub.file:
                action["documentation"] = [{"type": "composed-of", "label": "file",
                                            "display": _text(sub.file.value)}]
            if sub.rejoin and sub.rejoin.value in self.graph:
                action["relatedAction"] = [_related(self.node_id(sub.rejoin.value), "rejoin")]
            out.append(action)
        return out

    # ---- algorithms: nested actions --------------------------------------------------------

    def algorithms(self) -> list[dict]:
        used = {u.value for s in self.pathway.stages for u in s.uses}
        own = {a.id.value for a in self.pathway.algorithms}
        seen, out = set(), []
        for algorithm in self.program.algorithms:
            name = algorithm.id.value
            if name in seen or not (name in used or name in own):
                continue  # a library algorithm no stage uses is not checked here either
            seen.add(name)
            out.append({"id": t.fhir_id("algorithm", name), "title": _text(algorithm.title.value),
                        "code": self.kind_code("algorithm"),
                        "action": [self.question(name, q) for q in algorithm.questions]})
        return out

    def question(self, algorithm: str, question: m.Question) -> dict:
        return {"id": t.fhir_id("algorithm", algorithm, question.id.value),
                "title": _text(question.text.value), "code": self.kind_code("question"),
                "action": [self.answer(algorithm, question.id.value, a) for a in question.answers]}

    def answer(self, algorithm: str, question: str, answer: m.Answer) -> dict:
        out: dict = {"id": t.fhir_id("algorithm", algorithm, question, answer.answer.value),
                     "title": answer.answer.value, "code": self.kind_code("answer")}
        step = answer.step
        if step is not None and step.kind == "do" and step.action:
            out["description"] = _text(step.action.value)
        out["condition"] = [_condition("answer", answer.answer.value)]
        if step is not None and step.kind == "ask" and step.target:
            out["relatedAction"] = [_related(t.fhir_id("algorithm", algorithm, step.target.value),
                                             "ask")]
        elif step is not None and step.kind == "goto" and step.target:
            out["relatedAction"] = [_related(self.node_id(step.target.value), "goto")]
        return out

    # ---- code systems and organisations (fhir_vocabulary.py) ----------------------------------

    def levels(self) -> dict | None:
        return vocabulary.levels(self.program, self.pid, self.levels_url, self.status)

    def roles(self) -> dict | None:
        roles = self.wanted(self.program.roles, self.pathway.roles)
        return vocabulary.roles(roles, self.pid, self.roles_url, self.status)

    def organizations(self) -> list[dict]:
        at = {r.agency.value for r in self.wanted(self.program.roles, self.pathway.roles)
              if r.agency} | {own.id.value for own in self.pathway.agencies}
        return vocabulary.organizations([a for a in self.program.agencies if a.id.value in at])


def _used_names(program: m.Program) -> set[str]:
    """The roles and evidence the pathway's stages name."""
    used: set[str] = set()
    for stage in program.root.stages:
        used |= {n.value for n in [stage.lead, *stage.with_roles, *stage.evidence] if n}
        used |= {a.by.value for a in stage.actions if a.by}
    return used
