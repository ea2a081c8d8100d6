"""Source text to lark parse tree, with comments kept and syntax errors told in plain words."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lark import PostLex

from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.limits import MAX_SYNTAX_ERRORS
from pathwaylang.core.source import Comment, SourceFile


def grammar_path() -> Path:
    """The grammar ships inside the wheel; an editable install reads it from `grammar/`."""
    packaged = Path(__file__).parent / "pathway.lark"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[3] / "grammar" / "pathway.lark"


@dataclass
class ParseResult:
    tree: Tree | None
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    recovered: Tree | None = None
    """With syntax errors: the tree once the mistaken statements were blanked out."""


# Lark's lexer callbacks are fixed when the parser is built; this names the list of the
# parse under way, so each parse keeps its own comments (and parses never share one).
_comments_of_this_parse: ContextVar[list[Token]] = ContextVar("comments_of_this_parse")


def _keep_comment(token: Token) -> None:
    _comments_of_this_parse.get().append(token)


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
        cache=True,
        postlex=_WholeWords(),
        lexer_callbacks={"COMMENT": _keep_comment},
    )


def parse(source: SourceFile) -> ParseResult:
    """Parse one file. On syntax errors the tree is None and each `syntax` finding says what
    was expected; the parser goes on past a mistake it can step over (a misspelt keyword,
    a stray statement), so one run reports up to `MAX_SYNTAX_ERRORS` of them. `recovered`
    is then the tree of the file with those statements blanked out, for the lowering
    stage's findings only."""
    text = source.text
    diagnostics: list[Diagnostic] = []
    while len(diagnostics) < MAX_SYNTAX_ERRORS:
        try:
            tree, comments = parse_text(text)
        except UnexpectedInput as err:
            from pathwaylang.syntax.errors import explain_syntax_error  # only when needed

            finding, repair = explain_syntax_error(err, source, text, terminal_literals())
            diagnostics.append(finding)
            if repair is None:
                break
            text = text[: repair[0]] + " " * (repair[1] - repair[0]) + text[repair[1]:]
            continue
        if diagnostics:
            return ParseResult(None, diagnostics=diagnostics, recovered=tree)
        return ParseResult(tree, comments=comments)
    return ParseResult(None, diagnostics=diagnostics)


def parse_text(text: str) -> tuple[Tree, list[Comment]]:
    """Lark's tree of `text` and its comments; raises lark's `UnexpectedInput`."""
    comments: list[Token] = []
    reset = _comments_of_this_parse.set(comments)
    try:
        tree = _parser().parse(text)
    finally:
        _comments_of_this_parse.reset(reset)
    return tree, [Comment(t.line, t.column, str(t)) for t in comments]


@lru_cache(maxsize=1)
def terminal_literals() -> dict[str, str]:
    """Terminal name -> its literal text, for keywords and punctuation (`LEVEL` -> `level`)."""
    return {t.name: t.pattern.value for t in _parser().terminals if t.pattern.type == "str"}
