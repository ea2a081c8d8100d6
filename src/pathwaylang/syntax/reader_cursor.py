"""The fast reader's tokens and cursor: the grammar's terminals as one regular expression,
and a cursor over the tokens that reads each kind of value (names, texts, durations,
dates...) to the model's plain data, giving up (`GiveUp`) wherever it is unsure."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Callable

from pathwaylang.core.limits import MAX_TEXT_CHARS
from pathwaylang.core.source import Comment
from pathwaylang.syntax.statements import AGES, DATE, DURATION, NAME, NAMES, PERCENT, STATUS, TEXT
from pathwaylang.syntax.values import (STATUSES, apply_escapes, calendar_date, duration_unit,
                                       has_unknown_escape, string_body)

# The grammar's terminals, in the order lark tries them (priority, then as written);
# tests/test_fastparse.py checks each pattern against the grammar's.
TERMINALS = {
    "STRING": r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"',
    "DATE": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "PERCENT": r"[0-9]+(\.[0-9]+)?%",
    "INT": r"[0-9]+",
    "NAME": r"[A-Za-z_][A-Za-z0-9_]*",
    "COMMENT": r"#[^\n]*",
}
WHITESPACE = r"[ \t\f\r\n]"
"""The grammar's other `%ignore` pattern (a run of these)."""
PUNCTUATION = ("->", "{", "}", ",")
_TOKEN = re.compile(f"{WHITESPACE}*(?:" + "|".join(
    [f"(?P<{kind}>{pattern})" for kind, pattern in TERMINALS.items()]
    + [f"(?P<PUNCT>{'|'.join(map(re.escape, PUNCTUATION))})",
       f"(?P<OTHER>[^{WHITESPACE[1:]})"]
) + ")")
"""Whitespace (the grammar's `%ignore`), then one token. `OTHER` takes any character no
terminal matches, so no character is ever skipped unseen."""

Token = tuple[str, str, int, int]
"""kind, text, start offset, end offset."""

_DURATION_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}


class GiveUp(Exception):
    """The fast path is not sure; the reference (lark and the lowering stage) must read it."""


def tokenize(text: str) -> tuple[list[Token], list[Token]]:
    tokens = [(match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup),
               match.end()) for match in _TOKEN.finditer(text)]
    if any(token[0] == "OTHER" for token in tokens):
        raise GiveUp("a character no terminal matches")
    comments = [token for token in tokens if token[0] == "COMMENT"]
    if comments:
        tokens = [token for token in tokens if token[0] != "COMMENT"]
    tokens.append(("EOF", "", len(text), len(text)))
    return tokens, comments


class Cursor:
    """A cursor over the tokens, reading one value at a time; the reader's rules build on it."""

    def __init__(self, text: str, file: str, tokens: list[Token]):
        self.file_name = file
        self.tokens = tokens
        self.at = 0
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    # ---- positions ------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, first: int, last: int | None = None) -> dict[str, Any]:
        """The span from token `first` to token `last` (default: the one last read)."""
        last = self.at - 1 if last is None else last
        line, column = self.position(self.tokens[first][2])
        end_line, end_column = self.position(self.tokens[last][3])
        return {"file": self.file_name, "line": line, "column": column,
                "end_line": end_line, "end_column": end_column}

    def comment(self, token: Token) -> Comment:
        return Comment(*self.position(token[2]), token[1])

    # ---- reading tokens -----------------------------------------------------------------
    def peek_word(self) -> str | None:
        kind, value, _, _ = self.tokens[self.at]
        return value if kind == "NAME" else None

    def peek(self, kind: str, value: str | None = None) -> bool:
        token = self.tokens[self.at]
        return token[0] == kind and (value is None or token[1] == value)

    def expect(self, kind: str, value: str | None = None) -> str:
        token = self.tokens[self.at]
        if token[0] != kind or (value is not None and token[1] != value):
            raise GiveUp(f"expected {value or kind} at offset {token[2]}")
        self.at += 1
        return token[1]

    def keyword(self, word: str) -> None:
        self.expect("NAME", word)

    def name(self, kinds: tuple[str, ...] = ("NAME",)) -> dict[str, Any]:
        kind, value, _, _ = self.tokens[self.at]
        if kind not in kinds:
            raise GiveUp(f"expected a name at offset {self.tokens[self.at][2]}")
        self.at += 1
        return {"span": self.span(self.at - 1), "value": value}

    def text(self) -> dict[str, Any]:
        raw = self.expect("STRING")
        body = string_body(raw)
        if len(body) > MAX_TEXT_CHARS:
            raise GiveUp("a text over the limit")
        if "\\" in body:
            if has_unknown_escape(body):
                raise GiveUp("an unknown escape")
            body = apply_escapes(body)
        return {"span": self.span(self.at - 1), "value": body}

    def integer(self) -> int:
        return int(self.expect("INT"))

    def name_list(self) -> list[dict[str, Any]]:
        names = [self.name()]
        while self.peek("PUNCT", ","):
            self.at += 1
            names.append(self.name())
        return names

    def closed_word(self, allowed: list[str]) -> dict[str, Any]:
        word = self.name()
        if word["value"] not in allowed:
            raise GiveUp("a word outside its closed list")
        return word

    def age_range(self) -> dict[str, Any]:
        first = self.at
        low = self.integer()
        self.keyword("to")
        high = self.integer()
        if low > high:
            raise GiveUp("a backwards age range")
        return {"span": self.span(first), "low": low, "high": high}

    def duration(self) -> dict[str, Any]:
        first = self.at
        amount = self.integer()
        words = []
        if self.peek_word() == "working":
            words.append(self.expect("NAME"))
            if self.peek_word() not in ("day", "days"):
                raise GiveUp("`working` without `day`")
        if self.peek_word() not in _DURATION_UNITS:
            raise GiveUp("a duration without a unit")
        words.append(self.expect("NAME"))
        return {"span": self.span(first), "amount": amount, "unit": duration_unit(words)}

    def date(self) -> dict[str, Any]:
        text = self.expect("DATE")
        return {"span": self.span(self.at - 1), "text": text, "value": calendar_date(text)}

    def percent(self) -> dict[str, Any]:
        text = self.expect("PERCENT")
        value = float(text[:-1])
        if value > 100:
            raise GiveUp("a target over 100%")
        return {"span": self.span(self.at - 1), "text": text, "value": value}


VALUES: dict[str, Callable[[Cursor], Any]] = {
    TEXT: Cursor.text, NAME: Cursor.name, NAMES: Cursor.name_list, DATE: Cursor.date,
    STATUS: lambda reader: reader.closed_word(STATUSES), AGES: Cursor.age_range,
    DURATION: Cursor.duration, PERCENT: Cursor.percent,
}
"""How the fast reader reads each kind of value the statement table names."""
