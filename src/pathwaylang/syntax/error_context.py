"""What every syntax-error message builder needs: the text the parser saw, what it
expected, and which statement a position is in (errors.py and misplaced.py use it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from lark import Token

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.source import SourceFile
from pathwaylang.core.span import Span
from pathwaylang.core.wording import closest
from pathwaylang.syntax.blocks import (BLOCK_STATEMENTS, LINE_USAGE, PARTS, STATEMENTS, USAGE,
                                       OpenBlock, innermost_open_block, usage)

UNIT_PHRASES = ["day", "days", "working day", "working days", "week", "weeks", "month",
                "months", "year", "years"]


Repair = tuple[int, int] | None
"""A character range to blank out before parsing again."""


TERMINAL_WORDS = {
    "NAME": "a name",
    "STRING": 'text in double quotes',
    "DATE": "a date like 2012-09-01",
    "INT": "a whole number",
    "PERCENT": "a percentage like 80%",
    "$END": "the end of the file",
}


QUOTES = {"'": "single quote", "\u2018": "curly quote", "\u2019": "curly quote",
           "\u201c": "curly quote", "\u201d": "curly quote"}


@dataclass
class ErrorContext:
    """What every message builder needs: the file, the text the parser saw, the keywords."""

    source: SourceFile
    text: str
    literals: Mapping[str, str]

    @property
    def keywords(self) -> set[str]:
        return {w for w in self.literals.values() if w.isidentifier()}

    def word(self, terminal: str) -> str:
        if terminal in TERMINAL_WORDS:
            return TERMINAL_WORDS[terminal]
        literal = self.literals.get(terminal)
        return f"`{literal}`" if literal else terminal.lower()

    def line_of(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def span_at(self, offset: int, width: int = 1) -> Span:
        line, column = self.line_of(offset)
        return Span.point(self.source.display, line, column, max(1, width))


def syntax_finding(message: str, span: Span, hint: str | None = None, labels=()) -> Diagnostic:
    return Diagnostic("syntax", Severity.ERROR, message, span, tuple(labels), hint)


def join_choices(words: list[str]) -> str:
    words = list(dict.fromkeys(words))  # a stage's `family` block and the header's are one home
    if len(words) == 1:
        return words[0]
    if len(words) > 8:
        return "one of " + ", ".join(words[:8]) + ", ..."
    prefix = "one of " if len(words) > 2 else ""
    return prefix + ", ".join(words[:-1]) + " or " + words[-1]


def expected_list(ctx: ErrorContext, expected: set[str], block: OpenBlock | None = None) -> str:
    keywords = sorted(w for w in (ctx.literals.get(e, "") for e in expected) if w.isidentifier())
    others = sorted(ctx.word(e) for e in expected
                    if not ctx.literals.get(e, "").isidentifier() and e != "COMMENT")
    statements = [k for k in keywords if block and k in BLOCK_STATEMENTS.get(block.keyword, ())]
    if len(statements) >= 3:
        # Where a statement may start, name that, not every keyword that could start one.
        keywords = [k for k in keywords if k not in statements]
        others.append("a new statement")
    return join_choices([f"`{k}`" for k in keywords] + others)


def close_word(word: str, candidates: list[str]) -> str | None:
    """The candidate `word` was probably meant to be: letters swapped, or nearly the same."""
    lowered = word.lower()
    for candidate in candidates:
        if len(word) > 2 and sorted(candidate) == sorted(lowered):
            return candidate
    return closest(lowered, candidates)


def relevant_expected(ctx: ErrorContext, expected: set[str], block: "OpenBlock | None") -> set[str]:
    """Drop statements that cannot go in this block: the LALR tables share states between
    blocks, so lark's list for a stage can name pathway statements too."""
    allowed = set(BLOCK_STATEMENTS.get(block.keyword, ())) if block else set()
    kept = set()
    for terminal in expected:
        word = ctx.literals.get(terminal, "")
        if word in STATEMENTS and word not in PARTS and word not in allowed:
            continue
        if terminal == "$END" and block is not None:
            continue
        kept.add(terminal)
    return kept


def keywords_expected(ctx: ErrorContext, expected: set[str]) -> list[str]:
    return sorted(w for w in (ctx.literals.get(e, "") for e in expected) if w.isidentifier())


def line_repair(ctx: ErrorContext, line: int) -> Repair:
    """Blank line `line`, unless that would change which blocks are open."""
    lines = ctx.text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    body = lines[line - 1]
    if '"""' in body or "{" in body or "}" in body:
        return None
    start = sum(len(text) + 1 for text in lines[: line - 1])
    return start, start + len(body)


def token_span(ctx: ErrorContext, token: Token) -> Span:
    width = max(1, len(str(token).split("\n")[0]))
    return Span.point(ctx.source.display, token.line, token.column, width)


def describe_token(ctx: ErrorContext, token: Token) -> str:
    if token.type in ("NAME", "INT", "DATE", "PERCENT"):
        return f"`{token}`"
    if token.type == "STRING":
        return "a string"
    return ctx.word(token.type)


def keyword_of(ctx: ErrorContext, token: Token) -> str:
    """The keyword a token spells, whether the lexer read it as one or as a name."""
    word = ctx.literals.get(token.type)
    if word is None and token.type == "NAME" and str(token) in ctx.keywords:
        word = str(token)
    return word or ""


def where_in(block: "OpenBlock") -> str:
    return f"inside the {block.describe()}"


def text_before(ctx: ErrorContext, token: Token) -> str:
    """The text before `token`, comments blanked: spaces of the same length, so an offset
    found in it is an offset in the file (removing them moved every position after one)."""
    return re.sub(r"#[^\n]*", lambda comment: " " * len(comment.group(0)),
                  ctx.text[: token.start_pos])


def first_on_line(ctx: ErrorContext, token: Token) -> bool:
    start = ctx.text.rfind("\n", 0, token.start_pos) + 1
    return not ctx.text[start: token.start_pos].strip()


def starts_statement(ctx: ErrorContext, token: Token) -> bool:
    """First on its line, or straight after a `{`, `}` or a string."""
    before = text_before(ctx, token).rstrip(" \t")
    return not before or before[-1] in '\n{}"'


def first_word(line: str) -> str | None:
    match = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", line)
    return match.group(1) if match else None


def previous_statement(ctx: ErrorContext, token: Token) -> tuple[str, int] | None:
    """The keyword starting the nearest line above `token` that has code, and its line."""
    block = innermost_open_block(ctx.text, token.start_pos or 0)
    allowed = BLOCK_STATEMENTS.get(block.keyword, ()) if block else ()
    lines = ctx.text.split("\n")
    for number in range(token.line - 1, 0, -1):
        code = lines[number - 1].split("#", 1)[0]
        if code.strip():
            word = first_word(code)
            return (word, number) if word in allowed else None
    return None


def usage_hint(ctx: ErrorContext, offset: int, line: int) -> str | None:
    """"write it as `...`" for the statement on `line`, when its first word says which."""
    block = innermost_open_block(ctx.text, offset)
    kind = block.keyword if block else None
    if kind in LINE_USAGE:
        return f"write it as `{LINE_USAGE[kind]}`"
    word = first_word(ctx.text.split("\n")[line - 1].split("#", 1)[0])
    allowed = BLOCK_STATEMENTS.get(kind, ("pathway", "library")) if kind else \
        ("pathway", "library")
    if word in allowed and word in USAGE:
        return f"write it as `{usage(kind or '', word)}`"
    return None


def unfinished_repair(ctx: ErrorContext, token: Token) -> Repair:
    previous = previous_statement(ctx, token)
    return line_repair(ctx, previous[1]) if previous else None
