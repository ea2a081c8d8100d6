"""Lengths of time stated in family text, in English and Welsh: "for about 14 weeks",
"up to three months", "hyd at dri mis", "tua phum wythnos", "pythefnos".

Used by `family-timescale-mismatch` to hold a step's own words to its `timescale` (the most
time the stage should take). A number is the one said just before the unit, so a range
("six to nine months", "rhwng chwech a naw mis") counts as its longer end. Only digits and
number words up to twenty are read; anything else is left alone rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Days in each unit, as the model counts them (`model._UNIT_DAYS`).
_DAYS = {"day": 1.0, "working day": 1.4, "week": 7.0, "month": 30.4, "year": 365.25}

_ENGLISH_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_ENGLISH_UNITS = {
    "working day": "working day", "working days": "working day", "day": "day", "days": "day",
    "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year",
    "years": "year",
}

# Welsh number words in the forms they take before a noun and after a mutation
# (tri, dri, thri; pump, pum, bum, phum ...).
_WELSH_NUMBERS = {
    "un": 1, "dau": 2, "ddau": 2, "dwy": 2, "ddwy": 2, "tri": 3, "dri": 3, "thri": 3,
    "tair": 3, "dair": 3, "thair": 3, "pedwar": 4, "bedwar": 4, "phedwar": 4, "pedair": 4,
    "bedair": 4, "phedair": 4, "pump": 5, "pum": 5, "bum": 5, "phum": 5, "chwech": 6,
    "chwe": 6, "saith": 7, "wyth": 8, "naw": 9, "deg": 10, "ddeg": 10, "deng": 10,
    "un ar ddeg": 11, "deuddeg": 12, "deuddeng": 12, "pymtheg": 15, "pymtheng": 15,
    "deunaw": 18, "ugain": 20,
}
_WELSH_UNITS = {
    "diwrnod gwaith": "working day", "ddiwrnod gwaith": "working day",
    "niwrnod gwaith": "working day", "diwrnod": "day", "ddiwrnod": "day", "niwrnod": "day",
    "wythnos": "week", "mis": "month", "fis": "month", "blwyddyn": "year",
    "flwyddyn": "year", "blynedd": "year", "flynedd": "year", "mlynedd": "year",
}
# Words with their number inside them: "a fortnight", "pythefnos".
_WHOLE = {"en": {"fortnight": (2, "week")}, "cy": {"pythefnos": (2, "week")}}


@dataclass(frozen=True)
class Stated:
    """A length of time as the text says it."""

    text: str
    amount: int
    unit: str
    start: int
    """Where in the text it starts."""

    @property
    def days(self) -> float:
        return self.amount * _DAYS[self.unit]


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _pattern(numbers: dict[str, int], units: dict[str, str]) -> re.Pattern[str]:
    number = rf"(?P<number>\d+|{_alternatives(numbers)})"
    unit = rf"(?P<unit>{_alternatives(units)})"
    return re.compile(rf"(?<!\w){number}\s+{unit}(?!\w)", re.IGNORECASE)


_PATTERNS = {"en": _pattern(_ENGLISH_NUMBERS, _ENGLISH_UNITS),
             "cy": _pattern(_WELSH_NUMBERS, _WELSH_UNITS)}
_NUMBERS = {"en": _ENGLISH_NUMBERS, "cy": _WELSH_NUMBERS}
_UNITS = {"en": _ENGLISH_UNITS, "cy": _WELSH_UNITS}
# A period the text repeats ("every two weeks", "once a month", "bob wyth wythnos") is how
# often, not how long: not a length.
_REPEATS = {"en": re.compile(r"(?:every|once|twice|times|per)\s+(?:other\s+)?$", re.IGNORECASE),
            "cy": re.compile(r"(?:bob|unwaith|ddwywaith)\s+$", re.IGNORECASE)}


def stated_lengths(text: str, language: str) -> list[Stated]:
    """Each length of time `text` states, in order; `language` is `en` or `cy` (a region,
    `cy_GB`, is its language); other languages state none that can be read."""
    code = re.split(r"[-_]", language, maxsplit=1)[0].lower()
    if code not in _PATTERNS:
        return []
    found = []
    for match in _PATTERNS[code].finditer(text):
        if _REPEATS[code].search(text[max(0, match.start() - 20):match.start()]):
            continue
        number = match.group("number").lower()
        amount = int(number) if number.isdigit() else _NUMBERS[code][number]
        unit = _UNITS[code][match.group("unit").lower()]
        found.append(Stated(match.group(0), amount, unit, match.start()))
    for word, (amount, unit) in _WHOLE[code].items():
        for match in re.finditer(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE):
            if not _REPEATS[code].search(text[max(0, match.start() - 20):match.start()]):
                found.append(Stated(match.group(0), amount, unit, match.start()))
    return sorted(found, key=lambda s: s.start)


def longest(text: str, language: str) -> Stated | None:
    """The longest length of time `text` states, or None."""
    lengths = stated_lengths(text, language)
    return max(lengths, key=lambda s: s.days) if lengths else None
