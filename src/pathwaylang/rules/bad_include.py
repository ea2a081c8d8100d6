"""bad-include: a `use` whose file is missing, outside the root, or part of a cycle.

The loader finds these as it follows `use` lines; the findings are built here.
"""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.limits import MAX_INCLUDE_DEPTH
from pathwaylang.rules.base import Rule

_UNREADABLE_HINT = "check the path: it names no file that can be read"


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


def _finding(use: m.Use, message: str, hint: str) -> Diagnostic:
    return Diagnostic(BadInclude.name, Severity.ERROR, message, use.path.span, (), hint)


def outside_root(use: m.Use, root_shown: str) -> Diagnostic:
    where = "the current folder" if root_shown == "." else f"`{root_shown}`"
    return _finding(use, f"`{use.path.value}` is outside the root folder ({where})",
                    "a pathway may only use files inside the root folder; check the path, or "
                    "give a wider root with `--root DIR`")


def in_a_circle(use: m.Use, files: list[str]) -> Diagnostic:
    """`files`: from the file first used to the one that uses it again, as shown."""
    names = [f"`{name}`" for name in files]
    if len(names) == 1:
        message = f"{names[0]} uses itself"
    else:
        message = (f"the `use` lines go round in a circle: {names[0]} uses "
                   + "".join(f"{name}, which uses " for name in names[1:]) + f"{names[0]} again")
    return _finding(use, message, "remove this `use`: a library cannot use a file that is "
                                  "already using it")


def too_deep(use: m.Use) -> Diagnostic:
    return _finding(use, f"`use` is nested more than {MAX_INCLUDE_DEPTH} files deep",
                    "flatten the libraries")


def not_found(use: m.Use, hint: str) -> Diagnostic:
    return _finding(use, f"cannot find `{use.path.value}`", hint)


def unreadable(use: m.Use, reason: str, hint: str | None = None) -> Diagnostic:
    return _finding(use, f"cannot use `{use.path.value}`: {reason}", hint or _UNREADABLE_HINT)


def not_a_library(use: m.Use) -> Diagnostic:
    return _finding(use, f"`{use.path.value}` is a pathway, not a library",
                    "`use` brings in a `library` file; a separate pathway run by another "
                    "service is a `subpathway`")
