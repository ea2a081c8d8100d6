"""single-entry-point: a pathway with only one way in."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext


class SingleEntryPoint(Rule):
    """
    ## What it does
    Reports a pathway with exactly one `entry`. A pathway with none is `no-entry-point`'s
    error, so it is not reported twice. Not reported for a `library`, nor for a file
    checked as another pathway's subpathway: a subpathway starts where the main pathway
    refers a family to it, so one door is normal there.

    ## Why it matters
    Families should find "no wrong door": a school, a health visitor, a GP or the family
    itself can each start them on the pathway. A pathway with one entry point sends every
    other family away, or leaves practitioners to guess where they join.

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
      entry self_referral "A family asks for help" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "single-entry-point"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        if pathway.kind != "pathway" or ctx.is_subpathway or len(pathway.entries) != 1:
            return
        entry = pathway.entries[0]
        yield self.finding(
            f"`{entry.id.value}` is the pathway's only entry point", entry.id.span,
            hint=f"add an `entry` for each other way families arrive, for example "
                 f"`entry self_referral \"A family asks for help\" -> {entry.target.value}`")
