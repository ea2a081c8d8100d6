"""invalid-date: an impossible date, or `review` before `developed`."""

from pathwaylang.diagnostics import Label
from pathwaylang.rules.base import Rule, RuleContext


class InvalidDate(Rule):
    """
    ## What it does
    Reports a date that is not a real calendar date (`2012-02-30`, `2012-13-01`), and a
    `review` date earlier than the `developed` date.

    ## Why it matters
    The review date is when the pathway group must look at the pathway again; an
    impossible date means nobody will be reminded.

    ## Example
    ```pwy
    pathway example "Example" {
      developed 2012-09-01
      review 2012-02-30
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      developed 2012-09-01
      review 2013-09-01
    }
    ```
    """

    name = "invalid-date"

    def check(self, ctx: RuleContext):
        for file in ctx.program.files():
            for date in (file.developed, file.review):
                if date is not None and date.value is None:
                    yield self.finding(f"`{date.text}` is not a real date", date.span,
                                       hint="dates are written YYYY-MM-DD, for example 2012-09-01")
        developed, review = ctx.pathway.developed, ctx.pathway.review
        if developed and review and developed.value and review.value \
                and review.value < developed.value:
            yield self.finding(
                f"the review date {review.text} is before the date developed {developed.text}",
                review.span, hint="the review date is when the pathway is next due for review",
                labels=[Label(developed.span, "developed on this date")])
