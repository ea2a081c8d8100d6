"""Shared by `step-direction` and `unmarked-level-change`: transitions whose two ends both
have a known level."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from pathwaylang import model as m
from pathwaylang.rules.base import RuleContext


class LevelMove(NamedTuple):
    stage: m.Stage
    transition: m.Transition
    target: m.Stage | m.Outcome
    here: int
    """The rank of the stage's level (0 is the lowest need)."""
    there: int
    """The rank of the target's level."""


def level_moves(ctx: RuleContext, kinds: set[str]) -> Iterator[LevelMove]:
    """Transitions of `kinds` from a stage to a stage or outcome, both with known levels.
    Subpathways have no level; undefined names and levels are other rules' findings."""
    ranks = {level.id.value: level.rank for level in ctx.program.levels}
    nodes = dict(ctx.graph.nodes(data=True))  # a plain dict: networkx's node view is slower
    for stage in ctx.pathway.stages:
        if stage.level is None or stage.level.value not in ranks:
            continue
        for transition in stage.transitions:
            if transition.kind not in kinds:
                continue
            node = nodes.get(transition.target.value, {})
            target = node.get("node")
            if node.get("kind") not in ("stage", "outcome") or target.level is None \
                    or target.level.value not in ranks:
                continue
            yield LevelMove(stage, transition, target, ranks[stage.level.value],
                            ranks[target.level.value])
