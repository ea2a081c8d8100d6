"""Configuration: `pathwaylang.toml` or `[tool.pathwaylang]` in `pyproject.toml`, found and checked.

Where it comes from (docs/configuration.md): `--config FILE` if given; otherwise the first
folder, from the checked file's own folder upwards, holding `pathwaylang.toml` or a
`pyproject.toml` with a `[tool.pathwaylang]` table (`pathwaylang.toml` wins in one folder).
The search stops at the current folder (for files inside it), at a repository root (a
folder with `.git`), or at the top of the file system. A bad configuration is one fatal
`bad-config` finding (exit code 2), never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.source import (SourceFile, Unreadable, decode_source, display_path,
                                     read_bytes_safely, resolved)
from pathwaylang.core.span import Span
from pathwaylang.core.wording import did_you_mean, quoted
from pathwaylang.analysis.suppress import FIXED_RULES

LEVELS = ("off", "info", "warning", "error")
"""What a rule can be set to."""

RULE_NAME = "bad-config"
PROJECT_FILE = "pyproject.toml"
OWN_FILE = "pathwaylang.toml"
_TOP_KEYS = ("root", "strict", "rules", "readability")
_UNCONFIGURABLE = FIXED_RULES | {RULE_NAME}


@dataclass
class Config:
    """Settings from one configuration file (or none: every default)."""

    path: Path | None = None
    severities: dict[str, str] = field(default_factory=dict)
    """Rule name -> `off`, `info`, `warning` or `error`."""
    readability: dict[str, float] = field(default_factory=dict)
    root: Path | None = None
    """Resolved against the configuration file's folder."""
    strict: bool = False


@dataclass
class ConfigResult:
    """A configuration, or the finding that says why it is wrong (and its text, for excerpts)."""

    config: Config | None
    diagnostic: Diagnostic | None = None
    source: SourceFile | None = None


# ---- finding the file ------------------------------------------------------------


def discover(start: Path, cwd: Path | None = None) -> Path | None:
    """The configuration file for files in folder `start`, or None."""
    here = (cwd or Path.cwd()).resolve()
    folder = resolved(start)
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
        if candidate == here or (candidate / ".git").exists():
            return None
    return None


def _config_in(folder: Path) -> Path | None:
    own = folder / OWN_FILE
    if own.is_file():
        return own
    project = folder / PROJECT_FILE
    if project.is_file() and _mentions_tool_table(project):
        return project
    return None


def _mentions_tool_table(path: Path) -> bool:
    # A cheap look before parsing: another tool's broken pyproject.toml is not our business.
    data = read_bytes_safely(path)
    if isinstance(data, Unreadable):
        return False
    text = data.decode("utf-8", errors="replace")
    return re.search(r"^\s*\[\s*tool\s*\.\s*pathwaylang\b|^\s*tool\s*\.\s*pathwaylang\b",
                     text, re.M) is not None


# ---- reading and validating -----------------------------------------------------


def load_config(path: Path) -> ConfigResult:
    """Read and validate one configuration file."""
    shown = display_path(path)
    data = read_bytes_safely(path)
    if isinstance(data, Unreadable):
        reason = "no such file" if data.missing else data.reason
        return ConfigResult(None, _bad(Span.point(shown, 1, 1, 0),
                                       f"cannot read configuration `{shown}`: {reason}"))
    source = decode_source(data, path, shown)
    if isinstance(source, Diagnostic):
        return ConfigResult(None, _bad(source.span, source.message, source.hint))
    import tomllib  # only when there is a configuration file to read

    try:
        document = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as err:
        return ConfigResult(None, _toml_error(err, source), source)
    table, prefix = _our_table(document, path)
    checker = _Validator(source, prefix)
    config = checker.config(table, path)
    return ConfigResult(config if checker.problem is None else None, checker.problem, source)


def _our_table(document: dict, path: Path) -> tuple[object, str]:
    if path.name == PROJECT_FILE:
        tool = document.get("tool")
        return (tool.get("pathwaylang", {}) if isinstance(tool, dict) else {}), "tool.pathwaylang."
    return document, ""


def _toml_error(err: "tomllib.TOMLDecodeError", source: SourceFile) -> Diagnostic:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(err))
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    return _bad(Span.point(source.display, line, column),
                f"`{source.display}` is not valid TOML: {reason[:1].lower()}{reason[1:]}",
                "fix the TOML syntax (https://toml.io describes it)")


def _bad(span: Span, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(RULE_NAME, Severity.ERROR, message, span, hint=hint, fatal=True)


class _Validator:
    """Turns a parsed table into a `Config`, stopping at the first problem."""

    def __init__(self, source: SourceFile, prefix: str):
        self.source = source
        self.prefix = prefix
        self.problem: Diagnostic | None = None

    def fail(self, key: str, message: str, hint: str | None = None) -> None:
        if self.problem is None:
            self.problem = _bad(self.where(key), message, hint)

    def where(self, key: str) -> Span:
        """The line where `key` is set, found by looking (tomllib keeps no positions)."""
        last = key.rsplit(".", 1)[-1]
        pattern = re.compile(rf'^\s*(?:[\w."-]+\.)?"?{re.escape(last)}"?\s*=|^\s*\[+\s*'
                             rf'{re.escape(self.prefix + key)}\s*\]')
        lines = self.source.text.split("\n")
        # In pyproject.toml, look from our own table on: other tools have keys too.
        first = next((i for i, text in enumerate(lines) if "tool.pathwaylang" in text), 0)
        for number, text in enumerate(lines[first:], start=first + 1):
            found = pattern.search(text)
            if found is not None:
                start = len(text) - len(text.lstrip())
                return Span.point(self.source.display, number, start + 1,
                                  len(text.rstrip()) - start)
        return Span.point(self.source.display, 1, 1, 0)

    def config(self, table: object, path: Path) -> Config:
        config = Config(path=path)
        if not isinstance(table, dict):
            self.fail("", f"`{self.prefix.rstrip('.')}` must be a table")
            return config
        for key in table:
            if key not in _TOP_KEYS:
                self.unknown(key, _TOP_KEYS, self._top_hint(key))
        config.root = self.root(table.get("root"), path)
        config.strict = self.boolean("strict", table.get("strict", False))
        config.severities = self.rules(table.get("rules", {}))
        config.readability = self.readability(table.get("readability", {}))
        return config

    def _top_hint(self, key: str) -> str | None:
        if key == "tool" and not self.prefix:
            return (f"in `{OWN_FILE}` the settings are at the top level: write `[rules]`, "
                    "not `[tool.pathwaylang.rules]`")
        return None

    def unknown(self, key: str, known, hint: str | None = None, where: str = "") -> None:
        listed = ", ".join(quoted(known)) or "none"
        tip = hint or did_you_mean(key, known) or f"the settings are {listed}"
        self.fail(where + key, f"unknown setting `{self.prefix}{where}{key}`", tip)

    def root(self, value: object, path: Path) -> Path | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            self.fail("root", f"`{self.prefix}root` must be a folder name in quotes")
            return None
        return resolved(path.parent / value)

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"`{self.prefix}{key}` must be `true` or `false`")
            return False
        return value

    def rules(self, table: object) -> dict[str, str]:
        from pathwaylang.rules import all_rules

        if not isinstance(table, dict):
            self.fail("rules", f"`{self.prefix}rules` must be a table of rule = \"level\"")
            return {}
        names = sorted(r.name for r in all_rules())
        severities = {}
        for name, level in table.items():
            if name not in names:
                self.unknown(name, names, where="rules.")
                continue
            if name in _UNCONFIGURABLE:
                self.fail(f"rules.{name}", f"`{name}` cannot be configured",
                          "a file that cannot be read or loaded cannot be checked at all")
                continue
            if level not in LEVELS:
                self.fail(f"rules.{name}", f"`{name}` is set to {_shown(level)}",
                          "use one of " + ", ".join(f'"{w}"' for w in LEVELS))
                continue
            severities[name] = level
        return severities

    def readability(self, table: object) -> dict[str, float]:
        if not isinstance(table, dict):
            self.fail("readability", f"`{self.prefix}readability` must be a table of numbers")
            return {}
        known = readability_keys()
        values = {}
        for key, value in table.items():
            if key not in known:
                self.unknown(key, known, where="readability.")
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(f"readability.{key}",
                          f"`{self.prefix}readability.{key}` must be a number, not "
                          f"{_shown(value)}")
                continue
            values[key] = value
        return values


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"`{value}`" if isinstance(value, (int, float)) else f"a {type(value).__name__}"


def readability_keys() -> tuple[str, ...]:
    """The settings the `readability` rule reads: the keys of its `options` mapping."""
    from pathwaylang.rules import rule_named

    declared = getattr(rule_named("readability"), "options", None)
    return tuple(sorted(declared)) if isinstance(declared, dict) else ()


# ---- per file ----------------------------------------------------------------------


class ConfigFinder:
    """The configuration for each checked file: `--config FILE`, or the nearest one; each
    file read once."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None):
        self.explicit = explicit
        self.cwd = cwd
        self._loaded: dict[Path | None, ConfigResult] = {}

    def for_file(self, path: Path) -> ConfigResult:
        found = self.explicit if self.explicit is not None else discover(path.parent, self.cwd)
        key = resolved(found) if found is not None else None
        if key not in self._loaded:
            self._loaded[key] = load_config(found) if found is not None else ConfigResult(Config())
        return self._loaded[key]
