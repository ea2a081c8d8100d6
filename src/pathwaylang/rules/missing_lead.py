"""missing-lead: a stage with no `lead`."""

from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.core.wording import few_enough, join_words, quoted


class MissingLead(Rule):
    """
    ## What it does
    Reports a stage that does not say who leads it with `lead ROLE`.

    ## Why it matters
    Every stage of an integrated pathway needs one accountable person. A stage without a
    lead is where families wait and nobody notices.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        level universal
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        level universal
        lead health_visitor
      }
    }
    ```
    """

    name = "missing-lead"

    def check(self, ctx: RuleContext):
        roles = quoted(role.id.value for role in ctx.program.roles)
        hint = "add `lead ROLE` naming the role accountable for this stage"
        if len(roles) > 1 and few_enough(roles):
            hint += f"; the roles are {join_words(roles)}"
        elif len(roles) == 1:
            hint += f", such as {roles[0]}"
        elif not roles:
            hint += ", and define the role with `role ID \"Name\"`"
        for stage in ctx.pathway.stages:
            if stage.lead is None:
                yield self.finding(f"stage `{stage.id.value}` has no `lead`", stage.id.span,
                                   hint=hint)
