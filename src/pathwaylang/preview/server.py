"""The preview's web server (127.0.0.1 only) and the watcher that re-renders on each save.

The page holds one server-sent-events stream (`/events`): a `state` event with the findings,
leaflets and stage cards, and a `map` event with the process map's SVG. The watcher polls
the file and every file its check read (libraries, subpathway files) and pushes new events
when one changes; the page updates in place, without a reload.
"""

from __future__ import annotations

import json
import os
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from pathwaylang.preview.render import Renderer

POLL_SECONDS = 0.02
"""How often the watched files' times and sizes are looked at."""
SETTLE_POLLS = 10
KEEPALIVE_SECONDS = 15.0


class Hub:
    """The latest events, and a condition the event streams wait on."""

    def __init__(self):
        self.condition = threading.Condition()
        self.events: dict[str, tuple[int, bytes]] = {}
        """Event name -> (its sequence number, its encoded `data:` payload)."""
        self.sequence = 0
        self.closed = False

    def publish(self, name: str, payload: dict) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        with self.condition:
            self.sequence += 1
            self.events[name] = (self.sequence, f"event: {name}\ndata: {data}\n\n".encode())
            self.condition.notify_all()

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()

    def newer(self, seen: dict[str, int], timeout: float) -> list[bytes] | None:
        """Events newer than those `seen` (updated), waiting up to `timeout`; None once closed."""
        with self.condition:
            def fresh():
                return [n for n, (s, _) in self.events.items() if s > seen.get(n, 0)]
            self.condition.wait_for(lambda: self.closed or fresh(), timeout)
            if self.closed:
                return None
            names = sorted(fresh(), key=lambda n: self.events[n][0])
            for name in names:
                seen[name] = self.events[name][0]
            return [self.events[name][1] for name in names]


class Watcher(threading.Thread):
    """Renders once, then again whenever a watched file's time or size changes."""

    def __init__(self, renderer: Renderer, hub: Hub):
        super().__init__(daemon=True, name="pwy-serve-watch")
        self.renderer = renderer
        self.hub = hub
        self.watched: set[Path] = set()
        self.stopping = threading.Event()
        self.drawer = MapDrawer(renderer, hub)

    def run(self) -> None:
        self.drawer.start()
        seen: dict[Path, tuple] = {}
        first = True
        while not self.stopping.is_set():
            now = {p: _stat(p) for p in (self.watched or {self.renderer.path})}
            if first or any(seen.get(p) != s for p, s in now.items()):
                now = self._settled(now)
                first = False
                self.render()
                # Times taken before reading, so a save during the render is seen next time;
                # a file watched from now on (a `use` added) as it is now.
                seen = {**{p: _stat(p) for p in self.watched}, **now}
            self.stopping.wait(POLL_SECONDS)

    def _settled(self, now: dict[Path, tuple]) -> dict[Path, tuple]:
        """Wait while the files are still changing (an editor truncates, then writes), so a
        half-written file is not shown as errors; at most `SETTLE_POLLS` polls."""
        for _ in range(SETTLE_POLLS):
            self.stopping.wait(POLL_SECONDS / 2)
            again = {p: _stat(p) for p in now}
            if again == now:
                break
            now = again
        return now

    def render(self) -> None:
        try:
            done = self.renderer.render()
        except Exception as err:  # our bug: say so on the page, keep serving
            self.hub.publish("state", {"ok": False, "errors": [{
                "rule": "internal-error", "severity": "error", "line": None,
                "message": f"the preview failed: {type(err).__name__}: {err}"}]})
            return
        self.watched = done.watched
        self.hub.publish("state", done.state)
        if done.context is not None:
            self.drawer.draw(done.state["generation"], done.context)


class MapDrawer(threading.Thread):
    """Draws the map on a thread of its own, so a save that comes while Graphviz is busy is
    checked at once; only the newest waiting map is drawn."""

    def __init__(self, renderer: Renderer, hub: Hub):
        super().__init__(daemon=True, name="pwy-serve-map")
        self.renderer = renderer
        self.hub = hub
        self.waiting = None
        self.wake = threading.Condition()
        self.stopping = False

    def draw(self, generation: int, context) -> None:
        with self.wake:
            self.waiting = (generation, context)
            self.wake.notify()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify()

    def run(self) -> None:
        while True:
            with self.wake:
                self.wake.wait_for(lambda: self.stopping or self.waiting is not None)
                if self.stopping:
                    return
                generation, context = self.waiting
                self.waiting = None
            try:
                svg, changed = self.renderer.map_svg(context)
            except Exception as err:  # our bug: say so on the page, keep serving
                self.hub.publish("map", {"generation": generation, "svg": None,
                                         "notices": [f"the map failed: {err}"]})
                continue
            if changed:
                self.hub.publish("map", {"generation": generation, "svg": svg,
                                         "notices": list(context.notices),
                                         "drawn_at": time.time()})


def _stat(path: Path) -> tuple:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def page_html() -> bytes:
    return resources.files("pathwaylang.preview").joinpath("page.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    hub: Hub
    port: int
    server_version = "pwy-serve"

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal is the user's
        pass

    def do_GET(self) -> None:
        if not self._local_host():
            self.send_error(HTTPStatus.FORBIDDEN, "only http://127.0.0.1 may ask")
            return
        if self.path == "/":
            self._send(page_html(), "text/html; charset=utf-8")
        elif self.path == "/events":
            self._stream()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _local_host(self) -> bool:
        # Another site's page cannot reach the preview through a name that resolves here.
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in ("127.0.0.1", "localhost")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; script-src 'unsafe-inline'; style-src "
                         "'unsafe-inline'; img-src data: 'self'; font-src data: 'self'; frame-src 'self' about:")
        self.end_headers()
        self.wfile.write(body)

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: dict[str, int] = {}
        try:
            while True:
                events = self.hub.newer(seen, KEEPALIVE_SECONDS)
                if events is None:
                    return
                self.wfile.write(b"".join(events) or b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed


class Preview:
    """The server and the watcher, started and stopped together."""

    def __init__(self, renderer: Renderer, port: int = 0):
        self.hub = Hub()
        handler = type("BoundHandler", (Handler,), {"hub": self.hub})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.watcher = Watcher(renderer, self.hub)
        self._serving = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                         name="pwy-serve-http")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self) -> None:
        self.watcher.start()
        self._serving.start()

    def stop(self) -> None:
        self.watcher.stopping.set()
        self.watcher.drawer.stop()
        self.hub.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.watcher.join(timeout=5)
