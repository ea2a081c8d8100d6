"""Reading pathway files from disk into normalised text, or a finding saying why not."""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.limits import MAX_FILE_BYTES
from pathwaylang.core.span import Span


@dataclass
class SourceFile:
    """One file's text: UTF-8, BOM removed, every line ending turned into `\\n`."""

    path: Path
    display: str
    text: str
    _lines: list[str] | None = field(default=None, repr=False)

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return ""


@dataclass
class Comment:
    """A `#` comment: kept for `fmt` and for `# pwy: ignore[rule]` suppressions."""

    line: int
    column: int
    text: str


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the current directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def normalise(text: str) -> str:
    """Drop a byte-order mark and make CRLF and CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass(frozen=True)
class Unreadable:
    """Why a path could not be read, in plain words ("it is a folder, not a file")."""

    reason: str
    hint: str | None = None
    missing: bool = False
    """Nothing is there at all (a misspelt name, say)."""


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
"""Non-blocking, so opening a named pipe or a device returns at once instead of waiting."""

_SPLIT_HINT = "split the pathway into a pathway and `library` files"


_UNSAVED: ContextVar[dict[Path, bytes]] = ContextVar("unsaved", default={})
"""Editors' unsaved texts by resolved path (`pwy lsp`): read instead of the file on disk."""


@contextmanager
def unsaved_texts(texts: dict[Path, str]):
    """Within the block, reading any of these files (resolved paths) gives the text given,
    so the checker sees what an editor holds, not what was last saved."""
    token = _UNSAVED.set({resolved(p): t.encode("utf-8") for p, t in texts.items()})
    try:
        yield
    finally:
        _UNSAVED.reset(token)


def _unsaved(path: Path) -> bytes | None:
    texts = _UNSAVED.get()
    return texts.get(resolved(path)) if texts else None


def read_bytes_safely(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | Unreadable:
    """The bytes of the regular file at `path`, or why not; never more than `limit` + 1
    bytes are read, and a folder, pipe, device or socket is refused before any read."""
    unsaved = _unsaved(path)
    if unsaved is not None:
        return unsaved if len(unsaved) <= limit else _too_large(f"{len(unsaved):,} bytes", limit)
    opened = _open_regular(path, limit)
    if isinstance(opened, Unreadable):
        return opened
    try:
        chunks, total = [], 0
        while total <= limit:  # the size can lie (a file still growing, /proc): read, bounded
            chunk = os.read(opened, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as err:
        return Unreadable(f"reading it failed: {_plain(err)}")
    finally:
        os.close(opened)
    if total > limit:
        return _too_large("more than that", limit)
    return b"".join(chunks)


STDIN = "-"
"""The argument that means standard input (`pwy check -`, `pwy fmt -`)."""
STDIN_DISPLAY = "<stdin>"
"""Standard input's name in messages, unless `--stdin-filename` gives it one."""


def read_stream_safely(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes | Unreadable:
    """All of a stream (standard input), but never more than `limit` + 1 bytes of it."""
    chunks, total = [], 0
    try:
        while total <= limit:
            chunk = stream.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (OSError, ValueError) as err:  # ValueError: standard input already closed
        return Unreadable(f"reading it failed: {_plain(err)}")
    if total > limit:
        return _too_large(f"more than {limit:,} bytes", limit)
    return b"".join(chunks)


def probe(path: Path, limit: int = MAX_FILE_BYTES) -> Unreadable | None:
    """Why `path` could not be read (as `read_bytes_safely` would say), reading nothing."""
    if _unsaved(path) is not None:
        return None
    opened = _open_regular(path, limit)
    if isinstance(opened, Unreadable):
        return opened
    os.close(opened)
    return None


def _open_regular(path: Path, limit: int) -> int | Unreadable:
    """A descriptor open on a regular file no larger than `limit`, or why not."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        return _why_not_opened(path, err)
    try:
        info = os.fstat(fd)
    except OSError as err:
        os.close(fd)
        return Unreadable(f"the system says: {_plain(err)}")
    refused = _not_a_regular_file(info.st_mode)
    if refused is None and info.st_size > limit:
        refused = _too_large(f"{info.st_size:,} bytes", limit)
    if refused is not None:
        os.close(fd)
        return refused
    return fd


def _too_large(size: str, limit: int) -> Unreadable:
    return Unreadable(f"it is {size}; the limit is {limit:,}", _SPLIT_HINT)


def _not_a_regular_file(mode: int) -> Unreadable | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Unreadable("it is a folder, not a file", "name a `.pwy` file inside it")
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    kind = next((words for test, words in kinds if test(mode)), "not a regular file")
    return Unreadable(f"it is {kind}, not a file", "pathways are read from ordinary files; "
                      "to pipe text in, use `-` (standard input)")


def _why_not_opened(path: Path, err: Exception) -> Unreadable:
    number = getattr(err, "errno", None)
    if number == errno.ENOENT:
        if os.path.islink(path):
            return Unreadable("it is a symbolic link to a file that does not exist",
                              missing=True)
        return Unreadable("there is no such file", missing=True)
    if number == errno.ELOOP:
        return Unreadable("it is a symbolic link that leads round in a loop",
                          "point the link at a real file")
    if number in (errno.EACCES, errno.EPERM):
        return Unreadable("permission denied: you may not read it",
                          "ask the file's owner for read access, or check a copy")
    if number == errno.ENXIO:  # a Unix socket refuses to be opened
        return Unreadable("it is a socket, not a file")
    if number == errno.ENOTDIR:
        return Unreadable("a folder in its path is a file")
    if number == errno.ENAMETOOLONG:
        return Unreadable("the name is too long for the system")
    if number == errno.EISDIR:
        return Unreadable("it is a folder, not a file", "name a `.pwy` file inside it")
    return Unreadable(f"the system says: {_plain(err)}")


def _plain(err: Exception) -> str:
    return (getattr(err, "strerror", None) or str(err)).lower()


def resolved(path: Path) -> Path:
    """`path.resolve()` that cannot fail: a symlink loop or a name the system refuses
    resolves as far as it can (the read then says why)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop (Python < 3.13)
        return Path(os.path.abspath(path))


def read_source(path: Path, display: str | None = None) -> SourceFile | Diagnostic:
    """Read `path`; a missing, oversized or unreadable file is a fatal finding (exit code 2)."""
    shown = display or display_path(path)
    data = read_bytes_safely(path)
    if isinstance(data, Unreadable):
        return unreadable_finding(path, data, shown)
    return decode_source(data, path, shown)


def unreadable_finding(path: Path, why: Unreadable, display: str | None = None) -> Diagnostic:
    """The `unreadable-file` finding for a path argument that could not be read."""
    shown = display or display_path(path)
    return _fatal(shown, f"cannot read `{shown}`: {why.reason}", why.hint)


def decode_source(data: bytes, path: Path, shown: str) -> SourceFile | Diagnostic:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Diagnostic(
            rule="syntax", severity=Severity.ERROR, fatal=True,
            message=f"`{shown}` is UTF-16 text; pathway files are UTF-8",
            span=Span.point(shown, 1, 1, 0),
            hint="save the file as UTF-8 (in Notepad: Save As > Encoding > UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return Diagnostic(
            rule="syntax", severity=Severity.ERROR, fatal=True,
            message=f"`{shown}` is not UTF-8 text (byte 0x{data[err.start]:02x} at byte {err.start})",
            span=Span.point(shown, line, column),
            hint="save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))")
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return Diagnostic(
            rule="syntax", severity=Severity.ERROR, fatal=True,
            message=f"`{shown}` has a NUL byte (at byte {len(text[:nul].encode())}): this looks "
                    "like binary data, not a pathway",
            span=Span.point(shown, line, column, 0),
            hint="pathway files are plain UTF-8 text; check the file was saved as text")
    return SourceFile(path=path, display=shown, text=normalise(text))


def _fatal(shown: str, message: str, hint: str | None = None) -> Diagnostic:
    # No excerpt can be shown for a file that could not be read; the span names the file only.
    return Diagnostic(rule="unreadable-file", severity=Severity.ERROR, message=message,
                      span=Span.point(shown, 1, 1, 0), hint=hint, fatal=True)
