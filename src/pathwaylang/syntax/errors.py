"""Plain-words `syntax` findings: lark's exceptions turned into what was expected, and where.

Each finding comes with a `repair`: the characters to blank out so the parser can go on
and report the next mistake, or None when going on would only report the same mistake
again in other words (a missing `}` changes the meaning of everything after it).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from pathwaylang.core.diagnostics import Diagnostic, Label
from pathwaylang.core.source import SourceFile
from pathwaylang.core.span import Span
from pathwaylang.syntax.blocks import BLOCK_STATEMENTS, innermost_open_block, scan_pieces
from pathwaylang.syntax.error_context import (ErrorContext, QUOTES, Repair, close_word,
                                              describe_token, expected_list, first_on_line,
                                              keyword_of, line_repair, relevant_expected,
                                              syntax_finding, text_before, token_span,
                                              unfinished_repair, usage_hint)
from pathwaylang.syntax.misplaced import BUILDERS, generic, generic_message, trailing_comma


def explain_syntax_error(err: UnexpectedInput, source: SourceFile, text: str,
                         literals: Mapping[str, str]) -> tuple[Diagnostic, Repair]:
    """Turn lark's exception into a finding that names what was expected and where."""
    ctx = ErrorContext(source, text, literals)
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


def _unexpected_character(ctx: ErrorContext, err: UnexpectedCharacters) -> tuple[Diagnostic, Repair]:
    pos = err.pos_in_stream
    char = ctx.text[pos] if pos < len(ctx.text) else ""
    repair = line_repair(ctx, err.line)
    block = innermost_open_block(ctx.text, pos)
    expected = relevant_expected(ctx, _expected(err), block)
    if char == '"':
        return _unclosed_string(ctx, pos), None if ctx.text[pos - 2:pos] == '""' else repair
    if char in QUOTES:
        return syntax_finding(f"a {QUOTES[char]} `{char}`: text goes in straight double quotes "
                       '`"`', ctx.span_at(pos),
                       hint=f'write `"` instead of `{char}`, at both ends of the text'), repair
    before = ctx.text[max(0, pos - 1):pos]
    if char == "-" and (before.isalnum() or before == "_"):
        return _hyphen(ctx, pos, expected), repair
    if char.isprintable() and not char.isspace():
        return syntax_finding(f"unexpected character `{char}`; expected "
                       f"{expected_list(ctx, expected, block)}", ctx.span_at(pos),
                       hint=usage_hint(ctx, pos, err.line)), repair
    name = unicodedata.name(char, "a control character")
    return syntax_finding(f"unexpected invisible character U+{ord(char):04X} ({name.lower()})",
                   ctx.span_at(pos), hint="delete it, and type an ordinary space if one is "
                   "needed (it often comes from copying text out of a web page or document)"), \
        repair


def _unclosed_string(ctx: ErrorContext, pos: int) -> Diagnostic:
    if ctx.text[pos - 2:pos] == '""':
        # `"""` with no end: the lexer read `""` as an empty string, then stopped here.
        return syntax_finding('this text block has no closing `"""`', ctx.span_at(pos - 2, 3),
                       hint='end the text with `"""`')
    return syntax_finding('this string has no closing `"`', ctx.span_at(pos),
                   hint='close the string on the same line, or use """ ... """ for text that '
                        "runs over several lines")


def _hyphen(ctx: ErrorContext, pos: int, expected: set[str]) -> Diagnostic:
    match = re.search(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+$|[A-Za-z0-9_]+$", ctx.text[:pos])
    start = match.start() if match else pos
    whole = re.match(r"[A-Za-z0-9_-]+", ctx.text[start:]).group(0)
    if re.fullmatch(r"[0-9]+-[0-9]+", whole) and "TO" in expected:
        low, high = whole.split("-")
        return syntax_finding("an age range is written with `to`, not `-`", ctx.span_at(start, len(whole)),
                       hint=f"write `{low} to {high}`")
    if re.fullmatch(r"[0-9-]+", whole):
        return syntax_finding(f"unexpected `-` in `{whole}`; expected {expected_list(ctx, expected)}",
                       ctx.span_at(pos))
    return syntax_finding(f"`{whole}` is not a name: names cannot contain `-`",
                   ctx.span_at(start, len(whole)),
                   hint=f"names use letters, digits and `_`: write `{whole.replace('-', '_')}`")


def _unexpected_end(ctx: ErrorContext, expected: set[str]) -> Diagnostic:
    last = ctx.text.rstrip()
    if not scan_pieces(ctx.text):
        return syntax_finding("the file is empty: it has no `pathway` or `library` block",
                       Span.point(ctx.source.display, 1, 1),
                       hint='a pathway file holds one block: `pathway my_id "Title" { ... }`')
    end = ctx.span_at(len(last))
    open_block = innermost_open_block(ctx.text, len(ctx.text))
    if open_block is None:
        shown = expected_list(ctx, expected - {"COMMENT"})
        return syntax_finding(f"the file ended too soon; expected {shown}", end,
                       hint=usage_hint(ctx, len(last), end.line) or
                       'a pathway file holds one block: `pathway my_id "Title" { ... }`')
    opened = Span.point(ctx.source.display, open_block.line, open_block.column)
    return syntax_finding(f"the file ended, but the {open_block.describe()} is still open; "
                   "expected `}`", end, hint=f"add `}}` to close the {open_block.describe()}",
                   labels=[Label(opened, "the block opened here")])


def _unexpected_token(ctx: ErrorContext, err: UnexpectedToken) -> tuple[Diagnostic, Repair]:
    token = err.token
    block = innermost_open_block(ctx.text, token.start_pos or 0)
    expected = relevant_expected(ctx, _expected(err), block)
    if block is None:
        return _outside_blocks(ctx, token, expected), None
    if keyword_of(ctx, token) in BLOCK_STATEMENTS.get(block.keyword, ()) \
            and first_on_line(ctx, token):
        repair = unfinished_repair(ctx, token)  # this line is fine; the one above is not
    else:
        repair = line_repair(ctx, token.line)
    trailing = trailing_comma(ctx, token, expected)
    if trailing is not None:
        return trailing
    for builder in BUILDERS:
        found = builder(ctx, token, expected, block)
        if found is not None:
            return found, repair
    return generic(ctx, token, expected, block), repair


def _outside_blocks(ctx: ErrorContext, token: Token, expected: set[str]) -> Diagnostic:
    span = token_span(ctx, token)
    value = str(token)
    if "$END" in expected:
        if value == "}":
            return syntax_finding("this `}` has no block to close", span,
                           hint="remove it, or look above for a block closed too early")
        if value in ("pathway", "library"):
            return syntax_finding(f"a second `{value}` block: a file holds only one", span,
                           hint="put each pathway or library in a file of its own")
        return syntax_finding(f"{describe_token(ctx, token)} comes after the end of the file's block", span,
                       hint="everything goes inside `pathway ID \"Title\" { ... }`; look above "
                            "for a `}` that closes it too early")
    close = close_word(value, ["pathway", "library"])
    if token.type == "NAME" and close:
        return syntax_finding(f"unknown word `{value}` at the start of the file; did you mean "
                       f"`{close}`?", span, hint=f"write `{close}`")
    if token.type in ("NAME", "STRING", "LBRACE") and not text_before(ctx, token).strip():
        return syntax_finding(f"a pathway file starts with `pathway` or `library`, found "
                       f"{describe_token(ctx, token)}", span,
                       hint='write `pathway my_id "Title" { ... }`')
    return generic_message(ctx, token, expected, None)
