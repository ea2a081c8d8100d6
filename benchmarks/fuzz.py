"""Long fuzzing runs: the property tests of tests/test_fuzz.py, for as long as you like.

Takes turns between generated pathways, text from the grammar and mutated examples (the
inputs of tests/fuzzing.py), a few hundred inputs at a time, until the time is up; each
failure is shrunk by hypothesis to a small input and printed, and the run goes on. Each
input is also read by the fast path and by the reference (lark and the lowering stage), which
must agree (tests/test_fastparse.py). At the end
it prints how many inputs each kind ran, their exit codes, the slowest check, and every
distinct failure (docs/robustness.md records what past runs found).

    .venv/bin/python benchmarks/fuzz.py --minutes 10
    .venv/bin/python benchmarks/fuzz.py --minutes 1 --only mutants --render
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fuzzing import (build_clean, copy_examples, grammar_texts,  # noqa: E402
                     models_agree, mutants, pathways, run_check)
from pathwaylang.core.source import normalise  # noqa: E402

BATCH = settings(max_examples=50, deadline=None, database=None, print_blob=False,
                 suppress_health_check=list(HealthCheck))


class Campaign:
    """One kind of input, with its tallies."""

    def __init__(self, name: str, strategy, render: bool):
        self.name = name
        self.strategy = strategy
        self.render = render
        self.runs = 0
        self.exit_codes: collections.Counter = collections.Counter()
        self.slowest = (0.0, "")

    def one(self, value) -> None:
        name, data = self.as_file(value)
        with tempfile.TemporaryDirectory() as tmp:
            folder = copy_examples(Path(tmp)) if self.name == "mutants" else Path(tmp)
            text = normalise(data.decode("utf-8", errors="replace"))
            models_agree(text, must_be_fast=self.name == "pathways")
            outcome = run_check(folder, name, data)
            self.runs += 1
            self.exit_codes[outcome.exit_code] += 1
            if outcome.seconds > self.slowest[0]:
                self.slowest = (outcome.seconds, f"{name}, {len(data):,} bytes")
            if outcome.exit_code == 0:
                build_clean(folder, name, render=self.render)

    def as_file(self, value) -> tuple[str, bytes]:
        if self.name == "mutants":
            return value
        return f"{self.name}.pwy", value.encode("utf-8")

    def batch(self) -> None:
        BATCH(given(self.strategy)(self.one))()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--only", choices=["pathways", "grammar", "mutants"], default=None)
    parser.add_argument("--render", action="store_true",
                        help="build with Graphviz and the PDFs too (much slower)")
    args = parser.parse_args()
    campaigns = [Campaign("pathways", pathways(), args.render),
                 Campaign("grammar", grammar_texts(), args.render),
                 Campaign("mutants", mutants(), args.render)]
    if args.only:
        campaigns = [c for c in campaigns if c.name == args.only]
    failures: dict[str, str] = {}
    start = time.monotonic()
    deadline = start + args.minutes * 60
    while time.monotonic() < deadline:
        for campaign in campaigns:
            try:
                campaign.batch()
            except Exception as err:  # a failure: shrunk by hypothesis; record it, go on
                key = f"{campaign.name}: {type(err).__name__}: {str(err).splitlines()[0][:200]}"
                if key not in failures:
                    failures[key] = "".join(traceback.format_exception(err))[-4000:]
                    print(f"FOUND {key}", flush=True)
            elapsed = time.monotonic() - start
            print(f"[{elapsed / 60:5.1f} min] " + ", ".join(
                f"{c.name} {c.runs}" for c in campaigns), flush=True)
            if time.monotonic() >= deadline:
                break
    print(f"\nfuzzed for {(time.monotonic() - start) / 60:.1f} minutes")
    for campaign in campaigns:
        codes = ", ".join(f"exit {k}: {v}" for k, v in sorted(campaign.exit_codes.items()))
        print(f"  {campaign.name:<9} {campaign.runs:>6} inputs ({codes}); slowest check "
              f"{campaign.slowest[0]:.2f} s CPU ({campaign.slowest[1]})")
    print(f"{len(failures)} distinct failure{'' if len(failures) == 1 else 's'}")
    for key, detail in failures.items():
        print(f"\n== {key}\n{detail}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
