"""Recurring stages (`repeats every 8 weeks for 12 months`, docs/language.md): read alike by
both readers, formatted, checked, and printed as that many review blocks in the checklist."""

from __future__ import annotations

import pytest

from fuzzing import models_agree
from pathwaylang.emit import checklist
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathlib import Path

from pathwaylang.core.source import SourceFile, normalise
from pathwaylang.syntax.fmt import format_source

PATHWAY = '''pathway small "Small" {{
  levels {{ low "Low" domain prevention }}
  role worker "Worker"
  entry door "A family asks" -> review
  stage review "Review" {{
    level low
    lead worker
    entry when "A plan is agreed"
    action "Meet the family"
    timescale 8 weeks
    {repeats}
    exit to done when "The plan is done"
  }}
  outcome done "Done" {{ level low }}
}}
'''


@pytest.mark.parametrize("repeats, times", [
    ("repeats every 8 weeks for 12 months", 6),
    ("repeats every 6 weeks for 9 months", 6),
    ("repeats every 12 weeks for 1 year", 4),
    ("repeats every 2 working days for 2 working days", 1),
])
def test_a_recurring_stage_is_printed_as_that_many_reviews(check_text, repeats, times):
    report = check_text(PATHWAY.format(repeats=repeats))
    assert not report.has_errors, [d.message for d in report.diagnostics]
    stage = report.program.root.stages[0]
    assert stage.repeats is not None and stage.repeats.times == times
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    view = checklist.checklist_view(ctx)
    html, md = checklist.checklist_html(view), checklist.checklist_markdown(view)
    assert view.stages[0].reviews == list(range(1, times + 1))
    assert html.count('<tr data-review="') == times
    assert f'name="review:r{times}:date"' in html and f'name="review:r{times + 1}:date"' not in html
    assert f"### Reviews: {repeats.removeprefix('repeats ')}" in md


def test_both_readers_read_it_alike():
    models_agree(PATHWAY.format(repeats="repeats every 8 weeks for 12 months"),
                 must_be_fast=True)


def format_text(text: str) -> str:
    return format_source(SourceFile(path=Path("p.pwy"), display="p.pwy",
                                    text=normalise(text))).text


def test_fmt_keeps_it():
    text = PATHWAY.format(repeats="repeats  every 8 weeks   for 12 months")
    formatted = format_text(text)
    assert "    repeats every 8 weeks for 12 months\n" in formatted
    assert format_text(formatted) == formatted


def test_a_stage_that_never_repeats_is_an_error(check_text):
    report = check_text(PATHWAY.format(repeats="repeats every 12 months for 8 weeks"))
    assert report.has_errors
    (finding,) = [d for d in report.diagnostics if "never repeats" in d.message]
    assert finding.hint and "repeats every 8 weeks for 12 months" in finding.hint
    assert finding.span.line == 11


def test_said_twice_is_a_duplicate(check_text):
    twice = "repeats every 8 weeks for 12 months\n    repeats every 6 weeks for 9 months"
    report = check_text(PATHWAY.format(repeats=twice))
    assert any(d.rule == "duplicate-definition" for d in report.diagnostics)


def test_the_examples_taf_reviews_recur():
    from conftest import REPO, check_path

    for name, times in (("dylanshire", 6), ("kentigernshire", 6), ("mabinogion", 4)):
        report = check_path(REPO / "examples" / f"{name}.pwy")
        (stage,) = [s for s in report.program.root.stages if s.id.value == "taf_review"]
        assert stage.repeats is not None and stage.repeats.times == times, name


def test_diff_says_the_change_in_words(tmp_path):
    from conftest import run_pwy

    (tmp_path / "a.pwy").write_text(PATHWAY.format(repeats="repeats every 8 weeks for 12 months"),
                                    encoding="utf-8")
    (tmp_path / "b.pwy").write_text(PATHWAY.format(repeats="repeats every 6 weeks for 12 months"),
                                    encoding="utf-8")
    result = run_pwy("diff", "a.pwy", "b.pwy", cwd=tmp_path)
    assert ("review: repeats 'every 8 weeks for 12 months' -> 'every 6 weeks for 12 months'"
            in result.stdout), result.stdout
