"""How quickly `pwy lsp` answers, driven over stdio as an editor drives it.

Starts the real server (`python -m pathwaylang lsp`) in a temporary copy of the examples,
opens each file and then, many times over, measures:

- diagnostics: from sending a change (the whole text: as written, with a misspelt name, or
  with a syntax error, which lark reads, the slow path) to the findings for that version
  arriving (the pause before checking, `DEBOUNCE`, is included);
- hover, definition and completion: from request to response, at positions spread over the
  file (stage names, leads, `step up to`).

It prints the 50th and 95th percentile beside the goal, and, as the peer figure, the time
of running `pwy check` on the same file as a new process (what an author waits for today).
The 1,000-stage file is the one benchmarks/scale.py generates.

    .venv/bin/python benchmarks/lsp_latency.py
    .venv/bin/python benchmarks/lsp_latency.py --runs 60 --stages 1000 2000
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ("dylanshire.pwy", "kentigernshire.pwy", "mabinogion.pwy")


class Server:
    """`pwy lsp` on pipes, with a thread reading its messages into a queue."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pathwaylang", "lsp"], cwd=folder, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(),
                                    "capabilities": {}})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.messages.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict) -> tuple[float, object]:
        """The response's result and the seconds it took."""
        self.next_id += 1
        wanted = self.next_id
        start = time.perf_counter()
        self.send({"id": wanted, "method": method, "params": params})
        arrived, message = self.wait(lambda m: m.get("id") == wanted)
        return arrived - start, message.get("result")

    def wait(self, matches, timeout: float = 120) -> tuple[float, dict]:
        deadline = time.monotonic() + timeout
        while True:
            arrived, message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if matches(message):
                return arrived, message

    def diagnostics_after(self, send, uri: str, version: int) -> float:
        start = time.perf_counter()
        send()
        arrived, _ = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                               and m["params"]["uri"] == uri
                               and m["params"].get("version") == version)
        return arrived - start

    def cpu_seconds(self) -> float:
        """The server's user and system CPU time so far (Linux), a figure other work on a
        busy machine disturbs less than the wall-clock latency."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


def percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def positions(text: str, needles: tuple[str, ...], limit: int) -> list[dict]:
    found = []
    for needle in needles:
        start = 0
        while len(found) < limit and (index := text.find(needle, start)) >= 0:
            at = index + len(needle)
            line = text.count("\n", 0, at)
            found.append({"line": line, "character": at - (text.rfind("\n", 0, at) + 1)})
            start = at
    return found


def variants(text: str) -> list[tuple[str, str]]:
    """The texts a change alternates between: as written, with a misspelt name (read by the
    fast path), as written, and with a syntax error (read by lark, the slow path)."""
    at = text.index("step down to ") + len("step down to ")
    misspelt = text[:at] + "x" + text[at:]
    syntax = text[:at] + "to " + text[at:]
    return [("misspelt name", misspelt), ("no mistake", text), ("syntax error", syntax),
            ("no mistake", text)]


def measure(server: Server, path: Path, runs: int) -> dict[str, list[float]]:
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    cycle = variants(text)
    times: dict[str, list[float]] = {f"diagnostics ({kind})": [] for kind, _ in cycle[:3]}
    times.update({"hover": [], "definition": [], "completion": []})
    server.diagnostics_after(lambda: server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "pathway", "version": 1, "text": text}}), uri, 1)
    version = 1
    cpu = server.cpu_seconds()
    for run in range(runs):
        kind, changed = cycle[run % len(cycle)]
        version += 1
        times[f"diagnostics ({kind})"].append(server.diagnostics_after(
            lambda: server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": changed}]}), uri, version))
    times["cpu"] = [(server.cpu_seconds() - cpu) / runs]
    version += 1  # back to the text itself, checked, before the requests
    server.diagnostics_after(lambda: server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        uri, version)
    document = {"uri": uri}
    for name, method, needles in (
            ("hover", "textDocument/hover", ("  stage ", "    lead ")),
            ("definition", "textDocument/definition", ("    lead ", " to ")),
            ("completion", "textDocument/completion", ("step up to ", "    lead "))):
        for where in positions(text, needles, runs):
            seconds, _ = server.request(method, {"textDocument": document, "position": where})
            times[name].append(seconds)
    return times


def pwy_check_seconds(folder: Path, name: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pathwaylang", "check", name], cwd=folder,
                   capture_output=True, check=False)
    return time.perf_counter() - start


GOALS = {"diagnostics": 150, "hover": 50, "definition": 50, "completion": 50}


def report(label: str, times: dict[str, list[float]], peer: float, big: bool) -> None:
    cpu = times.pop("cpu")[0] * 1000
    for name, values in times.items():
        kind = name.split(" ")[0]
        goal = 1000 if big and kind == "diagnostics" else GOALS[kind]
        p95 = percentile(values, 95)
        verdict = "ok" if p95 <= goal else "OVER"
        peer_text = f"  (`pwy check` process: {peer * 1000:6.0f} ms)" \
            if name == "diagnostics (no mistake)" else ""
        if name == "diagnostics (syntax error)":
            peer_text = f"  (server CPU per change, all kinds: {cpu:5.0f} ms)"
        print(f"{label:30} {name:28} n={len(values):3}  p50 {percentile(values, 50):7.1f} ms"
              f"  p95 {p95:7.1f} ms  goal <= {goal:4} ms  {verdict}{peer_text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--stages", type=int, nargs="*", default=[1000])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pwy-lsp-bench-"))
    try:
        for item in ("common", "subpathways", *EXAMPLES):
            source = REPO / "examples" / item
            (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / item)
        for stages in args.stages:
            (folder / f"scale-{stages}.pwy").write_text(generate(stages), encoding="utf-8")
        server = Server(folder)
        try:
            for name in EXAMPLES:
                report(name, measure(server, folder / name, args.runs),
                       pwy_check_seconds(folder, name), big=False)
            for stages in args.stages:
                name = f"scale-{stages}.pwy"
                report(f"{name} ({stages:,} stages)",
                       measure(server, folder / name, max(args.runs // 2, 10)),
                       pwy_check_seconds(folder, name), big=True)
        finally:
            server.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
