"""bad-config: a configuration file that cannot be read or says something impossible."""

from pathwaylang.rules.base import Rule


class BadConfig(Rule):
    """
    ## What it does
    Reports a configuration file (`pathwaylang.toml`, the `[tool.pathwaylang]` table of
    `pyproject.toml`, or the file given with `--config`) that is not valid TOML, names a
    rule or setting that does not exist (the closest name is suggested), sets a rule to
    anything but `"off"`, `"info"`, `"warning"` or `"error"`, or tries to turn down
    `syntax`, `bad-include` or `unreadable-file`. `pwy check` then exits with code 2: it
    could not run. docs/configuration.md lists every setting.

    ## Why it matters
    A misspelt rule name would otherwise be ignored, and the check the team meant to turn
    off (or on) would quietly stay as it was.

    ## Example
    ```toml
    # pathwaylang.toml
    [rules]
    readablity = "off"
    ```
    ```sh
    pwy check pathway.pwy    # error[bad-config]: unknown setting `rules.readablity`
    ```

    ## Use instead
    ```toml
    # pathwaylang.toml
    [rules]
    readability = "off"
    ```
    ```sh
    pwy check pathway.pwy
    ```
    """

    name = "bad-config"
    reported_by = "the configuration loader"
