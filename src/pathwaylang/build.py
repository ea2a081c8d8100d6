"""`pwy build`: check a file, then make every artefact and write them all or nothing.

Each artefact module in `PRODUCERS` has `artefacts(ctx) -> Iterable[(relative path, bytes)]`
and does no file I/O; this module writes the results under `DIR/<pathway-id>/` by building
into a temporary folder beside it and swapping it in, so a failed or interrupted build
leaves an earlier output untouched (on Linux the swap is a single `renameat2` exchange).
"""

from __future__ import annotations

import glob
import importlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pathwaylang import model as m

# Artefact producers, in build order. Each names a module with an `artefacts(ctx)` function.
PRODUCERS: list[str] = [
    "pathwaylang.emit.pathway_json",
    "pathwaylang.emit.process_map",
    "pathwaylang.emit.checklist",
    "pathwaylang.emit.leaflet",
]


@dataclass
class BuildOptions:
    lanes: str = "level"
    """`level` (bands by level of need) or `agency` (swimlanes by the lead's agency)."""
    bilingual: str = "columns"
    """Bilingual leaflet layout: `columns`, `blocks` or `separate`."""
    paper: str = "A4"
    """Leaflet paper: `A4` or `A5` (an A4 sheet folded as a booklet)."""
    max_pages: int | None = None
    """Most printed pages of a leaflet per language (a bilingual one may have twice as many);
    None: 16 on A4, 32 on A5 (the same sheets folded)."""
    render: bool = True
    """Run Graphviz and the PDF renderers; False writes only text artefacts."""


@dataclass
class BuildContext:
    """What producers read: the checked program, its graph, the options and the tools found."""

    program: m.Program
    source_dir: Path
    """The folder of the pathway file (for its subpathway files)."""
    root: Path | None = None
    """The folder `use` and `file` paths may not leave, as checked (None: `source_dir`)."""
    options: BuildOptions = field(default_factory=BuildOptions)
    notices: list[str] = field(default_factory=list)
    """Things to tell the user once (`dot` is not installed, ...)."""
    cache: dict = field(default_factory=dict)
    """Shared between producers in one build (the rendered map SVG, say)."""
    diagnostics: list = field(default_factory=list)
    """The checker's findings for this file (warnings and infos; a file with errors is not
    built), for artefacts that report them (the leaflet's readability report)."""

    @property
    def pathway(self) -> m.PathwayFile:
        return self.program.root

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def graph(self):
        if "graph" not in self.cache:
            from pathwaylang.graph import build_graph

            self.cache["graph"] = build_graph(self.program)
        return self.cache["graph"]


def make_artefacts(ctx: BuildContext) -> dict[str, bytes]:
    """Every artefact, by path relative to `DIR/<pathway-id>/`; no files are written."""
    artefacts: dict[str, bytes] = {}
    for name in PRODUCERS:
        module = importlib.import_module(name)
        for path, content in module.artefacts(ctx):
            safe = _safe_relative(path)
            if safe in artefacts:
                raise AssertionError(f"two producers made {safe}")
            artefacts[safe] = content if isinstance(content, bytes) else content.encode("utf-8")
    return dict(sorted(artefacts.items()))


def _safe_relative(path: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise AssertionError(f"artefact path {path!r} would leave the output folder")
    return pure.as_posix()


def write_atomically(out_dir: Path, pathway_id: str, artefacts: dict[str, bytes]) -> Path:
    """Write all artefacts to `out_dir/<id>/`, replacing an earlier build only when complete."""
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / pathway_id
    remove_abandoned(out_dir, pathway_id)
    staging = Path(tempfile.mkdtemp(prefix=f".{pathway_id}.building-{os.getpid()}-",
                                    dir=out_dir))
    try:
        for relative, content in artefacts.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        os.chmod(staging, 0o755)
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def remove_abandoned(out_dir: Path, pathway_id: str) -> None:
    """Remove the staging folders of earlier builds of this pathway that were killed before
    they finished: each folder's name carries its build's process id, and that process has
    ended (a build still running elsewhere keeps its folder)."""
    for folder in out_dir.glob(f".{glob.escape(pathway_id)}.building-*-*"):
        pid = folder.name.rsplit(".building-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def _swap_in(staging: Path, final: Path) -> None:
    if not final.exists():
        os.replace(staging, final)
        return
    if _exchange(staging, final):  # one step: `final` is never missing, even if killed here
        shutil.rmtree(staging, ignore_errors=True)  # now the earlier build
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
    retired.rmdir()
    os.replace(final, retired)
    try:
        os.replace(staging, final)
    except BaseException:
        os.replace(retired, final)  # put the earlier build back
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's `renameat2(RENAME_EXCHANGE)`; False where
    the system or file system cannot, and the caller falls back to two renames."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                 rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
