"""unused-suppression: a `# pwy: ignore[...]` comment that is wrong or silences nothing."""

from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule


class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a `# pwy: ignore[rule]` comment that names no rule (a typo: the closest rule
    name is suggested), names `syntax`, `bad-include` or `unreadable-file` (which cannot be
    suppressed), or silences nothing: no finding of that rule is on its line, or inside
    the block that opens on its line. Only suppressions in the file being checked are
    reported as silencing nothing, and not for rules turned `off` in the configuration.

    ## Why it matters
    A suppression outlives the problem it hid. When the stage is put right the comment
    stays, and later hides a new, real problem of the same kind. A misspelt rule name
    silences nothing at all while looking as if it does.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry contact "A health visitor is worried" -> first_contact
      stage first_contact "First contact" {  # pwy: ignore[missing-lead]
        level universal
        lead health_visitor
        exit to done when "Needs are met"
      }
      outcome done "Needs met" { level universal }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry contact "A health visitor is worried" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to done when "Needs are met"
      }
      outcome done "Needs met" { level universal }
    }
    ```
    """

    name = "unused-suppression"
    default_severity = Severity.INFO
    reported_by = "the checker, from `# pwy: ignore[...]` comments"
