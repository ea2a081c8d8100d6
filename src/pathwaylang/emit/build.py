"""`pwy build`'s artefacts: every producer run on one checked program, nothing written.

Each artefact module in `PRODUCERS` has `artefacts(ctx) -> Iterable[(relative path, bytes)]`
and does no file I/O; `cli/atomic.py` writes the result all or nothing. A PDF may come as a
`PdfJob` (emit/pdf.py): rendered by worker processes while the producers go on, and waited
for last, so independent PDFs are laid out at the same time.
"""

from __future__ import annotations

import importlib
from pathlib import PurePosixPath

from pathwaylang.emit.context import BuildContext
from pathwaylang.emit.graphviz_session import session
from pathwaylang.emit.pdf import RENDERER, PdfJob, PdfRenderer

# Artefact producers, in build order. Each names a module with an `artefacts(ctx)` function.
PRODUCERS: list[str] = [
    "pathwaylang.emit.pathway_json",
    "pathwaylang.emit.process_map",
    "pathwaylang.emit.checklist",
    "pathwaylang.emit.leaflet",
]
KINDS: dict[str, set[str]] = {
    "pathwaylang.emit.pathway_json": {"json"},
    "pathwaylang.emit.process_map": {"dot", "mmd", "svg", "pdf", "png"},
    "pathwaylang.emit.checklist": {"html", "md", "pdf"},
    "pathwaylang.emit.leaflet": {"html", "pdf", "json"},
}
"""The kinds of file each producer makes: one that makes none of the kinds asked for
(`--formats`) is not run. A producer not listed always runs."""
PDFS_FIRST = ("pathwaylang.emit.checklist", "pathwaylang.emit.leaflet")
"""Run first, so that their PDFs are laid out in the workers while the other producers (the
process map's Graphviz runs) go on; their artefacts and notices still come in build order."""


def make_artefacts(ctx: BuildContext, workers: int | None = None,
                   renderer: PdfRenderer | None = None) -> dict[str, bytes]:
    """Every artefact, by path relative to `DIR/<pathway-id>/`; no files are written.
    `workers`: processes rendering PDFs (default: one a core, up to 4; 1 renders in turn);
    `renderer`: a renderer to use instead (its `jobs` are the PDFs handed to WeasyPrint)."""
    renderer = ctx.cache[RENDERER] = renderer or PdfRenderer(workers)
    try:
        with session():  # Graphviz's layouts in shared processes, stopped when made
            made = _collect(ctx)
        return dict(sorted(_finished(ctx, made)))
    finally:
        renderer.close()
        del ctx.cache[RENDERER]


def _collect(ctx: BuildContext) -> dict[str, bytes | PdfJob]:
    made: dict[str, dict[str, bytes | PdfJob]] = {}
    said: dict[str, list[str]] = {}
    seen: set[str] = set()
    for name in sorted(PRODUCERS, key=lambda name: name not in PDFS_FIRST):
        if name not in PDFS_FIRST:  # every PDF is queued: the workers end when they are done
            ctx.cache[RENDERER].finish()
        formats = ctx.options.formats
        if formats is not None and name in KINDS and not KINDS[name] & formats:
            continue
        module = importlib.import_module(name)
        before = len(ctx.notices)
        made[name] = {}
        for path, content in module.artefacts(ctx):
            safe = _safe_relative(path)
            if safe in seen:
                raise AssertionError(f"two producers made {safe}")
            seen.add(safe)
            if ctx.options.wants(safe):
                made[name][safe] = content if isinstance(content, (bytes, PdfJob)) \
                    else content.encode("utf-8")
        said[name], ctx.notices[before:] = ctx.notices[before:], []
    ctx.cache[RENDERER].finish()
    for name in PRODUCERS:  # in build order, as if run in it
        for notice in said.get(name, []):
            ctx.notice(notice)
    return {path: content for name in PRODUCERS for path, content in made.get(name, {}).items()}


def _finished(ctx: BuildContext, made: dict[str, bytes | PdfJob]):
    """Each artefact's bytes, waiting for the PDFs still being rendered (in build order, so
    notices come in the same order every time)."""
    for path, content in made.items():
        if not isinstance(content, PdfJob):
            yield path, content
            continue
        try:
            yield path, content.pdf()
        except (ImportError, OSError) as err:
            if content.unavailable is None:
                raise
            ctx.notice(content.unavailable.format(error=err))


def _safe_relative(path: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise AssertionError(f"artefact path {path!r} would leave the output folder")
    return pure.as_posix()
