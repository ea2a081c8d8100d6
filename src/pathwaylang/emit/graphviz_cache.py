"""Graphviz's output kept between builds, as a build tool keeps what its compiler made.

A quick build (`pwy build --formats html,svg`) spends more CPU in `dot` than in the rest of
the build: each process loads Pango, Cairo and fontconfig before it draws anything. Most of
an author's rebuilds change a few words, so most pictures (each algorithm, the glance map,
the map's title and key) are the same as last time. Within `using(folder)` (`pwy build`
opens it; `--no-cache` does not), every output of `dot` is looked up first by a hash of all
that made it: the exact DOT text, the engine, formats and `-n` mode, whether it came from a
shared process, and the Graphviz that ran (its `dot -V`, and the size, time and inode of
the `dot` found on PATH, so an upgraded Graphviz never serves an old picture). What is kept
is only ever what Graphviz would write for that input, so the output is the same with or
without the cache (tests/test_graphviz_cache.py builds both ways and compares).

Each entry is written whole (a temporary file renamed) with a hash of its content in front,
so a damaged or half-copied entry is ignored and drawn again. A folder that cannot be made,
read or written leaves every picture drawn afresh, as without a cache. After a build that
added entries, the oldest (by last use) go once the folder holds more than `LIMIT` bytes.
Fonts installed or removed later are not in the key: `pwy build --no-cache`, or deleting
the folder, draws everything again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

FORMAT = b"pwy-graphviz-cache 1"
"""Part of every key: bump it when what an entry holds changes."""
LIMIT = 128 * 1024 * 1024
"""Bytes the cache may hold after a build (a full build of an example adds about 8 MiB,
most of it the map's candidate layouts; a quick build about 200 KiB)."""
SUFFIX = ".gv"

_active: GraphvizCache | None = None
"""The cache in use (a process-wide setting, not a context variable: pictures are drawn in
pool threads, which do not see the build's context)."""


def default_folder(environ: os._Environ | dict = os.environ) -> Path:
    """Where `pwy build` keeps the cache: `$PWY_CACHE_DIR`, else `$XDG_CACHE_HOME/pathwaylang`,
    else `~/.cache/pathwaylang` (as ruff, mypy and pip choose theirs); Graphviz's output in
    its `graphviz` folder."""
    if environ.get("PWY_CACHE_DIR"):
        return Path(environ["PWY_CACHE_DIR"]) / "graphviz"
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pathwaylang" / "graphviz"


@contextmanager
def using(folder: Path | None) -> Iterator[GraphvizCache | None]:
    """Keep and reuse Graphviz's output in `folder` until the block ends (None: no cache)."""
    global _active
    before = _active
    _active = GraphvizCache(folder) if folder is not None else None
    try:
        yield _active
    finally:
        if _active is not None:
            _active.trim()
        _active = before


def kept(parts: tuple, source: str, make: Callable[[], bytes]) -> bytes:
    """`make()`'s output for `source` and `parts` (engine, formats, ...), from the cache in
    use when it has it; `make`'s output (or its error) as it is otherwise."""
    cache = _active
    key = cache.key(parts, source) if cache is not None else None
    if key is not None:
        found = cache.get(key)
        if found is not None:
            return found
    output = make()
    if key is not None:
        cache.put(key, output)
    return output


class GraphvizCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.added = False
        self._salt: bytes | None = None
        self._broken = False
        """No Graphviz to name (nothing is kept), or the folder cannot be written (what is
        there is still read; nothing more is tried)."""

    def key(self, parts: tuple, source: str) -> str | None:
        """The entry's name: a hash of everything that made the output; None without a
        Graphviz to name."""
        salt = self._graphviz()
        if salt is None:
            return None
        digest = hashlib.sha256(salt)
        digest.update(repr(parts).encode("utf-8") + b"\0")
        digest.update(source.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        path = self.folder / (key + SUFFIX)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        check, content = data[:32], data[32:]
        if len(check) < 32 or hashlib.sha256(content).digest() != check:
            return None  # damaged: drawn again, and written again whole
        try:
            os.utime(path)  # last used now: the trim keeps it
        except OSError:
            pass
        return content

    def put(self, key: str, content: bytes) -> None:
        if self._broken:
            return
        path = self.folder / (key + SUFFIX)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=key, suffix=".tmp")
        except OSError:
            self._broken = True  # read-only: draw every picture, as without a cache
            return
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(hashlib.sha256(content).digest() + content)
            os.replace(temporary, path)
            self.added = True
        except OSError:
            _remove(temporary)

    def trim(self, limit: int = LIMIT) -> None:
        """Remove the least recently used entries beyond `limit` bytes (and temporary files
        left by a build that was stopped)."""
        if not self.added:
            return
        try:
            entries = [(e.stat(), e.path) for e in os.scandir(self.folder) if e.is_file()]
        except OSError:
            return
        hour_ago = time.time_ns() - 3600 * 10**9
        for stat, path in entries:
            if path.endswith(".tmp") and stat.st_mtime_ns < hour_ago:
                _remove(path)
        entries = sorted((stat.st_mtime_ns, stat.st_size, path) for stat, path in entries
                         if path.endswith(SUFFIX))
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= limit:
                break
            if _remove(path):
                total -= size

    def _graphviz(self) -> bytes | None:
        """What names this Graphviz in every key: the `dot` on PATH (where, size, time,
        inode) and its `dot -V`, remembered in the folder by the former (running `dot -V`
        costs as much as drawing a small graph)."""
        if self._salt is None and not self._broken:
            found = shutil.which("dot")
            try:
                stat = os.stat(found) if found else None
            except OSError:
                stat = None
            if stat is None:
                self._broken = True
                return None
            binary = (f"{os.path.realpath(found)} {stat.st_size} {stat.st_mtime_ns} "
                      f"{stat.st_ino}").encode("utf-8", "surrogateescape")
            version = self._version(found, binary)
            if version is None:
                self._broken = True
                return None
            self._salt = FORMAT + b"\0" + binary + b"\0" + version + b"\0"
        return self._salt

    def _version(self, dot: str, binary: bytes) -> bytes | None:
        name = "graphviz-" + hashlib.sha256(binary).hexdigest()[:24] + ".version"
        remembered = self.get(name)
        if remembered is not None:
            return remembered
        try:
            done = subprocess.run([dot, "-V"], capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        version = (done.stdout + done.stderr).strip()
        if done.returncode != 0 or not version:
            return None
        self.put(name, version)
        return version


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False
