"""The rule registry: every module in this package defines one `Rule` subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from pathwaylang.rules.base import Rule, RuleContext, RuleOptions

__all__ = ["Rule", "RuleContext", "RuleOptions", "all_rules", "rule_named"]


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """One instance of every rule, sorted by name. Discovered, so a new rule is one new file."""
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found = [v for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, Rule) and v is not Rule
                 and v.__module__ == module.__name__]
        if len(found) != 1:
            raise AssertionError(f"rule module {module.__name__} must define exactly one Rule")
        rules.append(found[0]())
    return tuple(sorted(rules, key=lambda r: r.name))


def rule_named(name: str) -> Rule | None:
    return next((r for r in all_rules() if r.name == name), None)
