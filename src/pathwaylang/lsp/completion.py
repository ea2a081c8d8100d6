"""Completion by position: what may be written where the cursor is.

The words before the cursor on its line say what kind of name comes next (`lead` a role,
`to` a stage or outcome, `icon` an icon); at the start of a line, the statements the
enclosing block allows, from the statement table (syntax/statements.py). Names come from the
last check of the document (its libraries' names included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types as lsp

from pathwaylang import model as m
from pathwaylang.analysis.symbols import TARGET_KINDS
from pathwaylang.lsp.analysis import Analysis
from pathwaylang.syntax.statements import BLOCKS, FILE_USAGE

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|->|,|[{}]|\S')
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"?')

# The word before the cursor -> the kinds of name that come next.
_AFTER = {
    "level": ("level",), "lead": ("role",), "with": ("role",), "by": ("role",),
    "goto": ("stage", "outcome"), "rejoin": ("stage",), "uses": ("algorithm",),
    "->": ("stage",),
}
_LISTS = ("with", "uses", "evidence")
"""Statements whose value is a list: after a comma, more of the same."""

_ITEM_KINDS = {
    "stage": lsp.CompletionItemKind.Class, "outcome": lsp.CompletionItemKind.Event,
    "subpathway": lsp.CompletionItemKind.Module, "level": lsp.CompletionItemKind.EnumMember,
    "role": lsp.CompletionItemKind.Interface, "agency": lsp.CompletionItemKind.Struct,
    "algorithm": lsp.CompletionItemKind.Function, "evidence": lsp.CompletionItemKind.Reference,
    "entry": lsp.CompletionItemKind.Event, "indicator": lsp.CompletionItemKind.Variable,
}


@dataclass(frozen=True)
class Context:
    block: str | None
    """The enclosing block's keyword (`stage`, `family`, ...); None outside any block."""
    tokens: list[str]
    """The tokens before the word being typed, on the cursor's line."""


def context(lines: list[str], line: int, column: int) -> Context:
    """What surrounds the 1-based position, from the text alone (it may not parse)."""
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    before = text[:column - 1]
    typed = _WORD.search(before)
    rest = before[:typed.start()] if typed else before
    tokens = _TOKEN.findall(_strings_out(rest).split("#", 1)[0])
    return Context(enclosing_block(lines, line, rest), tokens)


def _strings_out(text: str) -> str:
    return _STRING.sub('""', text)


def enclosing_block(lines: list[str], line: int, before: str) -> str | None:
    """The keyword of the innermost block open at the end of `before` on `line`, found by
    walking back over braces (strings and comments left out)."""
    depth = 0
    for number in range(line, 0, -1):
        text = before if number == line else lines[number - 1]
        if "{" not in text and "}" not in text:
            continue
        code = _strings_out(text).split("#", 1)[0]
        for ch in reversed(code):
            if ch == "}":
                depth += 1
            elif ch == "{":
                if depth == 0:
                    words = code.split()
                    return words[0] if words else None
                depth -= 1
    return None


def complete(analysis: Analysis | None, lines: list[str], line: int,
             column: int) -> list[lsp.CompletionItem]:
    where = context(lines, line, column)
    if not where.tokens:
        return _statements(where.block)
    return _names(analysis, where)


def _names(analysis: Analysis | None, where: Context) -> list[lsp.CompletionItem]:
    from pathwaylang import icons

    last, first = where.tokens[-1], where.tokens[0]
    if last == ",":
        last = first if first in _LISTS else ""
    if last == "icon":
        return [lsp.CompletionItem(label=name, kind=lsp.CompletionItemKind.File,
                                   detail=icons.ALT_TEXT[name]["en"]) for name in icons.ICON_NAMES]
    if last == "status":
        return _words([s.value for s in m.Status])
    if last == "domain":
        return _words([d.value for d in m.Domain])
    if last == "family" and analysis is not None and analysis.program is not None:
        return _words(analysis.program.root.language_codes())
    kinds = _kinds(last, first, where.block)
    if not kinds or analysis is None or analysis.symbols is None:
        return []
    items = [_name_item(analysis, name) for name in analysis.symbols.names_of(kinds)]
    if last in ("with", "by") or (first == "with" and where.tokens[-1] == ","):
        items += [lsp.CompletionItem(label=name, kind=lsp.CompletionItemKind.Interface,
                                     detail=words) for name, words in m.BUILT_IN_ROLES.items()]
    return items


def _kinds(last: str, first: str, block: str | None) -> tuple[str, ...]:
    if last == "to":
        return ("subpathway",) if first == "refer" else TARGET_KINDS
    if last == "at":
        return ("agency",) if first == "role" else ("stage", "outcome")
    if last == "evidence" and block == "stage":
        return ("evidence",)
    if last == "->" and first != "entry":
        return ()
    return _AFTER.get(last, ())


def _name_item(analysis: Analysis, name: str) -> lsp.CompletionItem:
    from pathwaylang.lsp.hover import _title

    found = analysis.symbols.lookup(name)
    title = _title(found.node) if found is not None else None
    kind = found.kind if found is not None else ""
    return lsp.CompletionItem(label=name, kind=_ITEM_KINDS.get(kind),
                              detail=f"{kind}: {title}" if title else kind or None)


def _words(words: list[str]) -> list[lsp.CompletionItem]:
    return [lsp.CompletionItem(label=w, kind=lsp.CompletionItemKind.Value) for w in words]


def _statements(block: str | None) -> list[lsp.CompletionItem]:
    """The statements `block` allows (the statement table's), each with its usage."""
    if block is None:
        return [lsp.CompletionItem(label=word, kind=lsp.CompletionItemKind.Keyword,
                                   detail=usage) for word, usage in FILE_USAGE.items()]
    items, seen = [], set()
    for statement in BLOCKS.get(block, ()):
        if statement.written in seen:
            continue
        seen.add(statement.written)
        items.append(lsp.CompletionItem(
            label=statement.written, kind=lsp.CompletionItemKind.Keyword,
            detail=statement.usage, insert_text=statement.written + " "))
    return items
