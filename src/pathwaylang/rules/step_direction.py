"""step-direction: a `step up` that does not go up, or a `step down` that does not go down."""

from pathwaylang.core.diagnostics import Label
from pathwaylang.rules._level_moves import LevelMove, level_moves
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
        for move in level_moves(ctx, set(_WANTED)):
            finding = self._check(move)
            if finding is not None:
                yield finding

    def _check(self, move: LevelMove):
        stage, transition, target = move.stage, move.transition, move.target
        here, there = move.here, move.there
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
