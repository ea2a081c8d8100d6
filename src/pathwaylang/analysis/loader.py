"""Loading a file and the libraries it `use`s into one `Program` (the `bad-include` rule's home)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.limits import MAX_INCLUDE_DEPTH
from pathwaylang.core.wording import FILE_NAME_CLOSE_ENOUGH, closest
from pathwaylang.core.source import (Comment, SourceFile, Unreadable, decode_source,
                                     display_path, read_bytes_safely, read_source, resolved)
from pathwaylang.rules import bad_include
from pathwaylang.syntax.read import read


@dataclass
class LoadedFile:
    """One file as read: its source, its model (None when unreadable) and its comments."""

    source: SourceFile
    file: m.PathwayFile | None
    comments: list[Comment]


@dataclass
class LoadResult:
    """A program (None when the checked file itself could not be read or parsed)."""

    program: m.Program | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    comments: dict[str, list[Comment]] = field(default_factory=dict)


def inside_root(path: Path, root: Path) -> bool:
    """True when `path`, with symlinks followed, is inside `root`."""
    return resolved(path).is_relative_to(resolved(root))


class Loader:
    """Reads, parses and lowers files, each once, following `use` from file to file."""

    def __init__(self, root: Path):
        self.root = root
        self.loaded: dict[Path, LoadedFile] = {}
        self.diagnostics: list[Diagnostic] = []

    def load_file(self, path: Path, display: str | None = None,
                  given: SourceFile | None = None) -> LoadedFile | None:
        """`given`: the file's text already read (standard input, named `path`)."""
        key = resolved(path)
        if key in self.loaded:
            return self.loaded[key]
        source = given if given is not None else read_source(path, display)
        if isinstance(source, Diagnostic):
            self.diagnostics.append(source)
            return None
        loaded = self.loaded[key] = self.read(source)
        return loaded

    def _load_library(self, use: m.Use, target: Path) -> LoadedFile | Unreadable | None:
        """A used file, read as safely as an argument; why not, for `bad-include` to say."""
        key = resolved(target)
        if key in self.loaded:
            return self.loaded[key]
        data = read_bytes_safely(target)
        if isinstance(data, Unreadable):
            return data
        source = decode_source(data, target, display_path(target))
        if isinstance(source, Diagnostic):  # not UTF-8 text: a `syntax` finding in that file
            self.diagnostics.append(source)
            return None
        loaded = self.loaded[key] = self.read(source)
        return loaded

    def read(self, source: SourceFile) -> LoadedFile:
        reading = read(source)  # syntax/read.py: which reader runs when
        self.diagnostics.extend(reading.diagnostics)
        return LoadedFile(source, reading.file, reading.comments)

    def load_program(self, path: Path, display: str | None = None,
                     given: SourceFile | None = None) -> m.Program | None:
        top = self.load_file(path, display, given)
        if top is None or top.file is None:
            return None
        libraries: list[m.PathwayFile] = []
        self._follow_uses(top, [resolved(path)], libraries)
        return m.Program(root=top.file, libraries=libraries)

    def _follow_uses(self, loaded: LoadedFile, chain: list[Path], out: list[m.PathwayFile]) -> None:
        for use in loaded.file.uses:
            target = (loaded.source.path.parent / use.path.value)
            try:
                library = self._resolve_use(use, target, chain)
            except (OSError, ValueError) as err:  # a path the system refuses (far too long)
                library = self._bad(bad_include.unreadable(
                    use, getattr(err, "strerror", None) or str(err)))
            if library is None or library.file is None:
                continue
            if any(lib is library.file for lib in out):
                continue  # a library used twice (a diamond) is merged once
            out.append(library.file)
            self._follow_uses(library, chain + [resolved(target)], out)

    def _resolve_use(self, use: m.Use, target: Path, chain: list[Path]) -> LoadedFile | None:
        if not inside_root(target, self.root):
            return self._bad(bad_include.outside_root(use, display_path(self.root)))
        if resolved(target) in chain:
            start = chain.index(resolved(target))  # from the first time the file was used
            return self._bad(bad_include.in_a_circle(use, [display_path(p) for p in chain[start:]]))
        if len(chain) > MAX_INCLUDE_DEPTH:
            return self._bad(bad_include.too_deep(use))
        loaded = self._load_library(use, target)
        if isinstance(loaded, Unreadable):
            if loaded.missing:
                return self._bad(bad_include.not_found(use, _missing_hint(use.path.value, target)))
            return self._bad(bad_include.unreadable(use, loaded.reason, loaded.hint))
        if loaded is not None and loaded.file is not None and loaded.file.kind != "library":
            return self._bad(bad_include.not_a_library(use))
        return loaded

    def _bad(self, finding: Diagnostic) -> None:
        self.diagnostics.append(finding)
        return None


def _missing_hint(shown: str, target: Path) -> str:
    """Where it looked, and the closest file name in that folder."""
    hint = f"the path is relative to this file; it looked for `{display_path(target)}`"
    folder = target.parent
    if folder.is_dir():
        stems = sorted(p.stem for p in folder.glob("*.pwy") if p.is_file())
        close = closest(target.stem, stems, FILE_NAME_CLOSE_ENOUGH)
        if close and shown.endswith(target.name):
            written = shown[: len(shown) - len(target.name)] + close + ".pwy"
            hint = f"did you mean `{written}`? ({hint})"
    return hint


def load(path: Path, root: Path, display: str | None = None,
         given: SourceFile | None = None) -> LoadResult:
    """Load the file at `path` (or the text `given` for it) and every library it uses, with
    findings and source texts."""
    loader = Loader(root)
    program = loader.load_program(path, display, given)
    return LoadResult(
        program=program,
        diagnostics=loader.diagnostics,
        sources={f.source.display: f.source for f in loader.loaded.values()},
        comments={f.source.display: f.comments for f in loader.loaded.values()},
    )

