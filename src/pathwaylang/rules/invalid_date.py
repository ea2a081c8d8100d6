"""invalid-date: an impossible date, or `review` before `developed`."""

import calendar

from pathwaylang.core.diagnostics import Label
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
                    yield self.finding(f"`{date.text}` is not a real date: {_why(date.text)}",
                                       date.span, hint="dates are written year-month-day: "
                                       "2012-09-01 is 1 September 2012")
        developed, review = ctx.pathway.developed, ctx.pathway.review
        if developed and review and developed.value and review.value \
                and review.value < developed.value:
            yield self.finding(
                f"the review date {review.text} is before the date developed {developed.text}",
                review.span, hint="`review` is when the pathway is next due to be looked at "
                                  "again, so it comes after `developed`; check the year",
                labels=[Label(developed.span, "developed on this date")])


def _why(text: str) -> str:
    """Why a YYYY-MM-DD text is not a calendar date, in words."""
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "days start at 1"
    if month == 2 and day == 29:
        return f"{year} is not a leap year"
    length = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} has {length} days"
