"""HTML to PDF with WeasyPrint, reproducibly: dates come from the pathway, never the clock.

In a build, producers hand their PDFs over as `PdfJob`s (`queue_pdf`) and `emit/build.py`
renders them all at once, in worker processes, while the producers go on: laying out a PDF is
nearly all of a build's time, and independent documents need not wait for one another. Called
outside a build, a producer renders its PDF at once, as before.

Each PDF is one `PdfDocument`, laid out once: a document that must come to a multiple of
pages (the front-door leaflet) is laid out with spare pages and drops those it does not
need, rather than being laid out again.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

RENDERER = "pdf_renderer"
"""Where `make_artefacts` puts the build's `PdfRenderer` in `BuildContext.cache`."""
MOST_WORKERS = 4
"""Each worker holds WeasyPrint and one document's layout (about 100 MiB): no more than this."""
SPARE_PAGE = "spare-page-"
"""The id prefix of a spare page (see `PdfDocument.multiple`)."""
PDF_VARIANT = "pdf/ua-1"
"""Every PDF is tagged (structure, reading order, language, alternative text) for screen readers."""


@dataclass(frozen=True)
class PdfDocument:
    """One PDF as handed to WeasyPrint (what benchmarks/build_speed.py's peer renders too)."""

    html: str
    produced: dt.date | None
    """Fixes the PDF's creation and modification dates (the pathway's `developed` date, or its
    review date), so the same input gives the same bytes."""
    base_url: str | None = None
    multiple: int = 1
    """The page count is made a multiple of this by dropping spare pages after the layout:
    pages that start an element whose id begins with `SPARE_PAGE` (the first are kept)."""
    fallback: str | None = None
    """The HTML laid out instead when `html` runs over one page (the poster with narrower
    columns); None: whatever the page count."""
    derived: Callable[[bytes], bytes] | None = None
    """Another artefact made from the PDF where it is rendered (the front-door leaflet
    imposed for printing): a module-level function, so that a worker can be handed it."""


def html_to_pdf(html: str, produced: dt.date | None, base_url: str | None = None) -> bytes:
    """Render `html` (with its print CSS) to PDF bytes.

    `produced` fixes the PDF's creation and modification dates (use the pathway's
    `developed` date, or its review date) so the same input gives the same bytes.
    """
    return html_to_pdf_pages(html, produced, base_url)[0]


def html_to_pdf_pages(html: str, produced: dt.date | None,
                      base_url: str | None = None) -> tuple[bytes, int]:
    """`html_to_pdf`, also returning the number of pages (to check a page limit).

    The PDF is tagged as PDF/UA-1 (structure, reading order, the document's language from
    `<html lang>`, and the pictures' alternative text), so screen readers can read it.
    """
    pdf, pages, *_ = render_document(PdfDocument(html, produced, base_url))
    return pdf, pages


def render_document(doc: PdfDocument) -> tuple[bytes, int, bool, bytes | None]:
    """(PDF bytes, pages, whether the fallback was laid out, the derived artefact): `doc`
    laid out once (twice only when it runs over its one page and has a fallback), its spare
    pages dropped."""
    import weasyprint  # slow to import: only when a PDF is wanted

    document = _layout(weasyprint, doc.html, doc.base_url)
    fell_back = doc.fallback is not None and len(document.pages) > 1
    if fell_back:
        document = _layout(weasyprint, doc.fallback, doc.base_url)
    if doc.multiple > 1:
        document = document.copy(kept_pages(document.pages, doc.multiple))
    stamp = (doc.produced or dt.date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf = document.write_pdf(pdf_identifier=b"pathwaylang", uncompressed_pdf=False,
                             pdf_variant=PDF_VARIANT)
    return pdf, len(document.pages), fell_back, doc.derived(pdf) if doc.derived else None


def _layout(weasyprint, html: str, base_url: str | None):
    return weasyprint.HTML(string=html, base_url=base_url).render(pdf_variant=PDF_VARIANT)


def kept_pages(pages: list, multiple: int) -> list:
    """`pages` without the spare pages that a page count of a multiple of `multiple` does
    not need: the first spare pages are kept, the rest dropped."""
    spare = [i for i, page in enumerate(pages)
             if any(name.startswith(SPARE_PAGE) for name in page.anchors)]
    keep = set(spare[:(-(len(pages) - len(spare))) % multiple])
    return [page for i, page in enumerate(pages) if i not in spare or i in keep]


class PdfJob:
    """One PDF being rendered: its bytes and page count once done (waiting for them)."""

    def __init__(self, future: Future, unavailable: str | None = None,
                 document: PdfDocument | None = None, part: int = 0,
                 held: Callable[[], None] | None = None):
        self._future = future
        self._held = held
        """Hands a held document to the workers (`PdfRenderer.flush`) before it is waited for."""
        self.unavailable = unavailable
        """The notice to give, with `{error}` filled in, when WeasyPrint cannot run; None:
        the build fails instead."""
        self.document = document
        self._part = part
        """Which of `render_document`'s results are this job's bytes."""

    @classmethod
    def now(cls, doc: PdfDocument, unavailable: str | None = None) -> "PdfJob":
        """Rendered here and now (no build renderer, or one core)."""
        future: Future = Future()
        try:
            future.set_result(render_document(doc))
        except Exception as err:  # raised again, as it was, by `pdf()` and `pages()`
            future.set_exception(err)
        return cls(future, unavailable, doc)

    def pdf(self) -> bytes:
        return self._result()[self._part]

    def pages(self) -> int:
        return self._result()[1]

    def laid_out(self) -> str:
        """The HTML the PDF was laid out from (the document's, or its fallback)."""
        assert self.document is not None
        fell_back = self._result()[2]
        return self.document.fallback if fell_back else self.document.html

    def derived(self) -> "PdfJob":
        """The artefact made from the PDF beside it (`PdfDocument.derived`)."""
        return PdfJob(self._future, self.unavailable, None, part=3, held=self._held)

    def _result(self) -> tuple:
        if self._held is not None and not self._future.done():
            self._held()
        return self._future.result()

    def artefact(self) -> bytes | PdfJob:
        """The bytes when they are ready; else the job, which the build waits for last."""
        return self.pdf() if self._future.done() else self


class Later(PdfJob):
    """An artefact made from what the build's PDFs tell once they are done (the leaflet's
    reading report gives their page counts): made when the build asks for it, last."""

    def __init__(self, make: Callable[[], str | bytes]):
        super().__init__(Future())
        self._make = make

    def pdf(self) -> bytes:
        made = self._make()
        return made.encode("utf-8") if isinstance(made, str) else made

    def artefact(self) -> bytes | PdfJob:
        return self


def later(ctx, make: Callable[[], str | bytes]) -> str | bytes | PdfJob:
    """In a build, `make` run when the build asks for the artefact, after every producer
    has queued its PDFs; outside one, run now."""
    return make() if ctx.cache.get(RENDERER) is None else Later(make)


class PdfRenderer:
    """The build's worker processes for PDFs, started on the first job. Workers are forked
    once WeasyPrint is imported, so none imports it again."""

    def __init__(self, workers: int | None = None):
        self.workers = workers if workers is not None else _cores()
        self._pool: ProcessPoolExecutor | None = None
        self._finishing = False
        self._ending: list = []
        self._waiting: list[tuple[PdfDocument, Future]] = []
        self.jobs: list[PdfJob] = []
        """Every PDF handed over, in order (benchmarks/build_speed.py's peer renders them)."""

    def submit(self, doc: PdfDocument, unavailable: str | None = None) -> PdfJob:
        job = self._start(doc, unavailable)
        self.jobs.append(job)
        return job

    def _start(self, doc: PdfDocument, unavailable: str | None) -> PdfJob:
        if self.workers < 2 or self._finishing:
            return PdfJob.now(doc, unavailable)
        try:
            if self._pool is None:
                self._pool = _forked_pool(self.workers)
        except (ImportError, OSError) as err:  # WeasyPrint or Pango cannot load
            failed: Future = Future()
            failed.set_exception(err)
            return PdfJob(failed, unavailable, doc)
        if self._pool is None:
            self.workers = 1
            return PdfJob.now(doc, unavailable)
        if len(self.jobs) < self.workers:  # a worker is free: at once
            return PdfJob(self._pool.submit(_render_in_worker, doc), unavailable, doc)
        waiting: Future = Future()
        self._waiting.append((doc, waiting))
        return PdfJob(waiting, unavailable, doc, held=self.flush)

    def flush(self) -> None:
        """Hand the documents held back to the workers, the longest first. Each worker
        takes the next in turn, so the long ones (the booklets) are not left to the end
        while the other worker has nothing to do (longest first keeps the last to finish
        close to the first)."""
        waiting, self._waiting = self._waiting, []
        for doc, result in sorted(waiting, key=lambda held: -len(held[0].html)):
            _pass_on(self._pool.submit(_render_in_worker, doc), result)

    def finish(self) -> None:
        """No more PDFs will come (the producers that make them have run): each worker
        ends as soon as the queue is empty, so its memory is given back while the rest of
        the build goes on. A PDF handed over after this is rendered here and now."""
        if self._finishing:
            return
        if self._waiting:
            self.flush()
        self._finishing = True
        if self._pool is not None:
            self._ending = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False)

    def close(self) -> None:
        """Stop the workers and wait for them to end, so that they are collected (their
        CPU time and memory counted as this process's children's, as `time` shows it)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        ending, self._ending = self._ending, []  # after `finish`, shutdown does not wait
        sentinels = {_sentinel(worker): worker for worker in ending}
        for stuck in still_running([s for s in sentinels if s is not None], within=ENDING):
            sentinels[stuck].kill()  # its documents are done: it holds nothing of the build's
        for worker in ending:
            worker.join()


def _pass_on(running: Future, result: Future) -> None:
    """`result` gets `running`'s outcome when it has one."""
    def done(finished: Future) -> None:
        try:
            result.set_result(finished.result())
        except BaseException as err:  # the worker's error (or its cancelling), as it was
            result.set_exception(err)

    running.add_done_callback(done)


ENDING = 10.0
"""Seconds a worker that has done its last document is given to end by itself."""


def _sentinel(worker) -> int | None:
    try:
        return worker.sentinel
    except ValueError:  # closed already: it has ended
        return None


def still_running(sentinels: list[int], within: float) -> set[int]:
    """Which of the processes behind `sentinels` have not ended after `within` seconds
    (read from the sentinels, which tell whoever collects the process)."""
    if not sentinels:  # no workers (a build without PDFs): nothing to import or wait for
        return set()
    from multiprocessing.connection import wait

    deadline = time.monotonic() + within
    waiting = set(sentinels)
    while waiting and time.monotonic() < deadline:
        waiting -= set(wait(list(waiting), timeout=max(0.0, deadline - time.monotonic())))
    return waiting


def queue_pdf(ctx, doc: PdfDocument, unavailable: str | None = None) -> PdfJob | None:
    """The PDF of `doc` handed to the build's renderer; None outside a build (the caller
    renders it itself)."""
    renderer = ctx.cache.get(RENDERER)
    return None if renderer is None else renderer.submit(doc, unavailable)


def pdf_job(ctx, doc: PdfDocument) -> PdfJob:
    """In a build, the PDF handed to the build's renderer; outside one, rendered now (an
    error is raised, as it was, when its bytes or pages are asked for)."""
    return queue_pdf(ctx, doc) or PdfJob.now(doc)


def _cores() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_WORKERS))


def _render_in_worker(doc: PdfDocument) -> tuple[bytes, int, bool, bytes | None]:
    """`render_document`, then the layout's cyclic garbage collected: `pwy` runs the
    collector seldom (analysis/collector.py), and a worker's next document would otherwise
    be laid out beside the last one's garbage; and the memory freed handed back to the
    system, so that a worker between documents holds little more than it was forked with."""
    import gc

    try:
        return render_document(doc)
    finally:
        gc.collect()
        _trim_heap()


def _trim_heap() -> None:
    """glibc's `malloc_trim`: free memory at the top of the heap and in its arenas is kept
    for later unless asked for (a no-op where there is no glibc)."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)  # the C library is already loaded in the process
    except (OSError, AttributeError):
        pass


def _forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes forked from this one after importing WeasyPrint; None where `fork`
    is not offered (Windows, macOS's default): there the PDFs are rendered one by one."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    import weasyprint  # noqa: F401  (imported once, before the fork)

    # A worker's collector leaves alone what it was forked with (shared with `pwy`).
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=gc.freeze)
