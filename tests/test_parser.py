"""The parser: keywords as names, whole-word keywords, comments, BOM/CRLF/tabs, and syntax
findings that point inside the file, several per run, for any mangled input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse, terminal_literals
from pathwaylang.report.text import render_text
from pathwaylang.core.source import SourceFile, decode_source, normalise
from pathwaylang.syntax.blocks import BLOCK_STATEMENTS, innermost_open_block

FIXTURES = Path(__file__).parent / "fixtures"
COMPLETE = (FIXTURES / "valid-spec-complete.pwy").read_text(encoding="utf-8")
KEYWORDS = sorted({w for w in terminal_literals().values() if w.isidentifier()})


def source(text: str, name: str = "t.pwy") -> SourceFile:
    return SourceFile(Path(name), name, normalise(text))


def syntax_messages(text: str) -> list[str]:
    return [d.message for d in parse(source(text)).diagnostics]


def model_without_spans(text: str) -> dict:
    result = parse(source(text))
    assert result.diagnostics == [], [d.message for d in result.diagnostics]
    file, findings = lower(result.tree, "t.pwy")
    assert findings == []
    return _drop_spans(file.model_dump())


def _drop_spans(value):
    if isinstance(value, dict):
        return {k: _drop_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [_drop_spans(v) for v in value]
    return value


# ---- keywords are reserved only where a keyword is expected ------------------------------

# Every place a name is expected, each marked K.
EVERY_NAME = '''pathway K "t" {
  languages K, en
  levels { K "l" domain prevention }
  agency K "a"
  role K "r" at K
  evidence K "e" { ages 0 to 1 source "s" }
  entry K "e" -> K
  stage K "s" {
    level K
    lead K
    with K, K
    action "x" by K within 2 days
    uses K, K
    evidence K
    exit to K when "w"
    step up to K
    step down to K
    refer to K
    family K { icon K }
    family { icon K }
  }
  outcome K "o" { level K family K { icon K } }
  subpathway K "s" { rejoin K }
  algorithm K "a" {
    ask K "q" {
      K -> ask K
      K -> goto K
      K -> do "x"
    }
  }
  indicator K "i" { at K }
  variance { K "m" }
}
'''
NAME_SLOTS = len(re.findall(r"\bK\b", EVERY_NAME))


def test_the_keyword_list_is_the_language_s():
    assert {"review", "family", "lead", "level", "stage", "to", "when", "working"} <= set(
        KEYWORDS)
    assert len(KEYWORDS) >= 60


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_any_keyword_can_stand_wherever_a_name_is_expected(keyword):
    text = re.sub(r"\bK\b", keyword, EVERY_NAME)
    result = parse(source(text))
    assert result.diagnostics == [], render_text(result.diagnostics, {"t.pwy": source(text)})
    file, findings = lower(result.tree, "t.pwy")
    assert [d.message for d in findings] == []
    names = [v for v in _string_values(file.model_dump(), "value") if v == keyword]
    assert len(names) == NAME_SLOTS


def _string_values(value, key):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _string_values(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from _string_values(v, key)


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_any_keyword_can_name_a_library(keyword):
    text = f'library {keyword} {{ agency {keyword} "A" role r "R" at {keyword} }}'
    assert syntax_messages(text) == []


@pytest.mark.parametrize("block, statement", [
    (block, word) for block, words in BLOCK_STATEMENTS.items() for word in words
    if block in ("stage", "family", "indicator", "subpathway", "evidence")])
def test_a_keyword_run_into_a_word_is_not_the_keyword(block, statement):
    """`levelup` is one unknown word, never `level up`; `withx a` is not `with x a`."""
    inner = {"stage": 'stage s "S" {{ {} x }}', "family": 'stage s "S" {{ family {{ {} x }} }}',
             "indicator": 'indicator i "I" {{ {} x }}',
             "subpathway": 'subpathway s "S" {{ {} x }}',
             "evidence": 'evidence e "E" {{ {} x }}'}[block]
    text = 'pathway p "P" { ' + inner.format(statement + "up") + " }"
    messages = syntax_messages(text)
    assert messages and f"`{statement}up`" in messages[0]


# ---- comments -----------------------------------------------------------------------


def test_comments_are_kept_with_their_positions():
    text = '# first\npathway p "P # not a comment" { # second\n}\n  # third'
    result = parse(source(text))
    assert [(c.line, c.column, c.text) for c in result.comments] == [
        (1, 1, "# first"), (2, 33, "# second"), (4, 3, "# third")]


def test_a_file_of_comments_only_is_empty():
    assert syntax_messages("# nothing\n# here\n") == [
        "the file is empty: it has no `pathway` or `library` block"]


# ---- UTF-8 with or without a BOM, LF or CRLF, tabs or spaces -----------------------------


def _variants(text: str) -> dict[str, bytes]:
    tabs = re.sub(r"(?m)^((?:  )+)", lambda m: "\t" * (len(m.group(1)) // 2), text)
    return {
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "tabs": tabs.encode(),
        "tabs-crlf": tabs.replace("\n", "\r\n").encode(),
    }


@pytest.mark.parametrize("variant", sorted(_variants("")))
def test_bom_line_endings_and_tabs_give_the_same_model(variant):
    expected = model_without_spans(COMPLETE)
    data = _variants(COMPLETE)[variant]
    decoded = decode_source(data, Path("t.pwy"), "t.pwy")
    assert isinstance(decoded, SourceFile)
    assert "\r" not in decoded.text and not decoded.text.startswith("\ufeff")
    assert model_without_spans(decoded.text) == expected


def test_crlf_keeps_line_and_column_numbers():
    text = 'pathway p "P" {\r\n  stage s "S" {\r\n    levle x\r\n  }\r\n}\r\n'
    decoded = decode_source(b"\xef\xbb\xbf" + text.encode(), Path("t.pwy"), "t.pwy")
    (finding,) = parse(decoded).diagnostics
    assert (finding.span.line, finding.span.column) == (3, 5)


# ---- which block is open -------------------------------------------------------------


@pytest.mark.parametrize("before, described", [
    ('pathway p "P" {', "`pathway p` block"),
    ('library l {', "`library l` block"),
    ('pathway p "P" { stage family "F" {', "`stage family` block"),
    ('pathway p "P" { stage s "S" { family cy {', "`family cy` block"),
    ('pathway p "P" { stage s "S" { family {', "`family` block"),
    ('pathway p "P" { levels {', "`levels` block"),
    ('pathway p "P" { stage s "S { x" {', "`stage s` block"),
    ('pathway p "P" { stage s "S" { } outcome o "O" {', "`outcome o` block"),
    ('pathway p "P" { algorithm a "A" { ask q "Q?" {', "`ask q` block"),
    ('pathway p "P" { # {\n stage s """S\n{""" {', "`stage s` block"),
])
def test_innermost_open_block(before, described):
    block = innermost_open_block(before + " ", len(before) + 1)
    assert block is not None and block.describe() == described


def test_no_block_open_at_the_start_or_after_the_end():
    text = 'pathway p "P" { }\n'
    assert innermost_open_block(text, 0) is None
    assert innermost_open_block(text, len(text)) is None


# ---- several mistakes, one run ----------------------------------------------------------


def test_one_run_reports_each_simple_mistake():
    text = '''pathway p "P" {
  authorty "A"
  stage s "S" {
    levle x
    exit t
    lead y
  }
  stage t "T" {
    titel "x"
  }
}
'''
    result = parse(source(text))
    assert result.tree is None and result.recovered is not None
    assert result.diagnostics[-1].hint.startswith("`title` goes in a `family` block; ")
    assert [(d.span.line, d.message.split(";")[0]) for d in result.diagnostics] == [
        (2, "unknown word `authorty` inside the `pathway p` block"),
        (4, "unknown word `levle` inside the `stage s` block"),
        (5, "expected `to` after `exit`, found `t`"),
        (9, "`titel` is not a statement that can go inside the `stage t` block"),
    ]


def test_a_missing_brace_stops_the_run_at_one_finding():
    text = 'pathway p "P" {\n  stage s "S" {\n    level x\n  stage t "T" {\n  }\n}\n'
    result = parse(source(text))
    assert len(result.diagnostics) == 1 and result.recovered is None


def test_syntax_findings_are_capped():
    from pathwaylang.core.limits import MAX_SYNTAX_ERRORS

    text = 'pathway p "P" {\n' + "  levle x\n" * (MAX_SYNTAX_ERRORS + 5) + "}\n"
    assert len(parse(source(text)).diagnostics) == MAX_SYNTAX_ERRORS


def test_lowering_findings_past_a_syntax_error_are_reported(check_text):
    report = check_text('pathway p "P" {\n  authorty "A"\n  owner "C:\\x"\n  status final\n}\n')
    assert [(d.rule, d.span.line) for d in report.diagnostics] == [
        ("syntax", 2), ("syntax", 3), ("syntax", 4)]


# ---- any mangled file: findings, never an exception -----------------------------------

TOKENS = re.findall(r'"""[\s\S]*?"""|"[^"\n]*"|\S+', re.sub(r"#[^\n]*", "", COMPLETE))


@st.composite
def mangled(draw):
    """The complete example with a few of its tokens dropped, doubled, swapped or replaced."""
    tokens = list(TOKENS)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(tokens) - 1))
        how = draw(st.sampled_from(["drop", "double", "swap", "junk"]))
        if how == "drop":
            del tokens[i]
        elif how == "double":
            tokens.insert(i, tokens[i])
        elif how == "swap" and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        else:
            tokens[i] = draw(st.sampled_from(['"', '"""', "{", "}", "->", "-", "%", "é", "\\",
                                              "2011-9-1", "stage", "to", "x,", ",", "\u00a0"]))
    separators = draw(st.lists(st.sampled_from([" ", "\n", "\t", "  # note\n"]),
                               min_size=len(tokens), max_size=len(tokens)))
    return "".join(t + s for t, s in zip(tokens, separators))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_files_give_findings_inside_the_file(text):
    src = source(text)
    result = parse(src)
    lines = text.count("\n") + 1
    if result.tree is None:
        assert result.diagnostics, "a failed parse must say why"
    for finding in result.diagnostics:
        assert finding.rule == "syntax" and finding.message
        assert 1 <= finding.span.line <= lines and finding.span.column >= 1
        assert finding.span.end_column > finding.span.column or \
            finding.span.end_line > finding.span.line
    render_text(result.diagnostics, {"t.pwy": src})
    if result.tree is not None:
        lower(result.tree, "t.pwy")
