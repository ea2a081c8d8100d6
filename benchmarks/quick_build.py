"""Quick builds side by side with `pwy check`, in one run on this machine.

For each example, `pwy build --formats html,svg` (every HTML page and SVG picture, no PDF
or PNG) against `pwy check` of the same file: whole commands, each run a fresh process (no
shell), the build into a folder emptied before every run, both with the same `--today`.
The rows' commands are taken in turn, run by run (peers.alternated: a busy moment on the
machine falls on the build and the check alike). Times are means of the runs; CPU is user +
system time of the command and the processes it waited for (Graphviz's included). Target:
the build at most 1.5x the check on CPU time; the wall-clock ratio is beside it.

The build keeps Graphviz's output between builds (a cache folder of the benchmark's own,
through PWY_CACHE_DIR), so each example has three rows (`ROWS`): a rebuild of the unchanged
file (every picture from the cache), a rebuild after an edit that changes the map (the
first stage's title, changed before every run in a copy of the examples folder), and a
build with the cache emptied before every run (every picture drawn, and kept).

Before timing, each build is run once and must succeed and write only .html and .svg
files (a failing run then stops the benchmark). pathwaylang's modules and
templates are compiled first, as an installed `pwy` has them after its first run
(docs/performance.md).

    .venv/bin/python benchmarks/quick_build.py                  # every example, 10 runs
    .venv/bin/python benchmarks/quick_build.py --runs 20 examples/dylanshire.pwy
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peers import (EXAMPLES, PWY, TODAY, Table, alternated, compile_bytecode,  # noqa: E402
                   seconds, verdict)

TARGET = 1.5
FORMATS = "html,svg"


ROWS = (("warm", "cache warm (the file unchanged)"),
        ("edited", "map edited (a stage title changed before each run)"),
        ("cold", "cache cold (emptied before each run)"))
"""The quick-build rows: `pwy build` keeps Graphviz's output between builds
(emit/graphviz_cache.py), so a rebuild of an unchanged file draws nothing, one after an
edit draws what the edit changed (the map, and the checklist's glance map that names the
stages; not the algorithms), and a first build draws everything."""


def quick_rows(table: Table, folder: Path, runs: int, examples: list[Path]) -> None:
    for example in examples:
        copied = _copy(example, folder / "examples")
        out, cache = folder / "quick-out", folder / "cache"
        env = {**os.environ, "PWY_CACHE_DIR": str(cache)}
        build = [str(PWY), "build", "--today", TODAY, "--formats", FORMATS, "-o", str(out),
                 str(copied)]
        check = [str(PWY), "check", "--today", TODAY, str(copied)]
        _built_only_html_and_svg(build, out, env, copied.parent)
        retitle = [sys.executable, str(Path(__file__).resolve()), "--retitle", str(copied),
                   str(out)]
        times = alternated({"warm": build, "edited": build, "cold": build, "check": check},
                           runs, warmup=2, env=env, cwd=copied.parent, must_pass=True,
                           prepare={"warm": ["rm", "-rf", str(out)], "edited": retitle,
                                    "cold": ["rm", "-rf", str(out), str(cache)]})
        alone = times["check"]
        for name, what in ROWS:
            quick = times[name]
            table.add(f"quick build {example.name} (--formats {FORMATS}), {what}",
                      f"{seconds(quick.wall)} (CPU {seconds(quick.cpu)})",
                      "pwy check (same file)",
                      f"{seconds(alone.wall)} (CPU {seconds(alone.cpu)})",
                      f"{quick.cpu / alone.cpu:.2f}x", f"{quick.wall / alone.wall:.2f}x",
                      verdict(quick.cpu / alone.cpu, TARGET))


def _copy(example: Path, folder: Path) -> Path:
    """`example` in a copy of its folder (the files it uses beside it, within the root: the
    folder the commands run in), for the edited row."""
    if not folder.exists():
        shutil.copytree(example.parent, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder / example.name


_STAGE_TITLE = re.compile(r'^(\s*stage \w+ "[^"\n]*?)(?: #[0-9a-f]{6})?"', re.M)


def retitle(pathway: Path, out: Path) -> None:
    """Change the first stage's title (a new six-digit mark at its end) and empty `out`:
    the edit an author makes between two quick builds."""
    text = pathway.read_text(encoding="utf-8")
    changed, count = _STAGE_TITLE.subn(rf'\1 #{secrets.token_hex(3)}"', text, count=1)
    assert count == 1, f"no stage title in {pathway}"
    pathway.write_text(changed, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)


def _built_only_html_and_svg(build: list[str], out: Path, env: dict[str, str], cwd: Path
                             ) -> None:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(build, capture_output=True, text=True, cwd=cwd, env=env)
    assert done.returncode == 0, f"the quick build failed: {done.stderr}"
    kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert kinds == {".html", ".svg"}, f"the quick build wrote {sorted(kinds)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", type=Path, help="default: every example")
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement")
    parser.add_argument("--retitle", nargs=2, type=Path, metavar=("PATHWAY", "OUT"),
                        help=argparse.SUPPRESS)  # the edited row's preparation
    args = parser.parse_args()
    if args.retitle:
        retitle(*args.retitle)
        return
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
