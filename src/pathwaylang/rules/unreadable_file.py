"""unreadable-file: a file that cannot be read at all."""

from pathwaylang.rules.base import Rule


class UnreadableFile(Rule):
    """
    ## What it does
    Reports a file named on the command line that does not exist, is a directory, is
    larger than the limit (docs/limits.md), or cannot be read. `pwy check` then exits with
    code 2: it could not run. (A file that is not UTF-8 text is a `syntax` error with the
    same exit code.)

    ## Why it matters
    A check that silently skipped a file would pass in CI while checking nothing.

    ## Example
    ```sh
    pwy check pathways/dylanshre.pwy     # misspelt: no such file
    ```

    ## Use instead
    ```sh
    pwy check pathways/dylanshire.pwy
    ```
    """

    name = "unreadable-file"
    reported_by = "the source reader"
