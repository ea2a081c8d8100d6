"""syntax: the text does not follow the grammar."""

from pathwaylang.rules.base import Rule


class Syntax(Rule):
    """
    ## What it does
    Reports text that does not follow the grammar of the pathway language: a misspelt
    keyword, a missing `}` or `"`, a missing `to`, a statement in the wrong block, an
    unknown escape, `status` or `domain` word, a backwards age range. The message says
    what was expected and where.

    ## Why it matters
    Nothing else can be checked until the file can be read. A syntax error stops the file
    being checked further or built.

    ## Example
    ```pwy
    pathway example "Example" {
      stage first "First stage" {
        levle universal
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      stage first "First stage" {
        level universal
      }
    }
    ```
    """

    name = "syntax"
    reported_by = "the parser"
