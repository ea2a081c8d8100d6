"""missing-level: a stage with no `level`."""

from pathwaylang.rules.base import Rule, RuleContext


class MissingLevel(Rule):
    """
    ## What it does
    Reports a stage that does not say which level of need it belongs to with `level L`.

    ## Why it matters
    The level places a stage on the continuum of need; without it a step up or step down
    into or out of the stage means nothing, and the process map cannot place it.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        lead health_visitor
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        level universal
        lead health_visitor
      }
    }
    ```
    """

    name = "missing-level"

    def check(self, ctx: RuleContext):
        names = ", ".join(f"`{level.id.value}`" for level in ctx.program.levels)
        hint = f"add `level L`; the levels are {names}" if names else \
            "add a `levels { ... }` block and `level L` to the stage"
        for stage in ctx.pathway.stages:
            if stage.level is None:
                yield self.finding(f"stage `{stage.id.value}` has no `level`", stage.id.span,
                                   hint=hint)
