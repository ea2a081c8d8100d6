"""review-overdue: a review date that has passed."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext


class ReviewOverdue(Rule):
    """
    ## What it does
    Reports a `review` date before today. `pwy check --today DATE` fixes today, so checks
    in CI give the same answer every day. A `retired` pathway is not reported (nobody
    reviews it any more), nor is an impossible date (that is `invalid-date`).

    ## Why it matters
    Services, thresholds and guidance change. A pathway past its review date may send
    families to services that no longer exist, or by rules that no longer apply.

    ## Example
    ```pwy
    pathway example "Example" {
      developed 2011-09-01
      review 2012-09-01
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
      developed 2011-09-01
      review 2099-09-01
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

    name = "review-overdue"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        review, today = pathway.review, ctx.options.today
        if review is None or review.value is None or review.value >= today:
            return
        if pathway.status is not None and pathway.status.value == "retired":
            return
        yield self.finding(
            f"the review was due on {review.text} ({today.isoformat()} is today)", review.span,
            hint="review the pathway with the pathway group, then set `review` to the next "
                 "date it is due")
