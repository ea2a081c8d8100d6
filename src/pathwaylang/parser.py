"""Source text to lark parse tree, with comments kept and syntax errors told in plain words."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.lark import PostLex
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from pathwaylang.diagnostics import Diagnostic, Label, Severity
from pathwaylang.source import SourceFile
from pathwaylang.span import Span


def grammar_path() -> Path:
    """The grammar ships inside the wheel; an editable install reads it from `grammar/`."""
    packaged = Path(__file__).parent / "grammar" / "pathway.lark"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "grammar" / "pathway.lark"


@dataclass
class Comment:
    """A `#` comment: kept for `fmt` and for `# pwy: ignore[rule]` suppressions."""

    line: int
    column: int
    text: str


@dataclass
class ParseResult:
    tree: Tree | None
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


_comment_sink: list[Token] = []


class _WholeWords(PostLex):
    """Keeps `NAME` in every state of the contextual lexer, so a keyword only ever matches a
    whole word: `leveling` is one unknown word, never `level` then `ing`, and `levelup`
    never reads as `level up`. Where no name is expected a keyword is still a keyword."""

    always_accept = ("NAME",)

    def process(self, stream):
        return stream


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=True,
        postlex=_WholeWords(),
        lexer_callbacks={"COMMENT": _comment_sink.append},
    )


def parse(source: SourceFile) -> ParseResult:
    """Parse one file. On a syntax error the tree is None and one `syntax` finding says why."""
    _comment_sink.clear()
    nul = source.text.find("\0")
    if nul >= 0:
        return ParseResult(None, diagnostics=[_nul_byte(source, nul)])
    try:
        tree = _parser().parse(source.text)
    except UnexpectedInput as err:
        return ParseResult(None, diagnostics=[explain_syntax_error(err, source)])
    comments = [Comment(t.line, t.column, str(t)) for t in _comment_sink]
    _comment_sink.clear()
    return ParseResult(tree, comments=comments)


# ---- friendly syntax errors ----------------------------------------------------

_TERMINAL_WORDS = {
    "NAME": "a name",
    "STRING": 'a string in "quotes"',
    "DATE": "a date like 2012-09-01",
    "INT": "a whole number",
    "PERCENT": "a percentage like 80%",
    "$END": "the end of the file",
}

# Where each statement keyword belongs, for "`action` cannot go here" messages.
_KEYWORD_HOME = {
    "level": "a `stage` or `outcome` block", "lead": "a `stage` block", "with": "a `stage` block",
    "exclude": "a `stage` block", "consent": "a `stage` block", "action": "a `stage` block",
    "timescale": "a `stage` block", "uses": "a `stage` block", "guidance": "a `stage` block",
    "exit": "a `stage` block", "step": "a `stage` block", "refer": "a `stage` block",
    "title": "a `family` block", "text": "a `family` block", "asked": "a `family` block",
    "contact": "a `family` block", "icon": "a `family` block",
    "stage": "the `pathway` block", "outcome": "the `pathway` block",
    "subpathway": "the `pathway` block", "indicator": "the `pathway` block",
    "authority": "the `pathway` block", "version": "the `pathway` block",
    "status": "the `pathway` block", "developed": "the `pathway` block",
    "review": "the `pathway` block", "owner": "the `pathway` block",
    "languages": "the `pathway` block", "use": "the `pathway` block",
    "agency": "the `pathway` or `library` block", "role": "the `pathway` or `library` block",
    "algorithm": "the `pathway` or `library` block", "variance": "the `pathway` or `library` block",
    "levels": "the `pathway` or `library` block",
    "family": "a `stage` or `outcome` block", "file": "a `subpathway` block",
    "rejoin": "a `subpathway` block", "measure": "an `indicator` block", "target": "an `indicator` block",
    "source": "an `evidence` block", "url": "an `evidence` block", "ask": "an `algorithm` block",
}


def _terminal_text(name: str) -> str:
    if name in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[name]
    literal = _terminal_literals().get(name)
    return f"`{literal}`" if literal else name.lower()


@lru_cache(maxsize=1)
def _terminal_literals() -> dict[str, str]:
    """Terminal name -> its literal text, for keywords and punctuation (`LEVEL` -> `level`)."""
    return {t.name: t.pattern.value for t in _parser().terminals if t.pattern.type == "str"}


def _keywords_in(expected: set[str]) -> list[str]:
    literals = _terminal_literals()
    return sorted(literals[e] for e in expected if e in literals and literals[e].isidentifier())


def _expected_list(expected: set[str]) -> str:
    words = sorted({_terminal_text(e) for e in expected})
    if len(words) > 8:
        words = words[:8] + ["..."]
    return ", ".join(words) if len(words) < 3 else "one of " + ", ".join(words)


def explain_syntax_error(err: UnexpectedInput, source: SourceFile) -> Diagnostic:
    """Turn lark's exception into a finding that names what was expected and where."""
    if isinstance(err, UnexpectedCharacters):
        return _unexpected_character(err, source)
    if isinstance(err, UnexpectedEOF) or (
        isinstance(err, UnexpectedToken) and err.token.type == "$END"
    ):
        return _unexpected_end(source)
    assert isinstance(err, UnexpectedToken)
    return _unexpected_token(err, source)


def _syntax(message: str, span: Span, hint: str | None = None, labels=()) -> Diagnostic:
    return Diagnostic("syntax", Severity.ERROR, message, span, tuple(labels), hint)


def _token_span(source: SourceFile, token: Token) -> Span:
    width = max(1, len(str(token).split("\n")[0]))
    return Span.point(source.display, token.line, token.column, width)


def _nul_byte(source: SourceFile, index: int) -> Diagnostic:
    line = source.text.count("\n", 0, index) + 1
    column = index - (source.text.rfind("\n", 0, index) + 1) + 1
    return _syntax("NUL byte in the file: this looks like binary data, not a pathway",
                   Span.point(source.display, line, column),
                   hint="pathway files are plain UTF-8 text; check the file was saved as text")


def _unexpected_character(err: UnexpectedCharacters, source: SourceFile) -> Diagnostic:
    span = Span.point(source.display, err.line, err.column)
    char = source.text[err.pos_in_stream] if err.pos_in_stream < len(source.text) else ""
    if char == '"':
        return _syntax("this string has no closing `\"`", span,
                       hint='close the string on the same line, or use """ ... """ for text '
                            "that runs over several lines")
    if char.isidentifier() or char.isdigit():
        word = re.match(r"[\w-]+", source.text[err.pos_in_stream:]).group(0)
        span = Span.point(source.display, err.line, err.column, len(word))
        return _syntax(f"unexpected `{word}`; expected {_expected_list(set(err.allowed))}", span)
    shown = repr(char)[1:-1] if not char.isprintable() else char
    return _syntax(f"unexpected character `{shown}`; expected {_expected_list(set(err.allowed))}",
                   span)


def _unexpected_end(source: SourceFile) -> Diagnostic:
    open_block = innermost_open_block(source.text, len(source.text))
    last = source.text.rstrip()
    line = last.count("\n") + 1
    column = len(last) - (last.rfind("\n") + 1) + 1
    end = Span.point(source.display, line, column, 1)
    if open_block is None:
        return _syntax("the file ended too soon", end, hint="a file holds one `pathway` or "
                       "`library` block: `pathway my_id \"Title\" { ... }`")
    opened = Span.point(source.display, open_block.line, open_block.column)
    return _syntax(f"the file ended, but the {open_block.describe()} is still open; expected `}}`",
                   end, hint=f"add `}}` to close the {open_block.describe()}",
                   labels=[Label(opened, "the block opened here")])


def _unexpected_token(err: UnexpectedToken, source: SourceFile) -> Diagnostic:
    token = err.token
    span = _token_span(source, token)
    expected = set(err.expected)
    value = str(token)
    keywords = _keywords_in(expected)
    block = innermost_open_block(source.text, token.start_pos or 0)
    where = f"inside the {block.describe()}" if block else "here"
    close = difflib.get_close_matches(value, keywords, n=1, cutoff=0.7)
    if token.type == "NAME" and close:
        return _syntax(f"unknown word `{value}` {where}; did you mean `{close[0]}`?", span,
                       hint=f"write `{close[0]}`")
    if value in _KEYWORD_HOME and keywords and token.type != "NAME":
        return _stray_statement(value, span, block, expected)
    if "TO" in expected and token.type != "TO":
        return _syntax(f"expected `to`, found {_describe(token)}", span,
                       hint="transitions are written `exit to TARGET`, `step up to TARGET`, "
                            "`step down to TARGET` or `refer to TARGET`")
    if token.type == "NAME" and keywords:
        return _syntax(f"`{value}` is not a statement that can go {where}", span,
                       hint=f"expected {_expected_list(expected)}")
    return _syntax(f"expected {_expected_list(expected)}, found {_describe(token)}", span)


def _stray_statement(word: str, span: Span, block: "OpenBlock | None", expected) -> Diagnostic:
    where = f"inside the {block.describe()}" if block else "here"
    hint = f"`{word}` belongs in {_KEYWORD_HOME[word]}"
    labels = []
    if block is not None and block.keyword in {"stage", "outcome", "family", "levels", "evidence",
                                               "algorithm", "ask", "subpathway", "indicator"}:
        hint += f"; is a `}}` missing to close the {block.describe()}?"
        labels = [Label(Span.point(span.file, block.line, block.column), "the block opened here")]
    return _syntax(f"`{word}` cannot go {where}", span, hint=hint, labels=labels)


def _describe(token: Token) -> str:
    if token.type in ("NAME", "INT", "DATE", "PERCENT"):
        return f"`{token}`"
    if token.type == "STRING":
        return "a string"
    return _terminal_text(token.type)


# ---- a small brace scanner, to say which block is open --------------------------

_BLOCK_KEYWORDS = {"pathway", "library", "levels", "evidence", "variance", "algorithm", "ask",
                   "stage", "outcome", "family", "subpathway", "indicator"}
_SCAN = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|$)|"(?:[^"\\\n]|\\.)*"?|#[^\n]*'
                   r"|[A-Za-z_][A-Za-z0-9_]*|[{}]")


@dataclass
class OpenBlock:
    keyword: str
    name: str
    line: int
    column: int

    def describe(self) -> str:
        return f"`{self.keyword} {self.name}` block" if self.name else f"`{self.keyword}` block"


def innermost_open_block(text: str, upto: int) -> OpenBlock | None:
    """The innermost `{` still open at offset `upto`, with the keyword that opened it."""
    stack: list[OpenBlock] = []
    words: list[str] = []
    for match in _SCAN.finditer(text, 0, upto):
        piece = match.group(0)
        if piece == "{":
            stack.append(_block_from_words(words, text, match.start()))
            words = []
        elif piece == "}":
            if stack:
                stack.pop()
            words = []
        elif piece[0].isalpha() or piece[0] == "_":
            words.append(piece)
    return stack[-1] if stack else None


def _block_from_words(words: list[str], text: str, offset: int) -> OpenBlock:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _BLOCK_KEYWORDS:
            name = words[i + 1] if i + 1 < len(words) else ""
            return OpenBlock(words[i], name, line, column)
    return OpenBlock("{", "", line, column)
