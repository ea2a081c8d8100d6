"""How parse and check time grow with the size of a pathway.

Generates realistic pathways of 100 to 10,000 stages (each stage with a level, a lead,
`entry when`, two actions, two transitions among `exit`, `step up` and `step down`, and a
`family` block), then prints, for each size, the best of a few runs of:

- lark: reading the text into the model the reference way (lark's parse and the lowering
  stage), which a file with mistakes takes;
- read: reading it by the fast path (fastparse.py), which a file without mistakes takes;
- check: the whole of `pwy check` on the file (reading, symbols, graph, every rule).

Each run starts with the readability rule's remembered answers forgotten, as a fresh `pwy`
process would.

Times are CPU seconds of this process (`time.process_time`), so other work on the machine
disturbs them less than wall-clock time would. The last column is the check time per
stage: flat when the cost grows linearly.

    .venv/bin/python benchmarks/scale.py                  # 100, 1,000, 2,000, 10,000 stages
    .venv/bin/python benchmarks/scale.py --sizes 500 5000 --runs 5
    .venv/bin/python benchmarks/scale.py --rules          # also each rule's time, largest size
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pathwaylang.analysis.checker import Checker, CheckOptions
from pathwaylang.analysis.collector import fewer_collections
from pathwaylang.syntax.reader import read_model
from pathwaylang.analysis.loader import load
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse
from pathwaylang.analysis.readability import forget_remembered
from pathwaylang.rules import RuleContext, RuleOptions, all_rules
from pathwaylang.core.source import SourceFile

LEVELS = ("universal", "additional", "intensive", "statutory")
DOMAINS = ("prevention", "prevention", "protection", "remedial")
ROLES = ("health_visitor", "school_nurse", "lead_professional", "social_worker")


def generate(stages: int) -> str:
    """A pathway of `stages` stages in bands of four, one band per level. Each stage steps
    up to the next band member (or, at the top, steps down to a new band) and has a second
    way on: down a level, or to an outcome. Every stage is reachable and can finish, and
    the file has no errors (the benchmark checks that first)."""
    lines = [
        f'pathway scale_{stages} "Generated pathway with {stages} stages" {{',
        '  authority "Benchmark County Council"',
        '  version "1.0.0"',
        "  status approved",
        "  developed 2024-01-01",
        "  review 2030-01-01",
        "  languages en",
        "  ages 0 to 18",
        "  levels {",
        *(f'    {level} "{level.title()} services" domain {domain}'
          for level, domain in zip(LEVELS, DOMAINS)),
        "  }",
        '  agency health "Health Board"',
        *(f'  role {role} "{role.replace("_", " ").title()}" at health' for role in ROLES),
    ]
    lines += [f'  entry door_{i} "A family arrives by door {i}" -> s{i * 4}'
              for i in range(max(2, stages // 100)) if i * 4 < stages]
    for i in range(stages):
        lines += _stage(i, stages)
    lines += [
        '  outcome needs_met "Family\'s needs are met" {',
        "    level universal",
        '    family { title "Support ends" text "Your family does not need extra help now." '
        "icon star }",
        "  }",
        '  outcome looked_after "Child becomes looked after" { level statutory }',
        '  indicator assessed "Assessments on time" {',
        '    measure "Share of assessments finished on time"',
        "    target 80%",
        "    at s0",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _stage(i: int, total: int) -> list[str]:
    rank = i % 4
    level = LEVELS[rank]
    if i + 1 >= total:
        onward = "exit to needs_met"
    elif rank < 3:
        onward = f"step up to s{i + 1}"
    else:
        onward = f"step down to s{i + 1}"
    if rank == 0:
        second = "exit to needs_met"
    elif rank == 3 and i % 8 == 7 and i + 1 < total:
        second = "exit to looked_after"
    else:
        second = f"step down to s{i - 1}"
    return [
        f'  stage s{i} "Stage {i}" {{',
        f"    level {level}",
        f"    lead {ROLES[rank]}",
        f'    entry when "The family needs {level} help (case {i})"',
        f'    action "Talk with the family about stage {i}" by lead within 10 working days',
        '    action "Agree the plan with the family" by family',
        "    timescale 6 weeks",
        f'    {onward} when "Needs change"',
        f'    {second} when "Things improve"',
        "    family {",
        f'      title "Step {i} of your support"',
        '      text "Someone will talk with you about what help you need."',
        '      contact "Your lead professional"',
        "      icon conversation",
        "    }",
        "  }",
    ]


def best_of(runs: int, work) -> float:
    """The least CPU time of `runs` runs, each with the readability rule's remembered answers
    forgotten first, as in a fresh `pwy` process."""
    times = []
    for _ in range(runs):
        forget_remembered()
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def read_fast(path: Path, text: str) -> None:
    read_model(text, path.name)


def read_with_lark(path: Path, text: str) -> None:
    result = parse(SourceFile(path=path, display=path.name, text=text))
    assert result.tree is not None, result.diagnostics
    lower(result.tree, path.name)


def check_only(folder: Path, path: Path) -> None:
    Checker(CheckOptions(root=folder, rules=RuleOptions())).check_file(path)


def rule_times(folder: Path, path: Path, runs: int) -> list[tuple[str, float]]:
    """Each rule's own time: the graph, symbol table and references are built once,
    beforehand, as the checker's rules share them; the garbage collector runs as seldom as
    in the checker."""
    with fewer_collections():
        return _rule_times(folder, path, runs)


def _rule_times(folder: Path, path: Path, runs: int) -> list[tuple[str, float]]:
    ctx = RuleContext(program=load(path, folder).program, options=RuleOptions())
    times = [("(build graph)", best_of(runs, lambda: RuleContext(ctx.program).graph)),
             ("(build symbols)", best_of(runs, lambda: RuleContext(ctx.program).symbols)),
             ("(find references)", best_of(runs, lambda: RuleContext(ctx.program).references))]
    for rule in all_rules():
        times.append((rule.name, best_of(runs, lambda rule=rule: list(rule.check(ctx)))))
    return sorted(times, key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 2_000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument("--rules", action="store_true", help="time each rule at the largest size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'stages':>7} {'lines':>8} {'KiB':>7} {'lark s':>9} {'read s':>9} "
              f"{'check s':>9} {'check µs/stage':>15}")
        for size in args.sizes:
            path = folder / f"scale-{size}.pwy"
            text = generate(size)
            path.write_text(text, encoding="utf-8")
            findings = [d for d in Checker(CheckOptions(root=folder)).check_file(path).diagnostics
                        if d.severity.value == "error"]
            assert not findings, f"the generated pathway has errors: {findings[:3]}"
            with fewer_collections():  # as the checker reads files
                lark_s = best_of(args.runs, lambda: read_with_lark(path, text))
                read_s = best_of(args.runs, lambda: read_fast(path, text))
            check_s = best_of(args.runs, lambda: check_only(folder, path))
            print(f"{size:>7,} {text.count(chr(10)):>8,} {len(text) / 1024:>7,.0f} "
                  f"{lark_s:>9.3f} {read_s:>9.3f} {check_s:>9.3f} "
                  f"{check_s / size * 1e6:>15,.0f}")
        if args.rules:
            print(f"\nrules at {args.sizes[-1]:,} stages (best of {args.runs}, no parse):")
            for name, seconds in rule_times(folder, path, args.runs):
                print(f"  {name:<26} {seconds * 1000:>9.1f} ms")


if __name__ == "__main__":
    main()
