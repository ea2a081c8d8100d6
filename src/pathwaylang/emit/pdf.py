"""HTML to PDF with WeasyPrint, reproducibly: dates come from the pathway, never the clock.

In a build, producers hand their PDFs over as `PdfJob`s (`queue_pdf`) and `emit/build.py`
renders them all at once, in worker processes, while the producers go on: laying out a PDF is
nearly all of a build's time, and independent documents need not wait for one another. Called
outside a build, a producer renders its PDF at once, as before.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

RENDERER = "pdf_renderer"
"""Where `make_artefacts` puts the build's `PdfRenderer` in `BuildContext.cache`."""
MOST_WORKERS = 4
"""Each worker holds WeasyPrint and one document's layout (about 100 MiB): no more than this."""


def html_to_pdf(html: str, produced: dt.date | None, base_url: str | None = None,
                tagged: bool = False) -> bytes:
    """Render `html` (with its print CSS) to PDF bytes.

    `produced` fixes the PDF's creation and modification dates (use the pathway's
    `developed` date, or its review date) so the same input gives the same bytes.
    `tagged` writes a tagged PDF (its headings, lists and tables marked for screen readers).
    """
    return html_to_pdf_pages(html, produced, base_url, tagged)[0]


def html_to_pdf_pages(html: str, produced: dt.date | None, base_url: str | None = None,
                      tagged: bool = False) -> tuple[bytes, int]:
    """`html_to_pdf`, also returning the number of pages (to check a page limit)."""
    import weasyprint  # slow to import: only when a PDF is wanted

    document = weasyprint.HTML(string=html, base_url=base_url).render()
    stamp = (produced or dt.date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf = document.write_pdf(pdf_identifier=b"pathwaylang", uncompressed_pdf=False,
                             pdf_tags=tagged)
    return pdf, len(document.pages)


class PdfJob:
    """One PDF being rendered: its bytes and page count once done (waiting for them)."""

    def __init__(self, future: Future, unavailable: str | None = None):
        self._future = future
        self.unavailable = unavailable
        """The notice to give, with `{error}` filled in, when WeasyPrint cannot run; None:
        the build fails instead."""

    @classmethod
    def done(cls, pdf: bytes, pages: int) -> "PdfJob":
        """A PDF already rendered."""
        future: Future = Future()
        future.set_result((pdf, pages))
        return cls(future)

    @classmethod
    def now(cls, html: str, produced: dt.date | None, tagged: bool = False) -> "PdfJob":
        """Rendered here and now (no build renderer, or one core)."""
        future: Future = Future()
        try:
            future.set_result(html_to_pdf_pages(html, produced, None, tagged))
        except Exception as err:  # raised again, as it was, by `pdf()` and `pages()`
            future.set_exception(err)
        return cls(future)

    def pdf(self) -> bytes:
        return self._future.result()[0]

    def pages(self) -> int:
        return self._future.result()[1]

    def artefact(self) -> bytes | PdfJob:
        """The bytes when they are ready; else the job, which the build waits for last."""
        return self.pdf() if self._future.done() else self


class PdfRenderer:
    """The build's worker processes for PDFs, started on the first job. Workers are forked
    once WeasyPrint is imported, so none imports it again."""

    def __init__(self, workers: int | None = None):
        self.workers = workers if workers is not None else _cores()
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, html: str, produced: dt.date | None, unavailable: str | None = None,
               tagged: bool = False) -> PdfJob:
        if self.workers < 2:
            return PdfJob.now(html, produced, tagged)
        try:
            if self._pool is None:
                self._pool = _forked_pool(self.workers)
        except (ImportError, OSError) as err:  # WeasyPrint or Pango cannot load
            failed: Future = Future()
            failed.set_exception(err)
            return PdfJob(failed, unavailable)
        if self._pool is None:
            self.workers = 1
            return PdfJob.now(html, produced, tagged)
        return PdfJob(self._pool.submit(html_to_pdf_pages, html, produced, None, tagged),
                      unavailable)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def queue_pdf(ctx, html: str, produced: dt.date | None, unavailable: str | None = None,
              tagged: bool = False) -> PdfJob | None:
    """The PDF of `html` (as `html_to_pdf` makes it) handed to the build's renderer; None
    outside a build (the caller renders it itself)."""
    renderer = ctx.cache.get(RENDERER)
    return None if renderer is None else renderer.submit(html, produced, unavailable, tagged)


def _cores() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_WORKERS))


def _forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes forked from this one after importing WeasyPrint; None where `fork`
    is not offered (Windows, macOS's default): there the PDFs are rendered one by one."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    import weasyprint  # noqa: F401  (imported once, before the fork)

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
