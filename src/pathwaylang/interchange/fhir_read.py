"""Reading a FHIR Bundle for `pwy import fhir`: validation by fhir.resources, then lookups.

fhir.resources has no plain-R4 models in its current release; its R4B ones (R4B changed
neither PlanDefinition, ActivityDefinition, CodeSystem nor Organization) validate the
structure: element names, types, cardinalities and id patterns.
"""

from __future__ import annotations

import json

from pathwaylang.interchange import fhir_terms as t

MAX_ERRORS_SHOWN = 3
TRANSITION_KINDS = ("exit", "step up", "step down", "refer")


def pwy_string(text: str) -> str:
    """A `.pwy` string literal (the language's three escapes; control characters replaced)."""
    value = t.plain_text(text)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class BundleError(Exception):
    """The file is not a FHIR R4 Bundle holding a pathway; the message says why."""


class Bundle:
    def __init__(self, data: dict):
        self.data = data
        self.resources = [e["resource"] for e in data.get("entry", []) if "resource" in e]

    @classmethod
    def read(cls, raw: bytes) -> "Bundle":
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise BundleError(f"not JSON ({err})") from err
        except RecursionError as err:
            raise BundleError("not a Bundle pwy can read: its JSON is nested too deeply") from err
        if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
            found = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
            raise BundleError(f"not a FHIR Bundle (its resourceType is {found!r})")
        _validate(data)
        return cls(data)

    def pathway_plan(self) -> dict:
        plans = [r for r in self.resources if r.get("resourceType") == "PlanDefinition"]
        for plan in plans:
            if t.CPG_PATHWAY in plan.get("meta", {}).get("profile", []):
                return plan
        if plans:
            return plans[0]
        raise BundleError("the Bundle holds no PlanDefinition")

    def pathway_id(self) -> str:
        plan = self.pathway_plan()
        for identifier in plan.get("identifier", []):
            if identifier.get("system") == t.PATHWAY_IDENTIFIER and identifier.get("value"):
                return identifier["value"]
        return plan.get("name") or plan.get("id") or "imported_pathway"

    def code_system(self, url: str | None) -> dict | None:
        return next((r for r in self.resources if r.get("resourceType") == "CodeSystem"
                     and url is not None and r.get("url") == url), None)

    def agencies(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for resource in self.resources:
            if resource.get("resourceType") != "Organization":
                continue
            code = next((i.get("value") for i in resource.get("identifier", [])
                         if i.get("system") == t.AGENCY_IDENTIFIER), None)
            if code:
                found.setdefault(code, resource.get("name") or code)
        return found


def _validate(data: dict) -> None:
    from pydantic import ValidationError

    from fhir.resources.R4B.bundle import Bundle as FhirBundle

    try:
        FhirBundle.model_validate(data)
    except ValidationError as err:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                    for e in err.errors()[:MAX_ERRORS_SHOWN]]
        more = len(err.errors()) - len(problems)
        tail = f" (and {more} more)" if more > 0 else ""
        raise BundleError("not a valid FHIR R4 Bundle: " + "; ".join(problems) + tail) from err
    except RecursionError as err:
        raise BundleError("not a valid FHIR R4 Bundle: it is nested too deeply") from err
    except Exception as err:  # fhir_core's own checks fail in their own ways on odd input
        raise BundleError(f"not a valid FHIR R4 Bundle: {err}") from err


class Actions:
    """The PlanDefinition's actions, nested ones included, by FHIR id."""

    def __init__(self, plan: dict):
        self.top = plan.get("action", [])
        self.by_id: dict[str, dict] = {}
        self._index(self.top)
        self.levels_system = self._first_system(
            (c for a in self.top for code in a.get("code", []) for c in code.get("coding", [])),
            {t.NODE_KIND})
        self.roles_system = self._first_system(
            (c for a in self.by_id.values() for p in a.get("participant", [])
             for c in p.get("role", {}).get("coding", [])), {t.BUILT_IN_ROLE})

    def _index(self, actions: list[dict]) -> None:
        for action in actions:
            if action.get("id"):
                self.by_id.setdefault(action["id"], action)
            self._index(action.get("action", []))

    @staticmethod
    def _first_system(codings, skip: set[str]) -> str | None:
        return next((c.get("system") for c in codings if c.get("system") not in skip), None)

    def kind(self, action: dict) -> str:
        for code in action.get("code", []):
            for coding in code.get("coding", []):
                if coding.get("system") == t.NODE_KIND:
                    return coding.get("code", "")
        return "entry" if action.get("trigger") else "stage"

    def of_kind(self, kind: str) -> list[dict]:
        return [a for a in self.top if self.kind(a) == kind]

    def name(self, action: dict) -> str:
        kept = next((e.get("valueString") for e in action.get("extension", [])
                     if e.get("url") == t.IDENTIFIER), None)
        if kept:
            return t.pwy_name(kept)
        if self.kind(action) == "answer" and action.get("title"):
            return t.pwy_name(action["title"])
        return t.pwy_name((action.get("id") or "unnamed").rsplit(".", 1)[-1])

    def target_name(self, action_id: str) -> str | None:
        target = self.by_id.get(action_id)
        return self.name(target) if target is not None else None

    def related(self, action: dict) -> list[tuple[str, str, str | None]]:
        """(kind, target, criterion) for each related action whose target is known, in
        order; one with no kind that comes `before-start` of its target is an exit."""
        out = []
        for related in action.get("relatedAction", []):
            extensions = {e.get("url"): e for e in related.get("extension", [])}
            code = extensions.get(t.ROUTE_KIND, {}).get("valueCode")
            if code is None and related.get("relationship") == "before-start":
                code = "exit"  # a plain related action: an ordinary move
            target = self.target_name(related.get("actionId", ""))
            if code in t.ROUTE_KINDS and target is not None:
                out.append((t.ROUTE_KINDS[code], target,
                            extensions.get(t.ROUTE_CRITERION, {}).get("valueString")))
        return out

    def routes(self, action: dict, kind: str) -> list[tuple[str, str | None]]:
        """(target, criterion) for each related action of this route kind, in order."""
        return [(target, criterion) for k, target, criterion in self.related(action)
                if k == kind]

    def transitions(self, action: dict) -> list[tuple[str, str, str | None]]:
        """The routes out of a stage, leaving out any to an entry (no route leads into one)."""
        entries = {self.name(a) for a in self.of_kind("entry")}
        return [r for r in self.related(action)
                if r[0] in TRANSITION_KINDS and r[1] not in entries]

    def entry_target(self, action: dict) -> str | None:
        """Where an entry leads: its first related action that is not itself an entry."""
        entries = {self.name(a) for a in self.of_kind("entry")}
        return next((target for _, target, _ in self.related(action)
                     if target not in entries), None)

    def level(self, action: dict) -> str | None:
        for code in action.get("code", []):
            for coding in code.get("coding", []):
                if coding.get("system") == self.levels_system and coding.get("code"):
                    return t.pwy_name(coding["code"])
        return None

    def role(self, participant: dict) -> str | None:
        for coding in participant.get("role", {}).get("coding", []):
            if coding.get("code") and coding.get("system") in (t.BUILT_IN_ROLE,
                                                                self.roles_system):
                return t.pwy_name(coding["code"])
        return None

    def participants(self, action: dict) -> tuple[str | None, list[str]]:
        lead, others = None, []
        for participant in action.get("participant", []):
            role = self.role(participant)
            is_lead = any(e.get("url") == t.LEAD and e.get("valueBoolean")
                          for e in participant.get("extension", []))
            if role and is_lead and lead is None:
                lead = role
            elif role:
                others.append(role)
        return lead, others

    def step(self, answer: dict) -> str:
        for kind in ("ask", "goto"):
            found = self.routes(answer, kind)
            if found:
                return f"{kind} {found[0][0]}"
        if answer.get("description"):
            return f"do {pwy_string(answer['description'])}"
        return ""
