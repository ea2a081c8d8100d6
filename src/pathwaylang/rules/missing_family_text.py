"""missing-family-text: a stage or outcome with no family text in one of the languages."""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext


class MissingFamilyText(Rule):
    """
    ## What it does
    Reports a stage or outcome that has no `family` block for one of the pathway's
    languages, once for each missing language. `family { }` with no language is the block
    for the first language in `languages`; a pathway without `languages` is in English
    only. A block in a language the pathway does not declare is `undefined-reference`'s
    finding.

    ## Why it matters
    The families' leaflets are made from these blocks, one leaflet per language. A stage
    without text is missing from a family's leaflet, so the family is not told what will
    happen, what they will be asked, or whom to contact. In Wales, a Welsh leaflet that
    leaves stages out is not an equal service.

    ## Example
    ```pwy
    pathway example "Example" {
      languages en, cy
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
        family { title "Meeting your health visitor" }
      }
      outcome supported "Family supported" {
        family { title "Support ends" }
        family cy { title "Mae'r cymorth yn dod i ben" }
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      languages en, cy
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
        family { title "Meeting your health visitor" }
        family cy { title "Cwrdd â'ch ymwelydd iechyd" }
      }
      outcome supported "Family supported" {
        family { title "Support ends" }
        family cy { title "Mae'r cymorth yn dod i ben" }
      }
    }
    ```
    """

    name = "missing-family-text"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        pathway = ctx.pathway
        languages = pathway.language_codes()
        owners = sorted([*pathway.stages, *pathway.outcomes],
                        key=lambda o: (o.span.line, o.span.column))
        for owner in owners:
            present = {b.language.value if b.language else languages[0] for b in owner.family}
            for language in languages:
                if language not in present:
                    yield self._missing(owner, language, language == languages[0])

    def _missing(self, owner: m.Stage | m.Outcome, language: str, default: bool):
        kind = "stage" if isinstance(owner, m.Stage) else "outcome"
        block = "family { ... }" if default else f"family {language} {{ ... }}"
        return self.finding(
            f"{kind} `{owner.id.value}` has no family text in `{language}`", owner.id.span,
            hint=f"add `{block}` with a `title`, `text`, `asked` and `contact` in plain words")
