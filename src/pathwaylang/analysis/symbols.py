"""The namespace of a program (a pathway and its libraries) and every reference into it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple

from pathwaylang import model as m
from pathwaylang.core.limits import MAX_SUGGESTIONS
from pathwaylang.core.wording import closest

KIND_WORDS = {
    "level": "a level", "agency": "an agency", "role": "a role", "evidence": "evidence",
    "entry": "an entry point", "stage": "a stage", "outcome": "an outcome",
    "subpathway": "a subpathway", "algorithm": "an algorithm", "indicator": "an indicator",
}


@dataclass(frozen=True)
class Definition:
    """One named thing: its kind, its node, and whether it came from a used library."""

    kind: str
    node: m.Node
    from_library: bool

    @property
    def name(self) -> m.Name:
        return self.node.id  # type: ignore[attr-defined]


class Reference(NamedTuple):
    """A name used somewhere, and the kinds of definition that may stand there (a tuple: a
    large pathway has tens of thousands)."""

    name: m.Name
    kinds: tuple[str, ...]
    what: str
    """What the name is for, in words: "the stage's lead", "a `goto` target"."""
    built_ins: tuple[str, ...] = ()
    check_kind: bool = True
    """False where a wrong kind is another rule's finding (`rejoin`, `goto`)."""


def definitions_in(file: m.PathwayFile, from_library: bool) -> Iterator[Definition]:
    if file.levels is not None:
        for level in file.levels.levels:
            yield Definition("level", level, from_library)
    for kind, items in (("agency", file.agencies), ("role", file.roles),
                        ("evidence", file.evidence), ("entry", file.entries),
                        ("stage", file.stages), ("outcome", file.outcomes),
                        ("subpathway", file.subpathways), ("algorithm", file.algorithms),
                        ("indicator", file.indicators)):
        for item in items:
            yield Definition(kind, item, from_library)


class SymbolTable:
    """Every definition of a program by name; a name defined twice keeps both (in file order)."""

    def __init__(self, program: m.Program):
        self.by_name: dict[str, list[Definition]] = {}
        self._names: dict[tuple[str, ...], list[str]] = {}
        self._suggestions: dict[tuple, str | None] = {}
        for file in program.files():
            for definition in definitions_in(file, from_library=file is not program.root):
                self.by_name.setdefault(definition.name.value, []).append(definition)

    def lookup(self, name: str, kinds: tuple[str, ...] = ()) -> Definition | None:
        """The definition of `name`: of one of `kinds` when any is (a name defined twice is
        duplicate-definition's finding alone, not also a wrong kind wherever it is used)."""
        found = self.by_name.get(name)
        if not found:
            return None
        return next((d for d in found if d.kind in kinds), found[0])

    def names_of(self, kinds: tuple[str, ...]) -> list[str]:
        if kinds not in self._names:
            self._names[kinds] = sorted(name for name, defs in self.by_name.items()
                                        if defs[0].kind in kinds)
        return self._names[kinds]

    def suggest(self, name: str, kinds: tuple[str, ...], extra: tuple[str, ...] = ()) -> str | None:
        """The closest defined name of the right kind, for "did you mean". Remembered, and
        given up after `MAX_SUGGESTIONS` different names, so a file of thousands of unknown
        names is still checked in seconds."""
        key = (name, kinds, extra)
        if key not in self._suggestions:
            if len(self._suggestions) >= MAX_SUGGESTIONS:
                return None
            candidates = self.names_of(kinds) + list(extra)
            self._suggestions[key] = closest(name, candidates)
        return self._suggestions[key]


TARGET_KINDS = ("stage", "outcome", "subpathway")


def references_in(file: m.PathwayFile,
                  resolve_gotos: Callable[[m.Algorithm], bool]) -> Iterator[Reference]:
    """Every name a file refers to, with what may stand there; an algorithm's `goto`s only
    where `resolve_gotos` says they are resolved."""
    role_built_ins = tuple(m.BUILT_IN_ROLES)
    for role in file.roles:
        if role.agency is not None:
            yield Reference(role.agency, ("agency",), "the role's agency")
    for entry in file.entries:
        yield Reference(entry.target, ("stage",), "the entry point's first stage")
    for stage in file.stages:
        if stage.level is not None:
            yield Reference(stage.level, ("level",), "the stage's level")
        if stage.lead is not None:
            yield Reference(stage.lead, ("role",), "the stage's lead")
        for role in stage.with_roles:
            yield Reference(role, ("role",), "a role working on the stage", role_built_ins)
        for action in stage.actions:
            if action.by is not None:
                yield Reference(action.by, ("role",), "who does the action", role_built_ins)
        for algorithm in stage.uses:
            yield Reference(algorithm, ("algorithm",), "an algorithm the stage uses")
        for evidence in stage.evidence:
            yield Reference(evidence, ("evidence",), "evidence for the stage")
        for transition in stage.transitions:
            kinds = ("subpathway",) if transition.kind == "refer" else TARGET_KINDS
            yield Reference(transition.target, kinds, f"the `{transition.kind}` target")
    for outcome in file.outcomes:
        if outcome.level is not None:
            yield Reference(outcome.level, ("level",), "the outcome's level")
    for sub in file.subpathways:
        if sub.rejoin is not None:
            yield Reference(sub.rejoin, ("stage",), "the stage the subpathway rejoins",
                            check_kind=False)
    for indicator in file.indicators:
        if indicator.at is not None:
            yield Reference(indicator.at, ("stage", "outcome"), "where the indicator is measured")
        count = indicator.counts
        if count is not None and count.kind == "within":
            yield Reference(count.stage, ("stage",), "the stage whose visits the indicator counts")
        elif count is not None:
            yield Reference(count.stage, TARGET_KINDS, "the node the indicator counts families "
                            "reaching")
            yield Reference(count.source, ("entry", *TARGET_KINDS), "where the indicator's "
                            "time starts")
    for algorithm in file.algorithms:
        if resolve_gotos(algorithm):
            yield from goto_references(algorithm)


def goto_references(algorithm: m.Algorithm) -> Iterator[Reference]:
    for question in algorithm.questions:
        for answer in question.answers:
            if answer.step is not None and answer.step.kind == "goto":
                yield Reference(answer.step.target, ("stage", "outcome"), "a `goto` target",
                                check_kind=False)


def gotos_resolved_in(program: m.Program) -> Callable[[m.Algorithm], bool]:
    """Whether an algorithm's `goto`s are resolved in this program (the spec, Files): a
    pathway's own always; a library's only where a stage of the pathway `uses` it, since
    they name that pathway's stages; none when a library is checked on its own."""
    if program.root.kind != "pathway":
        return lambda algorithm: False
    own = {id(a) for a in program.root.algorithms}
    used = {name.value for stage in program.root.stages for name in stage.uses}
    return lambda algorithm: id(algorithm) in own or algorithm.id.value in used


def program_references(program: m.Program) -> Iterator[Reference]:
    """References of the file and its libraries; library `goto`s resolve in the using pathway."""
    resolved = gotos_resolved_in(program)
    for file in program.files():
        yield from references_in(file, resolved)
