#!/usr/bin/env python3
"""Write docs/rules/<rule>.md and docs/rules/README.md from the rules' docstrings.

    .venv/bin/python scripts/gen_rule_docs.py          # rewrite the pages
    .venv/bin/python scripts/gen_rule_docs.py --check  # exit 1 if any page is out of date

Pages of rules that no longer exist are deleted. tests/test_rule_docs.py runs the check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pathwaylang.authoring.rule_pages import docs_files
from pathwaylang.rules import all_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def differences(folder: Path = DOCS) -> list[str]:
    """Names of pages that are missing, stale or left over from a removed rule."""
    wanted = docs_files(all_rules())
    present = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    changed = [name for name, text in wanted.items()
               if name not in present or (folder / name).read_text(encoding="utf-8") != text]
    return sorted(changed + sorted(present - set(wanted)))


def write(folder: Path = DOCS) -> list[str]:
    """Bring the folder up to date; the names of the files written or deleted."""
    wanted = docs_files(all_rules())
    touched = differences(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in touched:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8", newline="\n")
        else:
            (folder / name).unlink()
    return touched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args()
    if args.check:
        stale = differences()
        for name in stale:
            print(f"docs/rules/{name} is out of date", file=sys.stderr)
        if stale:
            print("run: .venv/bin/python scripts/gen_rule_docs.py", file=sys.stderr)
        return 1 if stale else 0
    for name in write():
        print(f"wrote docs/rules/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
