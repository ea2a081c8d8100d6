"""unknown-icon: a family `icon` that is not one of the built-in pictures."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.icons import ICON_NAMES, suggest_icon
from pathwaylang.rules.base import Rule, RuleContext


class UnknownIcon(Rule):
    """
    ## What it does
    Reports an `icon` in a `family` block that is not one of the compiler's built-in
    pictures, and suggests the closest one. The pictures are: baby, calendar, check, child,
    conversation, family, form, group, handshake, health, heart, help, home_visit, house,
    letter, meeting, phone, question, review, safety, school, signpost, star and team.

    ## Why it matters
    The leaflet shows the picture beside the stage so that families who read little can
    follow it. An unknown name leaves a gap where the picture should be.

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
        family {
          title "Meeting your health visitor"
          icon conversaton
        }
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
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
        family {
          title "Meeting your health visitor"
          icon conversation
        }
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "unknown-icon"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        for owner in [*ctx.pathway.stages, *ctx.pathway.outcomes]:
            for block in owner.family:
                icon = block.icon
                if icon is None or icon.value in ICON_NAMES:
                    continue
                suggestion = suggest_icon(icon.value)
                hint = (f"did you mean `{suggestion}`?" if suggestion else
                        "the pictures are " + ", ".join(f"`{n}`" for n in ICON_NAMES))
                yield self.finding(f"`{icon.value}` is not a built-in icon", icon.span, hint)
