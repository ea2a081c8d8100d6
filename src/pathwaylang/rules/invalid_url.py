"""invalid-url: a link that is not https:, http:, mailto: or tel:, or not a whole address."""

from pathwaylang.core.links import link_problem
from pathwaylang.rules.base import Rule, RuleContext


class InvalidUrl(Rule):
    """
    ## What it does
    Reports an evidence `url` that cannot safely become a link: one whose scheme is not
    `https:`, `http:`, `mailto:` or `tel:` (the spec's list; `javascript:`, `data:` and
    `file:` included), one with no scheme at all (`www.example.org`), one with a space, an
    invisible character or a character no address holds (`<`, `>`, `"`); an
    `https:`/`http:` address whose site name is missing, is not one a browser can go to,
    or has a `@` in it (`https://trusted.example@other.example` goes to the second); a
    `mailto:` with no address, a `tel:` with no number. Evidence in a used library is
    checked too.

    Every `url` that passes becomes a link in the checklist (`rel="noopener"`), printed in
    full in its PDF.

    ## Why it matters
    The checklist is opened by practitioners and published on the web. A `javascript:`
    link there runs whatever it says on the reader's computer when clicked; an address
    without its scheme is read by the browser as a file next to the checklist, so the
    link is broken. Either way the evidence behind the pathway cannot be followed.

    ## Example
    ```pwy
    pathway example "Example" {
      evidence incredible_years "Incredible Years" {
        url "javascript:alert('hello')"
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      evidence incredible_years "Incredible Years" {
        url "https://www.incredibleyears.com/"
      }
    }
    ```
    """

    name = "invalid-url"

    def check(self, ctx: RuleContext):
        for file in ctx.program.files():
            for evidence in file.evidence:
                if evidence.url is None:
                    continue
                problem = link_problem(evidence.url.value)
                if problem is not None:
                    yield self.finding(problem.message, evidence.url.span, hint=problem.hint)
