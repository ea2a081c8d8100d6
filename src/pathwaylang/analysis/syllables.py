"""Syllables in English words: vowel groups, corrected by patterns where spelling and sound
part (the readability scores use it; tests/test_readability.py holds it to the CMU
Pronouncing Dictionary)."""

from __future__ import annotations

import re
from functools import lru_cache


# Whole words the patterns below get wrong.
_SYLLABLE_EXCEPTIONS = {"anyone": 3, "business": 2, "businesses": 3, "maybe": 2}

# Patterns where two vowel groups make one sound ...
_FEWER = (
    r"cial", r"tia", r"cius", r"cious", r"giu", r"ion", r"iou", r"iour", r"sia$", r".ely$",
    r"[^aeiouydt]ed$", r"ically$",
    r"[aeiouy][^aeiouy]{1,2}e(ful|less|ness|ments?|ty|wise|work|times?|where|thing|by|fore)$",
)
# ... and where one vowel group makes two.
_MORE = (
    r"ia", r"riet", r"dien", r"iu", r"io", r"ii", r"[aeiou]{3}(?!ng$)", r"^mc", r"ism$",
    r"thms?$", r"[aeiouy]ing$", r"[bcdfgkptz]led$", r"..ie(r|st)$",
    r"[aeiou]y(?!ing$|ed$)[aeiou]", r"[aeiouy][^aeiou]eas?$", r"([^aeiouy])\1l$", r"[^l]lien",
    r"^coa[dglx].", r"[^gq]ua[^auieo]", r"dnt$",
)


@lru_cache(maxsize=1)
def _corrections() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """The patterns, compiled on first use: compiling them at import would add some 25 ms
    to the start of every `pwy` command."""
    return tuple(map(re.compile, _FEWER)), tuple(map(re.compile, _MORE))


@lru_cache(maxsize=8192)
def count_syllables(word: str) -> int:
    """Syllables in one English word (at least 1)."""
    word = word.lower().replace("'", "").replace("’", "")
    if word in _SYLLABLE_EXCEPTIONS:
        return _SYLLABLE_EXCEPTIONS[word]
    if "-" in word:
        return max(1, sum(count_syllables(part) for part in word.split("-") if part))
    if word.isdigit():
        return len(word)
    if word.startswith("every"):  # "ev-ry": one vowel group too many
        return 2 + (count_syllables(word[5:]) if word[5:] else 0)
    if word.endswith("e") and not re.search(r"[^aeiouy]le$", word):
        word = word[:-1]
    fewer, more = _corrections()
    count = len(re.findall(r"[aeiouy]+", word))
    count -= sum(1 for p in fewer if p.search(word)) + _silent_es(word)
    count += sum(1 for p in more if p.search(word))
    return max(1, count)


def _silent_es(word: str) -> bool:
    """A plural or verb `-es` that adds no syllable: `makes`, but not `places`, `wishes`, `tables`."""
    stem = word[:-2]
    if not word.endswith("es") or len(stem) < 2 or stem[-1] in "aeiouysxzgc":
        return False
    if stem.endswith(("ch", "sh")):
        return False
    return not (stem[-1] == "l" and stem[-2] not in "aeiouyl")
