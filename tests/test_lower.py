"""Lowering: every construct of the language lands in the right model field, at the right span,
with strings unescaped and text blocks dedented exactly as the language reference says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pathwaylang import model as m
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse
from pathwaylang.core.source import SourceFile, normalise

FIXTURES = Path(__file__).parent / "fixtures"


def lowered(text: str, name: str = "t.pwy") -> tuple[m.PathwayFile | None, list]:
    """Parse and lower `text`; the file (None on a syntax error) and every finding."""
    result = parse(SourceFile(Path(name), name, normalise(text)))
    if result.tree is None:
        return None, result.diagnostics
    file, findings = lower(result.tree, name)
    return file, findings


def ok(text: str) -> m.PathwayFile:
    file, findings = lowered(text)
    assert file is not None and findings == [], [d.message for d in findings]
    return file


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    """The span (line, column, end line, end column; 1-based, end exclusive) of the `nth`
    occurrence of `needle` in `text`, worked out from the text itself."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    end = index + len(needle)

    def position(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return (*position(index), *position(end))


def where_in(text: str, context: str, needle: str) -> tuple[int, int, int, int]:
    """The span of `needle` inside the first occurrence of `context`."""
    start = text.index(context) + context.index(needle)
    return where(text[:start] + "\0" * len(needle) + text[start + len(needle):],
                 "\0" * len(needle))


def at(node: m.Node) -> tuple[int, int, int, int]:
    s = node.span
    return s.line, s.column, s.end_line, s.end_column


def value_of(text_block: str) -> str:
    """The value of `family { text <text_block> }`."""
    file = ok('pathway p "P" { stage s "S" { family { text ' + text_block + " } } }")
    return file.stages[0].family[0].text.value


# ---- the complete example of the language reference ------------------------------------


@pytest.fixture(scope="module")
def complete() -> tuple[str, m.PathwayFile]:
    text = (FIXTURES / "valid-spec-complete.pwy").read_text(encoding="utf-8")
    return text, ok(text)


def test_header(complete):
    text, f = complete
    assert f.kind == "pathway" and f.id.value == "dylanshire_families"
    assert f.title.value == "Dylanshire Family Support Pathway"
    assert f.authority.value == "Dylanshire County Council"
    assert f.version.value == "1.2.0"
    assert f.status.value == "approved"
    assert f.developed.value == dt.date(2011, 9, 1) and f.developed.text == "2011-09-01"
    assert f.review.value == dt.date(2030, 9, 1)
    assert f.owner.value == "Families First Pathway Project Team"
    assert [n.value for n in f.languages] == ["en", "cy"]
    assert (f.ages.low, f.ages.high) == (0, 18)
    assert at(f.id) == where(text, "dylanshire_families")
    assert at(f.title) == where(text, '"Dylanshire Family Support Pathway"')
    assert at(f.developed) == where(text, "2011-09-01")
    assert at(f.ages) == where(text, "0 to 18")
    assert at(f.languages[1]) == where_in(text, "languages en, cy", "cy")


def test_levels_in_order_with_domains(complete):
    text, f = complete
    levels = f.levels.levels
    assert [lv.id.value for lv in levels] == ["universal", "additional", "intensive", "statutory"]
    assert [lv.rank for lv in levels] == [0, 1, 2, 3]
    assert [lv.domain.value for lv in levels] == ["prevention", "prevention", "protection",
                                                   "remedial"]
    assert levels[2].label.value == "Intensive family support"
    assert at(levels[3].domain) == where(text, "remedial")
    line = where(text, "statutory  ")[0]
    assert levels[3].span.line == line and levels[3].span.end_line == line


def test_agencies_roles_evidence(complete):
    text, f = complete
    assert [(a.id.value, a.name.value) for a in f.agencies] == [
        ("health", "Health Board"), ("social_services", "Children's Social Services")]
    roles = {r.id.value: r for r in f.roles}
    assert roles["health_visitor"].agency.value == "health"
    assert roles["lead_professional"].agency is None
    assert at(roles["social_worker"].agency) == where_in(text, "at social_services",
                                                          "social_services")
    jaff = f.evidence[0]
    assert (jaff.id.value, jaff.ages.low, jaff.ages.high) == ("jaff", 0, 25)
    assert jaff.source.value.startswith("Welsh Government") and jaff.url is None


def test_entries(complete):
    text, f = complete
    assert [(e.id.value, e.target.value) for e in f.entries] == [
        ("health_contact", "identify"), ("school", "identify"), ("self_referral", "identify")]
    assert at(f.entries[1]) == (*where(text, "entry school")[:2],
                                *where(text, '-> identify', 1)[2:])
    assert at(f.entries[1].target) == where_in(text, 'concern" -> identify', "identify")


def test_stage_statements(complete):
    text, f = complete
    s = f.stages[0]
    assert s.id.value == "identify" and s.title.value == "Identify additional needs"
    assert s.level.value == "additional" and s.lead.value == "lead_professional"
    assert [r.value for r in s.with_roles] == ["health_visitor"]
    assert [t.value for t in s.entry_criteria] == [
        "A practitioner or the family thinks the family may need extra help"]
    assert [t.value for t in s.exclusions] == ["The child is at risk of significant harm"]
    assert len(s.consent) == 1 and s.consent[0].value.startswith("The family agrees")
    assert str(s.timescale) == "20 working days"
    assert s.timescale.unit is m.DurationUnit.WORKING_DAY and s.timescale.amount == 20
    assert [u.value for u in s.uses] == ["concern_checklist"]
    assert [e.value for e in s.evidence] == ["jaff"]
    assert s.guidance[0].value == "All Wales Child Protection Procedures (2008)"
    assert s.ages is None
    assert at(s.level) == where_in(text, "level additional", "additional")
    assert at(s.timescale) == where(text, "20 working days", 1)


def test_actions(complete):
    text, f = complete
    actions = f.stages[0].actions
    assert [a.by.value for a in actions] == ["lead", "lead", "family"]
    assert actions[0].within is None
    assert str(actions[1].within) == "20 working days"
    assert at(actions[1].within) == where(text, "20 working days")
    team = f.stages[2]
    assert str(team.actions[0].within) == "3 weeks"
    universal = f.stages[3]
    assert universal.actions[0].by is None  # `by` defaults to the lead
    assert at(actions[2]) == (*where(text, "action \"Tell us")[:2],
                              *where(text, "by family")[2:])


def test_transitions(complete):
    text, f = complete
    got = [(t.kind, t.target.value, t.when.value if t.when else None)
           for t in f.stages[0].transitions]
    assert got == [
        ("exit", "team_around_family", "Needs need more than one service"),
        ("exit", "universal_support", "Needs can be met by a single universal service"),
        ("step up", "child_protection", "The child is at risk of significant harm"),
    ]
    assert [t.kind for t in f.stages[1].transitions] == ["step down", "exit"]
    step = f.stages[0].transitions[2]
    assert at(step) == (*where(text, "step up to child_protection")[:2],
                        *where(text, '"The child is at risk of significant harm"', 1)[2:])
    assert at(step.target) == where_in(text, "step up to child_protection", "child_protection")


def test_family_blocks(complete):
    text, f = complete
    english, welsh = f.stages[0].family
    assert english.language is None and welsh.language.value == "cy"
    assert english.title.value == "Talking about what help you need"
    assert english.text.value == ("Someone who already knows your family will talk with you "
                                  "about\nwhat is going well and what is hard right now.")
    assert english.asked.value.startswith("Tell us what help")
    assert english.contact.value == "Your lead professional"
    assert english.icon.value == "conversation" and welsh.icon is None
    assert welsh.title.value == "Siarad am y help sydd ei angen arnoch"
    assert welsh.asked.value == "Dywedwch wrthym pa help fyddai'n gwneud gwahaniaeth."
    block_start = where(text, '"""')
    block_end = where(text, '"""', 1)
    assert at(english.text) == (*block_start[:2], *block_end[2:])
    assert at(welsh.language) == where_in(text, "family cy {", "cy")


def test_outcomes(complete):
    text, f = complete
    looked_after, needs_met = f.outcomes
    assert looked_after.level.value == "statutory" and looked_after.family == []
    assert needs_met.level.value == "universal"
    assert [b.icon.value for b in needs_met.family] == ["star", "star"]
    assert at(looked_after) == (*where(text, "outcome looked_after")[:2],
                                *where(text, "{ level statutory }")[2:])


def test_algorithm(complete):
    text, f = complete
    algorithm = f.algorithms[0]
    assert algorithm.id.value == "concern_checklist"
    needs, harm = algorithm.questions
    assert needs.id.value == "needs" and harm.text.value.startswith("Do you think")
    steps = [(a.answer.value, a.step.kind, a.step.target.value if a.step.target else None,
              a.step.action.value if a.step.action else None) for a in needs.answers]
    assert steps == [("yes", "ask", "harm", None),
                     ("no", "do", None, "Carry on supporting the family in your own service")]
    assert [(a.step.kind, a.step.target.value) for a in harm.answers] == [
        ("goto", "child_protection"), ("goto", "identify")]
    assert at(harm.answers[1].step.target) == where_in(text, "no  -> goto identify", "identify")


def test_indicator_and_variance(complete):
    text, f = complete
    indicator = f.indicators[0]
    assert indicator.measure.value.startswith("Share of joint assessments")
    assert indicator.target.value == 80.0 and indicator.target.text == "80%"
    assert indicator.at.value == "identify"
    assert at(indicator.target) == where(text, "80%")
    codes = [(c.code.value, c.meaning.value) for c in f.variance.codes]
    assert codes == list(m.DEFAULT_VARIANCE)
    assert at(f.variance.codes[3].code) == where_in(text, 'C "Community', "C")


def test_subpathway_and_stage_ages():
    text = '''pathway p "P" {
  subpathway parenting "Parenting programme" {
    file "sub/parenting.pwy"
    rejoin review
  }
  stage review "Review" { ages 5 to 11 }
}
'''
    f = ok(text)
    sub = f.subpathways[0]
    assert (sub.id.value, sub.file.value, sub.rejoin.value) == (
        "parenting", "sub/parenting.pwy", "review")
    assert at(sub.file) == where(text, '"sub/parenting.pwy"')
    assert (f.stages[0].ages.low, f.stages[0].ages.high) == (5, 11)
    assert at(sub) == (2, 3, 5, 4)


def test_every_stage_statement_and_span_of_a_stage():
    text = '''pathway p "P" {
  stage s "Stage" {
    ages 0 to 5
    refer to parenting when "A course would help"
    step down to t
    exit to t
  }
}
'''
    f = ok(text)
    s = f.stages[0]
    assert [(t.kind, t.target.value) for t in s.transitions] == [
        ("refer", "parenting"), ("step down", "t"), ("exit", "t")]
    assert s.transitions[1].when is None
    assert at(s) == (2, 3, 7, 4)
    assert at(s.id) == where(text, "s \"Stage\"")[:2] + (2, 10)
    assert at(s.transitions[0]) == (4, 5, 4, 50)


# ---- a library -------------------------------------------------------------------------


def test_library_with_title_and_header():
    f = ok('library common "Shared" {\n  version "2"\n  status draft\n  developed 2011-01-01\n'
           '  use "more.pwy"\n  agency health "Health Board"\n}\n')
    assert f.kind == "library" and f.title.value == "Shared"
    assert f.version.value == "2" and f.status.value == "draft"
    assert [u.path.value for u in f.uses] == ["more.pwy"]
    assert [a.id.value for a in f.agencies] == ["health"]


def test_every_span_names_the_file_it_came_from():
    result = parse(SourceFile(Path("x.pwy"), "sub/x.pwy", 'pathway p "P" { stage s "S" { } }'))
    file, _ = lower(result.tree, "sub/x.pwy")
    spans = [file.span, file.id.span, file.title.span, file.stages[0].span,
             file.stages[0].id.span]
    assert {span.file for span in spans} == {"sub/x.pwy"}


def test_library_without_title():
    f = ok("library common {\n  agency health \"Health Board\"\n}\n")
    assert f.kind == "library" and f.title is None


# ---- values ----------------------------------------------------------------------------


@pytest.mark.parametrize("written, amount, unit, shown", [
    ("1 day", 1, "day", "1 day"), ("3 days", 3, "day", "3 days"),
    ("1 working day", 1, "working day", "1 working day"),
    ("20 working days", 20, "working day", "20 working days"),
    ("1 week", 1, "week", "1 week"), ("6 weeks", 6, "week", "6 weeks"),
    ("1 month", 1, "month", "1 month"), ("18 months", 18, "month", "18 months"),
    ("1 year", 1, "year", "1 year"), ("2 years", 2, "year", "2 years"),
    ("0 days", 0, "day", "0 days"),
])
def test_durations(written, amount, unit, shown):
    f = ok(f'pathway p "P" {{ stage s "S" {{ timescale {written} }} }}')
    duration = f.stages[0].timescale
    assert (duration.amount, duration.unit.value, str(duration)) == (amount, unit, shown)


def test_durations_are_comparable():
    f = ok('pathway p "P" { stage s "S" { action "a" within 10 working days '
           'action "b" within 2 weeks } }')
    first, second = (a.within for a in f.stages[0].actions)
    assert first.approx_days == 14.0 and second.approx_days == 14.0


@pytest.mark.parametrize("written, value", [("80%", 80.0), ("0%", 0.0), ("100%", 100.0),
                                            ("12.5%", 12.5)])
def test_percentages(written, value):
    f = ok(f'pathway p "P" {{ indicator i "I" {{ target {written} }} }}')
    assert f.indicators[0].target.value == value and f.indicators[0].target.text == written


def test_target_over_100_is_a_syntax_error():
    _, findings = lowered('pathway p "P" { indicator i "I" { target 100.5% } }')
    assert [(d.rule, d.span.column) for d in findings] == [("syntax", 42)]


@pytest.mark.parametrize("text, iso", [("2012-02-29", dt.date(2012, 2, 29)),
                                       ("2011-02-29", None), ("2011-13-01", None),
                                       ("0000-01-01", None), ("2011-04-31", None)])
def test_dates_are_kept_as_written_and_validated(text, iso):
    f = ok(f'pathway p "P" {{ developed {text} }}')
    assert f.developed.text == text and f.developed.value == iso


def test_age_ranges():
    f = ok('pathway p "P" { ages 0 to 0 evidence e "E" { ages 3 to 25 } }')
    assert (f.ages.low, f.ages.high) == (0, 0)
    assert f.evidence[0].ages.contains(m.AgeRange(span=f.ages.span, low=3, high=25))
    _, findings = lowered('pathway p "P" { ages 19 to 18 }')
    assert [d.rule for d in findings] == ["syntax"] and "backwards" in findings[0].message


def test_variance_codes_may_be_numbers_or_names():
    f = ok('pathway p "P" { variance { 1 "One" F2 "Two" review "Review" } }')
    assert [c.code.value for c in f.variance.codes] == ["1", "F2", "review"]


def test_consent_is_repeatable_and_order_kept():
    f = ok('pathway p "P" { stage s "S" { consent "one" guidance "g" consent "two" } }')
    assert [c.value for c in f.stages[0].consent] == ["one", "two"]


@pytest.mark.parametrize("word", [s.value for s in m.Status])
def test_every_status_word(word):
    assert ok(f'pathway p "P" {{ status {word} }}').status.value == word


def test_unknown_status_and_domain_words():
    _, findings = lowered('pathway p "P" { status final levels { u "U" domain preventative } }')
    assert [d.message for d in findings] == [
        "unknown status `final`; expected `draft`, `consultation`, `approved` or `retired`",
        "unknown domain `preventative`; expected `prevention`, `protection` or `remedial`"]
    assert findings[1].hint == "did you mean `prevention`?"


# ---- strings and escapes ---------------------------------------------------------------


@pytest.mark.parametrize("written, value", [
    (r'"plain"', "plain"),
    (r'"a \"quoted\" word"', 'a "quoted" word'),
    (r'"back\\slash"', "back\\slash"),
    (r'"two\nlines"', "two\nlines"),
    (r'"\\n is not a new line"', "\\n is not a new line"),
    (r'"ends with a backslash\\"', "ends with a backslash\\"),
    ('"Ysgol Gymraeg — ŵ ŷ â ê"', "Ysgol Gymraeg — ŵ ŷ â ê"),
    ('""', ""),
    ('"# not a comment"', "# not a comment"),
])
def test_string_escapes(written, value):
    assert ok(f'pathway p {written} {{ }}').title.value == value


def test_unknown_escapes_are_reported_where_they_are():
    text = 'pathway p "P" {\n  owner "S:\\Pathways\\team\\\\ok"\n}\n'
    _, findings = lowered(text)
    assert [(d.message, d.span.line, d.span.column, d.span.end_column) for d in findings] == [
        ("unknown escape `\\P`", 2, 12, 14), ("unknown escape `\\t`", 2, 21, 23)]


def test_unknown_escape_in_a_text_block_has_its_own_line():
    text = 'pathway p "P" {\n  owner """\n    first\n    sec\\ond\n    """\n}\n'
    _, findings = lowered(text)
    assert [(d.span.line, d.span.column) for d in findings] == [(4, 8)]


# ---- text blocks: the rules of the language reference --------------------------------


def test_text_block_drops_the_line_break_after_the_opening_quotes():
    assert value_of('"""\nHello"""') == "Hello"


def test_text_block_drops_whitespace_before_the_closing_quotes():
    assert value_of('"""Hello   \n   \n   """') == "Hello"


def test_text_block_removes_the_common_indentation():
    block = '"""\n      First line\n        indented more\n      last line\n      """'
    assert value_of(block) == "First line\n  indented more\nlast line"


def test_text_block_keeps_blank_lines_between_paragraphs():
    block = '"""\n    One.\n\n    Two.\n    """'
    assert value_of(block) == "One.\n\nTwo."


def test_text_block_whitespace_only_lines_do_not_hold_the_indentation_back():
    block = '"""\n    One.\n  \n    Two.\n    """'
    assert value_of(block) == "One.\n\nTwo."


def test_text_block_starting_on_the_first_line_keeps_later_indentation():
    # The first line has no indentation, so no indentation is common to every line.
    assert value_of('"""Hello\n    world"""') == "Hello\n    world"


def test_text_block_escapes_apply_after_dedenting():
    block = '"""\n    a \\"quote\\"\\n    b\\\\\n    """'
    assert value_of(block) == 'a "quote"\n    b\\'


def test_text_block_may_hold_quotes():
    assert value_of('"""She said "yes" and ""maybe"" """') == 'She said "yes" and ""maybe""'


def test_text_block_indented_with_tabs():
    assert value_of('"""\n\t\tOne\n\t\t\tTwo\n\t\t"""') == "One\n\tTwo"


def test_text_block_on_one_line_loses_its_indentation_too():
    # One line: its own indentation is the indentation common to all lines.
    assert value_of('"""  spaced  """') == "spaced"
    assert value_of('"""  Hello\n    world"""') == "Hello\n  world"


def test_text_blocks_are_accepted_wherever_a_string_is():
    f = ok('pathway p """P""" { owner """O""" stage s """S""" { guidance """G""" '
           'exit to t when """W""" } }')
    assert (f.title.value, f.owner.value, f.stages[0].title.value) == ("P", "O", "S")
    assert f.stages[0].transitions[0].when.value == "W"


# ---- single-valued statements ----------------------------------------------------------


def test_a_single_valued_statement_given_twice_points_at_both():
    text = 'pathway p "P" {\n  stage s "S" {\n    lead a\n    lead b\n  }\n}\n'
    f, findings = lowered(text)
    assert f.stages[0].lead.value == "a"  # the first one is kept
    (d,) = findings
    assert (d.rule, d.message) == ("duplicate-definition", "`lead` is given twice")
    assert (d.span.line, d.labels[0].span.line) == (4, 3)


def test_family_block_without_a_language_is_the_default_language():
    f = ok('pathway p "P" { languages cy, en stage s "S" { family { title "T" } } }')
    assert f.language_codes() == ["cy", "en"] and f.stages[0].family[0].language is None
    assert ok('pathway p "P" { }').language_codes() == ["en"]
