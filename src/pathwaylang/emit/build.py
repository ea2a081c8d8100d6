"""`pwy build`'s artefacts: every producer run on one checked program, nothing written.

Each artefact module in `PRODUCERS` has `artefacts(ctx) -> Iterable[(relative path, bytes)]`
and does no file I/O; `cli/atomic.py` writes the result all or nothing.
"""

from __future__ import annotations

import importlib
from pathlib import PurePosixPath

from pathwaylang.emit.context import BuildContext

# Artefact producers, in build order. Each names a module with an `artefacts(ctx)` function.
PRODUCERS: list[str] = [
    "pathwaylang.emit.pathway_json",
    "pathwaylang.emit.process_map",
    "pathwaylang.emit.checklist",
    "pathwaylang.emit.leaflet",
]


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
