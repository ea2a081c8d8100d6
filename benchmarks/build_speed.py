"""`pwy build` side by side with its peers, in one run on this machine.

For each example in examples/, three rows (docs/performance.md explains them):

- build: `pwy build` with every artefact, PDFs included, against WeasyPrint alone rendering
  the same HTML documents to PDF one after the other in one Python process: the floor for
  doing the PDFs serially. The documents are those the build hands to WeasyPrint (its
  `PdfRenderer`'s jobs, collected from a build run in this process), each rendered once
  with the build's options (base URL, PDF/UA-1); their number must be the number of PDFs
  WeasyPrint made in the build's output, or the script stops. Target: at most 0.8x on
  wall-clock time (the build lays each document out once and renders independent PDFs on
  every core); the CPU ratio is beside it, and the best wall-clock ratio the build's CPU
  time allows on this machine's cores (that time spread evenly over them).
- quick build: `pwy build --formats html,svg` against `pwy check` of the same file, the
  row benchmarks/quick_build.py makes (a fresh output folder every run; a failed run stops
  it). Target: at most 1.5x on CPU time (user + system, Graphviz's included).
- memory: the peak resident memory of the build's largest process (the `pwy` process or
  one of its PDF workers: the kernel's accounting of children), and beside it the peak of
  the whole process tree together (the proportional set sizes of `pwy` and its workers
  added up, sampled every 20 ms; forked workers share pages with `pwy`, which the
  proportional size counts once). Target: at most 250 MiB.

Times are means of `--runs` runs (3 by default), the build and its peer taken in turn, run by
run (peers.alternated); ratios are measured in the same run.

    .venv/bin/python benchmarks/build_speed.py
    .venv/bin/python benchmarks/build_speed.py --runs 5 examples/dylanshire.pwy
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peers import (EXAMPLES, PWY, REPO, TODAY, Table, Timing, compile_bytecode,  # noqa: E402
                   alternated, peak_rss_mib, seconds, verdict)
from quick_build import quick_rows  # noqa: E402

WEASYPRINT_ALONE = (
    "import json, sys, weasyprint\n"
    "for doc in json.load(open(sys.argv[1], encoding='utf-8')):\n"
    "    with open(doc['html'], encoding='utf-8') as f:\n"
    "        weasyprint.HTML(string=f.read(), base_url=doc['base_url']).write_pdf(\n"
    "            pdf_identifier=b'x', uncompressed_pdf=False, pdf_variant=doc['variant'])\n")
"""The peer: WeasyPrint rendering each document in turn, in one process (the import counted
once, as in a build), as the build renders it (base URL, PDF/UA-1 tags)."""


def pdf_documents(example: Path, folder: Path) -> tuple[Path, dict[str, bytes]]:
    """The documents a build of `example` hands to WeasyPrint, each as it was laid out (a
    poster that ran over its page: the narrower one), written to `folder` with a list of
    them (`documents.json`) for the peer; and that build's PDFs, by name."""
    import contextlib
    import datetime as dt
    import io
    import json

    from pathwaylang.analysis.config import ConfigFinder
    from pathwaylang.cli.checked import checked_report, overrides_from
    from pathwaylang.emit.build import make_artefacts
    from pathwaylang.emit.context import BuildContext, BuildOptions
    from pathwaylang.emit.pdf import PDF_VARIANT, PdfRenderer

    overrides = overrides_from(dt.datetime.fromisoformat(TODAY), None, None)
    with contextlib.redirect_stderr(io.StringIO()):  # its warnings, as `pwy build` prints
        report = checked_report(example, ConfigFinder(None), overrides, "built")
    assert report is not None, f"{example} does not build"
    renderer = PdfRenderer()
    made = make_artefacts(BuildContext(program=report.program, subpathways=report.subpathways,
                                       options=BuildOptions(), diagnostics=report.diagnostics),
                          renderer=renderer)
    listed = []
    for number, job in enumerate(renderer.jobs, start=1):
        html = folder / f"document-{number}.html"
        html.write_text(job.laid_out(), encoding="utf-8")
        listed.append({"html": str(html), "base_url": job.document.base_url,
                       "variant": PDF_VARIANT})
    manifest = folder / "documents.json"
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    return manifest, {name: data for name, data in made.items() if name.endswith(".pdf")}


def weasyprint_pdfs(built: Path) -> list[Path]:
    """The PDFs WeasyPrint made in a build's output (not the imposed `.print.pdf`s, nor
    Graphviz's map): by the producer each PDF names."""
    from pypdf import PdfReader

    return sorted(p for p in built.rglob("*.pdf")
                  if (PdfReader(p).metadata.producer or "").startswith("WeasyPrint"))


def build_rows(table: Table, folder: Path, runs: int, examples: list[Path]) -> None:
    for example in examples:
        out = folder / "out"
        full = [str(PWY), "build", "--today", TODAY, "--no-cache", "-o", str(out),  # every
                str(example)]  # picture drawn, as in a first build (emit/graphviz_cache.py)
        done = os.system(" ".join(full) + " >/dev/null 2>&1")  # the PDFs to count
        assert done == 0, f"{example} does not build"
        documents = folder / "documents"
        shutil.rmtree(documents, ignore_errors=True)
        documents.mkdir()
        manifest, pdfs = pdf_documents(example, documents)
        count = len(json.loads(manifest.read_text(encoding="utf-8")))
        made = weasyprint_pdfs(out)
        assert count == len(made), f"the peer has {count} documents, the build made {made}"
        for path in made:  # and they are this `pwy build`'s documents
            name = path.relative_to(out).as_posix().split("/", 1)[1]  # under <pathway-id>/
            assert pdfs[name] == path.read_bytes(), f"{name} differs"
        times = alternated({
            "build": full,
            "weasyprint": [sys.executable, "-c", WEASYPRINT_ALONE, str(manifest)],
        }, runs, cwd=REPO, must_pass=True)
        build, alone = times["build"], times["weasyprint"]
        table.add(f"build {example.name}, every artefact", _time(build),
                  f"WeasyPrint alone, the build's {count} documents in turn", _time(alone),
                  f"{build.cpu / alone.cpu:.2f}x", f"{build.wall / alone.wall:.2f}x",
                  verdict(build.wall / alone.wall, 0.8) + " (wall); " + _floor(build, alone))
        quick_rows(table, folder, runs, [example])  # one quick-build row, measured one way
        rss, tree = peak_rss_mib(full, cwd=REPO), peak_tree_mib(full, cwd=REPO)
        table.add(f"memory: build {example.name}", "-", "-", "-", "-", "-",
                  f"peak {rss:.0f} MiB largest process, {tree:.0f} MiB all together "
                  f"({'met' if max(rss, tree) <= 250 else 'MISSED'} <= 250)")
        shutil.rmtree(out, ignore_errors=True)


def peak_tree_mib(argv: list[str], cwd: Path | None = None) -> float:
    """The peak of `argv`'s process and its children together: their proportional set
    sizes (shared pages shared out) added up, sampled every 20 ms."""
    import subprocess
    import time

    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_pss_kib(process.pid))
        time.sleep(0.02)
    return peak / 1024


def _tree_pss_kib(root: int) -> int:
    """The tree's proportional set sizes added up, each process read twice and the smaller
    read taken: a child caught between `vfork` and `exec` (Python starts `dot` that way)
    still has its parent's memory, unshared, and would count the parent's size again; a
    moment later it is `dot`."""
    tree = _tree(root)
    first = [_pss_kib(pid) for pid in tree]
    return sum(min(size, _pss_kib(pid)) for pid, size in zip(tree, first))


def _tree(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:  # ended meanwhile
            pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines()
                 if line.startswith("Pss:")), 0)


def _floor(build: Timing, alone: Timing) -> str:
    """The best wall-clock ratio the build's CPU time allows: all of it spread evenly over
    every core, against the peer's wall-clock time (on one core)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    best = build.cpu / (cores or 1) / alone.wall
    return f"its CPU time on {cores} cores allows {best:.2f}x at best"


def _time(timing: Timing) -> str:
    return f"{seconds(timing.wall)} (CPU {seconds(timing.cpu)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", type=Path, help="default: every example")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement")
    args = parser.parse_args()
    compile_bytecode()
    table = Table()
    with tempfile.TemporaryDirectory() as tmp:
        build_rows(table, Path(tmp), args.runs, [p.resolve() for p in args.examples] or EXAMPLES)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print(table.markdown())


if __name__ == "__main__":
    main()
