"""pathwaylang side by side with the tools a team would otherwise use, in one run on this machine.

Prints one table (docs/performance.md explains it):

- cold start: `pwy check` on a 60-stage pathway vs `yamllint` on the same content written as
  YAML (whole commands, three times `--runs` each; target: pwy at most 0.8x yamllint), and
  beside it, for scale, a Python that only imports what `pwy check` cannot do without (the
  pydantic model, networkx, click);
- throughput: `pwy check` on 2,000 and 10,000-stage pathways vs PyYAML's C loader
  (`yaml.load(..., Loader=CSafeLoader)`) merely loading the same content as YAML, both as whole
  commands and in-process (CPU seconds, best of a few runs); target: at most 1.0x;
- scaling: in-process check time at 10,000 stages divided by the time at 1,000 (target <= 11);
- memory: the peak resident memory of `pwy check` of 10,000 stages (target <= 250 MiB);
- builds: benchmarks/build_speed.py's rows (a full build against WeasyPrint alone rendering
  the documents that build hands to WeasyPrint, a quick build against `pwy check`, and the
  build's peak memory: its largest process, and all its processes together).

pathwaylang's modules are compiled to bytecode first, as installing the package does.

The pathways come from benchmarks/scale.py's generator; the YAML is the same model written as
plain mappings and lists (every field, no source positions). Whole commands are timed in
turn, run by run (`alternated`: A B, A B, ...), so that the machine's changing load falls on
both alike; times are the mean of the runs. The ratio column is pwy / peer on user+system
CPU time, which other work on a shared machine disturbs less than wall-clock time (the
wall-clock ratio is shown beside it).

    .venv/bin/python benchmarks/peers.py                 # the whole table (a few minutes)
    .venv/bin/python benchmarks/peers.py --quick         # fewer runs, no 10,000-stage rows
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from scale import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PWY = BIN / "pwy"
YAMLLINT = BIN / "yamllint"
TODAY = "2026-01-01"
EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
FLOOR_IMPORTS = "import os, pathwaylang.model, networkx, click; os._exit(0)"
"""What `pwy check` must import whatever the file: the pydantic model, networkx and click
(then the quick exit `pwy` ends with, so the two are timed alike)."""
YAML_LOAD = ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
             "Loader=yaml.CSafeLoader)")


# ---- the same content as YAML ------------------------------------------------------


def plain(value):
    """A model value as plain data: nodes become mappings of their set fields (no spans),
    names and texts their strings, durations and dates the words written."""
    import dataclasses

    from pydantic import BaseModel

    if isinstance(value, BaseModel) or dataclasses.is_dataclass(value):
        names = (type(value).model_fields if isinstance(value, BaseModel)
                 else [f.name for f in dataclasses.fields(value)])
        fields = {}
        for key in names:
            if key == "span":
                continue
            item = plain(getattr(value, key))
            if item not in (None, [], {}):
                fields[key] = item
        if set(fields) == {"value"}:
            return fields["value"]
        if set(fields) == {"text", "value"}:  # dates and percentages: as written
            return fields["text"]
        return fields
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def as_yaml(pwy_path: Path) -> str:
    from pathwaylang.analysis.loader import load

    program = load(pwy_path, pwy_path.parent).program
    assert program is not None, f"{pwy_path} does not load"
    return yaml.dump({"pathway": plain(program.root)}, Dumper=_IndentedDumper, sort_keys=False,
                     allow_unicode=True, explicit_start=True, width=78)


class _IndentedDumper(yaml.SafeDumper):
    """Indents lists under their key, as yamllint's default `indentation` rule wants, so the
    linter has nothing to report and the comparison is of a clean file."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


# ---- timing --------------------------------------------------------------------------


@dataclass
class Timing:
    wall: float
    cpu: float
    """user + system seconds, mean over the runs"""


def alternated(commands: dict[str, list[str]], runs: int, warmup: int = 1,
               env: dict | None = None, cwd: Path | None = None,
               prepare: dict[str, list[str]] | None = None,
               must_pass: bool = False) -> dict[str, Timing]:
    """Time each command (a list of arguments, run without a shell), `runs` times, taking
    the commands in turn run by run (A B C, A B C, ...): on a shared machine the load
    changes from one second to the next, and this way a busy moment falls on every command
    alike (hyperfine runs all of one command's runs, then all of the next's). `prepare`:
    a command run, untimed, before each run of the command of the same name; `must_pass`:
    a run that fails stops the benchmark. Wall time by the clock; CPU time is user + system
    of the command and every process it waited for; means of the runs, after `warmup`
    untimed runs of each."""
    for name in commands:
        for _ in range(warmup):
            _run_once(commands[name], env, cwd, (prepare or {}).get(name), must_pass)
    done: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            done[name].append(_run_once(argv, env, cwd, (prepare or {}).get(name), must_pass))
    return {name: Timing(sum(w for w, _ in times) / runs, sum(c for _, c in times) / runs)
            for name, times in done.items()}


def _run_once(argv: list[str], env: dict | None, cwd: Path | None,
              prepare: list[str] | None, must_pass: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `argv`, after `prepare`. The CPU time is the
    growth of this process's children's (`RUSAGE_CHILDREN`), which counts a child once it
    has been waited for, with the children it waited for: `pwy`'s workers and `dot`."""
    if prepare:
        subprocess.run(prepare, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if must_pass and done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed (exit {done.returncode})")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cpu_best(runs: int, works: dict[object, Callable[[], object]]) -> dict[object, float]:
    """The least CPU time of `runs` runs of each work, the works taken in turn run by run
    (as `alternated` does whole commands), each started as a fresh process would start it:
    with the readability rule's remembered answers forgotten."""
    from pathwaylang.analysis.readability import forget_remembered

    best = {name: float("inf") for name in works}
    for _ in range(runs):
        for name, work in works.items():
            forget_remembered()
            start = time.process_time()
            work()
            best[name] = min(best[name], time.process_time() - start)
    return best


def peak_rss_mib(argv: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    """Peak resident memory of one run of `argv`, from the kernel's accounting of children."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                          env=env, cwd=cwd, check=True)
    return int(done.stdout.strip()) / 1024


# ---- the table -----------------------------------------------------------------------


class Table:
    def __init__(self):
        self.rows: list[tuple[str, ...]] = []

    def add(self, *cells: str) -> None:
        self.rows.append(cells)
        print("  " + " | ".join(cells), file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = ("measure", "pwy", "peer", "peer time", "ratio (CPU)", "ratio (wall)", "target")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def verdict(ratio: float, target: float) -> str:
    return f"<= {target:g}x {'met' if ratio <= target else 'MISSED'}"


def compare(table: Table, what: str, pwy: Timing, peer_name: str, peer: Timing,
            target: float) -> None:
    ratio = pwy.cpu / peer.cpu
    table.add(what, f"{seconds(pwy.wall)} (CPU {seconds(pwy.cpu)})", peer_name,
              f"{seconds(peer.wall)} (CPU {seconds(peer.cpu)})", f"{ratio:.2f}x",
              f"{pwy.wall / peer.wall:.2f}x", verdict(ratio, target))


def write_pair(folder: Path, stages: int) -> tuple[Path, Path]:
    pwy_path = folder / f"pathway-{stages}.pwy"
    pwy_path.write_text(generate(stages), encoding="utf-8")
    yaml_path = folder / f"pathway-{stages}.yaml"
    yaml_path.write_text(as_yaml(pwy_path), encoding="utf-8")
    done = subprocess.run([str(PWY), "check", "--today", TODAY, str(pwy_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, f"the generated pathway does not check clean: {done.stdout}"
    return pwy_path, yaml_path


def cold_start(table: Table, folder: Path, runs: int) -> None:
    pwy_path, yaml_path = write_pair(folder, 60)
    times = alternated({
        "pwy": [str(PWY), "check", "--today", TODAY, str(pwy_path)],
        "yamllint": [str(YAMLLINT), str(yaml_path)],
        "imports": [sys.executable, "-c", FLOOR_IMPORTS],
    }, runs, warmup=2)
    compare(table, "cold start: check 60 stages", times["pwy"], "yamllint (same content)",
            times["yamllint"], 0.8)
    compare(table, "(for scale: importing the model, networkx and click, nothing else)",
            times["imports"], "yamllint (same content)", times["yamllint"], 0.8)


def throughput(table: Table, folder: Path, sizes: list[int], runs: int) -> None:
    from pathwaylang.analysis.checker import Checker, CheckOptions

    for size in sizes:
        pwy_path, yaml_path = write_pair(folder, size)
        times = alternated({
            "pwy": [str(PWY), "check", "--today", TODAY, str(pwy_path)],
            "yaml": [sys.executable, "-c", YAML_LOAD, str(yaml_path)],
        }, runs)
        compare(table, f"throughput: check {size:,} stages (whole command)", times["pwy"],
                "PyYAML CSafeLoader load", times["yaml"], 1.0)
        text = yaml_path.read_text(encoding="utf-8")
        best = cpu_best(runs, {
            "check": lambda: Checker(CheckOptions(root=folder)).check_file(pwy_path),
            "load": lambda: yaml.load(text, Loader=yaml.CSafeLoader)})
        check, load = best["check"], best["load"]
        compare(table, f"throughput: check {size:,} stages (in-process)", Timing(check, check),
                "PyYAML CSafeLoader load", Timing(load, load), 1.0)


def scaling(table: Table, folder: Path, runs: int) -> None:
    from pathwaylang.analysis.checker import Checker, CheckOptions

    paths = {size: folder / f"pathway-{size}.pwy" for size in (1_000, 10_000)}
    for size, path in paths.items():
        if not path.exists():
            path.write_text(generate(size), encoding="utf-8")
    times = cpu_best(runs, {size: lambda path=path: Checker(CheckOptions(root=folder))
                            .check_file(path) for size, path in paths.items()})
    ratio = times[10_000] / times[1_000]
    table.add("scaling: check 10,000 stages / 1,000", f"{seconds(times[10_000])} / "
              f"{seconds(times[1_000])}", "-", "-", f"{ratio:.1f}", "-",
              f"<= 11 {'met' if ratio <= 11 else 'MISSED'}")


def memory(table: Table, big: Path) -> None:
    rss = peak_rss_mib([str(PWY), "check", "--today", TODAY, str(big)])
    table.add(f"memory: check {int(big.stem.split('-')[-1]):,} stages", "-", "-", "-", "-", "-",
              f"peak {rss:.0f} MiB ({'met' if rss <= 250 else 'MISSED'} <= 250)")


def compile_bytecode() -> None:
    """Compile pathwaylang's modules to bytecode, as installing the package does (pip
    compiles every module it installs, as it did yamllint's): otherwise, in an editable
    install with PYTHONDONTWRITEBYTECODE set, each `pwy` run compiles its ~60 modules again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "pathwaylang")],
                   check=True)
    # and its templates, as an installed `pwy` has them after its first build (issue 18)
    subprocess.run([sys.executable, "-m", "pathwaylang.emit.templating"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 runs each and no 10,000-stage rows (a smoke run)")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 10)
    big_runs = max(1, runs // 3)
    from build_speed import build_rows

    compile_bytecode()
    table = Table()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cold_start(table, folder, 3 * runs)  # a fifth of a second a run: more runs, less noise
        throughput(table, folder, [2_000], big_runs)
        if not args.quick:
            throughput(table, folder, [10_000], big_runs)
            scaling(table, folder, big_runs)
            memory(table, folder / "pathway-10000.pwy")
        build_rows(table, folder, big_runs, EXAMPLES[:1] if args.quick else EXAMPLES)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
