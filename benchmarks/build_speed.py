"""`pwy build` side by side with its peers, in one run on this machine.

For each example in examples/, three rows (docs/performance.md explains them):

- build: `pwy build` with every artefact, PDFs included, against WeasyPrint alone rendering
  the same HTML documents (the checklist and every leaflet, as that build wrote them) to PDF
  one after the other in one Python process: the floor for doing the PDFs serially. Target:
  at most 0.8x on wall-clock time (the build lays each document out once and renders
  independent PDFs on every core); the CPU ratio is beside it.
- quick build: `pwy build --formats html,svg` against `pwy check` of the same file. Target:
  at most 1.5x on CPU time (user + system, Graphviz's included).
- memory: the peak resident memory of the build's largest process (the `pwy` process or
  one of its PDF workers). Target: at most 250 MiB.

Times are hyperfine's means (`--runs`, 3 by default); ratios are measured in the same run.

    .venv/bin/python benchmarks/build_speed.py
    .venv/bin/python benchmarks/build_speed.py --runs 5 examples/dylanshire.pwy
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peers import (EXAMPLES, PWY, REPO, TODAY, Table, Timing, compile_bytecode,  # noqa: E402
                   hyperfine, peak_rss_mib, seconds, verdict)

WEASYPRINT_ALONE = (
    "import sys, weasyprint\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        weasyprint.HTML(string=f.read()).render().write_pdf(pdf_identifier=b'x')\n")
"""The peer: WeasyPrint rendering each HTML document in turn, in one process (the import
counted once, as in a build)."""


def documents(built: Path) -> list[Path]:
    """The HTML documents a build rendered to PDF: those with a PDF beside them."""
    return sorted(p for p in built.rglob("*.html") if p.with_suffix(".pdf").exists())


def build_rows(table: Table, folder: Path, runs: int, examples: list[Path]) -> None:
    for example in examples:
        out = folder / "out"
        full = [str(PWY), "build", "--today", TODAY, "-o", str(out), str(example)]
        quick = full[:2] + ["--formats", "html,svg"] + full[2:]
        check = [str(PWY), "check", "--today", TODAY, str(example)]
        done = os.system(" ".join(full) + " >/dev/null 2>&1")  # the documents to compare
        assert done == 0, f"{example} does not build"
        html = [str(p) for p in documents(out)]
        times = hyperfine({
            "build": full,
            "weasyprint": [sys.executable, "-c", WEASYPRINT_ALONE, *html],
            "quick": quick,
            "check": check,
        }, runs, cwd=REPO)
        build, alone = times["build"], times["weasyprint"]
        table.add(f"build {example.name}, every artefact", _time(build),
                  f"WeasyPrint alone, {len(html)} documents in turn", _time(alone),
                  f"{build.cpu / alone.cpu:.2f}x", f"{build.wall / alone.wall:.2f}x",
                  verdict(build.wall / alone.wall, 0.8) + " (wall)")
        quick_t, check_t = times["quick"], times["check"]
        table.add(f"quick build {example.name} (--formats html,svg)", _time(quick_t),
                  "pwy check (same file)", _time(check_t), f"{quick_t.cpu / check_t.cpu:.2f}x",
                  f"{quick_t.wall / check_t.wall:.2f}x", verdict(quick_t.cpu / check_t.cpu, 1.5))
        rss = peak_rss_mib(full, cwd=REPO)
        table.add(f"memory: build {example.name}", "-", "-", "-", "-", "-",
                  f"peak {rss:.0f} MiB ({'met' if rss <= 250 else 'MISSED'} <= 250)")
        shutil.rmtree(out, ignore_errors=True)


def _time(timing: Timing) -> str:
    return f"{seconds(timing.wall)} (CPU {seconds(timing.cpu)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", type=Path, help="default: every example")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement")
    args = parser.parse_args()
    if shutil.which("hyperfine") is None:
        sys.exit("hyperfine is not installed (scripts/setup.sh installs it)")
    compile_bytecode()
    table = Table()
    with tempfile.TemporaryDirectory() as tmp:
        build_rows(table, Path(tmp), args.runs, [p.resolve() for p in args.examples] or EXAMPLES)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
