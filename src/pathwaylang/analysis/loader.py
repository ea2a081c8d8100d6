"""Loading a file and the libraries it `use`s into one `Program` (the `bad-include` rule's home)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.limits import MAX_INCLUDE_DEPTH
from pathwaylang.core.wording import FILE_NAME_CLOSE_ENOUGH, closest
from pathwaylang.core.source import (Comment, SourceFile, Unreadable, decode_source,
                                     display_path, read_bytes_safely, read_source, resolved)
from pathwaylang.syntax.read import read


@dataclass
class LoadedFile:
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
                reason = getattr(err, "strerror", None) or str(err)
                library = self._bad(use, f"cannot use `{use.path.value}`: {reason}",
                                    "check the path: it names no file that can be read")
            if library is None or library.file is None:
                continue
            if any(lib is library.file for lib in out):
                continue  # a library used twice (a diamond) is merged once
            out.append(library.file)
            self._follow_uses(library, chain + [resolved(target)], out)

    def _resolve_use(self, use: m.Use, target: Path, chain: list[Path]) -> LoadedFile | None:
        shown = use.path.value
        if not inside_root(target, self.root):
            root = display_path(self.root)
            where = "the current folder" if root == "." else f"`{root}`"
            return self._bad(use, f"`{shown}` is outside the root folder ({where})",
                             "a pathway may only use files inside the root folder; check the "
                             "path, or give a wider root with `--root DIR`")
        if resolved(target) in chain:
            return self._bad(use, _circle(chain, target),
                             "remove this `use`: a library cannot use a file that is already "
                             "using it")
        if len(chain) > MAX_INCLUDE_DEPTH:
            return self._bad(use, f"`use` is nested more than {MAX_INCLUDE_DEPTH} files deep",
                             "flatten the libraries")
        loaded = self._load_library(use, target)
        if isinstance(loaded, Unreadable):
            if loaded.missing:
                return self._bad(use, f"cannot find `{shown}`", _missing_hint(shown, target))
            return self._bad(use, f"cannot use `{shown}`: {loaded.reason}",
                             loaded.hint or "check the path: it names no file that can be read")
        if loaded is not None and loaded.file is not None and loaded.file.kind != "library":
            return self._bad(use, f"`{shown}` is a pathway, not a library",
                             "`use` brings in a `library` file; a separate pathway run by "
                             "another service is a `subpathway`")
        return loaded

    def _bad(self, use: m.Use, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic("bad-include", Severity.ERROR, message, use.path.span,
                                           (), hint))
        return None


def _circle(chain: list[Path], target: Path) -> str:
    """`a.pwy` -> `b.pwy` -> `a.pwy`, from the first time the file was used."""
    start = chain.index(resolved(target))
    if start == len(chain) - 1:
        return f"`{display_path(resolved(target))}` uses itself"
    names = [f"`{display_path(p)}`" for p in chain[start:]]
    return f"the `use` lines go round in a circle: {names[0]} uses " \
        + "".join(f"{name}, which uses " for name in names[1:]) + f"{names[0]} again"


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

