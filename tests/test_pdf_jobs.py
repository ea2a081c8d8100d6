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


def _page_texts(pdf: bytes) -> list[str]:
    import io

    import pypdf

    return [" ".join((page.extract_text() or "").split())
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("body, kept", [(5, 1), (6, 0), (4, 2), (3, 3)])  # + 2 back pages
def test_spare_pages_make_a_multiple_of_four_in_one_layout(body, kept):
    """Spare pages before a back that runs over two pages: the first ones needed are kept."""
    pytest.importorskip("weasyprint")
    from pathwaylang.emit.pdf import SPARE_PAGE, PdfDocument, render_document

    pages = "".join(f"<section>Body {n}</section>" for n in range(1, body + 1))
    spares = "".join(f'<section id="{SPARE_PAGE}{n}">Spare {n}</section>' for n in (1, 2, 3))
    html = ("<style>@page { size: A5 } section { break-after: page }</style>"
            f"<html lang='en'><body>{pages}{spares}<section>Back 1</section>"
            "<section>Back 2</section></body></html>")
    pdf, count, *_ = render_document(PdfDocument(html, None, multiple=4))
    assert count % 4 == 0 and count == body + 2 + kept
    texts = _page_texts(pdf)
    assert texts == ([f"Body {n}" for n in range(1, body + 1)]
                     + [f"Spare {n}" for n in range(1, kept + 1)] + ["Back 1", "Back 2"])
    assert _tagged_pages(pdf) == list(range(count))  # the tags name the kept pages only


def _tagged_pages(pdf: bytes) -> list[int]:
    """The pages (0-based) that the PDF's structure tree points into."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found: set[int] = set()

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/Pg" in node:
                found.add(numbers[node.raw_get("/Pg").idnum])  # KeyError: a dropped page
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(root["/StructTreeRoot"])
    return sorted(found)


def test_a_poster_that_runs_over_is_laid_out_from_its_fallback():
    pytest.importorskip("weasyprint")
    from pathwaylang.emit.pdf import PdfDocument, render_document

    long = "<p style='break-after: page'>one</p><p>two</p>"
    pdf, count, fell_back, _ = render_document(PdfDocument(long, None, fallback="<p>short</p>"))
    assert (count, fell_back) == (1, True) and _page_texts(pdf) == ["short"]
    pdf, count, fell_back, _ = render_document(PdfDocument("<p>fits</p>", None, fallback=long))
    assert (count, fell_back) == (1, False) and _page_texts(pdf) == ["fits"]


def test_each_document_is_laid_out_once_in_a_build(monkeypatch):
    """As many layouts as PDFs made by WeasyPrint (the imposed `.print.pdf`s are made from
    the leaflet's PDF), and the renderer lists each document it was handed."""
    pytest.importorskip("weasyprint")
    import pathwaylang.emit.pdf as pdf

    layouts = []
    layout = pdf._layout
    monkeypatch.setattr(pdf, "_layout", lambda *a: layouts.append(a[1]) or layout(*a))
    renderer = pdf.PdfRenderer(workers=1)
    made = build_module.make_artefacts(_context(FIXTURE), renderer=renderer)
    rendered = [name for name in made if name.endswith(".pdf")
                and not name.endswith(".print.pdf") and not name.startswith("process-map")]
    assert {"checklist.pdf", "leaflet.en.pdf", "poster.en.pdf", "booklet.en.pdf"} <= set(rendered)
    assert len(layouts) == len(renderer.jobs) == len(rendered)
    assert [job.laid_out() for job in renderer.jobs] == layouts


def test_workers_end_once_the_last_pdf_is_queued_and_done():
    """The build's PDF workers do not stay alive (holding their memory) while the process
    map is drawn: once the producers with PDFs have run, the renderer is finishing, its
    workers end when their queue is empty, and a PDF handed over later is made at once."""
    pytest.importorskip("weasyprint")
    import pathwaylang.emit.pdf as pdf

    renderer = pdf.PdfRenderer(workers=2)
    try:
        jobs = [renderer.submit(pdf.PdfDocument(f"<p>page {n}</p>", None)) for n in range(3)]
        processes = list(renderer._pool._processes.values())
        assert processes and all(p.is_alive() for p in processes)
        renderer.finish()
        assert all(job.pages() == 1 for job in jobs)
        assert not pdf.still_running([p.sentinel for p in processes], within=60)
        late = renderer.submit(pdf.PdfDocument("<p>late</p>", None))
        assert late._future.done() and late.pages() == 1
    finally:
        renderer.close()


def test_the_build_finishes_its_renderer_before_the_process_map(monkeypatch):
    from pathwaylang.emit import process_map
    from pathwaylang.emit.pdf import RENDERER

    seen = []
    producer = process_map.artefacts
    monkeypatch.setattr(process_map, "artefacts",
                        lambda ctx: seen.append(ctx.cache[RENDERER]._finishing) or producer(ctx))
    build_module.make_artefacts(_context(FIXTURE, render=False), workers=1)
    assert seen == [True]


def _children() -> set[int]:
    """This process's child processes, from each of its threads' `children` in /proc. A
    thread that ends while they are read hands its children to another thread: read them
    all again."""
    while True:
        found = set()
        try:
            for task in Path("/proc/self/task").iterdir():
                found |= {int(pid) for pid in (task / "children").read_text().split()}
        except FileNotFoundError:
            continue
        return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads Linux's /proc")
def test_a_build_collects_its_workers_before_it_returns():
    """Ended workers are waited for, so that they do not outlive the build as zombies and
    their CPU time and memory are counted as `pwy`'s children's (benchmarks time them)."""
    pytest.importorskip("weasyprint")
    before = _children()
    build_module.make_artefacts(_context(FIXTURE), workers=2)
    assert _children() <= before


def test_documents_wait_for_a_free_worker_and_go_longest_first(monkeypatch):
    """The first documents start at once, one a worker; the rest are held and handed over
    longest first when the producers are done (or when one of them is waited for), so that
    a long booklet is not left to the end while the other worker has nothing to do."""
    pytest.importorskip("weasyprint")
    import pathwaylang.emit.pdf as pdf

    def doc(words: int) -> pdf.PdfDocument:
        return pdf.PdfDocument("<p>" + "word " * words + "</p>", None)

    renderer = pdf.PdfRenderer(workers=2)
    try:
        first = [renderer.submit(doc(n)) for n in (1, 2)]
        handed = []
        submit = renderer._pool.submit
        monkeypatch.setattr(renderer._pool, "submit",
                            lambda f, d: handed.append(d.html.count("word")) or submit(f, d))
        held = [renderer.submit(doc(n)) for n in (3, 50, 10)]
        assert handed == [] and not any(job._future.done() for job in held)
        assert held[2].pages() == 1  # waiting for one hands them all over
        assert handed == [50, 10, 3]
        renderer.finish()
        assert [job.pages() for job in first + held] == [1] * 5
    finally:
        renderer.close()


def test_a_worker_stuck_on_its_way_out_is_stopped_and_an_ended_one_left_alone(monkeypatch):
    import os

    import pathwaylang.emit.pdf as pdf

    class Worker:
        def __init__(self, ended: bool):
            self.sentinel, writer = os.pipe()  # readable (at its end) once the writer closes
            if ended:
                os.close(writer)
            self.killed = self.joined = False

        def kill(self):
            self.killed = True

        def join(self):
            self.joined = True

    monkeypatch.setattr(pdf, "ENDING", 0.2)
    renderer = pdf.PdfRenderer(workers=2)
    renderer._ending = [Worker(ended=True), Worker(ended=False)]
    workers = list(renderer._ending)
    renderer.close()
    assert [(w.killed, w.joined) for w in workers] == [(False, True), (True, True)]
    assert renderer._ending == []
