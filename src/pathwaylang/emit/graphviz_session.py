"""Graphviz layouts for one build in a few long-running `dot` processes.

Every `dot` process costs about 8 ms of CPU before it lays anything out (it loads Pango,
Cairo, fontconfig and some 45 libraries), and a build lays out many small graphs: each
piece of a map sheet (its title and criteria tables) separately, and the map at every
spacing its page search tries. Within `session()`, the layouts (`-Tdot` with `-Tjson` or
`-Tjson0`) of graphs without subgraphs, or with plain ones only (the map's bands without
their boxes), go to one `dot -Tdot -Tjson` (or `-Tjson0`) process per engine, which reads
one graph after another and writes both outputs of each, so the start-up is paid once; and
every layout, shared or not, is remembered for the rest of the session, so none is made
twice. Graphviz orders named subgraphs by where their names happen to be in its memory,
which in a shared process depends on what it laid out before: plain subgraphs change
nothing in a layout but that order, and graphviz_text.py puts them back in the order the
source declares them (as a fresh process writes them). A graph with other subgraphs
(clusters, ranks) runs alone (both layouts from one `dot -Tdot -Tjson` of its own, or
`-Tjson0` when only the places are asked for), as does a drawing with every place given
(`neato -n2`) unless its reader counts what is drawn in any order (`any_order`). SVG, PDF
and PNG also run alone: Graphviz's SVG of a second graph in one process names its group
differently (`page0,1_graph0`), and the others are binary.

Each graph is sent followed by a sentinel, an empty graph with a name nobody can guess; its
output shows where the graph's ends, whatever the graph wrote. Anything unexpected (text
that might leave Graphviz waiting for more, an error on stderr, output that does not split
into the two documents, subgraphs not where they should be, a process that died or could
not start) sends that graph through a process of its own, as outside a session, so the
result or error is exactly a lone run's (tests/test_graphviz_session.py compares them).
"""

from __future__ import annotations

import contextvars
import json
import os
import re
import secrets
import selectors
import subprocess
from contextlib import contextmanager
from typing import Callable

from pathwaylang.emit import graphviz_cache
from pathwaylang.emit.graphviz_text import (decoded_in_declared_order, dot_in_declared_order,
                                            graph_end, json_in_declared_order, layout_parts,
                                            plain_subgraphs, scan)

LAYOUTS = ("dot", "json")
"""The formats a session's processes write (in this order: `-Tjson` first would add its
drawing attributes to the `-Tdot` output)."""
FORMATS = (*LAYOUTS, "json0")
"""The formats a session lays out and remembers: `-Tjson0` is `-Tjson` without the drawing
operations (the places and sizes only, a third of the size), which a process writes after
its `-Tdot` in place of `-Tjson` when that is what is asked for."""
KEEP = 64
"""Layouts a session remembers."""

_current: contextvars.ContextVar[Session | None] = contextvars.ContextVar(
    "graphviz_session", default=None)


@contextmanager
def session():
    """Lay graphs out in shared processes until the block ends (then they are stopped)."""
    if _current.get() is not None:  # already in one: share it
        yield _current.get()
        return
    shared = Session()
    token = _current.set(shared)
    try:
        yield shared
    finally:
        _current.reset(token)
        shared.close()


def current() -> Session | None:
    return _current.get()


class Session:
    def __init__(self):
        self.servers: dict[tuple[str, int | None, str], _Server] = {}
        """The shared processes, by engine, `-n` mode and JSON format (`json`, `json0`)."""
        self.laid: dict[tuple[str, str, int | None, str, bool], bytes] = {}
        """Layouts made in this session, shared or alone (the same graph is asked for again:
        the map, for its bands' geometry and then for its parts)."""
        self.decoded: dict[tuple[str, str, int | None, str, bool], dict] = {}
        """The `-Tjson` layouts among them as `json.loads` reads them: decoded once, when
        the output is checked (a map's candidate sheets are large)."""

    def layout(self, engine: str, fmt: str, source: str, no_op: int | None,
               alone: Callable[[str, str, str, int | None], bytes],
               any_order: bool = False) -> bytes:
        """`dot -K<engine> -T<fmt>` of `source`: remembered, shared or `alone`'s.
        `any_order`: for a drawing with every place given (`-n`), whose reader counts what
        is drawn and does not care in what order (map_quality's faults): it may then be
        drawn in a shared process even with subgraphs, which only come in another order
        there (nothing is laid out, so no place or size can differ)."""
        return self._laid(engine, fmt, source, no_op, alone, any_order)[1]

    def geometry(self, engine: str, fmt: str, source: str, no_op: int | None,
                 alone: Callable[[str, str, str, int | None], bytes],
                 any_order: bool = False) -> dict:
        """`json.loads` of `layout(engine, fmt, ...)` (`json` or `json0`), decoded once a
        session. The same dictionary is handed to every caller: read, never changed."""
        key, output = self._laid(engine, fmt, source, no_op, alone, any_order)
        if key not in self.decoded:
            self.decoded[key] = json.loads(output)
        return self.decoded[key]

    def _laid(self, engine: str, fmt: str, source: str, no_op: int | None,
              alone: Callable[[str, str, str, int | None], bytes], any_order: bool
              ) -> tuple[tuple, bytes]:
        """`layout`'s output and the key it is remembered by."""
        together = shareable(source)
        loose = any_order and bool(no_op) and not together
        key = (engine, fmt, no_op, source, loose)
        if key not in self.laid:
            ordered = None if together or engine != "dot" or no_op else plain_subgraphs(source)
            if together or loose or ordered:
                formats = ("dot", "json0" if fmt == "json0" else "json")
                pair = (self._shared if loose else self._kept)(engine, formats, source, no_op,
                                                               ordered)
            else:
                formats = ("dot", fmt if fmt != "dot" else "json")
                pair = _both_alone(engine, formats, source, no_op, alone)
            if pair is None:
                self._keep(key, alone(engine, fmt, source, no_op))
            else:
                for made, output in zip(formats, pair):
                    self._keep((engine, made, no_op, source, loose), output)
                if pair[2] is not None:  # (None: kept from an earlier build, decoded if read)
                    self.decoded[(engine, formats[1], no_op, source, loose)] = pair[2]
        return key, self.laid[key]

    def _kept(self, engine: str, formats: tuple[str, str], source: str, no_op: int | None,
              ordered: tuple[str, ...] | None) -> tuple[bytes, bytes, dict | None] | None:
        """`_shared`'s layouts, or those an earlier build kept (graphviz_cache.py: both
        outputs in one entry, the `-Tdot` text's length first; the JSON not decoded until
        it is read). A loose drawing is never kept: its order depends on what its process
        drew before."""
        made = []

        def both() -> bytes:
            made.append(self._shared(engine, formats, source, no_op, ordered))
            if made[0] is None:
                raise _NotShared
            return b"%d\n" % len(made[0][0]) + made[0][0] + made[0][1]

        try:
            entry = graphviz_cache.kept(("shared", engine, no_op, *formats), source, both)
        except _NotShared:
            return None
        if made:
            return made[0]
        length, _, rest = entry.partition(b"\n")
        return rest[:int(length)], rest[int(length):], None

    def _shared(self, engine: str, formats: tuple[str, str], source: str, no_op: int | None,
                ordered: tuple[str, ...] | None) -> tuple[bytes, bytes, dict | None] | None:
        """The graph's layouts from the shared process for `formats`, its plain subgraphs
        (`ordered`) put in the declared order (graphviz_text.py)."""
        where = (engine, no_op, formats[1])
        server = self.servers.get(where)
        if server is None:
            try:
                server = self.servers[where] = _Server(engine, no_op, formats)
            except OSError:  # no `dot`: the lone run says so
                return None
        pair = server.lay_out(source)
        if pair is None:  # whatever went wrong, the next graph gets a fresh process
            server.stop()
            del self.servers[where]
        elif ordered:
            layout, geometry = (dot_in_declared_order(pair[0], ordered),
                                json_in_declared_order(pair[1], ordered))
            if layout is None or geometry is None:  # not as expected: laid out alone
                return None
            if (layout, geometry) != pair[:2]:
                pair = layout, geometry, decoded_in_declared_order(pair[2], ordered)
        return pair

    def _keep(self, key: tuple, output: bytes) -> None:
        if len(self.laid) >= KEEP:
            oldest = next(iter(self.laid))
            del self.laid[oldest]
            self.decoded.pop(oldest, None)
        self.laid[key] = output
        self.decoded.pop(key, None)

    def close(self) -> None:
        for server in self.servers.values():
            server.stop()
        self.servers.clear()
        self.laid.clear()
        self.decoded.clear()


class _NotShared(Exception):
    """The shared process could not lay the graph out (nothing is kept)."""


class _Server:
    """One `dot -Tdot -Tjson` (or `-Tjson0`) process, fed one graph at a time."""

    def __init__(self, engine: str, no_op: int | None, formats: tuple[str, str] = LAYOUTS):
        argv = ["dot", f"-K{engine}", *(f"-T{fmt}" for fmt in formats)]
        if no_op:
            argv.append(f"-n{no_op:d}")
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            os.set_blocking(stream.fileno(), False)
        self.name = f"pwy_end_{secrets.token_hex(12)}".encode()
        self.sentinel = b"\ngraph " + self.name + b" {}\n"

    def lay_out(self, source: str) -> tuple[bytes, bytes, dict] | None:
        """The graph's `-Tdot` and `-Tjson` output (and the JSON decoded); None if anything
        is not as expected."""
        try:
            out, err = self._exchange(source.encode("utf-8") + self.sentinel)
        except OSError:
            return None
        if out is None or re.search(rb"^Error", err, re.M):
            return None
        return _split(out)

    def _exchange(self, request: bytes) -> tuple[bytes | None, bytes]:
        """Write `request`, read until the sentinel's output is whole: (the output before
        it, stderr); the output is None when the process ended first."""
        stdin, stdout, stderr = (self.process.stdin, self.process.stdout, self.process.stderr)
        out, err, sent = bytearray(), bytearray(), 0
        with selectors.DefaultSelector() as selector:
            selector.register(stdin, selectors.EVENT_WRITE)
            selector.register(stdout, selectors.EVENT_READ)
            selector.register(stderr, selectors.EVENT_READ)
            while (ending := self._ending(out)) is None:
                for key, _ in selector.select():
                    if key.fileobj is stdin:
                        try:
                            sent += os.write(stdin.fileno(), request[sent:sent + 65536])
                        except BlockingIOError:  # the pipe filled up after all: wait again
                            continue
                        if sent == len(request):
                            selector.unregister(stdin)
                        continue
                    chunk = os.read(key.fileobj.fileno(), 65536)
                    if not chunk and key.fileobj is stdout:
                        return None, bytes(err)
                    if not chunk:
                        selector.unregister(stderr)
                    (out if key.fileobj is stdout else err).extend(chunk)
        try:  # what the graph wrote to stderr came before the sentinel's output
            err.extend(os.read(stderr.fileno(), 1 << 20))
        except BlockingIOError:
            pass
        return bytes(out[:ending]), bytes(err)

    def _ending(self, out: bytearray) -> int | None:
        """Where the sentinel's output starts, once all of it (its DOT, then its JSON) is
        in `out` and nothing after it; None until then."""
        found = out.find(self.name)
        if found < 0:
            return None
        start = out.rfind(b"graph", 0, found)
        end = graph_end(out, start)
        if end is None:
            return None
        text = out[end:].decode("utf-8", "replace")
        stripped = text.lstrip()
        if not stripped.rstrip().endswith("}"):
            return None
        try:
            _, used = json.JSONDecoder().raw_decode(stripped)
        except json.JSONDecodeError:
            return None
        if stripped[used:].strip():
            raise OSError("Graphviz wrote more than the sentinel")  # out of step: start again
        return start

    def stop(self) -> None:
        """Stop the process (it only waits for input) and collect it, so its CPU time is
        counted as this process's children's."""
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


def _both_alone(engine: str, formats: tuple[str, str], source: str, no_op: int | None,
                alone: Callable[[str, str, str, int | None], bytes]
                ) -> tuple[bytes, bytes, dict] | None:
    """Both layouts of a graph that cannot share a process, from one process of its own
    (`dot -Tdot -Tjson`, or `-Tjson0`: one layout, written twice); None when that fails, so
    that the lone run of the format asked for gives its own output or error."""
    try:
        return _split(alone(engine, " ".join(formats), source, no_op))
    except Exception:  # Graphviz's error: the lone run raises it again, as it is
        return None


def _split(out: bytes) -> tuple[bytes, bytes, dict] | None:
    """A graph's `-Tdot` and `-Tjson` output, written one after the other (the line break
    after the DOT's closing brace is the DOT's, as in a lone run), and the JSON decoded."""
    parts = layout_parts(out)
    if parts is None:
        return None
    layout, geometry = parts
    try:
        text = geometry.decode("utf-8")
        decoded, used = json.JSONDecoder().raw_decode(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if text[used:].strip() or not layout.strip():
        return None
    return layout, geometry, decoded


def shareable(source: str) -> bool:
    """Whether `source` can be laid out in a shared process exactly as alone: one whole
    graph (nothing left open that would make Graphviz wait for more input), without
    subgraphs (Graphviz orders named subgraphs by the address of their names in memory, so
    their order in the output depends on what the process did before; alone, it is the same
    every run)."""
    data = source.encode("utf-8")
    end, deepest = scan(data, 0, deepest=1)
    return deepest == 1 and end == len(data.rstrip())
