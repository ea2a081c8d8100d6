"""unreadable-file: a file that cannot be read at all."""

from pathwaylang.rules.base import Rule


class UnreadableFile(Rule):
    """
    ## What it does
    Reports a file named on the command line (of `pwy check`, `build`, `fmt`, `diff`,
    `simulate`, `audit`) that cannot be read, and says why in plain words: there is no
    such file, it is a folder, a symbolic link that leads round in a loop, a named pipe
    (FIFO), a device such as `/dev/zero`, a socket, a file you may not read, or one larger
    than the limit (docs/limits.md). Nothing is read from a pipe, device or socket, and no
    more than the limit and one byte from any file, so the answer comes at once. The
    command then exits with code 2: it could not run. (A file that is not UTF-8 text is a
    `syntax` error with the same exit code; a `use` or subpathway `file` that cannot be
    read is `bad-include` or `subpathway-unconnected`, with the same reasons.)

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
