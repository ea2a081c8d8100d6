"""How findings word lists and guesses: "a, b and c", "did you mean", "the roles are ...".

One module, so every message lists and guesses the same way (one cut-off for a guess,
one limit for listing the choices).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

CLOSE_ENOUGH = 0.7
"""How alike (difflib's ratio) a name must be to another to be offered as a guess."""
FILE_NAME_CLOSE_ENOUGH = 0.5
"""For file names, which often differ by a prefix (`wales-comon` for `common`)."""
LISTED_CHOICES = 6
"""The most choices a hint lists; past that it says what kind of thing to use instead."""


def join_words(words: Sequence[str], last: str = "and") -> str:
    """`a`; `a and b`; `a, b and c` (or `or`)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def quoted(names: Iterable[str]) -> list[str]:
    """Names in backticks, as messages show them."""
    return [f"`{name}`" for name in names]


def closest(word: str, candidates: Iterable[str], cutoff: float = CLOSE_ENOUGH) -> str | None:
    """The candidate `word` was most likely meant to be, or None when none is close."""
    import difflib  # only when a name is unknown: most checks never guess

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """`did you mean `x`?` for the closest candidate, or None."""
    guess = closest(word, candidates)
    return f"did you mean `{guess}`?" if guess is not None else None


def few_enough(names: Sequence[str]) -> bool:
    """Whether a hint may list every one of `names`."""
    return 0 < len(names) <= LISTED_CHOICES
