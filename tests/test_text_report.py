"""Findings as text, in the rustc/ruff shape: `error[rule]: message`, `-->` place, the source
line with carets under the span, `:::` labels, `= help:`; and safe for any file's text."""

from __future__ import annotations

import re
from pathlib import Path

from pathwaylang.core.diagnostics import Diagnostic, Label, Severity
from pathwaylang.report.text import render_diagnostic, render_text
from pathwaylang.core.source import SourceFile
from pathwaylang.core.span import Span

TEXT = 'pathway p "P" {\n  stage first "First" {\n    levle universal\n  }\n}\n'
SOURCES = {"p.pwy": SourceFile(Path("p.pwy"), "p.pwy", TEXT)}


def finding(**kw) -> Diagnostic:
    values = dict(rule="syntax", severity=Severity.ERROR, message="a message",
                  span=Span.point("p.pwy", 3, 5, 5))
    values.update(kw)
    return Diagnostic(**values)


def test_the_rustc_shape():
    d = finding(message="unknown word `levle`", hint="write `level`",
                labels=(Label(Span.point("p.pwy", 2, 23), "the block opened here"),))
    assert render_diagnostic(d, SOURCES) == (
        "error[syntax]: unknown word `levle`\n"
        " --> p.pwy:3:5\n"
        "  |\n"
        "3 |     levle universal\n"
        "  |     ^^^^^\n"
        " ::: p.pwy:2:23\n"
        "  |\n"
        '2 |   stage first "First" {\n'
        "  |                       - the block opened here\n"
        "  |\n"
        "  = help: write `level`"
    )


def test_severity_names():
    for severity, word in [(Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                           (Severity.INFO, "note")]:
        text = render_diagnostic(finding(severity=severity, rule="no-indicators"), SOURCES)
        assert text.startswith(f"{word}[no-indicators]: a message\n")


def test_gutter_grows_with_the_line_numbers():
    lines = "".join(f"line {n}\n" for n in range(1, 120))
    sources = {"long.pwy": SourceFile(Path("long.pwy"), "long.pwy", lines)}
    d = finding(span=Span.point("long.pwy", 105, 1, 4),
                labels=(Label(Span.point("long.pwy", 7, 6, 1), "here"),))
    out = render_diagnostic(d, sources).split("\n")
    assert out[1] == "   --> long.pwy:105:1"
    assert out[3] == "105 | line 105" and out[4] == "    | ^^^^"
    assert out[7] == "  7 | line 7" and out[8] == "    |      - here"


def test_no_source_no_excerpt():
    d = finding(span=Span.point("elsewhere.pwy", 3, 5, 5), hint="do this")
    assert render_diagnostic(d, SOURCES) == (
        "error[syntax]: a message\n --> elsewhere.pwy:3:5\n  = help: do this")


def test_a_file_level_finding_names_the_file_only():
    d = finding(span=Span.point("p.pwy", 1, 1, 0), message="cannot read")
    assert render_diagnostic(d, SOURCES) == "error[syntax]: cannot read\n --> p.pwy:1:1"


def test_no_span_at_all():
    assert render_diagnostic(finding(span=None, hint="h"), SOURCES) == \
        "error[syntax]: a message\n  = help: h"


def test_a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line():
    d = finding(span=Span(file="p.pwy", line=2, column=3, end_line=4, end_column=4))
    out = render_diagnostic(d, SOURCES).split("\n")
    assert out[3] == '2 |   stage first "First" {'
    assert out[4] == "  |   " + "^" * len('stage first "First" {')


def test_tabs_before_the_span_keep_the_carets_in_line():
    text = "pathway p \"P\" {\n\t\tlevle x\n}\n"
    sources = {"t.pwy": SourceFile(Path("t.pwy"), "t.pwy", text)}
    out = render_diagnostic(finding(span=Span.point("t.pwy", 2, 3, 5)), sources).split("\n")
    assert out[3] == "2 | \t\tlevle x" and out[4] == "  | \t\t^^^^^"


def test_findings_are_separated_by_a_blank_line():
    out = render_text([finding(), finding(message="second")], SOURCES)
    assert out.count("\n\nerror[syntax]: second") == 1


def test_colour_only_when_asked():
    plain = render_diagnostic(finding(hint="h"), SOURCES)
    coloured = render_diagnostic(finding(hint="h"), SOURCES, colour=True)
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured  # errors are red
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_a_long_line_is_shown_around_the_span():
    line = "x" * 50_000 + " levle " + "y" * 50_000
    sources = {"w.pwy": SourceFile(Path("w.pwy"), "w.pwy", line)}
    out = render_diagnostic(finding(span=Span.point("w.pwy", 1, 50_002, 5)),
                            sources).split("\n")
    shown, carets = out[3], out[4]
    assert len(shown) < 400 and shown.startswith("1 | ... ") and shown.endswith(" ...")
    assert shown[carets.index("^"):carets.index("^") + 5] == "levle"
    assert carets.endswith("^^^^^")


def test_a_span_running_past_a_long_line_s_window_is_cut_there():
    line = "z" * 1000
    sources = {"w.pwy": SourceFile(Path("w.pwy"), "w.pwy", line)}
    out = render_diagnostic(finding(span=Span.point("w.pwy", 1, 1, 1000)), sources).split("\n")
    assert len(out[4]) < 320


def test_terminal_escapes_and_bidi_controls_from_the_file_are_shown_not_obeyed():
    text = 'pathway p "P" {\n  owner "\x1b[2J\u202eevil" levle\n}\n'
    sources = {"e.pwy": SourceFile(Path("e.pwy"), "e.pwy", text)}
    column = text.split("\n")[1].index("levle") + 1
    d = finding(span=Span.point("e.pwy", 2, column, 5), message="name `\x1b]0;x\x07`",
                hint="\x9b31m", labels=(Label(Span.point("e.pwy", 2, 10, 1), "\x1b[1m"),))
    out = render_diagnostic(d, sources)
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    assert "\\x1b[2J\\u202eevil" in out and "name `\\x1b]0;x\\x07`" in out
    lines = out.split("\n")
    assert lines[3][lines[4].index("^"):].startswith("levle")
