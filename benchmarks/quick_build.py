"""Quick builds side by side with `pwy check`, in one run on this machine.

For each example, `pwy build --formats html,svg` (every HTML page and SVG picture, no PDF
or PNG) against `pwy check` of the same file: whole commands, each run a fresh process
(hyperfine, `-N`: no shell), the build into a folder emptied before every run, both with
the same `--today`. Times are hyperfine's means; CPU is user + system time of the command
and the processes it waited for (Graphviz's included). Target: the build at most 1.5x the
check on CPU time; the wall-clock ratio is beside it.

Before timing, each build is run once and must succeed and write only .html and .svg
files (hyperfine then stops at any failing run: no `-i`). pathwaylang's modules and
templates are compiled first, as an installed `pwy` has them after its first run
(docs/performance.md).

    .venv/bin/python benchmarks/quick_build.py                  # every example, 10 runs
    .venv/bin/python benchmarks/quick_build.py --runs 20 examples/dylanshire.pwy
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peers import (EXAMPLES, PWY, REPO, TODAY, Table, Timing, compile_bytecode,  # noqa: E402
                   seconds, verdict)

TARGET = 1.5
FORMATS = "html,svg"


def quick_rows(table: Table, folder: Path, runs: int, examples: list[Path]) -> None:
    for example in examples:
        out = folder / "quick-out"
        build = [str(PWY), "build", "--today", TODAY, "--formats", FORMATS, "-o", str(out),
                 str(example)]
        check = [str(PWY), "check", "--today", TODAY, str(example)]
        _built_only_html_and_svg(build, out)
        times = _hyperfine(runs, [("quick build", build, ["rm", "-rf", str(out)]),
                                  ("check", check, ["true"])])
        quick, alone = times["quick build"], times["check"]
        table.add(f"quick build {example.name} (--formats {FORMATS})",
                  f"{seconds(quick.wall)} (CPU {seconds(quick.cpu)})", "pwy check (same file)",
                  f"{seconds(alone.wall)} (CPU {seconds(alone.cpu)})",
                  f"{quick.cpu / alone.cpu:.2f}x", f"{quick.wall / alone.wall:.2f}x",
                  verdict(quick.cpu / alone.cpu, TARGET))


def _built_only_html_and_svg(build: list[str], out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(build, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, f"the quick build failed: {done.stderr}"
    kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert kinds == {".html", ".svg"}, f"the quick build wrote {sorted(kinds)}"


def _hyperfine(runs: int, commands: list[tuple[str, list[str], list[str]]]) -> dict[str, Timing]:
    """Each (name, command, prepare) timed by hyperfine in one run; `prepare` runs before
    every run of its command (untimed)."""
    with tempfile.TemporaryDirectory() as tmp:
        exported = Path(tmp) / "hyperfine.json"
        argv = [shutil.which("hyperfine"), "-N", "--style", "none", "--warmup", "2",
                "--runs", str(runs), "--export-json", str(exported)]
        for _, _, prepare in commands:
            argv += ["--prepare", " ".join(prepare)]
        for name, command, _ in commands:
            argv += ["-n", name, " ".join(command)]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
        results = json.loads(exported.read_text())["results"]
    return {name: Timing(r["mean"], r["user"] + r["system"])
            for (name, _, _), r in zip(commands, results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", type=Path, help="default: every example")
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement")
    args = parser.parse_args()
    if shutil.which("hyperfine") is None:
        sys.exit("hyperfine is not installed (scripts/setup.sh installs it)")
    if any(" " in str(p) for p in [PWY, *args.examples]):
        sys.exit("hyperfine -N splits commands at spaces: use paths without them")
    compile_bytecode()
    table = Table()
    with tempfile.TemporaryDirectory() as tmp:
        quick_rows(table, Path(tmp), args.runs,
                   [p.resolve() for p in args.examples] or EXAMPLES)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
