"""A faster lexer for lark's LALR parser, for files without syntax errors.

lark's contextual lexer tries every terminal of the parser's state at each token; on a large
pathway that was half of the parse time. This lexer matches one regular expression made of
the grammar's own terminals (in lark's priority order) and asks the parser's state only the
question the contextual lexer answers: is this word a keyword here, or a name? It yields the
same tokens, with the same positions, whenever the file parses (tests/test_fastlex.py checks
the trees against lark's own lexer on every example and on fuzzed input).

On anything it is not sure of (a terminal the state does not accept, a character no terminal
matches) it gives up, and `parser.parse` runs lark's own lexer, whose errors the syntax
findings are made from. So a file with a mistake costs one extra, partial, pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lark import Lark, Token

_WHITESPACE = "[ \t\f\r\n]+"
"""The grammar's `%ignore` pattern (besides comments)."""


class GiveUp(Exception):
    """The fast lexer is not sure; lark's own lexer must decide."""


class _Tables:
    """What the lexer needs from a grammar: one pattern, the keywords, the ignored terminals
    and their callbacks."""

    def __init__(self, lark: Lark):
        keywords: dict[str, str] = {}
        punctuation: list[tuple[str, str]] = []
        patterns: list[tuple[int, int, str, str]] = []
        for order, terminal in enumerate(lark.terminals):
            pattern = terminal.pattern
            if pattern.type == "str" and pattern.value.isidentifier():
                keywords[pattern.value] = terminal.name
            elif pattern.type == "str":
                punctuation.append((terminal.name, re.escape(pattern.value)))
            else:
                patterns.append((-terminal.priority, order, terminal.name, pattern.to_regexp()))
        if "NAME" not in {name for _, _, name, _ in patterns}:
            raise GiveUp("the grammar has no NAME terminal")
        # Longer punctuation first (`->` before `-`), regex terminals by priority then order.
        punctuation.sort(key=lambda item: -len(item[1]))
        alternatives = [f"(?P<_ws>{_WHITESPACE})"]
        alternatives += [f"(?P<{name}>{regexp})" for *_, name, regexp in sorted(patterns)]
        alternatives += [f"(?P<{name}>{regexp})" for name, regexp in punctuation]
        self.scanner = re.compile("|".join(alternatives))
        self.keywords = keywords
        self.ignored = set(lark.lexer_conf.ignore)
        self.callbacks = dict(lark.lexer_conf.callbacks)


@lru_cache(maxsize=4)
def _tables(lark: Lark) -> _Tables:
    return _Tables(lark)


class _Lexer:
    """A lexer thread for lark's `_Parser.parse`: `lex(parser_state)` yields tokens."""

    def __init__(self, text: str, tables: _Tables):
        self.text = text
        self.tables = tables

    def lex(self, parser_state):
        text, tables = self.text, self.tables
        match_at, keywords = tables.scanner.match, tables.keywords
        states = parser_state.parse_conf.states
        position, line, line_start, end = 0, 1, 0, len(text)
        while position < end:
            match = match_at(text, position)
            if match is None:
                raise GiveUp(f"no terminal matches at {position}")
            kind = match.lastgroup
            value = match.group()
            column = position - line_start + 1
            start = position
            position = match.end()
            newlines = value.count("\n")
            start_line = line
            if newlines:
                line += newlines
                line_start = start + value.rindex("\n") + 1
            if kind == "_ws":
                continue
            if kind == "NAME" and value in keywords:
                keyword = keywords[value]
                if keyword in states[parser_state.position]:
                    kind = keyword
            token = Token(kind, value, start, start_line, column, line, position - line_start + 1,
                          position)
            if kind in tables.ignored:  # comments: to the grammar's callback, as lark does
                if kind in tables.callbacks:
                    tables.callbacks[kind](token)
                continue
            if kind not in states[parser_state.position]:
                raise GiveUp(f"`{value}` is not expected here")
            yield token


def fast_parse(lark: Lark, text: str):
    """The parse tree of `text`, lexed by `_Lexer`; raises `GiveUp` (or lark's own error)
    when the caller should parse with lark's lexer instead."""
    try:
        parser = lark.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        start = lark.options.start[0]
    except AttributeError as err:  # another lark inside: use its own lexer
        raise GiveUp("lark's parser is not laid out as expected") from err
    return parser.parse(_Lexer(text, _tables(lark)), start)
