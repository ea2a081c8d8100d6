"""core/wording.py: how every message lists names and guesses one."""

from pathwaylang.core.wording import closest, did_you_mean, few_enough, join_words, quoted


def test_lists_read_as_english():
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"], "or") == "a, b or c"
    assert join_words(quoted(["x", "y"])) == "`x` and `y`"


def test_a_guess_needs_to_be_close():
    assert closest("helth_visitor", ["health_visitor", "gp"]) == "health_visitor"
    assert closest("zzz", ["health_visitor", "gp"]) is None
    assert did_you_mean("levle", ["level", "lead"]) == "did you mean `level`?"
    assert did_you_mean("qqqq", ["level"]) is None


def test_only_a_few_choices_are_listed():
    assert not few_enough([])
    assert few_enough(["a"] * 6)
    assert not few_enough(["a"] * 7)
