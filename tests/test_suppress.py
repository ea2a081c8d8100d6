"""Inline suppression: `# pwy: ignore[rule]` on a line, on a block's opening line, and the
`unused-suppression` findings for wrong or needless suppressions."""

from __future__ import annotations

import pytest

from pathwaylang.syntax.lark_parser import Comment
from pathwaylang.analysis.suppress import FIXED_RULES, parse_comment
from samples import (CLEAN, EXIT_SUPPORTED_LINE, FIRST_CONTACT_LINE, INTENSIVE_LINE,
                     STEP_DOWN_LINE, append_to_line, with_errors, without_criteria)


def _where(report, rule):
    return sorted((d.span.line, d.span.column) for d in report.diagnostics if d.rule == rule)


def _rules(report):
    return sorted(d.rule for d in report.diagnostics)


def test_the_samples_behave_as_the_tests_assume(check_text):
    assert check_text(CLEAN).diagnostics == []
    assert _where(check_text(without_criteria()), "missing-criteria") == [
        (EXIT_SUPPORTED_LINE, 5), (STEP_DOWN_LINE, 5)]


def test_a_comment_silences_its_rule_on_its_own_line_only(check_text):
    text = append_to_line(without_criteria(), EXIT_SUPPORTED_LINE,
                          "  # pwy: ignore[missing-criteria]")
    report = check_text(text)
    assert _where(report, "missing-criteria") == [(STEP_DOWN_LINE, 5)]
    assert _rules(report) == ["missing-criteria"]


def test_a_comment_on_a_block_line_silences_the_whole_block(check_text):
    text = append_to_line(without_criteria(), FIRST_CONTACT_LINE,
                          "  # pwy: ignore[missing-criteria]")
    report = check_text(text)
    # The finding inside `first_contact` is gone; the one in `intensive_help` is not.
    assert _where(report, "missing-criteria") == [(STEP_DOWN_LINE, 5)]


def test_a_comment_on_the_pathway_line_silences_the_file(check_text):
    text = append_to_line(without_criteria(), 1, "  # pwy: ignore[missing-criteria]")
    assert check_text(text).diagnostics == []


def test_a_comment_names_several_rules_and_each_is_used_or_reported(check_text):
    text = with_errors()
    lines = text.split("\n")
    line = next(n for n, t in enumerate(lines, 1) if "stage intensive_help" in t)
    stage_line = next(n for n, t in enumerate(lines, 1) if "stage first_contact" in t)
    text = append_to_line(text, line, "  # pwy: ignore[ missing-lead ,missing-level]")
    report = check_text(text)
    assert _where(report, "missing-lead") == [(stage_line, 9)]
    unused = [d for d in report.diagnostics if d.rule == "unused-suppression"]
    assert [d.message for d in unused] == ["`# pwy: ignore[missing-level]` silences nothing"]
    assert unused[0].hint == "no `missing-level` finding is in this block; remove it from the comment"


def test_silencing_other_rules_leaves_a_finding(check_text):
    text = append_to_line(without_criteria(), EXIT_SUPPORTED_LINE,
                          "  # pwy: ignore[missing-lead]")
    report = check_text(text)
    assert _where(report, "missing-criteria") == [(EXIT_SUPPORTED_LINE, 5), (STEP_DOWN_LINE, 5)]
    unused = [d for d in report.diagnostics if d.rule == "unused-suppression"]
    assert len(unused) == 1 and unused[0].severity.value == "info"
    assert unused[0].message == "`# pwy: ignore[missing-lead]` silences nothing"
    source_line = text.split("\n")[EXIT_SUPPORTED_LINE - 1]
    assert unused[0].span.column == source_line.index("missing-lead") + 1
    assert unused[0].span.end_column - unused[0].span.column == len("missing-lead")


def test_a_misspelt_rule_is_reported_with_the_closest_name(check_text):
    text = append_to_line(without_criteria(), EXIT_SUPPORTED_LINE,
                          "  # pwy: ignore[missing-critera]")
    report = check_text(text)
    unused = [d for d in report.diagnostics if d.rule == "unused-suppression"]
    assert [d.message for d in unused] == ["`missing-critera` is not a rule"]
    assert unused[0].hint == "did you mean `missing-criteria`?"
    assert len(_where(report, "missing-criteria")) == 2


def test_an_ignore_without_rules_is_reported(check_text):
    text = append_to_line(CLEAN, EXIT_SUPPORTED_LINE, "  # pwy: ignore")
    report = check_text(text)
    assert [d.message for d in report.diagnostics] == ["`# pwy: ignore` names no rule"]


def test_a_rule_turned_off_makes_no_unused_suppression(check_text):
    text = append_to_line(CLEAN, EXIT_SUPPORTED_LINE, "  # pwy: ignore[missing-criteria]")
    assert _rules(check_text(text)) == ["unused-suppression"]
    assert check_text(text, severities={"missing-criteria": "off"}).diagnostics == []


def test_unused_suppression_can_be_turned_off_or_up(check_text):
    text = append_to_line(CLEAN, EXIT_SUPPORTED_LINE, "  # pwy: ignore[missing-criteria]")
    assert check_text(text, severities={"unused-suppression": "off"}).diagnostics == []
    report = check_text(text, severities={"unused-suppression": "error"})
    assert report.has_errors


def test_text_that_looks_like_a_suppression_inside_a_string_is_not_one(check_text):
    text = without_criteria().replace('"Meeting your health visitor"',
                                      '"# pwy: ignore[missing-criteria]"')
    assert len(_where(check_text(text), "missing-criteria")) == 2


def test_fixed_rules_cannot_be_suppressed(check_text):
    text = CLEAN.replace('  role health_visitor "Health visitor"',
                         '  use "missing.pwy"  # pwy: ignore[bad-include]\n'
                         '  role health_visitor "Health visitor"')
    report = check_text(text)
    assert "bad-include" in _rules(report)
    assert [d.message for d in report.diagnostics if d.rule == "unused-suppression"] == [
        "`bad-include` findings cannot be suppressed"]
    assert FIXED_RULES == {"syntax", "bad-include", "unreadable-file"}


def test_the_fixed_rules_are_the_ones_that_stop_checking():
    from pathwaylang.analysis import checker

    assert FIXED_RULES == checker._BLOCKING_RULES


LIBRARY = """\
library common "Common" {
  role health_visitor "Health visitor"
  algorithm check "Check" {
    ask q "Question?" {
      yes -> goto health_visitor  # pwy: ignore[algorithm-incomplete]
      no -> do "Nothing"
    }
  }
}
"""


def test_suppressions_in_a_library_apply_there_and_are_not_reported_unused(tmp_path, check_text):
    (tmp_path / "common.pwy").write_text(LIBRARY, encoding="utf-8")
    text = CLEAN.replace('  role health_visitor "Health visitor"\n', '  use "common.pwy"\n')
    text = text.replace('    lead health_visitor\n    entry when "Someone',
                        '    lead health_visitor\n    uses check\n    entry when "Someone')
    (tmp_path / "plain.pwy").write_text(
        LIBRARY.replace("  # pwy: ignore[algorithm-incomplete]", ""), encoding="utf-8")
    plain = check_text(text.replace('"common.pwy"', '"plain.pwy"'), "p.pwy")
    assert [(d.rule, d.span.file) for d in plain.diagnostics] == [
        ("algorithm-incomplete", "plain.pwy")]
    assert check_text(text, "p.pwy").diagnostics == []
    # Checked on its own, the library's goto is not checked: the suppression is unused.
    library = check_text(LIBRARY, "common.pwy")
    assert [d.message for d in library.diagnostics] == [
        "`# pwy: ignore[algorithm-incomplete]` silences nothing"]


def test_every_finding_can_be_silenced_on_its_own_line(check_text):
    """For each finding of a messy file, a comment on its line removes exactly the findings
    of that rule on that line (or in the block opening there) and changes nothing else."""
    text = without_criteria().replace("    lead health_visitor\n    entry when", "    entry when", 1)
    text = text.replace('"More help"', '"More help" icon rocket')
    before = check_text(text).diagnostics
    assert len({d.rule for d in before}) >= 2
    for finding in before:
        if finding.rule in FIXED_RULES:
            continue
        line = finding.span.line
        after = check_text(append_to_line(text, line, f"  # pwy: ignore[{finding.rule}]"))
        kept = [d for d in after.diagnostics]
        gone = [d for d in before if d not in kept]
        assert finding in gone
        assert all(d.rule == finding.rule and d.span.line >= line for d in gone)
        assert all(d in before for d in kept)


@pytest.mark.parametrize("text, names", [
    ("# pwy: ignore[a]", ["a"]),
    ("#pwy:ignore[a,b]", ["a", "b"]),
    ("#  pwy :  ignore [ a , b ]  because the team agreed", ["a", "b"]),
    ("# pwy: ignore[]", []),
    ("# pwy: ignore", []),
])
def test_parse_comment_reads_the_names_and_their_columns(text, names):
    found = parse_comment("f.pwy", Comment(3, 10, text), {3: 7})
    assert [r.name for r in found.rules] == names
    for ref in found.rules:
        assert text[ref.span.column - 10:ref.span.end_column - 10] == ref.name
    assert (found.first_line, found.last_line) == (3, 7)


@pytest.mark.parametrize("text", ["# an ordinary comment", "# pwy ignore[a]", "# ignore[a]",
                                  "# see pwy docs"])
def test_ordinary_comments_are_not_suppressions(text):
    assert parse_comment("f.pwy", Comment(1, 1, text), {}) is None
