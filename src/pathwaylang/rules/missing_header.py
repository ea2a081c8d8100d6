"""missing-header: an `approved` pathway without `version`, `developed` or `review`."""

from pathwaylang.core.diagnostics import Label
from pathwaylang.rules.base import Rule, RuleContext

_REQUIRED = (
    ("version", 'version "1.0.0"'),
    ("developed", "developed YYYY-MM-DD"),
    ("review", "review YYYY-MM-DD"),
)


class MissingHeader(Rule):
    """
    ## What it does
    Reports an `approved` pathway whose header does not give its `version`, the date it
    was `developed` and the date of its next `review`. (A header field given twice is
    `duplicate-definition`.)

    ## Why it matters
    An approved pathway is what practitioners follow. They need to know which version
    they are reading, how old it is, and when it will be looked at again, so that an
    out-of-date pathway is noticed and reviewed.

    ## Example
    ```pwy
    pathway example "Example" {
      status approved
      version "1.0.0"
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
      status approved
      version "1.0.0"
      developed 2025-01-15
      review 2027-01-15
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

    name = "missing-header"

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        if pathway.kind != "pathway" or pathway.status is None \
                or pathway.status.value != "approved":
            return
        missing = [(field, example) for field, example in _REQUIRED
                   if getattr(pathway, field) is None]
        if not missing:
            return
        yield self.finding(
            f"approved pathway `{pathway.id.value}` has no "
            f"{_listed([f'`{field}`' for field, _ in missing], 'or')}", pathway.id.span,
            hint=f"add {_listed([f'`{example}`' for _, example in missing], 'and')} to the "
                 "header",
            labels=[Label(pathway.status.span, "approved here")])


def _listed(words: list[str], joiner: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {joiner} {words[-1]}"
