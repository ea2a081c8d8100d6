"""unused-definition: a role, agency, evidence, algorithm or level nothing refers to."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.analysis.symbols import definitions_in

_CHECKED_KINDS = ("role", "agency", "evidence", "algorithm", "level")

_HOW_TO_USE = {
    "role": "name it in a stage's `lead`, `with` or an action's `by`",
    "agency": "name it in a role's `at`",
    "evidence": "name it in a stage's `evidence`",
    "algorithm": "name it in a stage's `uses`",
    "level": "give a stage or outcome `level {name}`",
}


class UnusedDefinition(Rule):
    """
    ## What it does
    Reports a role, agency, evidence, algorithm or level that is defined in the file being
    checked and never referred to. A reference from anywhere counts, a used library
    included. Definitions that come from a used library are not reported (other pathways
    use them), and neither is anything in a `library` checked on its own, since a library
    exists for other files to use.

    ## Why it matters
    A definition nobody uses is usually a mistake: a stage that should name the role, an
    algorithm no stage applies, evidence that backs nothing. Left alone, it also makes
    readers think the pathway does something it does not.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      role school_nurse "School nurse"
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
      role school_nurse "School nurse"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        with school_nurse
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "unused-definition"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        if ctx.pathway.kind != "pathway":
            return
        used = {reference.name.value for reference in ctx.references}
        for definition in definitions_in(ctx.pathway, from_library=False):
            name = definition.name.value
            if definition.kind not in _CHECKED_KINDS or name in used:
                continue
            yield self.finding(
                f"{definition.kind} `{name}` is defined but never used", definition.name.span,
                hint=f"{_HOW_TO_USE[definition.kind].format(name=name)}, or remove it")
