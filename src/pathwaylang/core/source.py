"""Reading pathway files from disk into normalised text, or a finding saying why not."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

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


def read_source(path: Path, display: str | None = None) -> SourceFile | Diagnostic:
    """Read `path`; a missing, oversized or non-UTF-8 file is a fatal finding (exit code 2)."""
    shown = display or display_path(path)
    try:
        if path.is_dir():
            return _fatal(shown, f"`{shown}` is a directory, not a pathway file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _fatal(shown, f"`{shown}` is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                          hint="split the pathway into a pathway and `library` files")
        data = path.read_bytes()
    except FileNotFoundError:
        return _fatal(shown, f"no such file: `{shown}`")
    except OSError as err:
        return _fatal(shown, f"cannot read `{shown}`: {err.strerror or err}")
    return decode_source(data, path, shown)


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
