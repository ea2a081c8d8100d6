"""missing-level: a stage with no `level`."""

from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.core.wording import join_words, quoted


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
        names = quoted(level.id.value for level in ctx.program.levels)
        if len(names) > 1:
            hint = f"add `level LEVEL`; the levels are {join_words(names)}"
        elif names:
            hint = f"add `level {ctx.program.levels[0].id.value}`, the only level"
        else:
            hint = "add a `levels { ... }` block to the pathway, and `level LEVEL` to the stage"
        for stage in ctx.pathway.stages:
            if stage.level is None:
                yield self.finding(f"stage `{stage.id.value}` has no `level`", stage.id.span,
                                   hint=hint)
