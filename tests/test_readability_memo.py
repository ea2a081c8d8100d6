"""Readability remembers what it worked out (sentences, word counts, hard words per
sentence, problems per text); a remembered answer must never carry one text's settings,
language or explained abbreviations over to another."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from conftest import check_path
from pathwaylang.analysis import readability as r

SENTENCE = "Your TAF and JAFF meetings find an appropriate time, and an intervention (some help)."


def test_hard_words_depend_on_what_is_explained_each_time():
    assert r.hard_words(SENTENCE, set()) == ["TAF", "JAFF", "appropriate"]
    assert r.hard_words(SENTENCE, {"TAF"}) == ["JAFF", "appropriate"]
    assert r.hard_words(SENTENCE, frozenset({"JAFF", "TAF"})) == ["appropriate"]
    assert r.hard_words(SENTENCE, set()) == ["TAF", "JAFF", "appropriate"]


def test_hard_words_depend_on_the_syllables_setting_each_time():
    assert "appropriate" in r.hard_words(SENTENCE, set(), 4)
    assert "appropriate" not in r.hard_words(SENTENCE, set(), 5)
    assert r.hard_words(SENTENCE, set(), 0) == []
    assert "appropriate" in r.hard_words(SENTENCE, set(), 4.0)


def test_callers_get_lists_of_their_own():
    first = r.sentences("One. Two.")
    first.append("changed")
    assert r.sentences("One. Two.") == ["One.", "Two."]
    words = r.hard_words(SENTENCE)
    words.clear()
    assert r.hard_words(SENTENCE) == ["TAF", "JAFF", "appropriate"]


def _unremembered_hard_words(sentence: str, explained: set[str], long_syllables: float):
    """The definition of a hard word, word by word, with nothing remembered."""
    found: list[str] = []
    matches = list(r._WORD.finditer(sentence))
    for index, match in enumerate(matches):
        word = match.group()
        if word in found:
            continue
        acronym = r.acronym_of(word)
        if acronym is not None:
            hard = acronym not in r.KNOWN_ACRONYMS and acronym not in explained
        else:
            following = matches[index + 1].group() if index + 1 < len(matches) else ""
            hard = (not r._is_name(word, index == 0, following)
                    and not r._BRACKET_FOLLOWS.match(sentence, match.end())
                    and r._is_long(word, long_syllables))
        if hard:
            found.append(word)
    return found


WORDS = st.sampled_from([
    "TAF", "JAFF", "GP", "GPs", "CIN", "I", "Incredible", "Years", "appropriate", "appropriate",
    "intervention", "co-ordinated", "communities", "advocacy", "service", "(someone)", "you",
    "the", "Team", "2024", "don't", "understanding", "e.g.", "means", "(TAF)", ".", ",",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=14), st.sets(st.sampled_from(["TAF", "JAFF", "CIN"])),
       st.sampled_from([0, 3, 4, 5]))
def test_remembered_hard_words_match_the_definition(words, explained, syllables):
    sentence = " ".join(words)
    expected = _unremembered_hard_words(sentence, explained, syllables) if syllables else []
    assert r.hard_words(sentence, explained, syllables) == expected


def test_the_same_text_in_two_languages_and_fields(tmp_path: Path):
    """English and Welsh share one text: only English gets hard words, and an abbreviation
    explained in the Welsh text only is still unexplained in English."""
    text = ("Ask about the TAF at the appropriate time and we will talk with you about "
            "everything that you and your family need from us over the next few weeks")
    welsh_only = "Team Around the Family (TAF)."
    path = tmp_path / "shared.pwy"
    path.write_text(f'''pathway shared "Shared" {{
  languages en, cy
  levels {{ universal "Universal services" domain prevention }}
  role lead_professional "Lead professional"
  entry gp "A GP is worried about a child" -> first
  stage first "First" {{
    level universal
    lead lead_professional
    exit to second
    family {{ title "First" text "{text}" asked "{text}" }}
    family cy {{ title "Cyntaf" text "{text}" asked "{welsh_only}" }}
  }}
  stage second "Second" {{
    level universal
    lead lead_professional
    exit to supported
    family {{ title "Second" text "{text}" }}
    family cy {{ title "Ail" text "{text}" }}
  }}
  outcome supported "Family supported"
}}
''', encoding="utf-8")
    found = [(d.span.line, d.message.split(":")[0]) for d in check_path(path).diagnostics
             if d.rule == "readability"]
    long = f"a sentence of {len(r.words(text))} words in the family `{{}}` (at most 25)"
    long_cy = long.replace("at most 25", "at most 28")  # Welsh has a limit of its own
    assert sorted(found) == sorted([
        (10, long.format("text")), (10, "hard words in the family `text`"),
        (10, long.format("asked")), (10, "hard words in the family `asked`"),
        (11, long_cy.format("text")),
        (17, long.format("text")), (17, "hard words in the family `text`"),
        (18, long_cy.format("text")),
    ])
    hard = {d.message for d in check_path(path).diagnostics if "hard words" in d.message}
    assert hard == {f"hard words in the family `{field}`: `TAF`, `appropriate`"
                    for field in ("text", "asked")}


def test_forget_remembered_empties_every_cache():
    from pathwaylang.analysis import readability

    readability.word_count("Someone will talk with you.")
    readability.sentences("One. Two.")
    cached = [v for v in vars(readability).values() if callable(getattr(v, "cache_info", None))]
    assert any(function.cache_info().currsize for function in cached)
    readability.forget_remembered()
    assert all(function.cache_info().currsize == 0 for function in cached)
