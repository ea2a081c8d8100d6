"""Welsh grammar the leaflets need: initial mutations and the noun after a number.

Initial mutations change a word's first sound after certain words: `gan` (by) causes the soft
mutation ("Taflen gan Gyngor Sir Dylan"), `tua` (about) and `na` (than) the aspirate
("tua phum wythnos", "mwy na thua 3 wythnos"). A count keeps its noun singular, and the
noun's form follows the last numeral said before it, in the traditional (vigesimal) way years
are counted: 17 is "dwy ar bymtheg", so "dwy flynedd ar bymtheg", written "17 flynedd".
"""

from __future__ import annotations

# Radical -> mutated, longest radical first when matching. Digraphs that are letters of
# their own (ch, dd, ff, ng, ph, th) never mutate, so they are listed as unchanged.
_SOFT = {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "",
         "m": "f"}
_ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
_NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
_LETTERS = ("ch", "dd", "ff", "ng", "ph", "th")
MUTATIONS = {"soft": _SOFT, "aspirate": _ASPIRATE, "nasal": _NASAL}


def mutate_word(word: str, kind: str) -> str:
    """`word` with its first sound mutated (`soft`, `aspirate` or `nasal`); a capital stays
    a capital: Cyngor -> Gyngor, Llywodraeth -> Lywodraeth, Gwasanaeth -> Wasanaeth."""
    lower = word.lower()
    if any(lower.startswith(letter) for letter in _LETTERS):
        return word
    table = MUTATIONS[kind]
    for radical in sorted(table, key=len, reverse=True):
        if lower.startswith(radical):
            mutated = table[radical] + word[len(radical):]
            if word[:1].isupper() and mutated:
                mutated = mutated[0].upper() + mutated[1:]
            return mutated
    return word


def mutate(phrase: str, kind: str) -> str:
    """The phrase with its first word mutated; the rest as written."""
    first, space, rest = phrase.partition(" ")
    return mutate_word(first, kind) + space + rest


# ---- counts -------------------------------------------------------------------------

FEMININE = {"year", "week"}
"""Units whose Welsh noun is feminine (blwyddyn, wythnos): said with dwy, tair, pedair."""

# The form of `blwyddyn` after the last numeral said, by that numeral's value in the
# traditional count (1..19 and the multiples of twenty): after dwy it is soft-mutated, after
# tair, pedair and chwe radical, after the rest (pum, saith, wyth, naw, deng, un ... ar ddeg,
# deuddeng, pymtheng, deunaw, ugain ...) nasalised.
_YEAR_AFTER = {2: "flynedd", 3: "blynedd", 4: "blynedd", 6: "blynedd", 13: "blynedd",
               14: "blynedd", 17: "flynedd", 19: "blynedd"}


def last_numeral(n: int) -> int:
    """The value of the last numeral said before the noun, counting traditionally: up to 19
    a number is one numeral ("dwy ar bymtheg" counts as 17, said before the noun), above
    it the part before "ar hugain", "a deugain" ... (22: "dwy flynedd ar hugain" -> 2); a
    whole score or hundred is its own numeral (0 here)."""
    if n < 20:
        return n
    return (n % 100) % 20


def year_noun(n: int) -> str:
    """blwyddyn after `n`: 1 flwyddyn, 2 flynedd, 3 blynedd, 5 mlynedd, 13 blynedd,
    17 flynedd, 20 mlynedd, 22 flynedd, 26 blynedd."""
    if n == 1:
        return "flwyddyn"
    return _YEAR_AFTER.get(last_numeral(n), "mlynedd")


def masculine_noun(n: int, noun: str) -> str:
    """A masculine noun (diwrnod, mis) after `n`: soft-mutated after dau (2, and 17, 22, 42
    ..., said "dau ... ar bymtheg / ar hugain"), otherwise radical. (Literary Welsh nasalises
    diwrnod after pum, saith, wyth, naw and deng; Welsh Government writes `10 diwrnod`, and so
    do we.)"""
    if n != 1 and last_numeral(n) in (2, 17):
        return mutate(noun, "soft")
    return noun


def count_noun(n: int, unit: str) -> str:
    """The Welsh noun for `unit` after the number `n`."""
    if unit == "year":
        return year_noun(n)
    if unit == "week":
        return "wythnos"  # w- does not mutate
    noun = {"day": "diwrnod", "working day": "diwrnod gwaith", "month": "mis"}[unit]
    return masculine_noun(n, noun)


ONE = {"day": "diwrnod", "working day": "diwrnod gwaith", "week": "wythnos", "month": "mis",
       "year": "blwyddyn"}
"""One of a unit, said without a number ("tua wythnos", "about a week")."""
