"""Messages for a token in the wrong place: each builder recognises one typical mistake
(a date written wrongly, a missing `to`, a misspelt keyword, a stray statement...) and
says what to write instead; `BUILDERS` is the order they are tried in."""

from __future__ import annotations

import re

from lark import Token

from pathwaylang.core.diagnostics import Diagnostic, Label
from pathwaylang.core.span import Span
from pathwaylang.core.wording import closest
from pathwaylang.syntax.blocks import BLOCK_STATEMENTS, HOMES, STATEMENTS, USAGE, usage
from pathwaylang.syntax.error_context import (ErrorContext, UNIT_PHRASES, close_word,
                                              describe_token, expected_list, first_on_line,
                                              join_choices, keyword_of, keywords_expected,
                                              previous_statement, starts_statement, syntax_finding,
                                              text_before, token_span, usage_hint, where_in)


def wrong_date(ctx, token, expected, block):
    if "DATE" not in expected:
        return None
    raw = re.match(r'"?[0-9][0-9./-]*"?|\S+', ctx.text[token.start_pos:]).group(0)
    span = ctx.span_at(token.start_pos, len(raw))
    fixed = _fixed_date(raw.strip('"'))
    if raw.startswith('"') and fixed:
        return syntax_finding(f"a date is written without quotes, found `{raw}`", span,
                       hint=f"write `{fixed}`")
    hint = f"write `{fixed}`" if fixed else "dates are written year-month-day, like 2012-09-01"
    return syntax_finding(f"expected a date like 2012-09-01 (year-month-day), found `{raw}`", span,
                   hint=hint)


def _fixed_date(raw: str) -> str | None:
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw)
    if day_first:
        day, month, year = day_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", raw)
    if year_first:
        year, month, day = year_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def wrong_percent(ctx, token, expected, block):
    if "PERCENT" not in expected:
        return None
    span = token_span(ctx, token)
    hint = f"write `{token}%`" if token.type == "INT" else "a target is a percentage, like 80%"
    return syntax_finding(f"expected a percentage like 80%, found {describe_token(ctx, token)}", span,
                   hint=hint)


def wrong_unit(ctx, token, expected, block):
    if not {"DAYS", "WEEKS"} <= expected:
        return None
    amount = re.search(r"([0-9]+)\s*$", text_before(ctx, token))
    after = f" after `{amount.group(1)}`" if amount else ""
    message = (f"expected a unit of time{after} (days, working days, weeks, months or years), "
               f"found {describe_token(ctx, token)}")
    close = close_word(str(token), UNIT_PHRASES)
    if token.type == "NAME" and close:
        hint = f"write `{amount.group(1) if amount else 20} {close}`"
    elif keyword_of(ctx, token) in BLOCK_STATEMENTS.get(block.keyword, ()):
        hint = "the statement before it has no unit of time: write, for example, " \
               "`timescale 20 working days`"
    else:
        hint = "pathways count time in days, working days, weeks, months or years"
    return syntax_finding(message, token_span(ctx, token), hint=hint)


def missing_to(ctx, token, expected, block):
    if "TO" not in expected or token.type == "TO":
        return None
    kind = re.search(r"(exit|step\s+up|step\s+down|refer)\s*$", text_before(ctx, token))
    word = re.sub(r"\s+", " ", kind.group(1)) if kind else "the transition"
    shown = f"`{word}`" if kind else word
    named = token.type == "NAME" and str(token) not in ctx.keywords
    hint = (f"write `{word} to {token}`" if named and kind else
            "transitions are written `exit to TARGET`, `step up to TARGET`, "
            "`step down to TARGET` or `refer to TARGET`")
    return syntax_finding(f"expected `to` after {shown}, found {describe_token(ctx, token)}",
                   token_span(ctx, token), hint=hint)


_ANSWER_THEN_WORD = re.compile(r"[A-Za-z_]\w*\s*->\s*([A-Za-z_]\w*)[ \t]+$")


def misspelt_step(ctx, token, expected, block):
    """`yes -> goot identify`: an answer may have no step, so `goot` parsed as the next
    answer and the error only shows at `identify`; the mistake is the misspelt step word."""
    start = token.start_pos or 0
    line_start = ctx.text.rfind("\n", 0, start) + 1
    match = _ANSWER_THEN_WORD.search(ctx.text[line_start:start])
    if match is None:
        return None
    word = match.group(1)
    close = close_word(word, ["ask", "do", "goto"])
    if close is None or word == close:
        return None
    span = ctx.span_at(line_start + match.start(1), len(word))
    return syntax_finding(f"unknown word `{word}` {where_in(block)}; did you mean `{close}`?", span,
                   hint=f"write `{close}`")


def misspelt_word(ctx, token, expected, block):
    if token.type != "NAME":
        return None
    value = str(token)
    close = close_word(value, keywords_expected(ctx, expected))
    if close is None:
        return None
    return syntax_finding(f"unknown word `{value}` {where_in(block)}; did you mean `{close}`?",
                   token_span(ctx, token), hint=f"write `{close}`")


def stray_statement(ctx, token, expected, block):
    word = keyword_of(ctx, token)
    if word not in STATEMENTS or word in BLOCK_STATEMENTS.get(block.keyword, ()):
        return None
    if not starts_statement(ctx, token):
        return None
    homes = [HOMES[kind] for kind, words in BLOCK_STATEMENTS.items() if word in words]
    hint = f"`{word}` belongs in {join_choices(homes)}"
    labels = []
    if block.keyword == "library":
        hint += "; a library holds only shared definitions: levels, agencies, roles, " \
                "evidence, algorithms and variance codes"
    elif block.keyword not in ("pathway", "{"):
        hint += f"; is a `}}` missing to close the {block.describe()}?"
        labels = [Label(Span.point(ctx.source.display, block.line, block.column),
                        "the block opened here")]
    return syntax_finding(f"`{word}` cannot go {where_in(block)}", token_span(ctx, token), hint=hint,
                   labels=labels)


def unfinished_statement(ctx, token, expected, block):
    """A statement keyword that belongs here: the statement before it is not finished."""
    word = keyword_of(ctx, token)
    if word not in BLOCK_STATEMENTS.get(block.keyword, ()) or not first_on_line(ctx, token):
        return None
    previous = previous_statement(ctx, token)
    what = f"the `{previous[0]}` statement on line {previous[1]}" if previous else \
        "the statement before it"
    hint = f"{what} is not finished"
    if previous and previous[0] in USAGE:
        hint += f": write it as `{usage(block.keyword, previous[0])}`"
    return syntax_finding(f"expected {expected_list(ctx, expected, block)}, found `{word}`",
                   token_span(ctx, token), hint=hint)


def list_comma(ctx, token, expected, block):
    if "COMMA" not in expected or not str(token).isidentifier():
        return None
    previous = re.search(r"([A-Za-z_][A-Za-z0-9_]*)([ \t]*)$", text_before(ctx, token))
    if previous is None:
        return None
    return syntax_finding(f"expected `,` between `{previous.group(1)}` and `{token}`",
                   token_span(ctx, token),
                   hint=f"separate the names with commas: `{previous.group(1)}, {token}`")


def trailing_comma(ctx: ErrorContext, token: Token, expected: set[str]):
    """`with a,` then `lead b` on the next line: `lead` was read as a name in the list."""
    if "COMMA" not in expected or not str(token).isidentifier():
        return None
    before = text_before(ctx, token)
    previous = re.search(r",(\s*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*$", before)
    if previous is None or "\n" not in previous.group(1) or previous.group(2) not in STATEMENTS:
        return None
    offset, word = previous.start(), previous.group(2)
    line, _ = ctx.line_of(offset)
    return syntax_finding(f"the list on line {line} ends with `,`, so `{word}` on the next line was "
                   "read as a name in it", ctx.span_at(offset),
                   hint=f"remove the `,` at the end of line {line}",
                   labels=[Label(ctx.span_at(previous.start(2), len(word)), "read as a name")]), \
        (offset, offset + 1)


def generic(ctx, token, expected, block):
    value = str(token)
    keywords = keywords_expected(ctx, expected)
    if token.type == "NAME" and keywords and block.keyword in BLOCK_STATEMENTS \
            and first_on_line(ctx, token) and BLOCK_STATEMENTS[block.keyword]:
        holds = ", ".join(f"`{w}`" for w in BLOCK_STATEMENTS[block.keyword])
        hint = f"a `{block.written}` block holds {holds}"
        elsewhere = closest(value, sorted(STATEMENTS))
        if elsewhere:
            homes = [HOMES[k] for k, words in BLOCK_STATEMENTS.items() if elsewhere in words]
            hint = f"`{elsewhere}` goes in {join_choices(homes)}; {hint}"
        return syntax_finding(f"`{value}` is not a statement that can go {where_in(block)}",
                       token_span(ctx, token), hint=hint)
    return generic_message(ctx, token, expected, block)


def generic_message(ctx, token, expected, block) -> Diagnostic:
    statements = BLOCK_STATEMENTS.get(block.keyword, ()) if block else ()
    if token.type != "NAME" and first_on_line(ctx, token) and statements and \
            len(set(keywords_expected(ctx, expected)) & set(statements)) >= 3:
        holds = ", ".join(f"`{w}`" for w in statements)
        return syntax_finding(f"expected {expected_list(ctx, expected, block)} {where_in(block)}, "
                       f"found {describe_token(ctx, token)}", token_span(ctx, token),
                       hint=f"a statement starts with a keyword: a `{block.written}` block "
                            f"holds {holds}")
    hint = None
    if token.type == "STRING" and "NAME" in expected:
        inner = str(token).strip('"')
        if inner.isidentifier():
            hint = f"names are written without quotes: `{inner}`"
    elif token.type == "NAME" and "STRING" in expected:
        hint = 'text is written in double quotes, like `"..."`'
    hint = hint or usage_hint(ctx, token.start_pos or 0, token.line)
    return syntax_finding(f"expected {expected_list(ctx, expected, block)}, found "
                   f"{describe_token(ctx, token)}", token_span(ctx, token), hint=hint)


BUILDERS = (misspelt_step, wrong_date, wrong_percent, wrong_unit, missing_to, stray_statement,
            unfinished_statement, misspelt_word, list_comma)
"""The builders tried, in order, for a token in the wrong place; `generic` when none fits."""
