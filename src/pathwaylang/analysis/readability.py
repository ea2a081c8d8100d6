"""Readability of family text: sentences, words, syllables, hard words and scores per language.

The `readability` rule and the leaflet report both use this module. It uses only the
standard library and reads no data, so it works offline and imports in about a millisecond.

API
---
`pathway_scores(pathway) -> dict[str, LanguageScores]`
    One entry per language: the pathway's declared languages in their order (English when
    none are declared), then any other language a `family LANG` block uses, sorted. Each
    scores ALL of that language's family text together: the `title`, `text`, `asked` and
    `contact` of every stage and outcome. `LanguageScores.as_dict()` is JSON-ready.
`family_fields(pathway) -> list[FamilyField]`
    Every piece of family text (language, owning stage or outcome, block, field name and
    `Text` node), in file order.
`score_texts(texts, language) -> LanguageScores`
    The same scores for any strings, each string ending a sentence.
`Thresholds.from_options(options)`
    The configured limits: `options` maps the keys of `THRESHOLD_DEFAULTS` to numbers
    (missing keys take the default); raises `ValueError` naming a bad key or value.
`sentences(text)`, `words(text)`, `word_count(text)`, `count_syllables(word)`,
`hard_words(sentence, ...)`, `explained_acronyms(texts)`: the pieces, documented where they
are defined. The pure ones remember their answers: family text repeats heavily.

Which measures apply
--------------------
English (`en`, `en_GB`, ...): Flesch reading ease (FRE) and Flesch-Kincaid grade level
over a language's whole family text, sentence length, and hard words. Every other
language, Welsh (`cy`) included, is measured by sentence length only: the Flesch formulas
and the syllable counter are calibrated on English and say nothing true about Welsh.

Definitions
-----------
- A *sentence* ends at `.`, `!` or `?` (closing quotes and brackets may follow) when the
  next word does not start with a small letter (so `e.g. your` is one sentence), at a
  blank line, before a line that starts a list (`-`, `*`, `•`, `1.`, `1)`), and at the
  end of each field: a title without a full stop is a sentence of its own.
- A *word* is a run of letters or digits; `'`, `’` and `-` inside it keep it one word
  (`don't`, `co-ordinated`, `cynllunio'r`).
- *Syllables* (English): vowel groups corrected by spelling patterns (silent final `e`,
  `-ed`, `-es`, `-ically`, `-tion`, `-ing` after a vowel, ...), parts of a hyphenated word
  added up, a number one per digit. It agrees with the CMU Pronouncing Dictionary on about
  98% of everyday words (tests/test_readability.py measures it).
- A *hard word* (English only) is either
  - a *long word*: `hard_word_syllables` or more syllables (4 by default; any part of a
    hyphenated word), unless it is an everyday word in `PLAIN_LONG_WORDS` (a plural `s`
    is allowed), is explained by a bracket right after it or after the next word
    (`advocacy service (someone who speaks up for you)`), or is a name: capitalised inside
    a sentence, or at its start when the next word is capitalised too
    (`Incredible Years parenting group`); or
  - an *unexplained abbreviation*: two or more capital letters (`JAFF`, `TAF`, `CIN`,
    `GPs` counts as `GP`) that is not one families know (`KNOWN_ACRONYMS`) and is not
    explained anywhere in that language's family text as `words (ABC)`, `ABC (words)`,
    `ABC means ...` or `ABC stands for ...`.
- Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words;
  Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple

from pathwaylang import model as m
from pathwaylang.analysis.syllables import count_syllables

# ---- configuration ---------------------------------------------------------------

THRESHOLD_DEFAULTS: dict[str, float] = {
    "min_reading_ease": 60,
    "max_grade": 8,
    "max_sentence_words": 25,
    "max_sentence_words_cy": 28,
    "min_words": 100,
    "hard_word_syllables": 4,
}
"""The `readability` settings and their defaults:

- `min_reading_ease`: lowest Flesch reading ease of a language's English family text.
- `max_grade`: highest Flesch-Kincaid grade of a language's English family text.
- `max_sentence_words`: most words in one sentence of family text, in every language but
  Welsh.
- `max_sentence_words_cy`: most words in one sentence of Welsh family text. Welsh says the
  same thing in about a tenth more words than English (the article, `yn`, `i`, `'r` are words
  of their own), so it has its own limit, set apart from the English one.
- `min_words`: fewest words of a language's family text for the Flesch formulas to be
  applied (they mean little on a few words; sentences and words are checked anyway).
- `hard_word_syllables`: syllables that make a word long (English); 0 turns the hard-word
  check (long words and abbreviations) off.
"""


@dataclass(frozen=True)
class Thresholds:
    """The readability limits a text is held to."""

    min_reading_ease: float = THRESHOLD_DEFAULTS["min_reading_ease"]
    max_grade: float = THRESHOLD_DEFAULTS["max_grade"]
    max_sentence_words: float = THRESHOLD_DEFAULTS["max_sentence_words"]
    max_sentence_words_cy: float = THRESHOLD_DEFAULTS["max_sentence_words_cy"]
    min_words: float = THRESHOLD_DEFAULTS["min_words"]
    hard_word_syllables: float = THRESHOLD_DEFAULTS["hard_word_syllables"]

    @classmethod
    def from_options(cls, options: Mapping[str, object] | None) -> "Thresholds":
        """Thresholds from the `readability` settings; ValueError on an unknown key, a value
        that is not a number, or a negative count."""
        values: dict[str, float] = {}
        for key, value in (options or {}).items():
            if key not in THRESHOLD_DEFAULTS:
                raise ValueError(f"unknown readability setting `{key}`; the settings are "
                                 + ", ".join(f"`{k}`" for k in THRESHOLD_DEFAULTS))
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                raise ValueError(f"readability setting `{key}` must be a number, not {value!r}")
            if key != "min_reading_ease" and value < 0:
                raise ValueError(f"readability setting `{key}` must not be negative")
            values[key] = value
        return cls(**values)

    def sentence_words(self, language: str) -> float:
        """Most words in one sentence of family text in `language`: Welsh (`cy`, `cy_GB`)
        has its own limit."""
        code = re.split(r"[-_]", language, maxsplit=1)[0].lower()
        return self.max_sentence_words_cy if code == "cy" else self.max_sentence_words


# ---- family text -------------------------------------------------------------------

FIELDS = ("title", "text", "asked", "contact")
"""The fields of a `family` block that families read (`icon` is a picture)."""


class FamilyField(NamedTuple):
    """One piece of family text and where it belongs (a tuple: a file has thousands)."""

    language: str
    owner: m.Stage | m.Outcome
    block: m.FamilyText
    field: str
    text: m.Text


def block_language(pathway: m.PathwayFile, block: m.FamilyText) -> str:
    """The block's language: as written, else the pathway's first declared language."""
    return block.language.value if block.language else pathway.language_codes()[0]


def family_fields(pathway: m.PathwayFile) -> list[FamilyField]:
    """Every field of family text in the file, in the order written."""
    owners = sorted([*pathway.stages, *pathway.outcomes], key=lambda o: (o.span.line, o.span.column))
    found = []
    for owner in owners:
        for block in owner.family:
            language = block_language(pathway, block)
            for name in FIELDS:
                text = getattr(block, name)
                if text is not None:
                    found.append(FamilyField(language, owner, block, name, text))
    return found


def is_english(language: str) -> bool:
    return language.lower() == "en" or language.lower().startswith(("en-", "en_"))


# ---- sentences and words -----------------------------------------------------------

_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*•]|\d+[.)])\s)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Family text repeats heavily (the same `text` or `contact` on many stages), and the rule,
# the whole-text scores and the leaflet report split the same texts again: the pure
# functions below remember their answers. This many entries hold a 10,000-stage pathway.
_REMEMBERED = 1 << 15


def forget_remembered() -> None:
    """Empty every remembered answer, so that a benchmark can time a check as a fresh
    `pwy` process would run it."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def sentences(text: str) -> list[str]:
    """The sentences of one field of text, stripped; empty ones dropped."""
    return list(_sentences(text))


@lru_cache(maxsize=_REMEMBERED)
def _sentences(text: str) -> tuple[str, ...]:
    found = []
    for paragraph in _PARAGRAPH.split(text):
        start = 0
        for end in _SENTENCE_END.finditer(paragraph):
            following = paragraph[end.end():end.end() + 1]
            if following and not following.islower():
                found.append(paragraph[start:end.end()])
                start = end.end()
        found.append(paragraph[start:])
    return tuple(s.strip() for s in found if _WORD.search(s))


def words(text: str) -> list[str]:
    """The words of a text, as written."""
    return _WORD.findall(text)


@lru_cache(maxsize=_REMEMBERED)
def word_count(text: str) -> int:
    """How many words a text has: `len(words(text))`."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=_REMEMBERED)
def _syllables_in(sentence: str) -> int:
    """Syllables in one English sentence."""
    return sum(count_syllables(word) for word in _WORD.findall(sentence))


# ---- hard words --------------------------------------------------------------------

PLAIN_LONG_WORDS = frozenset("""
    activity activities actually anybody available comfortable communities community
    conversation coordinator definitely difficulties difficulty disability disabilities
    education emergency emergencies especially everybody experience february information
    interested interesting interpreter january medication professional relationship
    secondary situation solicitor television temporary understanding university usually
""".split())
"""Everyday words of four or more syllables that families know; never hard words."""

KNOWN_ACRONYMS = frozenset({"GP", "NHS", "UK", "OK", "TV", "ID", "PE", "PIN"})
"""Abbreviations families know without explanation; never hard words."""

_ACRONYM = re.compile(r"([A-Z][A-Z0-9]*[A-Z])(?:'?s)?")
_EXPLAINED = re.compile(r"\(\s*([A-Z][A-Z0-9]*[A-Z])\s*\)|\b([A-Z][A-Z0-9]*[A-Z])\s*"
                        r"(?:\(|\bmeans\b|\bstands for\b)")


def acronym_of(word: str) -> str | None:
    """The abbreviation a word is (`GPs` -> `GP`), or None."""
    match = _ACRONYM.fullmatch(word)
    return match.group(1) if match else None


def explained_acronyms(texts: Iterable[str]) -> set[str]:
    """Abbreviations explained somewhere in the texts: `Team Around the Family (TAF)`,
    `TAF (Team Around the Family)`, `TAF means ...`, `TAF stands for ...`."""
    found: set[str] = set()
    for text in dict.fromkeys(texts):  # each different text once: texts repeat
        for match in _EXPLAINED.finditer(text):
            found.add(match.group(1) or match.group(2))
    return found


# A bracket right after a word (or after the word after it) explains it: `advocate (someone
# who speaks up for you)`, `advocacy service (...)`.
_BRACKET_FOLLOWS = re.compile(r"\s*(?:[^\W_]+\s*)?\(")


def hard_words(sentence: str, explained: set[str] = frozenset(),
               long_syllables: float = THRESHOLD_DEFAULTS["hard_word_syllables"]) -> list[str]:
    """Hard words of one English sentence, as written, each once, in order."""
    if not long_syllables:
        return []
    return [word for word, acronym in _hard_candidates(sentence, long_syllables)
            if acronym is None or acronym not in explained]


@lru_cache(maxsize=_REMEMBERED)
def _hard_candidates(sentence: str, long_syllables: float) -> tuple[tuple[str, str | None], ...]:
    """The sentence's hard words, each once, in order, with the abbreviation each is (else
    None), before abbreviations the text explains are let off. `explained` is left out so
    that the answer can be remembered for every language and file."""
    found: dict[str, str | None] = {}
    matches = list(_WORD.finditer(sentence))
    for index, match in enumerate(matches):
        word = match.group()
        hard, acronym = _hard_alone(word, long_syllables)
        if hard and word not in found and (acronym is not None
                                           or _unexplained_use(sentence, matches, index)):
            found[word] = acronym
    return tuple(found.items())


@lru_cache(maxsize=_REMEMBERED)
def _hard_alone(word: str, long_syllables: float) -> tuple[bool, str | None]:
    """Whether a word is hard wherever it stands (an unknown abbreviation) or may be (a long
    word), and the abbreviation it is, else None. Remembered: words repeat."""
    acronym = acronym_of(word)
    if acronym is not None:
        return acronym not in KNOWN_ACRONYMS, acronym
    return _is_long(word, long_syllables), None


def _unexplained_use(sentence: str, matches: list[re.Match], index: int) -> bool:
    """A long word is hard where it is not a name and no bracket explains it."""
    word, end = matches[index].group(), matches[index].end()
    following = matches[index + 1].group() if index + 1 < len(matches) else ""
    return not _is_name(word, index == 0, following) and not _BRACKET_FOLLOWS.match(sentence, end)


def _is_name(word: str, starts_sentence: bool, following: str) -> bool:
    """A place, a service or a person: capitalised inside a sentence, or at its start when
    the next word is capitalised too (`Incredible Years parenting group`)."""
    if any(c.isupper() for c in word[1:]):
        return True
    if not word[:1].isupper():
        return False
    return not starts_sentence or following[:1].isupper() and following != "I"


def _is_long(word: str, long_syllables: float) -> bool:
    plain = word.lower().replace("’", "'")
    if _is_plain(plain.replace("-", "")):
        return False
    return any(not _is_plain(part) and not part.isdigit()
               and count_syllables(part) >= long_syllables for part in plain.split("-") if part)


def _is_plain(word: str) -> bool:
    return word in PLAIN_LONG_WORDS or word.removesuffix("s") in PLAIN_LONG_WORDS


# ---- scores ------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageScores:
    """How hard one language's family text is to read."""

    language: str
    words: int
    sentences: int
    longest_sentence: int
    """Words in the longest sentence."""
    syllables: int | None
    """English only."""
    reading_ease: float | None
    """Flesch reading ease: higher is easier; 60-70 is plain English. English only."""
    grade: float | None
    """Flesch-Kincaid grade level: the US school grade that can read it. English only."""

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict:
        """JSON-ready, scores rounded to one decimal place."""
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {"language": self.language, "words": self.words, "sentences": self.sentences,
                "words_per_sentence": round(self.words_per_sentence, 1),
                "longest_sentence": self.longest_sentence, "syllables": self.syllables,
                "reading_ease": rounded(self.reading_ease), "grade": rounded(self.grade)}


def score_texts(texts: Iterable[str], language: str) -> LanguageScores:
    """Scores of some texts in one language, each text ending a sentence."""
    all_sentences = [s for text in texts for s in _sentences(text)]
    counts = [word_count(s) for s in all_sentences]
    total = sum(counts)
    if not is_english(language):
        return LanguageScores(language, total, len(counts), max(counts, default=0),
                              None, None, None)
    syllables = sum(_syllables_in(s) for s in all_sentences)
    ease = grade = None
    if total:
        per_sentence, per_word = total / len(counts), syllables / total
        ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return LanguageScores(language, total, len(counts), max(counts, default=0), syllables,
                          ease, grade)


def pathway_scores(pathway: m.PathwayFile) -> dict[str, LanguageScores]:
    """Scores of all of each language's family text (see the module docstring)."""
    by_language: dict[str, list[str]] = {code: [] for code in pathway.language_codes()}
    others: dict[str, list[str]] = {}
    for field in family_fields(pathway):
        target = by_language if field.language in by_language else others
        target.setdefault(field.language, []).append(field.text.value)
    by_language.update(sorted(others.items()))
    return {code: score_texts(texts, code) for code, texts in by_language.items()}
