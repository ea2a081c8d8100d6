"""`pwy audit` at scale, beside pm4py, in one run on this machine.

1. `pwy simulate` writes about 1,000,000 events (CSV) for examples/dylanshire.pwy.
2. `pwy audit` reads and audits them, as a whole command: wall time and peak resident memory
   (targets: at most 10 s, at most 1 GiB).
3. pm4py, in a virtual environment of its own (benchmarks/.venv-pm4py, made here on first
   use), reads the same CSV and discovers its directly-follows graph from the `enter`
   events. Its counts must equal the audit's moves between each pair of nodes (routes and
   unexpected moves together); its time is printed beside the audit's.

pm4py is AGPL-licensed: it is never a dependency of pathwaylang, only of this benchmark's own
environment. pm4py times a directly-follows graph only; the audit does much more (working
days, breaches, variance, indicators), so the ratio flatters pm4py.

    .venv/bin/python benchmarks/audit.py                # about 1,000,000 events
    .venv/bin/python benchmarks/audit.py --cases 5000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PWY = Path(sys.executable).parent / "pwy"
PATHWAY = REPO / "examples" / "dylanshire.pwy"
PM4PY_VENV = REPO / "benchmarks" / ".venv-pm4py"
CASES = 57_000
"""About 17.6 events a case: 57,000 cases make just over 1,000,000 events."""
WALL_TARGET, MEMORY_TARGET_MIB = 10.0, 1024.0

PM4PY_SCRIPT = r"""
import json, sys, time
started = time.perf_counter()
import pandas as pd
import pm4py
imported = time.perf_counter()
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
frame = frame[frame["event"] == "enter"]
frame = pm4py.format_dataframe(frame, case_id="case", activity_key="node",
                               timestamp_key="date")
read = time.perf_counter()
dfg, starts, ends = pm4py.discover_dfg(frame)
done = time.perf_counter()
json.dump({"dfg": [[a, b, n] for (a, b), n in sorted(dfg.items())],
           "seconds": {"import": imported - started, "read": read - imported,
                       "discover": done - read}}, sys.stdout)
"""


def measured(argv: list[str]) -> tuple[float, float, float, bytes]:
    """(wall seconds, peak resident MiB, CPU seconds, stdout) of `argv`, run under a small
    Python helper that reports its child's figures as the kernel counted them."""
    helper = ("import resource, subprocess, sys, time, json;"
              "t = time.perf_counter();"
              "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE);"
              "w = time.perf_counter() - t;"
              "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
              "sys.stderr.write(json.dumps([w, u.ru_maxrss, p.returncode, "
              "u.ru_utime + u.ru_stime]));"
              "sys.stdout.buffer.write(p.stdout)")
    process = subprocess.run([sys.executable, "-c", helper, *argv], capture_output=True)
    try:
        wall, peak_kib, code, cpu = json.loads(process.stderr.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"{argv[0]} failed: {process.stderr.decode(errors='replace')}")
    if code not in (0, 1):  # 1: some rows rejected, which a simulated log has none of
        sys.exit(f"{' '.join(argv)} exited {code}")
    return wall, peak_kib / 1024, cpu, process.stdout


def pm4py_python() -> Path:
    python = PM4PY_VENV / "bin" / "python"
    if not python.exists():
        print(f"making {PM4PY_VENV} with pm4py (once; pm4py is AGPL, so never a project "
              "dependency)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PM4PY_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pm4py"], check=True)
    return python


def audit_dfg(report: dict) -> dict[tuple[str, str], int]:
    moves = {(r["from"], r["to"]): r["moves"] for r in report["routes"]}
    for u in report["unexpected_moves"]:
        moves[(u["from"], u["to"])] = moves.get((u["from"], u["to"]), 0) + u["moves"]
    return moves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=CASES)
    args = parser.parse_args()
    python = pm4py_python()
    with tempfile.TemporaryDirectory(prefix="pwy-audit-bench-") as folder:
        records = Path(folder) / "records.csv"
        subprocess.run([str(PWY), "simulate", str(PATHWAY), "--cases", str(args.cases),
                        "--seed", "1", "-o", str(records)], check=True, capture_output=True)
        events = sum(1 for _ in open(records, encoding="utf-8")) - 1
        wall, peak, cpu, out = measured([str(PWY), "audit", str(PATHWAY), str(records),
                                    "--format", "json"])
        report = json.loads(out)
        pm_wall, pm_peak, pm_cpu, pm_out = measured([str(python), "-c", PM4PY_SCRIPT, str(records)])
        pm = json.loads(pm_out)
    ours = audit_dfg(report)
    theirs = {(a, b): n for a, b, n in pm["dfg"]}
    same = ours == theirs
    print(f"events: {events:,} ({report['events']:,} counted, {report['cases']:,} cases); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| what | pwy audit | pm4py (DFG only) | pwy / pm4py | target |")
    print("|---|---|---|---|---|")
    print(f"| wall time, whole command | {wall:.2f} s | {pm_wall:.2f} s | {wall / pm_wall:.2f}x "
          f"| pwy <= {WALL_TARGET:.0f} s: {'met' if wall <= WALL_TARGET else 'NOT MET'} |")
    print(f"| CPU time (user + system) | {cpu:.2f} s | {pm_cpu:.2f} s | {cpu / pm_cpu:.2f}x "
          "| (less disturbed by other work) |")
    print(f"| peak resident memory | {peak:.0f} MiB | {pm_peak:.0f} MiB | {peak / pm_peak:.2f}x "
          f"| pwy <= {MEMORY_TARGET_MIB:.0f} MiB: "
          f"{'met' if peak <= MEMORY_TARGET_MIB else 'NOT MET'} |")
    seconds = pm["seconds"]
    print(f"pm4py in-process: import {seconds['import']:.2f} s, read CSV "
          f"{seconds['read']:.2f} s, discover_dfg {seconds['discover']:.2f} s")
    print(f"directly-follows pairs: {len(ours)} (audit) vs {len(theirs)} (pm4py); "
          f"moves {sum(ours.values()):,} vs {sum(theirs.values()):,}: "
          f"{'EQUAL' if same else 'DIFFERENT'}")
    if not same:
        for pair in sorted(set(ours) | set(theirs)):
            if ours.get(pair) != theirs.get(pair):
                print(f"  {pair}: audit {ours.get(pair)} pm4py {theirs.get(pair)}")
        sys.exit(1)
    if wall > WALL_TARGET or peak > MEMORY_TARGET_MIB:
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
