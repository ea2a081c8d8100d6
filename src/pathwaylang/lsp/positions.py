"""Spans (1-based lines, columns in characters) to LSP ranges (0-based, UTF-16 units) and
back, and file paths to `file:` URIs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from pathwaylang.core.span import Span


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def _units(line: str, characters: int) -> int:
    """UTF-16 code units in the first `characters` characters of `line` (LSP's default
    measure: a character beyond the Basic Multilingual Plane counts twice)."""
    head = line[:characters]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF) + max(0, characters - len(line))


def _characters(line: str, units: int) -> int:
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line) + max(0, units - count)


class Lines:
    """One text's lines, for converting positions."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def line(self, number: int) -> str:
        """Line `number`, 1-based; empty past the end."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def position(self, line: int, column: int) -> lsp.Position:
        """A span's line and column (1-based) as an LSP position."""
        return lsp.Position(line=max(line - 1, 0),
                            character=_units(self.line(line), max(column - 1, 0)))

    def range(self, span: Span) -> lsp.Range:
        end_line = max(span.end_line, span.line)
        end_column = span.end_column if end_line > span.line else max(span.end_column,
                                                                       span.column)
        return lsp.Range(start=self.position(span.line, span.column),
                         end=self.position(end_line, end_column))

    def point(self, position: lsp.Position) -> tuple[int, int]:
        """An LSP position as a 1-based line and column in characters."""
        line = position.line + 1
        return line, _characters(self.line(line), position.character) + 1

    def end(self) -> lsp.Position:
        return lsp.Position(line=len(self.lines) - 1,
                            character=_units(self.lines[-1], len(self.lines[-1])))


def contains(span: Span, line: int, column: int) -> bool:
    """True when the 1-based point lies in the span (its end included: the cursor just
    after a name is still on it)."""
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (max(span.end_line, span.line), span.end_column)
