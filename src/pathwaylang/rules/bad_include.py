"""bad-include: a `use` whose file is missing, outside the root, or part of a cycle."""

from pathwaylang.rules.base import Rule


class BadInclude(Rule):
    """
    ## What it does
    Reports a `use "path"` whose file does not exist, lies outside the root folder
    (`--root`, default the current directory; symlinks are followed), is a pathway rather
    than a `library`, or is part of a circle of libraries using each other.

    ## Why it matters
    Shared definitions that silently went missing would turn into dozens of confusing
    `undefined-reference` findings, and a path outside the root could read files the
    pathway team never meant to publish.

    ## Example
    ```pwy
    pathway example "Example" {
      use "common/missing-library.pwy"
    }
    ```

    ## Use instead
    ```pwy
    # keep shared definitions in a library inside the project folder, and name it
    # relative to this file
    pathway example "Example" {
    }
    ```
    """

    name = "bad-include"
    reported_by = "the loader"
