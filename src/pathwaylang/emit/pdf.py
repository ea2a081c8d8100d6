"""HTML to PDF with WeasyPrint, reproducibly: dates come from the pathway, never the clock."""

from __future__ import annotations

import datetime as dt


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
    import weasyprint  # slow to import: only when a PDF is wanted

    document = weasyprint.HTML(string=html, base_url=base_url).render(pdf_variant="pdf/ua-1")
    stamp = (produced or dt.date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    pdf = document.write_pdf(pdf_identifier=b"pathwaylang", uncompressed_pdf=False,
                             pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)
