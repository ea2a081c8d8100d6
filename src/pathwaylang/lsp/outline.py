"""Document symbols (the outline) and semantic tokens."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from pathwaylang import model as m
from pathwaylang.lsp.analysis import Analysis
from pathwaylang.lsp.navigation import keywords
from pathwaylang.lsp.positions import Lines

_SYMBOL_KINDS = {
    "level": lsp.SymbolKind.EnumMember, "agency": lsp.SymbolKind.Struct,
    "role": lsp.SymbolKind.Interface, "evidence": lsp.SymbolKind.Object,
    "entry": lsp.SymbolKind.Event, "stage": lsp.SymbolKind.Class,
    "outcome": lsp.SymbolKind.Event, "subpathway": lsp.SymbolKind.Module,
    "algorithm": lsp.SymbolKind.Function, "indicator": lsp.SymbolKind.Variable,
}
_GROUPS = (("levels", "level"), ("agencies", "agency"), ("roles", "role"),
           ("evidence", "evidence"), ("entries", "entry"), ("stages", "stage"),
           ("outcomes", "outcome"), ("subpathways", "subpathway"),
           ("algorithms", "algorithm"), ("indicators", "indicator"))


def document_symbols(analysis: Analysis) -> list[lsp.DocumentSymbol]:
    display = analysis.display
    model = analysis.file_model(display) if display else None
    lines = analysis.lines(display) if display else None
    if model is None or lines is None:
        return []
    children = []
    for attribute, kind in _GROUPS:
        items = model.levels.levels if attribute == "levels" and model.levels else (
            getattr(model, attribute) if attribute != "levels" else [])
        for item in items:
            children.append(_symbol(lines, item, kind, _questions(lines, item)))
    title = model.title.value if model.title else None
    return [lsp.DocumentSymbol(
        name=model.id.value, detail=title, kind=lsp.SymbolKind.File,
        range=lines.range(model.span), selection_range=lines.range(model.id.span),
        children=children)]


def _symbol(lines: Lines, node: m.Node, kind: str,
            children: list[lsp.DocumentSymbol] | None = None) -> lsp.DocumentSymbol:
    from pathwaylang.lsp.hover import _title

    title = node.label.value if isinstance(node, m.Level) else _title(node)
    return lsp.DocumentSymbol(
        name=node.id.value, detail=" ".join(title.split()) if title else kind,  # type: ignore
        kind=_SYMBOL_KINDS[kind], range=lines.range(node.span),
        selection_range=lines.range(node.id.span), children=children)  # type: ignore


def _questions(lines: Lines, node: m.Node) -> list[lsp.DocumentSymbol] | None:
    if not isinstance(node, m.Algorithm):
        return None
    return [lsp.DocumentSymbol(name=q.id.value, detail=" ".join(q.text.value.split()),
                               kind=lsp.SymbolKind.Method, range=lines.range(q.span),
                               selection_range=lines.range(q.id.span))
            for q in node.questions]


# ---- semantic tokens -------------------------------------------------------------

TOKEN_TYPES = ["keyword", "string", "comment", "number", "class", "event", "enumMember",
               "interface", "struct", "function", "variable", "namespace", "parameter"]
TOKEN_MODIFIERS = ["declaration", "defaultLibrary"]
_TYPE_OF_KIND = {
    "stage": "class", "outcome": "event", "entry": "event", "level": "enumMember",
    "role": "interface", "agency": "struct", "algorithm": "function",
    "evidence": "parameter", "indicator": "variable", "subpathway": "namespace",
}
_LEXEME = re.compile(r'(?P<comment>#[^\n]*)|(?P<string>"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'
                     r'"(?:[^"\\\n]|\\.)*")|(?P<number>\d{4}-\d\d-\d\d|\d+(?:\.\d+)?%?)|'
                     r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)")


def semantic_tokens(analysis: Analysis | None, text: str) -> list[int]:
    """The LSP's relative encoding: for each token, line delta, start delta, length, type,
    modifiers. Names are typed by what they name (from the last check); a string over
    several lines is one token a line."""
    names = _name_types(analysis)
    keyword_words = keywords()
    tokens: list[tuple[int, int, int, int, int]] = []
    line, position = 0, 0
    for found in _LEXEME.finditer(text):
        line += text.count("\n", position, found.start())
        position = found.start()
        line_start = text.rfind("\n", 0, position) + 1
        column = _u16(text[line_start:position])
        kind = found.lastgroup
        if kind == "word":
            typed = names.get((line + 1, position - line_start + 1))
            if typed is None and found.group() not in keyword_words:
                continue
            token_type, modifiers = typed if typed else (0, 0)
            tokens.append((line, column, len(found.group()), token_type, modifiers))
            continue
        token_type = TOKEN_TYPES.index(kind)
        for offset, piece in enumerate(found.group().split("\n")):
            if piece:
                tokens.append((line + offset, column if offset == 0 else 0, _u16(piece),
                               token_type, 0))
    return _encode(tokens)


def _u16(text: str) -> int:
    """Length in UTF-16 code units, the LSP's measure."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _name_types(analysis: Analysis | None) -> dict[tuple[int, int], tuple[int, int]]:
    """(line, column) of each name in the document -> its token type and modifiers."""
    if analysis is None or analysis.display is None:
        return {}
    found = {}
    for occurrences in analysis.occurrences().get(analysis.display, {}).values():
        for occurrence in occurrences:
            definition = analysis.resolve(occurrence)
            if definition is not None:
                kind, modifiers = definition.kind, 1 if occurrence.defines else 0
            elif occurrence.name.value in m.BUILT_IN_ROLES:
                kind, modifiers = "role", 2
            else:
                continue
            found[(occurrence.span.line, occurrence.span.column)] = (
                TOKEN_TYPES.index(_TYPE_OF_KIND[kind]), modifiers)
    return found


def _encode(tokens: list[tuple[int, int, int, int, int]]) -> list[int]:
    data: list[int] = []
    last_line, last_start = 0, 0
    for line, start, length, token_type, modifiers in sorted(tokens):
        delta_start = start - last_start if line == last_line else start
        data += [line - last_line, delta_start, length, token_type, modifiers]
        last_line, last_start = line, start
    return data
