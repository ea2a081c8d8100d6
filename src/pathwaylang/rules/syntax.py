"""syntax: the text does not follow the grammar."""

from pathwaylang.rules.base import Rule


class Syntax(Rule):
    """
    ## What it does
    Reports text that does not follow the grammar of the pathway language: a misspelt
    keyword, a missing `}` or `"`, a missing `to` or `->`, a statement in the wrong block,
    a list ending in a comma, a date not written YYYY-MM-DD, a duration without a unit, a
    target without `%` or over 100%, an unknown escape, `status` or `domain` word, a
    backwards age range, a name with a hyphen, curly quotes. The message says what was
    expected and where, and the hint how to write it. The parser steps over simple
    mistakes and reports up to ten per file; a missing `}` or `"` ends the list. A file
    that is not UTF-8 text, or holds a NUL byte, is reported here too, with exit code 2.

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
