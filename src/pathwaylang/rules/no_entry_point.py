"""no-entry-point: a pathway with no `entry`."""

from pathwaylang.rules.base import Rule, RuleContext


class NoEntryPoint(Rule):
    """
    ## What it does
    Reports a pathway that declares no `entry`: no way for a family to arrive. A `library`
    holds only shared definitions and is not checked.

    ## Why it matters
    Without an entry point nothing in the pathway can be reached, so no family would ever
    start on it, and the map has nowhere to begin.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
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
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "no-entry-point"

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        if pathway.kind != "pathway" or pathway.entries:
            return
        first = pathway.stages[0].id.value if pathway.stages else "STAGE"
        yield self.finding(
            f"pathway `{pathway.id.value}` has no entry point", pathway.id.span,
            hint=f"add `entry ID \"How families arrive\" -> {first}` for each way a family "
                 "can arrive")
