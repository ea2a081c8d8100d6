"""unmarked-level-change: an `exit to` that moves a family to another level of need."""

from pathwaylang.core.diagnostics import Label, Severity
from pathwaylang.rules._level_moves import LevelMove, level_moves
from pathwaylang.rules.base import Rule, RuleContext


class UnmarkedLevelChange(Rule):
    """
    ## What it does
    Reports an `exit to` whose target stage or outcome is at a different level from the
    stage it leaves: a move up or down the continuum of need should say so with `step up`
    or `step down`, and the hint says which. A target outcome with no `level`, a
    subpathway, and a missing or undefined level (reported by other rules) are not checked.

    ## Why it matters
    Stepping up and down is the point of an integrated pathway: it is when the lead and the
    services around a family change, and what the pathway group counts. A step written as
    an ordinary exit is drawn as one on the map and missed by `no-step-down`.

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
        level universal
        lead health_visitor
        exit to targeted_support when "The family needs more help"
      }
      stage targeted_support "Targeted support" {
        level targeted
        lead health_visitor
        step down to first_contact when "Things are better"
        exit to supported
      }
      outcome supported "Family supported"
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
        level universal
        lead health_visitor
        step up to targeted_support when "The family needs more help"
      }
      stage targeted_support "Targeted support" {
        level targeted
        lead health_visitor
        step down to first_contact when "Things are better"
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "unmarked-level-change"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        for move in level_moves(ctx, {"exit"}):
            if move.here != move.there:
                yield self._finding(move)

    def _finding(self, move: LevelMove):
        stage, transition, target = move.stage, move.transition, move.target
        here, there = move.here, move.there
        direction = "up" if there > here else "down"
        higher = "higher" if direction == "up" else "lower"
        name = transition.target.value
        when = ' when "..."' if transition.when is not None else ""
        return self.finding(
            f"`exit to {name}` moves from level `{stage.level.value}` to the {higher} level "
            f"`{target.level.value}`", transition.span,
            hint=f"write `step {direction} to {name}{when}`",
            labels=[Label(target.level.span, f"`{name}` is at this level")])
