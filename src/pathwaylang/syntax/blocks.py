"""What goes in which block: the statements each block holds, how each is written, and a
small brace scanner that says which block is open at a place in a file (for `syntax` findings)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = ("authority", "version", "status", "developed", "review", "owner", "languages",
           "ages", "use")
_SHARED = ("levels", "agency", "role", "evidence", "algorithm", "variance")

BLOCK_STATEMENTS: dict[str, tuple[str, ...]] = {
    "pathway": _HEADER + _SHARED + ("entry", "stage", "outcome", "subpathway", "indicator"),
    "library": _HEADER + _SHARED,
    "stage": ("level", "lead", "with", "entry", "exclude", "consent", "action", "timescale",
              "uses", "evidence", "guidance", "ages", "exit", "step", "refer", "family"),
    "outcome": ("level", "family"),
    "family": ("title", "text", "asked", "contact", "icon"),
    "evidence": ("ages", "source", "url"),
    "algorithm": ("ask",),
    "subpathway": ("file", "rejoin"),
    "indicator": ("measure", "target", "at"),
    "levels": (), "variance": (), "ask": (),
}
"""The statements each kind of block holds, in the order the language reference lists them."""

STATEMENTS = {word for words in BLOCK_STATEMENTS.values() for word in words}
# Keywords that also appear inside a statement: never hidden from "expected" lists.
PARTS = {"at", "to", "when", "by", "within", "domain", "up", "down", "ask", "do", "goto"}

HOMES = {
    "pathway": "the `pathway` block", "library": "a `library` block",
    "stage": "a `stage` block", "outcome": "an `outcome` block", "family": "a `family` block",
    "evidence": "an `evidence` block", "algorithm": "an `algorithm` block",
    "subpathway": "a `subpathway` block", "indicator": "an `indicator` block",
}

USAGE = {
    "pathway": 'pathway ID "Title" { ... }', "library": 'library ID "Title" { ... }',
    "authority": 'authority "Name of the council"', "version": 'version "1.2.0"',
    "status": "status draft|consultation|approved|retired", "developed": "developed 2011-09-01",
    "review": "review 2012-09-01", "owner": 'owner "Pathway project team"',
    "languages": "languages en, cy", "ages": "ages 0 to 18", "use": 'use "relative/path.pwy"',
    "levels": 'levels { ID "Label" domain prevention|protection|remedial ... }',
    "agency": 'agency ID "Name"', "role": 'role ID "Name" at AGENCY',
    "evidence": 'evidence ID "Name" { ages 0 to 25  source "..."  url "..." }',
    "algorithm": 'algorithm ID "Title" { ask ID "Question?" { ... } }',
    "variance": 'variance { CODE "Meaning" ... }',
    "entry": 'entry ID "How families arrive" -> STAGE', "stage": 'stage ID "Title" { ... }',
    "outcome": 'outcome ID "Title" { level LEVEL  family { ... } }',
    "subpathway": 'subpathway ID "Title" { file "path.pwy"  rejoin STAGE }',
    "indicator": 'indicator ID "Name" { measure "..."  target 80%  at STAGE }',
    "level": "level LEVEL", "lead": "lead ROLE", "with": "with ROLE, ROLE",
    "exclude": 'exclude when "..."', "consent": 'consent "..."',
    "action": 'action "..." by ROLE within 20 working days',
    "timescale": "timescale 20 working days", "uses": "uses ALGORITHM, ALGORITHM",
    "guidance": 'guidance "..."', "exit": 'exit to TARGET when "..."',
    "step": 'step up to TARGET when "..."` or `step down to TARGET when "..."',
    "refer": 'refer to SUBPATHWAY when "..."',
    "family": 'family LANG { title "..."  text "..."  asked "..."  contact "..."  icon NAME }',
    "title": 'title "..."', "text": 'text "..."', "asked": 'asked "..."',
    "contact": 'contact "..."', "icon": "icon NAME", "source": 'source "..."',
    "url": 'url "https://..."', "ask": 'ask ID "Question?" { yes -> ...  no -> ... }',
    "file": 'file "path.pwy"', "rejoin": "rejoin STAGE", "measure": 'measure "..."',
    "target": "target 80%", "at": "at STAGE",
}
STAGE_USAGE = {"entry": 'entry when "..."', "evidence": "evidence EVIDENCE, EVIDENCE"}
# Blocks whose lines start with a name rather than a keyword.
LINE_USAGE = {
    "levels": 'ID "Label" domain prevention',
    "variance": 'CODE "Meaning"',
    "ask": 'ANSWER -> ask QUESTION`, `ANSWER -> do "..."` or `ANSWER -> goto STAGE',
}


def usage(block_kind: str, word: str) -> str:
    if block_kind == "stage" and word in STAGE_USAGE:
        return STAGE_USAGE[word]
    return USAGE[word]


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

    def describe(self) -> str:
        return f"`{self.keyword} {self.name}` block" if self.name else f"`{self.keyword}` block"


def innermost_open_block(text: str, upto: int) -> OpenBlock | None:
    """The innermost `{` still open at offset `upto`, with the keyword that opened it."""
    stack: list[OpenBlock] = []
    pieces: list[str] = []
    for match in _SCAN.finditer(text, 0, upto):
        piece = match.group(0)
        if piece == "{":
            stack.append(_block_from(pieces, text, match.start()))
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
