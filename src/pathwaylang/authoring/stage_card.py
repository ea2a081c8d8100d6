"""A stage's card: what an author wants at a glance (title, level, lead, timescale, the
routes in and out). `pwy lsp` shows it on hover, `pwy serve` when a stage is clicked."""

from __future__ import annotations

from dataclasses import dataclass

from pathwaylang import model as m
from pathwaylang.analysis.symbols import SymbolTable


@dataclass(frozen=True)
class Named:
    id: str
    label: str | None
    """The level's label or the role's name, when it is defined."""


@dataclass(frozen=True)
class Route:
    kind: str
    """`entry`, `exit`, `step up`, `step down`, `refer` or `rejoin`."""
    other: str
    """The stage (or entry, outcome, subpathway) at the other end."""


@dataclass(frozen=True)
class StageCard:
    id: str
    title: str
    level: Named | None
    lead: Named | None
    timescale: str | None
    routes_in: tuple[Route, ...]
    routes_out: tuple[Route, ...]
    file: str
    line: int


def _named(symbols: SymbolTable, name: m.Name | None) -> Named | None:
    if name is None:
        return None
    found = symbols.lookup(name.value)
    label = None
    if found is not None:
        node = found.node
        if isinstance(node, m.Level):
            label = node.label.value
        elif isinstance(node, (m.Role, m.Agency)):
            label = node.name.value
    return Named(name.value, label)


def routes_in(program: m.Program, stage: str) -> list[Route]:
    found = []
    for file in program.files():
        found += [Route("entry", e.id.value) for e in file.entries if e.target.value == stage]
        for other in file.stages:
            found += [Route(t.kind, other.id.value) for t in other.transitions
                      if t.target.value == stage]
        found += [Route("rejoin", s.id.value) for s in file.subpathways
                  if s.rejoin is not None and s.rejoin.value == stage]
    return found


def stage_card(program: m.Program, symbols: SymbolTable, stage: m.Stage) -> StageCard:
    return StageCard(
        id=stage.id.value, title=" ".join(stage.title.value.split()),
        level=_named(symbols, stage.level), lead=_named(symbols, stage.lead),
        timescale=str(stage.timescale) if stage.timescale else None,
        routes_in=tuple(routes_in(program, stage.id.value)),
        routes_out=tuple(Route(t.kind, t.target.value) for t in stage.transitions),
        file=stage.span.file, line=stage.span.line)
