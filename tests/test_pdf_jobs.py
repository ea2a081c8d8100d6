"""PDFs rendered as jobs, in parallel, and quick builds (`--formats`).

The build hands every PDF to worker processes (emit/pdf.py) and waits for them last: the
artefacts must be byte for byte those of rendering each PDF in turn. `--formats` keeps only
the kinds of file asked for, and skips the work for the others.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from conftest import REPO, check_path, run_pwy
from pathwaylang.emit import build as build_module
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit.pdf import PdfJob

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"


def _context(path: Path, **options) -> BuildContext:
    report = check_path(path)
    assert report.program is not None and not report.has_errors
    return BuildContext(program=report.program, subpathways=report.subpathways,
                        options=BuildOptions(**options), diagnostics=report.diagnostics)


def test_parallel_pdfs_are_the_pdfs_made_one_by_one():
    pytest.importorskip("weasyprint")
    from pathwaylang.emit import checklist, leaflet

    parallel = build_module.make_artefacts(_context(FIXTURE), workers=2)
    in_turn = build_module.make_artefacts(_context(FIXTURE), workers=1)
    pdfs = [name for name in parallel if name.endswith(".pdf")]
    assert {"checklist.pdf", "leaflet.en.pdf"} <= set(pdfs), pdfs
    assert list(parallel) == list(in_turn)
    for name in parallel:
        assert parallel[name] == in_turn[name], name
    # and each producer's own PDFs, rendered by the producer outside a build
    alone = {**dict(checklist.artefacts(_context(FIXTURE))),
             **dict(leaflet.artefacts(_context(FIXTURE)))}
    for name in ("checklist.pdf", "booklet.en.pdf", "leaflet.en.pdf"):
        assert alone[name] == parallel[name], name


def test_a_job_that_cannot_run_gives_its_notice_or_fails_the_build():
    failed: Future = Future()
    failed.set_exception(OSError("cannot load library 'libpango-1.0-0'"))
    ctx = _context(FIXTURE, render=False)
    made = {"a.html": b"<p>", "a.pdf": PdfJob(failed, unavailable="no PDF ({error})")}
    assert dict(build_module._finished(ctx, made)) == {"a.html": b"<p>"}
    assert ctx.notices == ["no PDF (cannot load library 'libpango-1.0-0')"]
    with pytest.raises(OSError):
        dict(build_module._finished(ctx, {"b.pdf": PdfJob(failed)}))


def test_every_producer_says_what_it_makes():
    assert set(build_module.KINDS) == set(build_module.PRODUCERS)


def test_formats_keep_only_the_kinds_asked_for(tmp_path):
    done = run_pwy("build", "--today", "2026-01-01", "--formats", "html,svg", "-o",
                   str(tmp_path), FIXTURE.name, cwd=FIXTURE.parent)
    assert done.returncode == 0, done.stderr
    made = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert made and {p.suffix for p in made} <= {".html", ".svg"}
    assert {"checklist.html", "leaflet.en.html"} <= {p.name for p in made}


def test_formats_without_pdf_lay_nothing_out(monkeypatch):
    import pathwaylang.emit.pdf as pdf

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was laid out")

    monkeypatch.setattr(pdf, "html_to_pdf_pages", refuse)
    monkeypatch.setattr(pdf, "html_to_pdf", refuse)
    monkeypatch.setattr(pdf, "render_document", refuse)
    made = build_module.make_artefacts(_context(FIXTURE, formats=frozenset({"html", "md"})))
    assert made and {name.rsplit(".", 1)[1] for name in made} == {"html", "md"}


@pytest.mark.parametrize("given", ["html,docx", ",", "pdf;png"])
def test_an_unknown_format_is_refused(given, tmp_path):
    done = run_pwy("build", "--formats", given, "-o", str(tmp_path), str(FIXTURE),
                   cwd=FIXTURE.parent)
    assert done.returncode == 2
    assert "--formats" in done.stderr and "not one of" in done.stderr
