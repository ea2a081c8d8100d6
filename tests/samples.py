"""Small pathway texts for the configuration, suppression, format and CLI tests."""

from __future__ import annotations

CLEAN = '''\
pathway example "Example" {
  levels {
    universal "Universal services" domain prevention
    intensive "Intensive support" domain protection
  }
  role health_visitor "Health visitor"
  entry gp "A GP is worried about a child" -> first_contact
  entry school "A school raises a concern" -> first_contact
  stage first_contact "First contact" {
    level universal
    lead health_visitor
    entry when "Someone is worried about a child"
    exit to supported when "Needs are met"
    step up to intensive_help when "Needs are greater"
    family { title "Meeting your health visitor" text "We will talk with you." }
  }
  stage intensive_help "Intensive help" {
    level intensive
    lead health_visitor
    entry when "Needs are greater"
    step down to first_contact when "Things are better"
    family { title "More help" text "We will help you more." }
  }
  outcome supported "Family supported" {
    level universal
    family { title "Support ends" text "You have the help you need." }
  }
  indicator seen "Families seen in time" {
    measure "Share of families seen within 10 days"
    target 80%
    at first_contact
  }
}
'''
"""A pathway with no findings (with today fixed at 2026-11-26)."""

# Line numbers in CLEAN, for placing suppressions.
FIRST_CONTACT_LINE = 9
EXIT_SUPPORTED_LINE = 13
INTENSIVE_LINE = 17
STEP_DOWN_LINE = 21


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def append_to_line(text: str, number: int, tail: str) -> str:
    lines = text.split("\n")
    lines[number - 1] += tail
    return "\n".join(lines)


def without_criteria() -> str:
    """CLEAN with the `when` removed from two transitions in two stages (missing-criteria
    warnings on lines 13 and 21)."""
    text = replace_line(CLEAN, EXIT_SUPPORTED_LINE, "    exit to supported")
    return replace_line(text, STEP_DOWN_LINE, "    step down to first_contact")


def with_errors() -> str:
    """CLEAN with `lead` removed from both stages: a missing-lead error at each stage name."""
    text = CLEAN.replace("    lead health_visitor\n", "")
    return text
