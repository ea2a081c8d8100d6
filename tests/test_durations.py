"""Lengths of time read from family text (analysis/durations.py), and the examples held to
their timescales by `family-timescale-mismatch`."""

from __future__ import annotations

import pytest

from conftest import REPO
from pathwaylang.analysis.checker import check_file
from pathwaylang.analysis.durations import longest, stated_lengths


@pytest.mark.parametrize("language, text, expected", [
    ("en", "The group meets once a week for about 14 weeks.", [("14 weeks", 14, "week")]),
    ("en", "This usually lasts six to nine months.", [("nine months", 9, "month")]),
    ("en", "We will call you back within two working days.",
     [("two working days", 2, "working day")]),
    ("en", "You will hear within a day.", [("a day", 1, "day")]),
    ("en", "Every eight weeks, and at least every two weeks, once a month.", []),
    ("en", "within a fortnight", [("fortnight", 2, "week")]),
    ("en", "your worker over the next few weeks; children up to 16", []),
    ("cy", "Mae'r grŵp yn cwrdd unwaith yr wythnos am tua 14 wythnos.",
     [("14 wythnos", 14, "week")]),
    ("cy", "Mae hyn fel arfer yn para tua thri mis.", [("thri mis", 3, "month")]),
    ("cy", "Mae hyn yn para rhwng tri a phum mis.", [("phum mis", 5, "month")]),
    ("cy", "o fewn dau ddiwrnod gwaith", [("dau ddiwrnod gwaith", 2, "working day")]),
    ("cy", "hyd at bedair wythnos", [("bedair wythnos", 4, "week")]),
    ("cy", "am ddwy flynedd", [("ddwy flynedd", 2, "year")]),
    ("cy", "Bob wyth wythnos, a bob pythefnos", []),
    ("cy", "o fewn pythefnos", [("pythefnos", 2, "week")]),
    ("pl", "14 weeks", []),
])
def test_lengths_stated_in_english_and_welsh(language, text, expected):
    found = [(s.text, s.amount, s.unit) for s in stated_lengths(text, language)]
    assert found == expected


def test_the_longest_length_counts_a_range_by_its_longer_end():
    assert longest("three to five months", "en").amount == 5
    assert longest("no time is given", "en") is None


EXAMPLES = sorted(REPO.glob("examples/*.pwy")) + sorted(REPO.glob("examples/subpathways/*.pwy"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_no_example_step_promises_longer_than_its_timescale(path):
    report = check_file(path)
    assert [d.message for d in report.diagnostics
            if d.rule == "family-timescale-mismatch"] == []
