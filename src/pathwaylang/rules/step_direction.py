"""step-direction: a `step up` that does not go up, or a `step down` that does not go down."""

from pathwaylang import model as m
from pathwaylang.diagnostics import Label
from pathwaylang.rules.base import Rule, RuleContext

_WANTED = {"step up": ("up", 1), "step down": ("down", -1)}


class StepDirection(Rule):
    """
    ## What it does
    Reports a `step up` whose target is not at a strictly higher level than the stage it
    leaves, and a `step down` whose target is not at a strictly lower one. Levels are
    ordered by the `levels` block, lowest need first. A target outcome with no `level`,
    a target subpathway, and a stage or level that is missing or undefined (reported by
    other rules) are not checked.

    ## Why it matters
    Stepping up and down the continuum of need is what an integrated pathway is for. A
    step marked up that is really sideways or down misleads practitioners and families
    about how serious things have become, and hides the real route on the map.

    ## Example
    ```pwy
    pathway example "Example" {
      levels {
        universal "Universal services" domain prevention
        targeted "Targeted support" domain protection
      }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level targeted
        lead health_visitor
        step up to universal_support when "Needs can be met by universal services"
      }
      stage universal_support "Universal support" {
        level universal
        lead health_visitor
        exit to supported
      }
      outcome supported "Family supported" { level universal }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels {
        universal "Universal services" domain prevention
        targeted "Targeted support" domain protection
      }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level targeted
        lead health_visitor
        step down to universal_support when "Needs can be met by universal services"
      }
      stage universal_support "Universal support" {
        level universal
        lead health_visitor
        exit to supported
      }
      outcome supported "Family supported" { level universal }
    }
    ```
    """

    name = "step-direction"

    def check(self, ctx: RuleContext):
        ranks = {level.id.value: level.rank for level in ctx.program.levels}
        graph = ctx.graph
        for stage in ctx.pathway.stages:
            for transition in stage.transitions:
                if transition.kind not in _WANTED:
                    continue
                target = graph.nodes.get(transition.target.value, {})
                if target.get("kind") not in ("stage", "outcome"):
                    continue  # subpathways have no level; undefined names are reported elsewhere
                finding = self._check(stage, transition, target["node"], ranks)
                if finding is not None:
                    yield finding

    def _check(self, stage: m.Stage, transition: m.Transition, target: m.Stage | m.Outcome,
               ranks: dict[str, int]):
        if stage.level is None or target.level is None:
            return None
        here, there = ranks.get(stage.level.value), ranks.get(target.level.value)
        if here is None or there is None:
            return None
        word, sign = _WANTED[transition.kind]
        if (there - here) * sign > 0:
            return None
        check = f"or check the levels of `{stage.id.value}` and `{target.id.value}`"
        if there == here:
            where = f"the same level as `{stage.id.value}`"
            hint = f"a move within one level is `exit to`; {check}"
        else:
            where = f"a {'lower' if sign > 0 else 'higher'} level than `{stage.id.value}` " \
                    f"(`{stage.level.value}`)"
            hint = f"write `step {'down' if sign > 0 else 'up'}`, {check}"
        return self.finding(
            f"`{transition.kind}` to `{target.id.value}` does not go {word}: it is at "
            f"`{target.level.value}`, {where}", transition.span, hint=hint,
            labels=[Label(target.level.span, f"`{target.id.value}`'s level")])
