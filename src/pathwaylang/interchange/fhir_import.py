"""`pwy import fhir`: a FHIR R4 Bundle, as `pwy export --to fhir` writes it, back to `.pwy` text.

The Bundle is first validated with fhir.resources (its R4B models, the R4 structures
PlanDefinition and CodeSystem keep); then the pathway is rebuilt from the JSON: the
PlanDefinition's actions (entries, stages, outcomes, subpathways, algorithms, told apart
by their node-kind code), the levels and roles CodeSystems, the agencies' Organizations
and the evidence cited. The file is self-contained: definitions that came from a library
are written into it. fhir.py and docs/interchange.md give the mapping.
"""

from __future__ import annotations

from pathwaylang.interchange import fhir_terms as t
from pathwaylang.interchange.fhir_read import Actions, Bundle, BundleError
from pathwaylang.interchange.fhir_read import pwy_string as s

__all__ = ["BundleError", "pathway_from_bundle"]

UNIT_WORDS = {"d": "day", "wk": "week", "mo": "month", "a": "year", "day": "day",
              "working day": "working day", "week": "week", "month": "month", "year": "year"}
STATUS_BACK = {"draft": "draft", "active": "approved", "retired": "retired"}


def pathway_from_bundle(data: bytes) -> str:
    """The `.pwy` text of the pathway in a Bundle's JSON; raises BundleError saying what
    is wrong when it is not a FHIR R4 Bundle holding a pathway PlanDefinition."""
    bundle = Bundle.read(data)
    return canonical(_Writer(bundle).pathway())


def canonical(text: str) -> str:
    """The text in `pwy fmt`'s layout (aligned levels, evidence blocks on their own lines)."""
    from pathlib import Path

    from pathwaylang.core.source import SourceFile
    from pathwaylang.syntax.fmt import format_source

    formatted = format_source(SourceFile(Path("imported.pwy"), "imported.pwy", text)).text
    if formatted is None:  # a bug here, never the Bundle's fault: say so plainly
        raise BundleError("the pathway written from this Bundle does not parse (a bug in "
                          "pwy import; please report it with the Bundle)")
    return formatted


def duration(value: dict | None) -> str | None:
    if not value or value.get("value") is None:
        return None
    amount = value["value"]
    try:
        if amount != int(amount) or amount < 0:
            return None
    except (OverflowError, ValueError, TypeError):  # infinity, NaN: no duration at all
        return None
    word = UNIT_WORDS.get(str(value.get("code") or ""))
    if word is None:
        unit = str(value.get("unit") or "").strip().lower()
        word = UNIT_WORDS.get(unit[:-1] if unit.endswith("s") else unit)
    if word is None:
        return None
    return f"{int(amount)} {word}{'' if amount == 1 else 's'}"


class _Writer:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.plan = bundle.pathway_plan()
        self.actions = Actions(self.plan)
        self.lines: list[str] = []

    def add(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)

    def pathway(self) -> str:
        plan = self.plan
        pid = t.pwy_name(self.bundle.pathway_id())
        title = plan.get("title") or plan.get("name") or pid
        self.add(0, f"pathway {pid} {s(title)} {{")
        self.header()
        self.definitions()
        for kind, write in (("entry", self.entry), ("stage", self.stage),
                            ("outcome", self.outcome), ("subpathway", self.subpathway),
                            ("algorithm", self.algorithm)):
            items = self.actions.of_kind(kind)
            if items:
                self.lines.append("")
            for action in items:
                write(action)
        self.indicators()
        self.add(0, "}")
        return "\n".join(self.lines) + "\n"

    # ---- header and shared definitions ---------------------------------------------------------

    def header(self) -> None:
        plan = self.plan
        if plan.get("publisher"):
            self.add(1, f"authority {s(plan['publisher'])}")
        if plan.get("version"):
            self.add(1, f"version {s(plan['version'])}")
        status = next((e.get("valueCode") for e in plan.get("extension", [])
                       if e.get("url") == t.STATUS), None)
        if status not in STATUS_BACK.values() and status != "consultation":
            status = STATUS_BACK.get(plan.get("status"), "draft")
        self.add(1, f"status {status}")
        for keyword, value in (("developed", plan.get("date")),
                               ("review", plan.get("effectivePeriod", {}).get("end"))):
            day = _day(value)
            if day:
                self.add(1, f"{keyword} {day}")
        owner = next((a.get("name") for a in plan.get("author", []) if a.get("name")), None)
        if owner:
            self.add(1, f"owner {s(owner)}")
        languages = [e.get("valueCode") for e in plan.get("extension", [])
                     if e.get("url") == t.LANGUAGES and e.get("valueCode")]
        if languages:
            self.add(1, "languages " + ", ".join(t.pwy_name(code) for code in languages))
        for block in plan.get("extension", []):
            if block.get("url") == t.FAMILY_NAMES:
                self.family_block(block, 1, ("title", "authority"))
        for context in plan.get("useContext", []):
            if context.get("code", {}).get("code") == "age" and "valueRange" in context:
                low = context["valueRange"].get("low", {}).get("value")
                high = context["valueRange"].get("high", {}).get("value")
                if low is not None and high is not None:
                    self.add(1, f"ages {int(low)} to {int(high)}")

    def definitions(self) -> None:
        levels = self.bundle.code_system(self.actions.levels_system)
        if levels:
            self.lines.append("")
            self.add(1, "levels {")
            for concept in levels.get("concept", []):
                domain = _property(concept, "domain") or "prevention"
                self.add(2, f"{t.pwy_name(concept['code'])} {s(concept.get('display') or concept['code'])}"
                            f" domain {domain}")
            self.add(1, "}")
        agencies = self.bundle.agencies()
        if agencies:
            self.lines.append("")
        for code, name in agencies.items():
            self.add(1, f"agency {t.pwy_name(code)} {s(name)}")
        roles = self.bundle.code_system(self.actions.roles_system)
        for concept in (roles or {}).get("concept", []):
            agency = _property(concept, "agency")
            at = f" at {t.pwy_name(agency)}" if agency in agencies else ""
            self.add(1, f"role {t.pwy_name(concept['code'])} "
                        f"{s(concept.get('display') or concept['code'])}{at}")
        cited = [a for a in self.plan.get("relatedArtifact", [])
                 if a.get("type") == "citation" and a.get("label")]
        if cited:
            self.lines.append("")
        for artifact in cited:
            ages = _ages(artifact)
            inner = [f"ages {ages}"] if ages else []
            inner += [f"source {s(artifact['citation'])}"] if artifact.get("citation") else []
            inner += [f"url {s(artifact['url'])}"] if artifact.get("url") else []
            body = f" {{ {'  '.join(inner)} }}" if inner else ""
            self.add(1, f"evidence {t.pwy_name(artifact['label'])} "
                        f"{s(artifact.get('display') or artifact['label'])}{body}")

    # ---- the graph's nodes ------------------------------------------------------------------

    def entry(self, action: dict) -> None:
        target = self.actions.entry_target(action)
        description = action.get("title") or next(
            (tr.get("name") for tr in action.get("trigger", []) if tr.get("name")), "")
        if target is not None:
            self.add(1, f"entry {self.actions.name(action)} {s(description)} -> {target}")

    def stage(self, action: dict) -> None:
        a = self.actions
        self.lines.append("")
        self.add(1, f"stage {a.name(action)} {s(action.get('title') or a.name(action))} {{")
        level = a.level(action)
        if level:
            self.add(2, f"level {level}")
        lead, others = a.participants(action)
        if lead:
            self.add(2, f"lead {lead}")
        if others:
            self.add(2, "with " + ", ".join(others))
        keyword = {"entry": "entry when", "exclusion": "exclude when", "consent": "consent"}
        for condition in action.get("condition", []):
            expression = condition.get("expression", {})
            name, text = expression.get("name"), expression.get("description")
            if name in keyword and text:
                self.add(2, f"{keyword[name]} {s(text)}")
            elif name == "ages" and text and _age_range(text):
                self.add(2, f"ages {_age_range(text)}")
        for sub in action.get("action", []):
            self.activity(sub)
        timescale = duration(action.get("timingDuration"))
        if timescale:
            self.add(2, f"timescale {timescale}")
        uses = [target for target, _ in a.routes(action, "uses")]
        if uses:
            self.add(2, "uses " + ", ".join(uses))
        for artifact in action.get("documentation", []):
            if artifact.get("type") == "citation" and artifact.get("label"):
                self.add(2, f"evidence {t.pwy_name(artifact['label'])}")
            elif artifact.get("type") == "documentation" and artifact.get("display"):
                self.add(2, f"guidance {s(artifact['display'])}")
        for kind, target, criterion in a.transitions(action):
            when = f" when {s(criterion)}" if criterion else ""
            self.add(2, f"{kind} to {target}{when}")
        self.family(action, 2)
        self.add(1, "}")

    def family(self, action: dict, depth: int) -> None:
        for block in action.get("extension", []):
            if block.get("url") == t.FAMILY_TEXT:
                self.family_block(block, depth, t.FAMILY_PARTS + ("icon",))

    def family_block(self, block: dict, depth: int, names: tuple[str, ...]) -> None:
        parts = {e.get("url"): e.get("valueString") or e.get("valueCode")
                 for e in block.get("extension", [])}
        language = f" {t.pwy_name(parts['language'])}" if parts.get("language") else ""
        self.add(depth, f"family{language} {{")
        for name in names:
            if parts.get(name) and name == "icon":
                self.add(depth + 1, f"icon {t.pwy_name(parts['icon'])}")
            elif parts.get(name):
                self.add(depth + 1, f"{name} {s(parts[name])}")
        self.add(depth, "}")

    def indicators(self) -> None:
        """Each goal of the plan, with the stage whose action names it."""
        at = {goal: self.actions.name(a) for a in self.actions.of_kind("stage")
              for goal in a.get("goalId", [])}
        for goal in self.plan.get("goal", []):
            name = goal.get("description", {}).get("text")
            if not goal.get("id") or not name:
                continue
            self.lines.append("")
            self.add(1, f"indicator {t.pwy_name(goal['id'].rsplit('.', 1)[-1])} {s(name)} {{")
            target = (goal.get("target") or [{}])[0]
            if target.get("measure", {}).get("text"):
                self.add(2, f"measure {s(target['measure']['text'])}")
            value = target.get("detailQuantity", {}).get("value")
            if value is not None and target["detailQuantity"].get("unit") == "%":
                self.add(2, f"target {value:g}%")
            if goal["id"] in at:
                self.add(2, f"at {at[goal['id']]}")
            count = self.count(goal, target)
            if count:
                self.add(2, count)
            self.add(1, "}")

    @staticmethod
    def count(goal: dict, target: dict) -> str | None:
        """The indicator's `count` line, from its extension and the target's `due`."""
        for extension in goal.get("extension", []):
            if extension.get("url") != t.INDICATOR_COUNT:
                continue
            parts = {e.get("url"): e.get("valueCode") or e.get("valueString")
                     for e in extension.get("extension", [])}
            within = duration(target.get("due"))
            if not within or not parts.get("node"):
                return None
            node = t.pwy_name(parts["node"])
            if parts.get("kind") == "reaching" and parts.get("from"):
                return f"count families reaching {node} from {t.pwy_name(parts['from'])} " \
                       f"within {within}"
            if parts.get("kind") == "within":
                return f"count visits to {node} within {within}"
        return None

    def activity(self, sub: dict) -> None:
        if not sub.get("title"):
            return
        line = f"action {s(sub['title'])}"
        roles = [self.actions.role(p) for p in sub.get("participant", [])]
        if roles and roles[0]:
            line += f" by {roles[0]}"
        within = duration(sub.get("timingDuration"))
        if within:
            line += f" within {within}"
        self.add(2, line)

    def outcome(self, action: dict) -> None:
        level = self.actions.level(action)
        head = (f"outcome {self.actions.name(action)} "
                f"{s(action.get('title') or self.actions.name(action))}")
        if not any(e.get("url") == t.FAMILY_TEXT for e in action.get("extension", [])):
            self.add(1, head + (f" {{ level {level} }}" if level else ""))
            return
        self.add(1, head + " {")
        if level:
            self.add(2, f"level {level}")
        self.family(action, 2)
        self.add(1, "}")

    def subpathway(self, action: dict) -> None:
        inner = [f"file {s(d['display'])}" for d in action.get("documentation", [])
                 if d.get("label") == "file" and d.get("display")]
        inner += [f"rejoin {target}" for target, _ in self.actions.routes(action, "rejoin")][:1]
        title = action.get("title") or self.actions.name(action)
        self.add(1, f"subpathway {self.actions.name(action)} {s(title)} "
                    f"{{ {'  '.join(inner)} }}".replace("{  }", "{ }"))

    def algorithm(self, action: dict) -> None:
        a = self.actions
        self.lines.append("")
        self.add(1, f"algorithm {a.name(action)} {s(action.get('title') or a.name(action))} {{")
        for question in action.get("action", []):
            self.add(2, f"ask {a.name(question)} {s(question.get('title') or '')} {{")
            for answer in question.get("action", []):
                step = a.step(answer)
                self.add(3, f"{a.name(answer)} -> {step}" if step else f"{a.name(answer)} ->")
            self.add(2, "}")
        self.add(1, "}")


def _day(value) -> str | None:
    """A FHIR date or dateTime as the language's `YYYY-MM-DD`; None for a year or a month
    alone (`2020`, `2020-05`), which the language cannot say."""
    text = str(value or "")[:10]
    if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
        return text
    return None


def _ages(artifact: dict) -> str | None:
    for extension in artifact.get("extension", []):
        if extension.get("url") == t.AGES:
            low = extension.get("valueRange", {}).get("low", {}).get("value")
            high = extension.get("valueRange", {}).get("high", {}).get("value")
            if low is not None and high is not None:
                return f"{int(low)} to {int(high)}"
    return None


def _property(concept: dict, code: str) -> str | None:
    return next((p.get("valueCode") for p in concept.get("property", [])
                 if p.get("code") == code), None)


def _age_range(text: str) -> str | None:
    parts = text.split()
    if len(parts) == 3 and parts[1] == "to" and parts[0].isdigit() and parts[2].isdigit():
        return f"{parts[0]} to {parts[2]}"
    return None

