"""missing-criteria: a transition with no `when`, or a stage with no `entry when`."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext


class MissingCriteria(Rule):
    """
    ## What it does
    Reports a stage with no `entry when` (its entry criteria), and each transition
    (`exit to`, `step up to`, `step down to`, `refer to`) with no `when` (its exit
    criterion).

    ## Why it matters
    Criteria are what practitioners from different agencies agree on: when a family
    belongs in a stage and when it is time to move on. Without them each service decides
    in its own way, and families are passed on too early, too late, or not at all.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        entry when "A practitioner is worried about a child under five"
        exit to supported when "The family says things are better"
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "missing-criteria"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        for stage in ctx.pathway.stages:
            name = stage.id.value
            if not stage.entry_criteria:
                yield self.finding(
                    f"stage `{name}` has no entry criteria", stage.id.span,
                    hint="add `entry when \"...\"` saying which families this stage is for")
            for transition in stage.transitions:
                if transition.when is None:
                    yield self.finding(
                        f"`{transition.kind} to {transition.target.value}` from `{name}` has "
                        "no criterion", transition.span,
                        hint=f"add `when \"...\"` saying when a family moves to "
                             f"`{transition.target.value}`")
