"""One check of an editor's document, by `pwy check`'s own code, and an index of every name
in it for navigation.

The check is `check_paths` (analysis/batch.py), the very function `pwy check FILE` calls, run
with the editors' unsaved texts read in place of the files on disk (core/source.py), so the
findings are the same finding for finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pathwaylang import model as m
from pathwaylang.analysis.batch import Overrides, check_paths
from pathwaylang.analysis.symbols import (Definition, SymbolTable, definitions_in,
                                          gotos_resolved_in, references_in)
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.source import SourceFile, resolved, unsaved_texts
from pathwaylang.core.span import Span
from pathwaylang.lsp.positions import Lines, contains


@dataclass
class Settings:
    """What `pwy lsp` was told on its command line; each beats the configuration file, as
    the same options of `pwy check` do."""

    strict: bool = False
    root: Path | None = None
    config: Path | None = None

    def overrides(self) -> Overrides:
        return Overrides(today=dt.date.today(), strict=self.strict, root=self.root,
                         config=self.config)


@dataclass(frozen=True)
class Occurrence:
    """A name written in a file: a definition, or a reference to one."""

    name: m.Name
    kinds: tuple[str, ...]
    """The kinds of definition it is (one) or that may stand there (a reference)."""
    defines: Definition | None = None
    what: str = ""

    @property
    def span(self) -> Span:
        return self.name.span


@dataclass(frozen=True)
class PathLink:
    """A `use "..."` or subpathway `file "..."`: a string naming another file."""

    text: m.Text
    target: Path
    kind: str
    """`use` or `file`."""


@dataclass
class Analysis:
    """One check of one document at one version."""

    path: Path
    version: int | None
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile]
    program: m.Program | None = None
    symbols: SymbolTable | None = None
    subpathways: dict[str, m.Program] = field(default_factory=dict)
    """The programs of the subpathway files, checked with it (for the preview's build)."""
    _lines: dict[str, Lines] = field(default_factory=dict, repr=False)
    _index: dict[str, dict[int, list[Occurrence]]] | None = field(default=None, repr=False)

    # ---- files ------------------------------------------------------------------
    @property
    def display(self) -> str | None:
        """The document's name in spans (as `pwy check` shows it)."""
        return self.display_of(self.path)

    def display_of(self, path: Path) -> str | None:
        key = resolved(path)
        for display, source in self.sources.items():
            if resolved(source.path) == key:
                return display
        return None

    def path_of(self, display: str) -> Path | None:
        source = self.sources.get(display)
        return resolved(source.path) if source is not None else None

    def lines(self, display: str) -> Lines | None:
        if display not in self._lines:
            source = self.sources.get(display)
            if source is None:
                return None
            self._lines[display] = Lines(source.text)
        return self._lines[display]

    def file_model(self, display: str) -> m.PathwayFile | None:
        if self.program is None:
            return None
        return next((f for f in self.program.files() if f.span.file == display), None)

    # ---- names ------------------------------------------------------------------
    def occurrences(self) -> dict[str, dict[int, list[Occurrence]]]:
        """Every name in every file of the program, by file, then by line."""
        if self._index is None:
            self._index = {}
            if self.program is not None:
                for occurrence in program_occurrences(self.program):
                    by_line = self._index.setdefault(occurrence.span.file, {})
                    by_line.setdefault(occurrence.span.line, []).append(occurrence)
        return self._index

    def occurrence_at(self, display: str, line: int, column: int) -> Occurrence | None:
        for occurrence in self.occurrences().get(display, {}).get(line, []):
            if contains(occurrence.span, line, column):
                return occurrence
        return None

    def resolve(self, occurrence: Occurrence) -> Definition | None:
        if occurrence.defines is not None:
            return occurrence.defines
        if self.symbols is None:
            return None
        return self.symbols.lookup(occurrence.name.value)

    def links(self) -> Iterator[PathLink]:
        """Every `use` and subpathway `file` string of the program's files."""
        if self.program is None:
            return
        for file in self.program.files():
            base = self.path_of(file.span.file)
            if base is None:
                continue
            for use in file.uses:
                yield PathLink(use.path, resolved(base.parent / use.path.value), "use")
            for sub in file.subpathways:
                if sub.file is not None:
                    yield PathLink(sub.file, resolved(base.parent / sub.file.value), "file")

    def link_at(self, display: str, line: int, column: int) -> PathLink | None:
        return next((link for link in self.links() if link.text.span.file == display
                     and contains(link.text.span, line, column)), None)

    def findings_at(self, display: str, line: int, column: int) -> list[Diagnostic]:
        return [d for d in self.diagnostics
                if d.span is not None and d.span.file == display
                and contains(d.span, line, column)]


def program_occurrences(program: m.Program) -> Iterator[Occurrence]:
    resolve_gotos = gotos_resolved_in(program)  # as the checker resolves them (spec, Files)
    for file in program.files():
        for definition in definitions_in(file, from_library=file is not program.root):
            yield Occurrence(definition.name, (definition.kind,), definition)
        for ref in references_in(file, resolve_gotos):
            yield Occurrence(ref.name, ref.kinds, None, ref.what)


def analyse(path: Path, version: int | None, unsaved: dict[Path, str],
            settings: Settings) -> Analysis:
    """Check `path` as `pwy check PATH` would, reading the unsaved texts given."""
    with unsaved_texts(unsaved):
        result = check_paths([path], settings.overrides())
    report = result.reports[0] if result.reports else None
    program = report.program if report is not None else None
    symbols = SymbolTable(program) if program is not None else None
    return Analysis(path=resolved(path), version=version, diagnostics=result.diagnostics,
                    sources=result.sources, program=program, symbols=symbols,
                    subpathways=report.subpathways if report is not None else {})
