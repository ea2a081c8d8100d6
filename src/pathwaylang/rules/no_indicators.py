"""no-indicators: a pathway that measures nothing."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext


class NoIndicators(Rule):
    """
    ## What it does
    Reports a pathway with no `indicator`. A `library` holds only shared definitions and is
    not checked.

    ## Why it matters
    A pathway is agreed so that families get help on time. Without at least one milestone
    measured across families (assessments done within 20 working days, plans reviewed on
    time) nobody can tell whether it works, or where families wait.

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
        timescale 10 working days
        exit to supported
      }
      outcome supported "Family supported"
      indicator seen_in_time "Families seen within 10 working days" {
        measure "Share of first contacts made within 10 working days of the concern"
        target 80%
        at first_contact
      }
    }
    ```
    """

    name = "no-indicators"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        if pathway.kind != "pathway" or pathway.indicators:
            return
        stage = pathway.stages[0].id.value if pathway.stages else "STAGE"
        yield self.finding(
            f"pathway `{pathway.id.value}` has no `indicator`", pathway.id.span,
            hint=f"add `indicator ID \"Name\" {{ measure \"...\" target 80% at {stage} }}` "
                 "for a milestone measured across families")
