"""Go to definition, find references and rename, across a pathway, the libraries it uses,
its subpathway files and the other pathways in the workspace that use the same library."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.analysis.loader import load
from pathwaylang.analysis.symbols import Definition, SymbolTable
from pathwaylang.core.source import display_path, resolved, unsaved_texts
from pathwaylang.core.span import Span
from pathwaylang.lsp.analysis import Analysis, Occurrence

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
MAX_WORKSPACE_FILES = 2000
"""Past this many `.pwy` files, references stop at the files already loaded."""


@lru_cache(maxsize=1)
def keywords() -> frozenset[str]:
    """Every word the grammar reserves (the quoted words of grammar/pathway.lark)."""
    from pathwaylang.syntax.lark_parser import grammar_path

    return frozenset(re.findall(r'"([a-z_]+)"', grammar_path().read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Place:
    """A span in a file on disk (or open in the editor)."""

    path: Path
    span: Span


class RenameRefused(Exception):
    """Why a rename cannot be done, in plain words for the editor to show."""


def _place(analysis: Analysis, span: Span) -> Place | None:
    path = analysis.path_of(span.file)
    return Place(path, span) if path is not None else None


_HEADER = re.compile(r"^[ \t]*(?:pathway|library)[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def _file_start(analysis: Analysis, target: Path) -> Place:
    """The name on the file's `pathway`/`library` line, or its first character. A
    subpathway's file was read by the check but is not part of the program: its header is
    found in its text."""
    display = analysis.display_of(target)
    model = analysis.file_model(display) if display else None
    if model is not None:
        return Place(target, model.id.span)
    source = analysis.sources.get(display) if display else None
    header = _HEADER.search(source.text) if source is not None else None
    if header is not None:
        line = source.text.count("\n", 0, header.start(1)) + 1
        column = header.start(1) - (source.text.rfind("\n", 0, header.start(1)) + 1) + 1
        return Place(target, Span.point(display, line, column, len(header.group(1))))
    return Place(target, Span.point(display_path(target), 1, 1, 0))


def definition(analysis: Analysis, display: str, line: int, column: int) -> list[Place]:
    link = analysis.link_at(display, line, column)
    if link is not None:
        return [_file_start(analysis, link.target)] if link.target.is_file() or \
            analysis.display_of(link.target) else []
    occurrence = analysis.occurrence_at(display, line, column)
    if occurrence is None:
        return []
    found = analysis.resolve(occurrence)
    place = _place(analysis, found.name.span) if found is not None else None
    return [place] if place is not None else []


# ---- references ------------------------------------------------------------------


def _same(a: Definition, a_path: Path | None, b: Definition, b_path: Path | None) -> bool:
    return a_path == b_path and a.name.span == b.name.span


def _references_in(analysis: Analysis, target: Definition, target_path: Path | None,
                   with_definition: bool) -> list[Place]:
    found = []
    name = target.name.value
    for by_line in analysis.occurrences().values():
        for occurrences in by_line.values():
            for occurrence in occurrences:
                if occurrence.name.value != name:
                    continue
                if occurrence.defines is not None and not with_definition:
                    continue
                resolved_to = analysis.resolve(occurrence)
                if resolved_to is None or not _same(
                        resolved_to, analysis.path_of(resolved_to.name.span.file),
                        target, target_path):
                    continue
                place = _place(analysis, occurrence.span)
                if place is not None:
                    found.append(place)
    return found


def workspace_analyses(root: Path, unsaved: dict[Path, str]) -> list[Analysis]:
    """Every `.pwy` file under `root` (hidden folders skipped) loaded with its libraries,
    without running the rules: enough to know who refers to what."""
    analyses = []
    files = sorted(p for p in root.rglob("*.pwy") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(root).parts))
    with unsaved_texts(unsaved):
        for path in files[:MAX_WORKSPACE_FILES]:
            loaded = load(path, root)
            program = loaded.program
            analyses.append(Analysis(resolved(path), None, loaded.diagnostics, loaded.sources,
                                     program, SymbolTable(program) if program else None))
    return analyses


def references(analysis: Analysis, display: str, line: int, column: int,
               with_definition: bool, others: list[Analysis]) -> list[Place]:
    """Every place naming what is at the position: in this program, then in every other
    program (`others`) that loads the same definition (a library's users)."""
    target = _target(analysis, display, line, column)
    if target is None:
        return _file_references(analysis, display, line, column, others)
    target_path = analysis.path_of(target.name.span.file)
    places = _references_in(analysis, target, target_path, with_definition)
    for other in others:
        places += _references_in(other, target, target_path, with_definition)
    return _unique(places)


def _target(analysis: Analysis, display: str, line: int, column: int) -> Definition | None:
    occurrence = analysis.occurrence_at(display, line, column)
    return analysis.resolve(occurrence) if occurrence is not None else None


def _file_references(analysis: Analysis, display: str, line: int, column: int,
                     others: list[Analysis]) -> list[Place]:
    """On a file's own name (`library common ...`): the `use` and `file` lines naming it."""
    model = analysis.file_model(display)
    if model is None or not _on(model.id.span, line, column):
        return []
    path = analysis.path_of(display)
    places = []
    for each in [analysis, *others]:
        for link in each.links():
            if link.target == path:
                place = _place(each, link.text.span)
                if place is not None:
                    places.append(place)
    return _unique(places)


def _on(span: Span, line: int, column: int) -> bool:
    return span.line == line and span.column <= column <= span.end_column


def _unique(places: list[Place]) -> list[Place]:
    seen, unique = set(), []
    for place in places:
        key = (place.path, place.span.line, place.span.column)
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return sorted(unique, key=lambda p: (str(p.path), p.span.line, p.span.column))


# ---- rename ----------------------------------------------------------------------


def rename_target(analysis: Analysis, display: str, line: int, column: int) -> Occurrence:
    """The name that would be renamed, or `RenameRefused` saying why not."""
    occurrence = analysis.occurrence_at(display, line, column)
    if occurrence is None:
        raise RenameRefused("there is no name here to rename")
    if analysis.resolve(occurrence) is None:
        word = occurrence.name.value
        if word in m.BUILT_IN_ROLES:
            raise RenameRefused(f"`{word}` is built in (the stage's lead, or the family) and "
                                "cannot be renamed")
        raise RenameRefused(f"`{word}` is not defined anywhere, so there is nothing to rename")
    return occurrence


def check_new_name(analysis: Analysis, new_name: str) -> None:
    if not NAME.match(new_name):
        raise RenameRefused(f"`{new_name}` is not a name: use letters, digits and `_`, "
                            "starting with a letter or `_`")
    if new_name in keywords():
        raise RenameRefused(f"`{new_name}` is a keyword of the language")
    if new_name in m.BUILT_IN_ROLES:
        raise RenameRefused(f"`{new_name}` is a built-in role")
    if analysis.symbols is not None and analysis.symbols.lookup(new_name) is not None:
        raise RenameRefused(f"`{new_name}` is already defined")


def rename(analysis: Analysis, display: str, line: int, column: int, new_name: str,
           others: list[Analysis]) -> list[Place]:
    """Every place to rewrite, or `RenameRefused`."""
    rename_target(analysis, display, line, column)
    check_new_name(analysis, new_name)
    return references(analysis, display, line, column, True, others)
