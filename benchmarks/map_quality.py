"""The process map's layout quality, before and after, measured the same way.

For each example, measures with emit/map_quality.py:

- before: the map as another revision (`--before`, default `main`) draws it for
  process-map.svg/.pdf, one sheet of its own size, printed scaled down to fit the paper;
- after: this tree's process-map.pdf, each sheet at the paper's size, printed at 100%.

Columns: sheets; text over text; routes through text; stacked arrowheads; collapsed bands
(totals over the sheets); crossings on the worst sheet; the longest route as a share of its
sheet's width; the smallest text and the smallest stage title as printed (points); the
lowest and the mean fill (the share of a sheet inside its margins with something drawn on it).

    .venv/bin/python benchmarks/map_quality.py                 # A3, before = main
    .venv/bin/python benchmarks/map_quality.py --paper A4 --before HEAD~3
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from pathwaylang.analysis.checker import Checker, CheckOptions
from pathwaylang.emit import map_quality, process_map
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit.map_sheet import PAPERS
from pathwaylang.rules import RuleOptions

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
TODAY = "2026-11-26"

_DRAW = """
import datetime as dt, json, os, sys
from pathlib import Path
from pathwaylang.analysis.checker import Checker, CheckOptions
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import process_map
from pathwaylang.rules import RuleOptions
out = {}
for name in sys.argv[1:]:
    path = Path(name)
    os.chdir(path.parent)
    options = CheckOptions(root=path.parent, rules=RuleOptions(today=dt.date(2026, 11, 26)))
    report = Checker(options).check_file(Path(path.name))
    ctx = BuildContext(program=report.program)
    out[path.stem] = process_map._drawable(ctx)
print(json.dumps(out))
"""


def before(revision: str) -> dict[str, tuple[str, str, int | None]]:
    """Each example's drawn map, as `revision` draws it (its source tree, run apart)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "src"],
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        grammar = REPO / "grammar" / "pathway.lark"  # the package reads it beside syntax/
        target = Path(folder) / "src" / "pathwaylang" / "syntax" / "pathway.lark"
        if not target.exists():
            target.write_bytes(grammar.read_bytes())
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        done = subprocess.run([sys.executable, "-c", _DRAW, *map(str, EXAMPLES)], env=env,
                              capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{revision} could not draw the examples:\n{done.stderr}")
    return json.loads(done.stdout)


def after(path: Path, paper: str) -> list[str]:
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        import datetime as dt
        options = CheckOptions(root=path.parent,
                               rules=RuleOptions(today=dt.date.fromisoformat(TODAY)))
        report = Checker(options).check_file(Path(path.name))
    finally:
        os.chdir(here)
    folder = {"source_dir": path.parent} if "source_dir" in BuildContext.__dataclass_fields__ \
        else {}  # older trees read subpathway files from the pathway's folder
    ctx = BuildContext(program=report.program, options=BuildOptions(map_paper=paper), **folder)
    return process_map.map_sheets(ctx)


def row(label: str, found: list[map_quality.Quality]) -> str:
    stage = [q.smallest_stage_title for q in found if q.smallest_stage_title is not None]
    return (f"{label:<24}{len(found):>7}{sum(q.text_overlaps for q in found):>9}"
            f"{sum(q.routes_through_text for q in found):>9}"
            f"{sum(q.stacked_heads for q in found):>8}{sum(q.collapsed_bands for q in found):>7}"
            f"{max(q.crossings for q in found):>11}{max(q.longest_route for q in found):>9.2f}"
            f"{min(q.smallest_text for q in found):>8.1f}{min(stage, default=0):>8.1f}"
            f"{min(q.fill for q in found):>7.2f}{sum(q.fill for q in found) / len(found):>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paper", choices=sorted(PAPERS), default="A3")
    parser.add_argument("--before", default="main", help="git revision to compare with")
    args = parser.parse_args()
    width, height = PAPERS[args.paper]
    print(f"Process map layout on {args.paper} landscape ({width:.0f} x {height:.0f} pt); "
          f"before = {args.before}, after = this tree")
    print(f"{'pathway':<24}{'sheets':>7}{'overlap':>9}{'through':>9}{'heads':>8}"
          f"{'bands':>7}{'crossings':>11}{'longest':>9}{'text':>8}{'stage':>8}"
          f"{'fill':>7}{'mean':>7}")
    drawn = before(args.before)
    for path in EXAMPLES:
        engine, source, no_op = drawn[path.stem]
        found = map_quality.measure_source(source, engine, no_op)
        scale = min(1.0, width / found.width, height / found.height)  # printed to fit
        found = map_quality.measure_source(source, engine, no_op, scale)
        print(row(f"{path.stem} before", [found]))
        print(row(f"{path.stem} after", [printed(s, width, height)
                                         for s in after(path, args.paper)]))


def printed(sheet: str, width: float, height: float) -> map_quality.Quality:
    """A sheet measured as printed: one too big for the paper is scaled down to fit."""
    if hasattr(map_quality, "printed"):
        return map_quality.printed(sheet, (width, height))
    found = map_quality.measure_source(sheet)
    scale = min(1.0, width / found.width, height / found.height)
    return found if scale > 0.999 else map_quality.measure_source(sheet, scale=scale)


if __name__ == "__main__":
    main()
