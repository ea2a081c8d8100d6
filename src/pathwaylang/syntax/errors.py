"""Plain-words `syntax` findings: lark's exceptions turned into what was expected, and where.

Each finding comes with a `repair`: the characters to blank out so the parser can go on
and report the next mistake, or None when going on would only report the same mistake
again in other words (a missing `}` changes the meaning of everything after it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from pathwaylang.core.diagnostics import Diagnostic, Label, Severity
from pathwaylang.core.source import SourceFile
from pathwaylang.core.span import Span
from pathwaylang.core.wording import closest
from pathwaylang.syntax.blocks import (BLOCK_STATEMENTS, HOMES, LINE_USAGE, PARTS, STATEMENTS,
                                       USAGE, OpenBlock, innermost_open_block, scan_pieces,
                                       usage)

_UNIT_PHRASES = ["day", "days", "working day", "working days", "week", "weeks", "month",
                 "months", "year", "years"]

Repair = tuple[int, int] | None
"""A character range to blank out before parsing again."""

_TERMINAL_WORDS = {
    "NAME": "a name",
    "STRING": 'text in double quotes',
    "DATE": "a date like 2012-09-01",
    "INT": "a whole number",
    "PERCENT": "a percentage like 80%",
    "$END": "the end of the file",
}
_QUOTES = {"'": "single quote", "\u2018": "curly quote", "\u2019": "curly quote",
           "\u201c": "curly quote", "\u201d": "curly quote"}


@dataclass
class _Context:
    """What every message builder needs: the file, the text the parser saw, the keywords."""

    source: SourceFile
    text: str
    literals: Mapping[str, str]

    @property
    def keywords(self) -> set[str]:
        return {w for w in self.literals.values() if w.isidentifier()}

    def word(self, terminal: str) -> str:
        if terminal in _TERMINAL_WORDS:
            return _TERMINAL_WORDS[terminal]
        literal = self.literals.get(terminal)
        return f"`{literal}`" if literal else terminal.lower()

    def line_of(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def span_at(self, offset: int, width: int = 1) -> Span:
        line, column = self.line_of(offset)
        return Span.point(self.source.display, line, column, max(1, width))


def explain_syntax_error(err: UnexpectedInput, source: SourceFile, text: str,
                         literals: Mapping[str, str]) -> tuple[Diagnostic, Repair]:
    """Turn lark's exception into a finding that names what was expected and where."""
    ctx = _Context(source, text, literals)
    if isinstance(err, UnexpectedCharacters):
        return _unexpected_character(ctx, err)
    if isinstance(err, UnexpectedEOF) or (
        isinstance(err, UnexpectedToken) and err.token.type == "$END"
    ):
        return _unexpected_end(ctx, _expected(err)), None
    assert isinstance(err, UnexpectedToken)
    return _unexpected_token(ctx, err)


def _expected(err: UnexpectedInput) -> set[str]:
    """What the parser could have taken here (not what the lexer happened to try)."""
    state = getattr(err, "state", None)
    try:
        # The table also holds the rules to go to after a reduction (lowercase names).
        return {k for k in state.parse_conf.parse_table.states[state.position] if k.isupper()}
    except AttributeError:
        return set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())


def _syntax(message: str, span: Span, hint: str | None = None, labels=()) -> Diagnostic:
    return Diagnostic("syntax", Severity.ERROR, message, span, tuple(labels), hint)


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    if len(words) > 8:
        return "one of " + ", ".join(words[:8]) + ", ..."
    prefix = "one of " if len(words) > 2 else ""
    return prefix + ", ".join(words[:-1]) + " or " + words[-1]


def _expected_list(ctx: _Context, expected: set[str], block: OpenBlock | None = None) -> str:
    keywords = sorted(w for w in (ctx.literals.get(e, "") for e in expected) if w.isidentifier())
    others = sorted(ctx.word(e) for e in expected
                    if not ctx.literals.get(e, "").isidentifier() and e != "COMMENT")
    statements = [k for k in keywords if block and k in BLOCK_STATEMENTS.get(block.keyword, ())]
    if len(statements) >= 3:
        # Where a statement may start, name that, not every keyword that could start one.
        keywords = [k for k in keywords if k not in statements]
        others.append("a new statement")
    return _join([f"`{k}`" for k in keywords] + others)


def _close_word(word: str, candidates: list[str]) -> str | None:
    """The candidate `word` was probably meant to be: letters swapped, or nearly the same."""
    lowered = word.lower()
    for candidate in candidates:
        if len(word) > 2 and sorted(candidate) == sorted(lowered):
            return candidate
    return closest(lowered, candidates)


def _relevant(ctx: _Context, expected: set[str], block: "OpenBlock | None") -> set[str]:
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


def _keywords(ctx: _Context, expected: set[str]) -> list[str]:
    return sorted(w for w in (ctx.literals.get(e, "") for e in expected) if w.isidentifier())


def _line_repair(ctx: _Context, line: int) -> Repair:
    """Blank line `line`, unless that would change which blocks are open."""
    lines = ctx.text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    body = lines[line - 1]
    if '"""' in body or "{" in body or "}" in body:
        return None
    start = sum(len(text) + 1 for text in lines[: line - 1])
    return start, start + len(body)


# ---- characters the lexer could not read ------------------------------------------


def _unexpected_character(ctx: _Context, err: UnexpectedCharacters) -> tuple[Diagnostic, Repair]:
    pos = err.pos_in_stream
    char = ctx.text[pos] if pos < len(ctx.text) else ""
    repair = _line_repair(ctx, err.line)
    block = innermost_open_block(ctx.text, pos)
    expected = _relevant(ctx, _expected(err), block)
    if char == '"':
        return _unclosed_string(ctx, pos), None if ctx.text[pos - 2:pos] == '""' else repair
    if char in _QUOTES:
        return _syntax(f"a {_QUOTES[char]} `{char}`: text goes in straight double quotes "
                       '`"`', ctx.span_at(pos),
                       hint=f'write `"` instead of `{char}`, at both ends of the text'), repair
    before = ctx.text[max(0, pos - 1):pos]
    if char == "-" and (before.isalnum() or before == "_"):
        return _hyphen(ctx, pos, expected), repair
    if char.isprintable() and not char.isspace():
        return _syntax(f"unexpected character `{char}`; expected "
                       f"{_expected_list(ctx, expected, block)}", ctx.span_at(pos),
                       hint=_usage_hint(ctx, pos, err.line)), repair
    name = unicodedata.name(char, "a control character")
    return _syntax(f"unexpected invisible character U+{ord(char):04X} ({name.lower()})",
                   ctx.span_at(pos), hint="delete it, and type an ordinary space if one is "
                   "needed (it often comes from copying text out of a web page or document)"), \
        repair


def _unclosed_string(ctx: _Context, pos: int) -> Diagnostic:
    if ctx.text[pos - 2:pos] == '""':
        # `"""` with no end: the lexer read `""` as an empty string, then stopped here.
        return _syntax('this text block has no closing `"""`', ctx.span_at(pos - 2, 3),
                       hint='end the text with `"""`')
    return _syntax('this string has no closing `"`', ctx.span_at(pos),
                   hint='close the string on the same line, or use """ ... """ for text that '
                        "runs over several lines")


def _hyphen(ctx: _Context, pos: int, expected: set[str]) -> Diagnostic:
    match = re.search(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+$|[A-Za-z0-9_]+$", ctx.text[:pos])
    start = match.start() if match else pos
    whole = re.match(r"[A-Za-z0-9_-]+", ctx.text[start:]).group(0)
    if re.fullmatch(r"[0-9]+-[0-9]+", whole) and "TO" in expected:
        low, high = whole.split("-")
        return _syntax("an age range is written with `to`, not `-`", ctx.span_at(start, len(whole)),
                       hint=f"write `{low} to {high}`")
    if re.fullmatch(r"[0-9-]+", whole):
        return _syntax(f"unexpected `-` in `{whole}`; expected {_expected_list(ctx, expected)}",
                       ctx.span_at(pos))
    return _syntax(f"`{whole}` is not a name: names cannot contain `-`",
                   ctx.span_at(start, len(whole)),
                   hint=f"names use letters, digits and `_`: write `{whole.replace('-', '_')}`")


# ---- the end of the file ----------------------------------------------------------


def _unexpected_end(ctx: _Context, expected: set[str]) -> Diagnostic:
    last = ctx.text.rstrip()
    if not scan_pieces(ctx.text):
        return _syntax("the file is empty: it has no `pathway` or `library` block",
                       Span.point(ctx.source.display, 1, 1),
                       hint='a pathway file holds one block: `pathway my_id "Title" { ... }`')
    end = ctx.span_at(len(last))
    open_block = innermost_open_block(ctx.text, len(ctx.text))
    if open_block is None:
        shown = _expected_list(ctx, expected - {"COMMENT"})
        return _syntax(f"the file ended too soon; expected {shown}", end,
                       hint=_usage_hint(ctx, len(last), end.line) or
                       'a pathway file holds one block: `pathway my_id "Title" { ... }`')
    opened = Span.point(ctx.source.display, open_block.line, open_block.column)
    return _syntax(f"the file ended, but the {open_block.describe()} is still open; "
                   "expected `}`", end, hint=f"add `}}` to close the {open_block.describe()}",
                   labels=[Label(opened, "the block opened here")])


# ---- a token in the wrong place ----------------------------------------------------


def _unexpected_token(ctx: _Context, err: UnexpectedToken) -> tuple[Diagnostic, Repair]:
    token = err.token
    block = innermost_open_block(ctx.text, token.start_pos or 0)
    expected = _relevant(ctx, _expected(err), block)
    if block is None:
        return _outside_blocks(ctx, token, expected), None
    if _keyword_of(ctx, token) in BLOCK_STATEMENTS.get(block.keyword, ()) \
            and _first_on_line(ctx, token):
        repair = _unfinished_repair(ctx, token)  # this line is fine; the one above is not
    else:
        repair = _line_repair(ctx, token.line)
    trailing = _trailing_comma(ctx, token, expected)
    if trailing is not None:
        return trailing
    for builder in (_misspelt_step, _date, _percent, _unit, _missing_to, _stray, _unfinished,
                    _misspelt, _list_comma):
        found = builder(ctx, token, expected, block)
        if found is not None:
            return found, repair
    return _generic(ctx, token, expected, block), repair


def _token_span(ctx: _Context, token: Token) -> Span:
    width = max(1, len(str(token).split("\n")[0]))
    return Span.point(ctx.source.display, token.line, token.column, width)


def _describe(ctx: _Context, token: Token) -> str:
    if token.type in ("NAME", "INT", "DATE", "PERCENT"):
        return f"`{token}`"
    if token.type == "STRING":
        return "a string"
    return ctx.word(token.type)


def _keyword_of(ctx: _Context, token: Token) -> str:
    """The keyword a token spells, whether the lexer read it as one or as a name."""
    word = ctx.literals.get(token.type)
    if word is None and token.type == "NAME" and str(token) in ctx.keywords:
        word = str(token)
    return word or ""


def _where(block: "OpenBlock") -> str:
    return f"inside the {block.describe()}"


def _outside_blocks(ctx: _Context, token: Token, expected: set[str]) -> Diagnostic:
    span = _token_span(ctx, token)
    value = str(token)
    if "$END" in expected:
        if value == "}":
            return _syntax("this `}` has no block to close", span,
                           hint="remove it, or look above for a block closed too early")
        if value in ("pathway", "library"):
            return _syntax(f"a second `{value}` block: a file holds only one", span,
                           hint="put each pathway or library in a file of its own")
        return _syntax(f"{_describe(ctx, token)} comes after the end of the file's block", span,
                       hint="everything goes inside `pathway ID \"Title\" { ... }`; look above "
                            "for a `}` that closes it too early")
    close = _close_word(value, ["pathway", "library"])
    if token.type == "NAME" and close:
        return _syntax(f"unknown word `{value}` at the start of the file; did you mean "
                       f"`{close}`?", span, hint=f"write `{close}`")
    if token.type in ("NAME", "STRING", "LBRACE") and not _before(ctx, token).strip():
        return _syntax(f"a pathway file starts with `pathway` or `library`, found "
                       f"{_describe(ctx, token)}", span,
                       hint='write `pathway my_id "Title" { ... }`')
    return _generic_message(ctx, token, expected, None)


def _before(ctx: _Context, token: Token) -> str:
    """The text before `token`, comments blanked: spaces of the same length, so an offset
    found in it is an offset in the file (removing them moved every position after one)."""
    return re.sub(r"#[^\n]*", lambda comment: " " * len(comment.group(0)),
                  ctx.text[: token.start_pos])


def _date(ctx, token, expected, block):
    if "DATE" not in expected:
        return None
    raw = re.match(r'"?[0-9][0-9./-]*"?|\S+', ctx.text[token.start_pos:]).group(0)
    span = ctx.span_at(token.start_pos, len(raw))
    fixed = _fix_date(raw.strip('"'))
    if raw.startswith('"') and fixed:
        return _syntax(f"a date is written without quotes, found `{raw}`", span,
                       hint=f"write `{fixed}`")
    hint = f"write `{fixed}`" if fixed else "dates are written year-month-day, like 2012-09-01"
    return _syntax(f"expected a date like 2012-09-01 (year-month-day), found `{raw}`", span,
                   hint=hint)


def _fix_date(raw: str) -> str | None:
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw)
    if day_first:
        day, month, year = day_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", raw)
    if year_first:
        year, month, day = year_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def _percent(ctx, token, expected, block):
    if "PERCENT" not in expected:
        return None
    span = _token_span(ctx, token)
    hint = f"write `{token}%`" if token.type == "INT" else "a target is a percentage, like 80%"
    return _syntax(f"expected a percentage like 80%, found {_describe(ctx, token)}", span,
                   hint=hint)


def _unit(ctx, token, expected, block):
    if not {"DAYS", "WEEKS"} <= expected:
        return None
    amount = re.search(r"([0-9]+)\s*$", _before(ctx, token))
    after = f" after `{amount.group(1)}`" if amount else ""
    message = (f"expected a unit of time{after} (days, working days, weeks, months or years), "
               f"found {_describe(ctx, token)}")
    close = _close_word(str(token), _UNIT_PHRASES)
    if token.type == "NAME" and close:
        hint = f"write `{amount.group(1) if amount else 20} {close}`"
    elif _keyword_of(ctx, token) in BLOCK_STATEMENTS.get(block.keyword, ()):
        hint = "the statement before it has no unit of time: write, for example, " \
               "`timescale 20 working days`"
    else:
        hint = "pathways count time in days, working days, weeks, months or years"
    return _syntax(message, _token_span(ctx, token), hint=hint)


def _missing_to(ctx, token, expected, block):
    if "TO" not in expected or token.type == "TO":
        return None
    kind = re.search(r"(exit|step\s+up|step\s+down|refer)\s*$", _before(ctx, token))
    word = re.sub(r"\s+", " ", kind.group(1)) if kind else "the transition"
    shown = f"`{word}`" if kind else word
    named = token.type == "NAME" and str(token) not in ctx.keywords
    hint = (f"write `{word} to {token}`" if named and kind else
            "transitions are written `exit to TARGET`, `step up to TARGET`, "
            "`step down to TARGET` or `refer to TARGET`")
    return _syntax(f"expected `to` after {shown}, found {_describe(ctx, token)}",
                   _token_span(ctx, token), hint=hint)


_ANSWER_THEN_WORD = re.compile(r"[A-Za-z_]\w*\s*->\s*([A-Za-z_]\w*)[ \t]+$")


def _misspelt_step(ctx, token, expected, block):
    """`yes -> goot identify`: an answer may have no step, so `goot` parsed as the next
    answer and the error only shows at `identify`; the mistake is the misspelt step word."""
    start = token.start_pos or 0
    line_start = ctx.text.rfind("\n", 0, start) + 1
    match = _ANSWER_THEN_WORD.search(ctx.text[line_start:start])
    if match is None:
        return None
    word = match.group(1)
    close = _close_word(word, ["ask", "do", "goto"])
    if close is None or word == close:
        return None
    span = ctx.span_at(line_start + match.start(1), len(word))
    return _syntax(f"unknown word `{word}` {_where(block)}; did you mean `{close}`?", span,
                   hint=f"write `{close}`")


def _misspelt(ctx, token, expected, block):
    if token.type != "NAME":
        return None
    value = str(token)
    close = _close_word(value, _keywords(ctx, expected))
    if close is None:
        return None
    return _syntax(f"unknown word `{value}` {_where(block)}; did you mean `{close}`?",
                   _token_span(ctx, token), hint=f"write `{close}`")


def _stray(ctx, token, expected, block):
    word = _keyword_of(ctx, token)
    if word not in STATEMENTS or word in BLOCK_STATEMENTS.get(block.keyword, ()):
        return None
    if not _starts_statement(ctx, token):
        return None
    homes = [HOMES[kind] for kind, words in BLOCK_STATEMENTS.items() if word in words]
    hint = f"`{word}` belongs in {_join(homes)}"
    labels = []
    if block.keyword == "library":
        hint += "; a library holds only shared definitions: levels, agencies, roles, " \
                "evidence, algorithms and variance codes"
    elif block.keyword not in ("pathway", "{"):
        hint += f"; is a `}}` missing to close the {block.describe()}?"
        labels = [Label(Span.point(ctx.source.display, block.line, block.column),
                        "the block opened here")]
    return _syntax(f"`{word}` cannot go {_where(block)}", _token_span(ctx, token), hint=hint,
                   labels=labels)


def _unfinished(ctx, token, expected, block):
    """A statement keyword that belongs here: the statement before it is not finished."""
    word = _keyword_of(ctx, token)
    if word not in BLOCK_STATEMENTS.get(block.keyword, ()) or not _first_on_line(ctx, token):
        return None
    previous = _previous_statement(ctx, token)
    what = f"the `{previous[0]}` statement on line {previous[1]}" if previous else \
        "the statement before it"
    hint = f"{what} is not finished"
    if previous and previous[0] in USAGE:
        hint += f": write it as `{usage(block.keyword, previous[0])}`"
    return _syntax(f"expected {_expected_list(ctx, expected, block)}, found `{word}`",
                   _token_span(ctx, token), hint=hint)


def _unfinished_repair(ctx: _Context, token: Token) -> Repair:
    previous = _previous_statement(ctx, token)
    return _line_repair(ctx, previous[1]) if previous else None


def _list_comma(ctx, token, expected, block):
    if "COMMA" not in expected or not str(token).isidentifier():
        return None
    previous = re.search(r"([A-Za-z_][A-Za-z0-9_]*)([ \t]*)$", _before(ctx, token))
    if previous is None:
        return None
    return _syntax(f"expected `,` between `{previous.group(1)}` and `{token}`",
                   _token_span(ctx, token),
                   hint=f"separate the names with commas: `{previous.group(1)}, {token}`")


def _trailing_comma(ctx: _Context, token: Token, expected: set[str]):
    """`with a,` then `lead b` on the next line: `lead` was read as a name in the list."""
    if "COMMA" not in expected or not str(token).isidentifier():
        return None
    before = _before(ctx, token)
    previous = re.search(r",(\s*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*$", before)
    if previous is None or "\n" not in previous.group(1) or previous.group(2) not in STATEMENTS:
        return None
    offset, word = previous.start(), previous.group(2)
    line, _ = ctx.line_of(offset)
    return _syntax(f"the list on line {line} ends with `,`, so `{word}` on the next line was "
                   "read as a name in it", ctx.span_at(offset),
                   hint=f"remove the `,` at the end of line {line}",
                   labels=[Label(ctx.span_at(previous.start(2), len(word)), "read as a name")]), \
        (offset, offset + 1)


def _generic(ctx, token, expected, block):
    value = str(token)
    keywords = _keywords(ctx, expected)
    if token.type == "NAME" and keywords and block.keyword in BLOCK_STATEMENTS \
            and _first_on_line(ctx, token) and BLOCK_STATEMENTS[block.keyword]:
        holds = ", ".join(f"`{w}`" for w in BLOCK_STATEMENTS[block.keyword])
        hint = f"a `{block.keyword}` block holds {holds}"
        elsewhere = closest(value, sorted(STATEMENTS))
        if elsewhere:
            homes = [HOMES[k] for k, words in BLOCK_STATEMENTS.items() if elsewhere in words]
            hint = f"`{elsewhere}` goes in {_join(homes)}; {hint}"
        return _syntax(f"`{value}` is not a statement that can go {_where(block)}",
                       _token_span(ctx, token), hint=hint)
    return _generic_message(ctx, token, expected, block)


def _generic_message(ctx, token, expected, block) -> Diagnostic:
    statements = BLOCK_STATEMENTS.get(block.keyword, ()) if block else ()
    if token.type != "NAME" and _first_on_line(ctx, token) and statements and \
            len(set(_keywords(ctx, expected)) & set(statements)) >= 3:
        holds = ", ".join(f"`{w}`" for w in statements)
        return _syntax(f"expected {_expected_list(ctx, expected, block)} {_where(block)}, "
                       f"found {_describe(ctx, token)}", _token_span(ctx, token),
                       hint=f"a statement starts with a keyword: a `{block.keyword}` block "
                            f"holds {holds}")
    hint = None
    if token.type == "STRING" and "NAME" in expected:
        inner = str(token).strip('"')
        if inner.isidentifier():
            hint = f"names are written without quotes: `{inner}`"
    elif token.type == "NAME" and "STRING" in expected:
        hint = 'text is written in double quotes, like `"..."`'
    hint = hint or _usage_hint(ctx, token.start_pos or 0, token.line)
    return _syntax(f"expected {_expected_list(ctx, expected, block)}, found "
                   f"{_describe(ctx, token)}", _token_span(ctx, token), hint=hint)


# ---- which statement a position is in ------------------------------------------------


def _first_on_line(ctx: _Context, token: Token) -> bool:
    start = ctx.text.rfind("\n", 0, token.start_pos) + 1
    return not ctx.text[start: token.start_pos].strip()


def _starts_statement(ctx: _Context, token: Token) -> bool:
    """First on its line, or straight after a `{`, `}` or a string."""
    before = _before(ctx, token).rstrip(" \t")
    return not before or before[-1] in '\n{}"'


def _first_word(line: str) -> str | None:
    match = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", line)
    return match.group(1) if match else None


def _previous_statement(ctx: _Context, token: Token) -> tuple[str, int] | None:
    """The keyword starting the nearest line above `token` that has code, and its line."""
    block = innermost_open_block(ctx.text, token.start_pos or 0)
    allowed = BLOCK_STATEMENTS.get(block.keyword, ()) if block else ()
    lines = ctx.text.split("\n")
    for number in range(token.line - 1, 0, -1):
        code = lines[number - 1].split("#", 1)[0]
        if code.strip():
            word = _first_word(code)
            return (word, number) if word in allowed else None
    return None


def _usage_hint(ctx: _Context, offset: int, line: int) -> str | None:
    """"write it as `...`" for the statement on `line`, when its first word says which."""
    block = innermost_open_block(ctx.text, offset)
    kind = block.keyword if block else None
    if kind in LINE_USAGE:
        return f"write it as `{LINE_USAGE[kind]}`"
    word = _first_word(ctx.text.split("\n")[line - 1].split("#", 1)[0])
    allowed = BLOCK_STATEMENTS.get(kind, ("pathway", "library")) if kind else \
        ("pathway", "library")
    if word in allowed and word in USAGE:
        return f"write it as `{usage(kind or '', word)}`"
    return None
