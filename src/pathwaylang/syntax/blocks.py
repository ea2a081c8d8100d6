"""What goes in which block, for `syntax` findings: the statements each block holds and how
each is written (both read from the statement table, `statements.py`), and a small brace
scanner that says which block is open at a place in a file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pathwaylang.syntax.statements import BLOCKS, LINE_USAGE, USAGE, usage  # noqa: F401

BLOCK_STATEMENTS: dict[str, tuple[str, ...]] = {
    block: tuple(s.keyword for s in statements) for block, statements in BLOCKS.items()}
"""The statements each kind of block holds (from the statement table), in the order the
language reference lists them."""

STATEMENTS = {word for words in BLOCK_STATEMENTS.values() for word in words}
# Keywords that also appear inside a statement: never hidden from "expected" lists.
PARTS = {"at", "to", "when", "by", "within", "domain", "up", "down", "ask", "do", "goto"}

HOMES = {
    "pathway": "the `pathway` block", "library": "a `library` block",
    "stage": "a `stage` block", "outcome": "an `outcome` block", "family": "a `family` block",
    "header family": "a `family` block",
    "evidence": "an `evidence` block", "algorithm": "an `algorithm` block",
    "subpathway": "a `subpathway` block", "indicator": "an `indicator` block",
}


# ---- a small brace scanner, to say which block is open -----------------------------------

_BLOCK_KEYWORDS = {"pathway", "library", "levels", "evidence", "variance", "algorithm", "ask",
                   "stage", "outcome", "family", "subpathway", "indicator"}
_SCAN = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|$)|"(?:[^"\\\n]|\\.)*"?|#[^\n]*'
                   r"|[A-Za-z_][A-Za-z0-9_]*|[{}]")


def scan_pieces(text: str) -> list[str]:
    """Words, strings and braces, comments left out."""
    return [m.group(0) for m in _SCAN.finditer(text) if not m.group(0).startswith("#")]


@dataclass
class OpenBlock:
    keyword: str
    name: str
    line: int
    column: int

    @property
    def written(self) -> str:
        """The keyword as written: `family` for the header's `family` block, whose kind
        (`keyword`) is `header family`."""
        return "family" if self.keyword == "header family" else self.keyword

    def describe(self) -> str:
        return f"`{self.written} {self.name}` block" if self.name else f"`{self.written}` block"


def innermost_open_block(text: str, upto: int) -> OpenBlock | None:
    """The innermost `{` still open at offset `upto`, with the keyword that opened it."""
    stack: list[OpenBlock] = []
    pieces: list[str] = []
    for match in _SCAN.finditer(text, 0, upto):
        piece = match.group(0)
        if piece == "{":
            block = _block_from(pieces, text, match.start())
            if block.keyword == "family" and stack and stack[-1].keyword in ("pathway", "library"):
                block.keyword = "header family"  # names in one language, not a stage's words
            stack.append(block)
            pieces = []
        elif piece == "}":
            if stack:
                stack.pop()
            pieces = []
        elif not piece.startswith("#"):
            pieces.append(piece)
    return stack[-1] if stack else None


def _block_from(pieces: list[str], text: str, offset: int) -> OpenBlock:
    """Which block a `{` opens, from the words and strings just before it:
    `KEYWORD`, `family LANG`, `KEYWORD ID "Title"` or `library ID`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    last = pieces[-3:]

    def is_word(piece: str) -> bool:
        return piece[0].isalpha() or piece[0] == "_"

    if last and last[-1] in ("levels", "variance", "family"):
        return OpenBlock(last[-1], "", line, column)
    if len(last) >= 2 and last[-2] in ("family", "library") and is_word(last[-1]):
        return OpenBlock(last[-2], last[-1], line, column)
    if len(last) == 3 and last[0] in _BLOCK_KEYWORDS and is_word(last[1]) \
            and last[2].startswith('"'):
        return OpenBlock(last[0], last[1], line, column)
    words = [p for p in pieces if is_word(p)]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _BLOCK_KEYWORDS:
            name = words[i + 1] if i + 1 < len(words) else ""
            return OpenBlock(words[i], name, line, column)
    return OpenBlock("{", "", line, column)
