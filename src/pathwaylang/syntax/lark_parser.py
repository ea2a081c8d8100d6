"""Source text to lark parse tree, with comments kept and syntax errors told in plain words."""

from __future__ import annotations

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
        cache=True,
        postlex=_WholeWords(),
        lexer_callbacks={"COMMENT": _comment_sink.append},
    )


def parse(source: SourceFile) -> ParseResult:
    """Parse one file. On syntax errors the tree is None and each `syntax` finding says what
    was expected; the parser goes on past a mistake it can step over (a misspelt keyword,
    a stray statement), so one run reports up to `MAX_SYNTAX_ERRORS` of them. `recovered`
    is then the tree of the file with those statements blanked out, for the lowering
    stage's findings only."""
    text = source.text
    tree = _parse_fast(text)
    if tree is not None:
        comments = [Comment(t.line, t.column, str(t)) for t in _comment_sink]
        _comment_sink.clear()
        return ParseResult(tree, comments=comments)
    diagnostics: list[Diagnostic] = []
    while len(diagnostics) < MAX_SYNTAX_ERRORS:
        _comment_sink.clear()
        try:
            tree = _parser().parse(text)
        except UnexpectedInput as err:
            from pathwaylang.syntax.errors import explain_syntax_error  # only when needed

            finding, repair = explain_syntax_error(err, source, text, terminal_literals())
            diagnostics.append(finding)
            if repair is None:
                break
            text = text[: repair[0]] + " " * (repair[1] - repair[0]) + text[repair[1]:]
            continue
        comments = [Comment(t.line, t.column, str(t)) for t in _comment_sink]
        _comment_sink.clear()
        if diagnostics:
            return ParseResult(None, diagnostics=diagnostics, recovered=tree)
        return ParseResult(tree, comments=comments)
    _comment_sink.clear()
    return ParseResult(None, diagnostics=diagnostics)


def _parse_fast(text: str) -> Tree | None:
    """The tree by the fast lexer (fastlex.py), or None when lark's own lexer must decide."""
    from pathwaylang.syntax.fastlex import GiveUp, fast_parse

    _comment_sink.clear()
    try:
        return fast_parse(_parser(), text)
    except (GiveUp, UnexpectedInput):
        return None


@lru_cache(maxsize=1)
def terminal_literals() -> dict[str, str]:
    """Terminal name -> its literal text, for keywords and punctuation (`LEVEL` -> `level`)."""
    return {t.name: t.pattern.value for t in _parser().terminals if t.pattern.type == "str"}
