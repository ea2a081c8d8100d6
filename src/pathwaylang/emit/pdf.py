"""HTML to PDF with WeasyPrint, reproducibly: dates come from the pathway, never the clock."""

from __future__ import annotations

import datetime as dt


def html_to_pdf(html: str, produced: dt.date | None, base_url: str | None = None) -> bytes:
    """Render `html` (with its print CSS) to PDF bytes.

    `produced` fixes the PDF's creation and modification dates (use the pathway's
    `developed` date, or its review date) so the same input gives the same bytes.
    """
    import weasyprint  # slow to import: only when a PDF is wanted

    document = weasyprint.HTML(string=html, base_url=base_url).render()
    stamp = (produced or dt.date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document.write_pdf(pdf_identifier=b"pathwaylang", uncompressed_pdf=False)
