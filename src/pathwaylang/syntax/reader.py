"""The fast path: source text straight to the model, for files without mistakes.

The grammar (`grammar/pathway.lark`) defines the language, and lark with the lowering stage
is the reference reading of it. But lark's generic machinery (a table-driven parser, a token
object per word, a tree node per rule, positions propagated node by node, then a second walk
to lower the tree) made parsing most of a check's time. This module reads the same grammar by
hand (its tokens and values in `reader_cursor.py`), one function per rule, and builds the model's plain data in one pass; pydantic then
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

from typing import Any, Callable

from pathwaylang import model as m
from pathwaylang.core.limits import MAX_STAGES
from pathwaylang.core.source import Comment
from pathwaylang.syntax.reader_cursor import VALUES, Cursor, GiveUp, tokenize
from pathwaylang.syntax.statements import NAMES, OWN, list_fields, statement
from pathwaylang.syntax.values import DOMAINS


def read_model(text: str, file: str) -> tuple[m.PathwayFile, list[Comment]]:
    """The model of a file and its comments; raises `GiveUp` when the reference must read
    the file instead."""
    tokens, comments = tokenize(text)
    reader = _Reader(text, file, tokens)
    data = reader.file()
    comments = [reader.comment(c) for c in comments]
    del tokens, reader  # the model is built from `data` alone: free the tokens first (memory)
    return m.PathwayFile.model_validate(data), comments


class _Reader(Cursor):
    """The cursor (reader_cursor.py) with one method per grammar rule, each returning the
    model's data for it (a dict of fields; a span is a dict too)."""

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
        value = VALUES[found.value](self)
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

    def read_stage_repeats(self, stage: dict[str, Any], first: int) -> None:
        self.keyword("every")
        every = self.duration()
        self.keyword("for")
        during = self.duration()
        repeat = m.Repeat.model_validate({"span": self.span(first), "every": every,
                                          "during": during})
        if repeat.every.approx_days > repeat.during.approx_days:
            raise GiveUp("a stage that never repeats")
        self.once(stage, "repeats", {"span": self.span(first), "every": every,
                                     "during": during})

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

    def read_indicator_count(self, fields: dict[str, Any], first: int) -> None:
        shape = self.peek_word()
        self.at += 1
        if shape == "visits":
            self.keyword("to")
            count = {"kind": "within", "stage": self.name()}
        elif shape == "families":
            self.keyword("reaching")
            count = {"kind": "reaching", "stage": self.name()}
            self.keyword("from")
            count["source"] = self.name()
        else:
            raise GiveUp("`count` without `visits` or `families`")
        self.keyword("within")
        count["within"] = self.duration()
        count["span"] = self.span(first)
        self.once(fields, "counts", count)
