"""The fast reader's tokens and cursor: the grammar's terminals as one regular expression,
and a cursor over the tokens that reads each kind of value (names, texts, durations,
dates...) to the model's plain data, giving up (`GiveUp`) wherever it is unsure. Spans,
names and texts are made as the model's own objects, once; the model keeps them as they are."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from typing import Any, Callable, NamedTuple

from pathwaylang import model as m
from pathwaylang.core.limits import MAX_TEXT_CHARS
from pathwaylang.core.source import Comment
from pathwaylang.core.span import Span, trusted_span
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
"""kind, text, start offset, end offset (a comment)."""


class Tokens(NamedTuple):
    """The tokens in four columns rather than a tuple each: at 10,000 stages (about 500,000
    tokens) a tuple and two int objects a token were some 65 MiB more (docs/performance.md)."""

    kinds: list[str]
    values: list[str]
    starts: array
    ends: array

_DURATION_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}


class GiveUp(Exception):
    """The fast path is not sure; the reference (lark and the lowering stage) must read it."""


def tokenize(text: str) -> tuple[Tokens, list[Token]]:
    tokens = Tokens([], [], array("q"), array("q"))
    kinds, values, starts, ends = tokens
    comments: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "COMMENT":
            comments.append((kind, match.group(kind), match.start(kind), match.end()))
            continue
        if kind == "OTHER":
            raise GiveUp("a character no terminal matches")
        kinds.append(kind)
        values.append(match.group(kind))
        starts.append(match.start(kind))
        ends.append(match.end())
    for column, value in zip(tokens, ("EOF", "", len(text), len(text))):
        column.append(value)
    return tokens, comments


class Cursor:
    """A cursor over the tokens, reading one value at a time; the reader's rules build on it."""

    def __init__(self, text: str, file: str, tokens: Tokens):
        self.file_name = file
        self.kinds, self.values, self.starts, self.ends = tokens
        self.at = 0
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    # ---- positions ------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, first: int, last: int | None = None) -> Span:
        """The span from token `first` to token `last` (default: the one last read)."""
        last = self.at - 1 if last is None else last
        line, column = self.position(self.starts[first])
        end_line, end_column = self.position(self.ends[last])
        return trusted_span(self.file_name, line, column, end_line, end_column)

    def comment(self, token: Token) -> Comment:
        return Comment(*self.position(token[2]), token[1])

    # ---- reading tokens -----------------------------------------------------------------
    def peek_word(self) -> str | None:
        return self.values[self.at] if self.kinds[self.at] == "NAME" else None

    def peek(self, kind: str, value: str | None = None) -> bool:
        at = self.at
        return self.kinds[at] == kind and (value is None or self.values[at] == value)

    def expect(self, kind: str, value: str | None = None) -> str:
        at = self.at
        if self.kinds[at] != kind or (value is not None and self.values[at] != value):
            raise GiveUp(f"expected {value or kind} at offset {self.starts[at]}")
        self.at += 1
        return self.values[at]

    def keyword(self, word: str) -> None:
        self.expect("NAME", word)

    def name(self, kinds: tuple[str, ...] = ("NAME",)) -> m.Name:
        kind, value = self.kinds[self.at], self.values[self.at]
        if kind not in kinds:
            raise GiveUp(f"expected a name at offset {self.starts[self.at]}")
        self.at += 1
        return m.trusted_name(self.span(self.at - 1), value)

    def text(self) -> m.Text:
        raw = self.expect("STRING")
        body = string_body(raw)
        if len(body) > MAX_TEXT_CHARS:
            raise GiveUp("a text over the limit")
        if "\\" in body:
            if has_unknown_escape(body):
                raise GiveUp("an unknown escape")
            body = apply_escapes(body)
        return m.trusted_text(self.span(self.at - 1), body)

    def integer(self) -> int:
        return int(self.expect("INT"))

    def name_list(self) -> list[m.Name]:
        names = [self.name()]
        while self.peek("PUNCT", ","):
            self.at += 1
            names.append(self.name())
        return names

    def closed_word(self, allowed: list[str]) -> m.Name:
        word = self.name()
        if word.value not in allowed:
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
