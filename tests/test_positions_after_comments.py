"""Comments move nothing but lines: inserting comment lines before a mistake moves every
reported position by exactly those lines, and changes nothing else (message, hint, rule,
columns, labels), over the whole mistake corpus (every `invalid-*` rule fixture and every
planted defect in tests/acceptance/defects).

It holds the cause of a bug found by hand: a trailing comma (`with a, b,`) was reported
lines too early with comments above it, and its repair blanked a letter of the next word
(a second, false `unknown word entr`), because an offset found in the text with its
comments removed was used as an offset in the file."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import check_path
from fuzzing import fuzz_settings
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.span import Span
from pathwaylang.syntax.blocks import _SCAN, scan_pieces

TESTS = Path(__file__).parent
CORPUS = sorted(p for p in [*TESTS.glob("rules/*/invalid-*.pwy"),
                            *TESTS.glob("acceptance/defects/*.pwy")]
                if scan_pieces(p.read_bytes().decode("latin-1")))
"""An empty file's one finding is about the file, at 1:1 whatever comments it holds."""
_LINE_MENTION = re.compile(r"\b(lines? )(\d+)")


def line_starts(data: bytes) -> list[int]:
    """The lines (1-based) before which a comment line may go (not inside a `\"\"\"` text),
    and the offset where each line starts."""
    text = data.decode("latin-1")  # one character per byte, so offsets are byte offsets
    inside = [(m.start(), m.end()) for m in _SCAN.finditer(text) if m.group(0).startswith('"')]
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text)]
    if text.startswith("\ufeff".encode().decode("latin-1")):
        starts[0] = 3  # after the byte order mark
    return [n for n, offset in enumerate(starts, 1)
            if not any(a < offset < b for a, b in inside)], starts


def insert_comments(data: bytes, line: int, comments: list[str]) -> bytes:
    _, starts = line_starts(data)
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    block = b"".join(c.encode("utf-8") + newline for c in comments)
    return data[: starts[line - 1]] + block + data[starts[line - 1]:]


def _moved_span(span: Span | None, file: str, at: int, by: int) -> Span | None:
    if span is None or span.file != file:
        return span
    return dataclasses.replace(
        span, line=span.line + by if span.line >= at else span.line,
        end_line=span.end_line + by if span.end_line >= at else span.end_line)


def _moved_text(text: str | None, at: int, by: int) -> str | None:
    if text is None:
        return None
    return _LINE_MENTION.sub(lambda m: m.group(1) + str(int(m.group(2)) + by)
                             if int(m.group(2)) >= at else m.group(0), text)


def moved(d: Diagnostic, file: str, at: int, by: int) -> tuple:
    """A finding as it should read once `by` lines were inserted before line `at`."""
    labels = tuple((_moved_span(label.span, file, at, by), _moved_text(label.message, at, by))
                   for label in d.labels)
    return (d.rule, d.severity, _moved_text(d.message, at, by), _moved_span(d.span, file, at, by),
            labels, _moved_text(d.hint, at, by), d.fatal)


def as_tuple(d: Diagnostic) -> tuple:
    return (d.rule, d.severity, d.message, d.span, tuple((l.span, l.message) for l in d.labels),
            d.hint, d.fatal)


def findings(path: Path, data: bytes) -> list[Diagnostic]:
    path.write_bytes(data)
    return check_path(path).diagnostics


def assert_comments_move_only_lines(original: Path, tmp: Path, at: int, comments: list[str]):
    data = original.read_bytes()
    path = tmp / original.name
    for other in original.parent.iterdir() if re.search(rb'(use|file) "', data) else ():
        if other.is_file() and not (tmp / other.name).exists():  # the files it names
            (tmp / other.name).write_bytes(other.read_bytes())
    before = findings(path, data)
    after = findings(path, insert_comments(data, at, comments))
    expected = [moved(d, path.name, at, len(comments)) for d in before]
    assert [as_tuple(d) for d in after] == expected


def first_finding_line(path: Path, tmp: Path) -> int:
    (tmp / path.name).write_bytes(path.read_bytes())
    lines = [d.span.line for d in check_path(tmp / path.name).diagnostics
             if d.span is not None and d.span.file == path.name]
    return min(lines, default=1)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_comments_just_above_the_first_mistake(path, tmp_path):
    """Every file: three comment lines straight above its first finding's line."""
    allowed, _ = line_starts(path.read_bytes())
    first = first_finding_line(path, tmp_path)
    at = max([n for n in allowed if n <= first], default=None)
    if at is None:
        pytest.skip("no line above the first finding takes a comment")
    assert_comments_move_only_lines(path, tmp_path, at, ["# one", "  # two, with, commas,", "#"])


COMMENT_TEXT = st.text(st.characters(blacklist_categories=["Cs", "Cc"]) | st.just("\t"),
                       max_size=30).filter(lambda t: "pwy" not in t.lower())
"""Any text but control characters (a NUL makes the file binary, as it should) and
`pwy: ignore` (a suppression, not a plain comment)."""


@fuzz_settings(150)
@given(st.sampled_from(CORPUS), st.data())
def test_comment_lines_anywhere_move_every_position_by_those_lines(path, data):
    import tempfile

    allowed, _ = line_starts(path.read_bytes())
    at = data.draw(st.sampled_from(allowed), label="before line")
    comments = data.draw(st.lists(st.builds(lambda indent, body: " " * indent + "#" + body,
                                            st.integers(0, 6), COMMENT_TEXT),
                                  min_size=1, max_size=4), label="comment lines")
    with tempfile.TemporaryDirectory() as tmp:
        assert_comments_move_only_lines(path, Path(tmp), at, comments)


# ---- the case as it was found: the file `pwy new` writes, a comma left at a list's end ----


@pytest.mark.parametrize("statement", ["with family", "uses a"])
@pytest.mark.parametrize("output", ["text", "github", "sarif"])
def test_a_trailing_comma_under_comments_is_reported_on_its_own_line(tmp_path, statement, output):
    import json

    from conftest import run_pwy

    assert run_pwy("new", "demo", "--today", "2026-01-01", cwd=tmp_path).returncode == 0
    lines = (tmp_path / "demo.pwy").read_text(encoding="utf-8").split("\n")
    at = lines.index("    with family")  # 0-based: the line number is at + 1
    lines[at] = f"    {statement},"
    assert sum(line.lstrip().startswith("#") for line in lines[:at]) > 10
    (tmp_path / "demo.pwy").write_text("\n".join(lines), encoding="utf-8")
    run = run_pwy("check", "--format", output, "demo.pwy", cwd=tmp_path)
    assert run.returncode == 1
    column = len(statement) + 5
    if output == "text":
        assert run.stdout.startswith(
            f"error[syntax]: the list on line {at + 1} ends with `,`, so `entry` on the next "
            f"line was read as a name in it\n  --> demo.pwy:{at + 1}:{column}\n"), run.stdout
        assert run.stdout.count("error[") == 1 and "entr`" not in run.stdout
    elif output == "github":
        assert run.stdout.startswith(f"::error file=demo.pwy,line={at + 1},col={column},")
        assert run.stdout.count("::error") == 1
    else:
        results = json.loads(run.stdout)["runs"][0]["results"]
        region = results[0]["locations"][0]["physicalLocation"]["region"]
        assert len(results) == 1 and (region["startLine"], region["startColumn"]) == (at + 1,
                                                                                        column)
