"""Findings as text in the rustc/ruff shape: header, `-->` location, source excerpt, help."""

from __future__ import annotations

import unicodedata
from typing import Mapping

import click

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.source import SourceFile
from pathwaylang.core.span import Span

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_diagnostic(d: Diagnostic, sources: Mapping[str, SourceFile], colour: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    head = style(f"{_NAMES[d.severity]}[{d.rule}]", fg=_COLOURS[d.severity], bold=True)
    lines = [f"{head}{style(': ' + visible(d.message), bold=True)}"]
    gutter = _gutter_width(d)
    pad = " " * (gutter - 1)
    if d.span is not None:
        lines.append(f"{pad}{style('-->', fg='blue')} {_where(d.span)}")
        lines += _excerpt(d.span, "", sources, gutter, style, "^", _COLOURS[d.severity])
    for label in d.labels:
        lines.append(f"{pad}{style(':::', fg='blue')} {_where(label.span)}")
        lines += _excerpt(label.span, label.message, sources, gutter, style, "-", "blue")
    if d.hint:
        if len(lines) > 2:
            lines.append(f"{' ' * gutter}{style('|', fg='blue')}")
        lines.append(f"{' ' * gutter}{style('=', fg='blue')} {style('help', bold=True)}: "
                     f"{visible(d.hint)}")
    return "\n".join(lines)


def _where(span: Span) -> str:
    return visible(f"{span.file}:{span.line}:{span.column}" if span.line else span.file)


def visible(text: str) -> str:
    """Control and format characters from a pathway file (a terminal escape, a bidi override)
    shown as `\\x1b` or `\\u202e`, never sent to the terminal as they are. Tabs stay."""
    if text.isprintable():
        return text
    return "".join(_visible_char(c) for c in text)


def _visible_char(c: str) -> str:
    if c == "\t" or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"):
        return c
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def _gutter_width(d: Diagnostic) -> int:
    spans = [d.span] if d.span else []
    spans += [label.span for label in d.labels]
    return max([len(str(s.line)) for s in spans] + [1]) + 1


def _excerpt(span: Span, message: str, sources: Mapping[str, SourceFile], gutter: int, style,
             mark: str, colour: str) -> list[str]:
    source = sources.get(span.file)
    if source is None or span.end_column <= span.column and span.end_line == span.line:
        return []
    text = source.line(span.line)
    bar = style("|", fg="blue")
    number = style(str(span.line).rjust(gutter - 1), fg="blue")
    end = span.end_column if span.end_line == span.line else len(text) + 1
    shown, column, end = _window(text, span.column, end)
    # Keep tabs in the lead-in so the carets line up however the terminal shows tabs.
    lead = "".join(c if c == "\t" else " " * len(_visible_char(c)) for c in shown[: column - 1])
    carets = mark * max(1, len(visible(shown[column - 1: end - 1])))
    underline = style(carets + (" " + visible(message) if message else ""), fg=colour,
                      bold=True)
    return [f"{' ' * gutter}{bar}", f"{number} {bar} {visible(shown)}",
            f"{' ' * gutter}{bar} {lead}{underline}".rstrip()]


_SHOWN = 300
"""The most characters of a source line an excerpt shows."""


def _window(text: str, column: int, end: int) -> tuple[str, int, int]:
    """At most `_SHOWN` characters of a long line around `column`, with the columns moved to
    match; so a huge one-line file costs the same to report as a short one."""
    if len(text) <= _SHOWN:
        return text, column, end
    start = max(0, column - 1 - _SHOWN // 3)
    prefix = "... " if start else ""
    shown = prefix + text[start:start + _SHOWN] + " ..."
    moved = len(prefix) - start
    limit = len(prefix) + _SHOWN + 1
    return shown, column + moved, min(end + moved, limit)


def render_text(diagnostics: list[Diagnostic], sources: Mapping[str, SourceFile],
                colour: bool = False) -> str:
    return "\n\n".join(render_diagnostic(d, sources, colour) for d in diagnostics)



