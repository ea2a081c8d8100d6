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
from bisect import bisect_right
from typing import Any, Callable

from pathwaylang import model as m
from pathwaylang.core.limits import MAX_STAGES, MAX_TEXT_CHARS
from pathwaylang.core.source import Comment
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
"""kind, text, start offset, end offset."""

_DURATION_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}


class GiveUp(Exception):
    """The fast path is not sure; the reference (lark and the lowering stage) must read it."""


def read_model(text: str, file: str) -> tuple[m.PathwayFile, list[Comment]]:
    """The model of a file and its comments; raises `GiveUp` when the reference must read
    the file instead."""
    tokens, comments = _tokenize(text)
    reader = _Reader(text, file, tokens)
    data = reader.file()
    return m.PathwayFile.model_validate(data), [reader.comment(c) for c in comments]


def _tokenize(text: str) -> tuple[list[Token], list[Token]]:
    tokens = [(match.lastgroup, match.group(match.lastgroup), match.start(match.lastgroup),
               match.end()) for match in _TOKEN.finditer(text)]
    if any(token[0] == "OTHER" for token in tokens):
        raise GiveUp("a character no terminal matches")
    comments = [token for token in tokens if token[0] == "COMMENT"]
    if comments:
        tokens = [token for token in tokens if token[0] != "COMMENT"]
    tokens.append(("EOF", "", len(text), len(text)))
    return tokens, comments


class _Reader:
    """A cursor over the tokens, with one method per grammar rule, each returning the
    model's data for it (a dict of fields; a span is a dict too)."""

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

    def statement(self, allowed: tuple[str, ...], what: str) -> str:
        """The keyword that starts a statement inside a block, one of `allowed`."""
        word = self.peek_word()
        if word not in allowed:
            raise GiveUp(f"`{word}` is not {what}")
        self.at += 1
        return word

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
        fields: dict[str, Any] = {
            "kind": kind, "id": self.name(),
            "uses": [], "languages": [], "agencies": [], "roles": [], "evidence": [],
            "entries": [], "stages": [], "outcomes": [], "subpathways": [], "algorithms": [],
            "indicators": [],
        }
        if kind == "pathway" or self.peek("STRING"):
            fields["title"] = self.text()
        items = _PATHWAY_ITEMS if kind == "pathway" else _LIBRARY_ITEMS
        self.block(lambda f: self.file_item(items, f), fields)
        fields["span"] = self.span(first)
        self.expect("EOF")
        if len(fields["stages"]) > MAX_STAGES:
            raise GiveUp("more stages than the limit")
        return fields

    def file_item(self, items: dict[str, Callable], fields: dict[str, Any]) -> None:
        word = self.peek_word()
        if word not in items:
            raise GiveUp(f"`{word}` does not start a statement here")
        self.at += 1
        items[word](self, fields)

    def date(self) -> dict[str, Any]:
        text = self.expect("DATE")
        return {"span": self.span(self.at - 1), "text": text, "value": calendar_date(text)}

    def languages(self, fields: dict[str, Any]) -> None:
        if fields["languages"]:
            raise GiveUp("`languages` given twice")
        names = self.name_list()
        if len({n["value"] for n in names}) != len(names):
            raise GiveUp("a language listed twice")
        fields["languages"] = names

    def use(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
        path = self.text()
        fields["uses"].append({"span": self.span(first), "path": path})

    # ---- shared definitions -----------------------------------------------------------
    def levels(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
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

    def agency(self, fields: dict[str, Any]) -> None:
        fields["agencies"].append(self.definition("name"))

    def role(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
        role = {"id": self.name(), "name": self.text()}
        if self.peek_word() == "at":
            self.at += 1
            role["agency"] = self.name()
        role["span"] = self.span(first)
        fields["roles"].append(role)

    def evidence(self, fields: dict[str, Any]) -> None:
        fields["evidence"].append(self.definition("name", self.evidence_item,
                                                  block_optional=True))

    def evidence_item(self, evidence: dict[str, Any]) -> None:
        word = self.statement(("ages", "source", "url"), "an evidence statement")
        self.once(evidence, word, self.age_range() if word == "ages" else self.text())

    def variance(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
        codes: list[dict[str, Any]] = []
        self.expect("PUNCT", "{")
        while not self.peek("PUNCT", "}"):
            start = self.at
            code, meaning = self.name(("NAME", "INT")), self.text()
            codes.append({"span": self.span(start), "code": code, "meaning": meaning})
        self.at += 1
        self.once(fields, "variance", {"span": self.span(first), "codes": codes})

    def algorithm(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
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
    def entry(self, fields: dict[str, Any]) -> None:
        first = self.at - 1
        ident, description = self.name(), self.text()
        self.expect("PUNCT", "->")
        target = self.name()
        fields["entries"].append({"span": self.span(first), "id": ident,
                                  "description": description, "target": target})

    def stage(self, fields: dict[str, Any]) -> None:
        lists = {key: [] for key in ("with_roles", "entry_criteria", "exclusions", "consent",
                                     "actions", "uses", "evidence", "guidance", "transitions",
                                     "family")}
        fields["stages"].append(self.definition("title", self.stage_item, **lists))

    def stage_item(self, stage: dict[str, Any]) -> None:
        first = self.at
        word = self.peek_word()
        handler = _STAGE_ITEMS.get(word)
        if handler is None:
            raise GiveUp(f"`{word}` is not a stage statement")
        self.at += 1
        handler(self, stage, first)

    def action(self, stage: dict[str, Any], first: int) -> None:
        action = {"text": self.text()}
        if self.peek_word() == "by":
            self.at += 1
            action["by"] = self.name()
        if self.peek_word() == "within":
            self.at += 1
            action["within"] = self.duration()
        action["span"] = self.span(first)
        stage["actions"].append(action)

    def transition(self, stage: dict[str, Any], first: int) -> None:
        kind = self.tokens[first][1]
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

    def family_block(self, owner: dict[str, Any], first: int) -> None:
        family: dict[str, Any] = {}
        if self.peek("NAME"):
            family["language"] = self.name()
        self.block(self.family_item, family)
        family["span"] = self.span(first)
        owner["family"].append(family)

    def family_item(self, family: dict[str, Any]) -> None:
        word = self.statement(("title", "text", "asked", "contact", "icon"), "a family statement")
        self.once(family, word, self.name() if word == "icon" else self.text())

    def outcome(self, fields: dict[str, Any]) -> None:
        fields["outcomes"].append(self.definition("title", self.outcome_item,
                                                  block_optional=True, family=[]))

    def outcome_item(self, outcome: dict[str, Any]) -> None:
        first = self.at
        word = self.peek_word()
        if word == "level":
            self.at += 1
            self.once(outcome, "level", self.name())
        elif word == "family":
            self.at += 1
            self.family_block(outcome, first)
        else:
            raise GiveUp(f"`{word}` is not an outcome statement")

    def subpathway(self, fields: dict[str, Any]) -> None:
        fields["subpathways"].append(self.definition("title", self.subpathway_item))

    def subpathway_item(self, subpathway: dict[str, Any]) -> None:
        word = self.statement(("file", "rejoin"), "a subpathway statement")
        self.once(subpathway, word, self.text() if word == "file" else self.name())

    def indicator(self, fields: dict[str, Any]) -> None:
        fields["indicators"].append(self.definition("name", self.indicator_item))

    def indicator_item(self, indicator: dict[str, Any]) -> None:
        word = self.statement(("measure", "target", "at"), "an indicator statement")
        if word == "measure":
            value = self.text()
        elif word == "target":
            value = self.percent()
        else:
            value = self.name()
        self.once(indicator, word, value)

    def percent(self) -> dict[str, Any]:
        text = self.expect("PERCENT")
        value = float(text[:-1])
        if value > 100:
            raise GiveUp("a target over 100%")
        return {"span": self.span(self.at - 1), "text": text, "value": value}


def _header(key: str, read: Callable[[_Reader], Any]) -> Callable[[_Reader, dict], None]:
    return lambda reader, fields: reader.once(fields, key, read(reader))


_LIBRARY_ITEMS: dict[str, Callable[[_Reader, dict], None]] = {
    "authority": _header("authority", _Reader.text),
    "version": _header("version", _Reader.text),
    "owner": _header("owner", _Reader.text),
    "status": _header("status", lambda reader: reader.closed_word(STATUSES)),
    "developed": _header("developed", _Reader.date),
    "review": _header("review", _Reader.date),
    "ages": _header("ages", _Reader.age_range),
    "languages": _Reader.languages,
    "use": _Reader.use,
    "levels": _Reader.levels,
    "agency": _Reader.agency,
    "role": _Reader.role,
    "evidence": _Reader.evidence,
    "algorithm": _Reader.algorithm,
    "variance": _Reader.variance,
}
_PATHWAY_ITEMS = {
    **_LIBRARY_ITEMS,
    "entry": _Reader.entry,
    "stage": _Reader.stage,
    "outcome": _Reader.outcome,
    "subpathway": _Reader.subpathway,
    "indicator": _Reader.indicator,
}


def _stage_list(key: str) -> Callable:
    return lambda reader, stage, first: stage[key].extend(reader.name_list())


def _stage_text(key: str) -> Callable:
    return lambda reader, stage, first: stage[key].append(reader.text())


def _stage_when(key: str) -> Callable:
    def read(reader: _Reader, stage: dict[str, Any], first: int) -> None:
        reader.keyword("when")
        stage[key].append(reader.text())
    return read


def _stage_once(key: str, read: Callable[[_Reader], Any]) -> Callable:
    return lambda reader, stage, first: reader.once(stage, key, read(reader))


_STAGE_ITEMS: dict[str | None, Callable[[_Reader, dict, int], None]] = {
    "level": _stage_once("level", _Reader.name),
    "lead": _stage_once("lead", _Reader.name),
    "timescale": _stage_once("timescale", _Reader.duration),
    "ages": _stage_once("ages", _Reader.age_range),
    "with": _stage_list("with_roles"),
    "uses": _stage_list("uses"),
    "evidence": _stage_list("evidence"),
    "consent": _stage_text("consent"),
    "guidance": _stage_text("guidance"),
    "entry": _stage_when("entry_criteria"),
    "exclude": _stage_when("exclusions"),
    "action": _Reader.action,
    "exit": _Reader.transition,
    "step": _Reader.transition,
    "refer": _Reader.transition,
    "family": _Reader.family_block,
}
