"""Starting `pwy serve` as the user would, for tests and the latency benchmark."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path


class Served:
    """`pwy serve FILE` running in `folder`; `url` is the address it printed."""

    def __init__(self, folder: Path, name: str, *options: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pathwaylang", "serve", name, *options], cwd=folder,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found is None:
            self.stop()
            raise AssertionError(f"pwy serve printed {line!r}; stderr: "
                                 f"{self.process.stderr.read()}")
        self.url = found.group()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def write(path: Path, text: str) -> float:
    """Save `text` as an editor does, and the wall-clock time of the save (seconds)."""
    at = time.time()
    path.write_text(text, encoding="utf-8")
    return at


LEAFLET_TEXT = """() => {
  const frame = document.getElementById('leaflet-frame');
  const body = frame.contentDocument && frame.contentDocument.body;
  return body ? body.innerText : '';
}"""


def wait_until(page, function: str, arg=None, timeout: float = 15) -> object:
    """Poll `function` (JavaScript, called with `arg`) until it returns something true.
    Playwright's own `wait_for_function` evaluates strings with `eval`, which the page's
    Content-Security-Policy forbids; `evaluate` calls the function without it."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(function, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {function} ({arg!r})")
        time.sleep(0.01)


def leaflet_has(page, text: str, timeout: float = 15) -> None:
    wait_until(page, f"(text) => ({LEAFLET_TEXT})().includes(text)", text, timeout)


def first_update_after(page, what: str, since_ms: float, timeout_ms: float = 15000) -> float:
    """Milliseconds from `since_ms` (epoch) to the page's first `what` update after it."""
    wait_until(page,
               "([what, since]) => window.pwyUpdates.some(u => u.what === what && u.at >= since)",
               [what, since_ms], timeout_ms / 1000)
    at = page.evaluate(
        "([what, since]) => window.pwyUpdates.find(u => u.what === what && u.at >= since).at",
        [what, since_ms])
    return at - since_ms
