"""The fast path: source text straight to the model, for files without mistakes.

The grammar (`grammar/pathway.lark`) defines the language, and lark with the lowering stage
is the reference reading of it. But lark's generic machinery (a table-driven parser, a token
object per word, a tree node per rule, positions propagated node by node, then a second walk
to lower the tree) made parsing most of a check's time. This module reads the same grammar by
hand, one function per rule, and builds the model's plain data in one pass; pydantic then
validates the whole file in one call.

It only ever reads a file the reference reads without a finding. Wherever the reference would
say something (a syntax error, an unknown escape, a statement given twice, an unknown status,
a backwards age range, a limit passed) or wherever it is unsure, it gives up, and the loader
runs lark and the lowering stage, which make every finding. `tests/test_fastparse.py` holds
it to the reference: the same model, every span included, and the same comments, on every
`.pwy` file in the repository and on generated, grammar-derived and mutated input.

Keywords are read as lark's contextual lexer reads them: a word is a keyword where the
grammar accepts that keyword next, and a name everywhere else.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from typing import Any, Callable, NamedTuple

from pathwaylang import model as m
from pathwaylang.core.limits import MAX_STAGES, MAX_TEXT_CHARS
from pathwaylang.core.source import Comment
from pathwaylang.core.span import Span, trusted_span
from pathwaylang.syntax.statements import (
    AGES, DATE, DURATION, NAME, NAMES, OWN, PERCENT, STATUS, TEXT, list_fields, statement,
)
from pathwaylang.syntax.values import (
    DOMAINS, STATUSES, apply_escapes, calendar_date, duration_unit, has_unknown_escape,
    string_body,
)

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


def read_model(text: str, file: str) -> tuple[m.PathwayFile, list[Comment]]:
    """The model of a file and its comments; raises `GiveUp` when the reference must read
    the file instead."""
    tokens, comments = _tokenize(text)
    reader = _Reader(text, file, tokens)
    data = reader.file()
    comments = [reader.comment(c) for c in comments]
    del tokens, reader  # the model is built from `data` alone: free the tokens first (memory)
    return m.PathwayFile.model_validate(data), comments


def _tokenize(text: str) -> tuple[Tokens, list[Token]]:
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


class _Reader:
    """A cursor over the tokens, with one method per grammar rule, each returning the
    model's data for it: a dict of fields, or, for spans, names and texts, the model's own
    objects, made once and kept by the model as they are."""

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

    def statement(self, block: str, fields: dict[str, Any]) -> None:
        """One statement of `block`, stored in its field as the statement table says; a
        statement of its own shape by its `read_<rule>` method."""
        first = self.at
        found = statement(block, self.peek_word() or "")
        if found is None:
            raise GiveUp(f"`{self.peek_word()}` does not start a {block} statement")
        self.at += 1
        if found.value == OWN:
            getattr(self, "read_" + found.rule)(fields, first)
            return
        for word in found.words:
            self.keyword(word)
        value = _VALUES[found.value](self)
        if not found.repeat:
            self.once(fields, found.field, value)
        elif found.value == NAMES:
            fields[found.field].extend(value)
        else:
            fields[found.field].append(value)

    def items(self, block: str) -> Callable[[dict[str, Any]], None]:
        return lambda fields: self.statement(block, fields)

    def definition(self, label: str, item: Callable[[dict[str, Any]], None] | None = None,
                   block_optional: bool = False, **fields: Any) -> dict[str, Any]:
        """`KEYWORD NAME STRING`, then `{ item* }` (optional where `block_optional`); the
        keyword was just read."""
        first = self.at - 1
        node = {"id": self.name(), label: self.text(), **fields}
        if item is not None and (not block_optional or self.peek("PUNCT", "{")):
            self.block(item, node)
        node["span"] = self.span(first)
        return node

    @staticmethod
    def once(fields: dict[str, Any], key: str, value: Any) -> None:
        """A single-valued statement; given twice, the reference reports it."""
        if fields.get(key) is not None:
            raise GiveUp(f"`{key}` given twice")
        fields[key] = value

    def block(self, item: Callable[[dict[str, Any]], None], fields: dict[str, Any]) -> None:
        """`{ item* }`, each item read into `fields`."""
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            item(fields)
        self.at += 1

    # ---- files ------------------------------------------------------------------------
    def file(self) -> dict[str, Any]:
        first = self.at
        kind = self.peek_word()
        if kind not in ("pathway", "library"):
            raise GiveUp("a file starts with `pathway` or `library`")
        self.at += 1
        fields: dict[str, Any] = {"kind": kind, "id": self.name(),
                                  **{key: [] for key in list_fields(kind)}}
        if kind == "pathway" or self.peek("STRING"):
            fields["title"] = self.text()
        self.block(self.items(kind), fields)
        fields["span"] = self.span(first)
        self.expect("EOF")
        if len(fields["stages"]) > MAX_STAGES:
            raise GiveUp("more stages than the limit")
        return fields

    def date(self) -> dict[str, Any]:
        text = self.expect("DATE")
        return {"span": self.span(self.at - 1), "text": text, "value": calendar_date(text)}

    def read_languages(self, fields: dict[str, Any], first: int) -> None:
        if fields["languages"]:
            raise GiveUp("`languages` given twice")
        names = self.name_list()
        if len({n.value for n in names}) != len(names):
            raise GiveUp("a language listed twice")
        fields["languages"] = names

    def read_use(self, fields: dict[str, Any], first: int) -> None:
        path = self.text()
        fields["uses"].append({"span": self.span(first), "path": path})

    # ---- shared definitions -----------------------------------------------------------
    def read_levels(self, fields: dict[str, Any], first: int) -> None:
        levels: list[dict[str, Any]] = []
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            start = self.at
            ident, label = self.name(), self.text()
            self.keyword("domain")
            domain = self.closed_word(DOMAINS)
            levels.append({"span": self.span(start), "id": ident, "label": label,
                           "domain": domain, "rank": len(levels)})
        self.at += 1
        self.once(fields, "levels", {"span": self.span(first), "levels": levels})

    def read_agency(self, fields: dict[str, Any], first: int) -> None:
        fields["agencies"].append(self.definition("name"))

    def read_role(self, fields: dict[str, Any], first: int) -> None:
        role = {"id": self.name(), "name": self.text()}
        if self.peek_word() == "at":
            self.at += 1
            role["agency"] = self.name()
        role["span"] = self.span(first)
        fields["roles"].append(role)

    def read_evidence(self, fields: dict[str, Any], first: int) -> None:
        fields["evidence"].append(self.definition("name", self.items("evidence"),
                                                  block_optional=True))

    def read_variance(self, fields: dict[str, Any], first: int) -> None:
        codes: list[dict[str, Any]] = []
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            start = self.at
            code, meaning = self.name(("NAME", "INT")), self.text()
            codes.append({"span": self.span(start), "code": code, "meaning": meaning})
        self.at += 1
        self.once(fields, "variance", {"span": self.span(first), "codes": codes})

    def read_algorithm(self, fields: dict[str, Any], first: int) -> None:
        ident, title = self.name(), self.text()
        questions: list[dict[str, Any]] = []
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            questions.append(self.question())
        self.at += 1
        fields["algorithms"].append({"span": self.span(first), "id": ident, "title": title,
                                     "questions": questions})

    def question(self) -> dict[str, Any]:
        first = self.at
        self.keyword("ask")
        ident, text = self.name(), self.text()
        answers: list[dict[str, Any]] = []
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            answers.append(self.answer())
        self.at += 1
        return {"span": self.span(first), "id": ident, "text": text, "answers": answers}

    def answer(self) -> dict[str, Any]:
        first = self.at
        answer = self.name()
        self.expect("PUNCT", "->")
        step = None
        word = self.peek_word()  # after `->` these three words are keywords, as in lark
        if word in ("ask", "goto", "do"):
            start = self.at
            self.at += 1
            step = ({"kind": "do", "action": self.text()} if word == "do"
                    else {"kind": word, "target": self.name()})
            step["span"] = self.span(start)
        return {"span": self.span(first), "answer": answer, "step": step}

    # ---- the pathway ------------------------------------------------------------------
    def read_entry_decl(self, fields: dict[str, Any], first: int) -> None:
        ident, description = self.name(), self.text()
        self.expect("PUNCT", "->")
        target = self.name()
        fields["entries"].append({"span": self.span(first), "id": ident,
                                  "description": description, "target": target})

    def read_stage(self, fields: dict[str, Any], first: int) -> None:
        lists = {key: [] for key in list_fields("stage")}
        fields["stages"].append(self.definition("title", self.items("stage"), **lists))

    def read_stage_action(self, stage: dict[str, Any], first: int) -> None:
        action = {"text": self.text()}
        if self.peek_word() == "by":
            self.at += 1
            action["by"] = self.name()
        if self.peek_word() == "within":
            self.at += 1
            action["within"] = self.duration()
        action["span"] = self.span(first)
        stage["actions"].append(action)

    def read_transition(self, stage: dict[str, Any], first: int) -> None:
        kind = self.values[first]
        if kind == "step":
            direction = self.peek_word()
            if direction not in ("up", "down"):
                raise GiveUp("`step` without `up` or `down`")
            self.at += 1
            kind = f"step {direction}"
        self.keyword("to")
        transition = {"kind": kind, "target": self.name()}
        if self.peek_word() == "when":
            self.at += 1
            transition["when"] = self.text()
        transition["span"] = self.span(first)
        stage["transitions"].append(transition)

    def read_family_block(self, owner: dict[str, Any], first: int) -> None:
        family: dict[str, Any] = {}
        if self.peek("NAME"):
            family["language"] = self.name()
        self.block(self.items("family"), family)
        family["span"] = self.span(first)
        owner["family"].append(family)

    def read_header_family(self, owner: dict[str, Any], first: int) -> None:
        family: dict[str, Any] = {}
        if self.peek("NAME"):
            family["language"] = self.name()
        self.block(self.items("header family"), family)
        family["span"] = self.span(first)
        owner["family"].append(family)

    def read_outcome(self, fields: dict[str, Any], first: int) -> None:
        lists = {key: [] for key in list_fields("outcome")}
        fields["outcomes"].append(self.definition("title", self.items("outcome"),
                                                  block_optional=True, **lists))

    def read_subpathway(self, fields: dict[str, Any], first: int) -> None:
        fields["subpathways"].append(self.definition("title", self.items("subpathway")))

    def read_indicator(self, fields: dict[str, Any], first: int) -> None:
        fields["indicators"].append(self.definition("name", self.items("indicator")))

    def percent(self) -> dict[str, Any]:
        text = self.expect("PERCENT")
        value = float(text[:-1])
        if value > 100:
            raise GiveUp("a target over 100%")
        return {"span": self.span(self.at - 1), "text": text, "value": value}



_VALUES: dict[str, Callable[[_Reader], Any]] = {
    TEXT: _Reader.text, NAME: _Reader.name, NAMES: _Reader.name_list, DATE: _Reader.date,
    STATUS: lambda reader: reader.closed_word(STATUSES), AGES: _Reader.age_range,
    DURATION: _Reader.duration, PERCENT: _Reader.percent,
}
"""How the fast reader reads each kind of value the statement table names."""
