"""The front-door leaflet (emit/frontdoor.py): the steps it chooses from the graph, its printed
pages (a multiple of four A5 pages, the contact panel and 999 on the back, a QR code when the
pathway gives its `website`), the booklet imposition, the status mark and the PDF's tags."""

from __future__ import annotations

import io

import pypdf
import pytest

from conftest import REPO
from leaflet_samples import ONE_LANGUAGE
from pathwaylang.emit import frontdoor, leaflet
from pathwaylang.emit.context import BuildContext, BuildOptions
from test_leaflet import EXAMPLES, build_ctx

MM = 72 / 25.4


def render(ctx: BuildContext) -> dict[str, bytes | str]:
    pages: dict[str, int] = {}
    checks: list = []
    made = dict(frontdoor.artefacts(ctx, pages, checks))
    for check in checks:
        check()
    return made


def page_texts(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def contexts():
    return {name: build_ctx(path) for name, path in EXAMPLES.items()}


@pytest.fixture(scope="module")
def dylanshire_pdfs():
    return render(build_ctx(EXAMPLES["dylanshire"], render=True))


# ---- the steps chosen from the graph --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_main_route_starts_at_a_front_door_and_follows_the_graph(name, contexts):
    ctx = contexts[name]
    view = frontdoor.frontdoor_view(ctx, ["en"])
    route = [step.id for step in view.start + view.main]
    assert frontdoor.MAIN_STEPS[0] <= len(route) <= frontdoor.MAIN_STEPS[1] + 1
    graph = ctx.graph()
    entry_targets = {t for e in ctx.pathway.entries for t in [e.target.value]}
    assert all(step.id in entry_targets for step in view.start)
    for i, node in enumerate(route[len(view.start):], start=len(view.start)):
        earlier = route[:i]
        assert any(graph.has_edge(src, node) and any(
            d["kind"] != "step down" for d in graph.get_edge_data(src, node).values())
            for src in earlier), (name, node, "is not reached from an earlier step")
    kinds = {"harder": "step up", "easier": "step down"}
    for branch, kind in kinds.items():
        for step in getattr(view, branch):
            assert any(d["kind"] == kind for _, t, d in graph.in_edges(step.id, data=True)
                       if t == step.id), (name, branch, step.id)
    assert not {s.id for s in view.harder} & set(route)


def test_front_doors_are_the_lowest_level_entry_steps(contexts):
    view = frontdoor.frontdoor_view(contexts["kentigernshire"], ["en"])
    # An entry also leads straight to child protection: not where a family is told to start.
    assert [s.id for s in view.start] == ["early_help_conversation"]


def test_short_text_keeps_whole_sentences_within_the_limit():
    text = ["One two three. Four five six seven. " + " ".join(["word"] * 20) + "."]
    assert frontdoor.short_text(text, most=8) == "One two three. Four five six seven."
    assert frontdoor.short_text(["Only one long sentence " + "x " * 40 + "end."], 5).startswith(
        "Only one long sentence")
    assert frontdoor.short_text([]) is None


def test_booklet_order():
    assert frontdoor.booklet_order(4) == [(4, 1), (2, 3)]
    assert frontdoor.booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_imposition_puts_a5_pages_two_up_on_a4_in_booklet_order():
    from pathwaylang.emit.pdf import html_to_pdf_pages

    html = ("<style>@page { size: A5 } p { break-after: page }</style>"
            + "".join(f"<p>Page {n}</p>" for n in range(1, 5)))
    pdf, count = html_to_pdf_pages(html, None)
    sheets = pypdf.PdfReader(io.BytesIO(frontdoor.impose_booklet(pdf))).pages
    assert count == 4 and len(sheets) == 2
    for sheet in sheets:
        assert abs(float(sheet.mediabox.width) - 297 * MM) < 1
        assert abs(float(sheet.mediabox.height) - 210 * MM) < 1
    order = []
    for sheet in sheets:
        found = []
        sheet.extract_text(visitor_text=lambda text, cm, tm, *_: found.append(
            (tm[4] + cm[4], text.strip())) if text.strip().startswith("Page") else None)
        order.append([text for _, text in sorted(found)])
    assert order == [["Page 4", "Page 1"], ["Page 2", "Page 3"]]


# ---- the printed leaflet ------------------------------------------------------------------


def test_every_leaflet_is_a_multiple_of_four_pages_and_fits_one_sheet_per_language(
        dylanshire_pdfs):
    for stem, languages in (("leaflet.cy", 1), ("leaflet.en", 1), ("leaflet", 2)):
        texts = page_texts(dylanshire_pdfs[f"{stem}.pdf"])
        assert len(texts) % 4 == 0 and len(texts) <= 4 * languages, (stem, len(texts))
        sheets = pypdf.PdfReader(io.BytesIO(dylanshire_pdfs[f"{stem}.print.pdf"])).pages
        assert len(sheets) == len(texts) // 2


def test_back_page_has_the_contact_panel_999_and_the_website(dylanshire_pdfs):
    english = page_texts(dylanshire_pdfs["leaflet.en.pdf"])
    back = english[-1]
    assert "Who to contact" in back and "01632 960 100" in back
    assert "Call 999" in back
    assert "https://families.example.org/dylanshire" in back
    welsh = page_texts(dylanshire_pdfs["leaflet.cy.pdf"])[-1]
    assert "Ffoniwch 999" in welsh and "Pwy i gysylltu" in welsh
    html = dylanshire_pdfs["leaflet.en.html"]
    assert 'class="qr"' in html and "opens https://families.example.org/dylanshire" in html


def test_bilingual_leaflet_puts_welsh_first(dylanshire_pdfs):
    first = page_texts(dylanshire_pdfs["leaflet.pdf"])[0]
    assert first.index("Cael help i'ch teulu") < first.index("Getting help for your family")


def test_without_a_website_the_back_says_ask_for_the_booklet(contexts):
    html = render(contexts["kentigernshire"])["leaflet.en.html"]
    assert 'class="qr"' not in html and "Ask us for the booklet" in html


def test_only_web_addresses_become_a_link_and_qr_code(check_text):
    text = ONE_LANGUAGE.replace('pathway solo "Solo" {',
                                'pathway solo "Solo" {\n  website "javascript:alert(1)"')
    report = check_text(text)
    ctx = BuildContext(program=report.program, options=BuildOptions(render=False))
    html = render(ctx)["leaflet.en.html"]
    assert "javascript:" not in html and 'class="qr"' not in html


# ---- status and access --------------------------------------------------------------------


@pytest.mark.parametrize("status, mark", [("draft", "DRAFT"), ("consultation", "CONSULTATION DRAFT"),
                                          (None, "DRAFT")])
def test_a_pathway_not_approved_is_marked_on_every_page(check_text, status, mark):
    header = f"\n  status {status}" if status else ""
    report = check_text(ONE_LANGUAGE.replace('pathway solo "Solo" {',
                                             'pathway solo "Solo" {' + header))
    ctx = BuildContext(program=report.program, options=BuildOptions(render=True))
    files = dict(leaflet.artefacts(ctx))
    for name in ("leaflet.en.pdf", "booklet.en.pdf"):
        texts = page_texts(files[name])
        assert texts and all(mark in text for text in texts), (name, texts)
    assert f'class="status-mark" role="note">{mark}<' in files["leaflet.en.html"]


def test_approved_pathway_has_no_mark(dylanshire_pdfs):
    assert "status-mark\" role" not in dylanshire_pdfs["leaflet.html"]


def test_welsh_mark_comes_first_in_the_bilingual_leaflet():
    from pathwaylang.emit.leaflet_words import status_mark

    assert status_mark("draft", ["cy", "en"]) == "DRAFFT / DRAFT"
    assert status_mark("approved", ["cy", "en"]) is None


def test_pdf_is_tagged_with_language_and_alt_text_for_every_picture(dylanshire_pdfs):
    reader = pypdf.PdfReader(io.BytesIO(dylanshire_pdfs["leaflet.cy.pdf"]))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cy" and root["/MarkInfo"]["/Marked"]
    figures = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(node.get("/Alt"))
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert len(figures) >= 6 and all(figures), figures


def test_leaflet_pdf_is_byte_identical_between_builds(dylanshire_pdfs):
    again = render(build_ctx(EXAMPLES["dylanshire"], render=True))
    assert again["leaflet.pdf"] == dylanshire_pdfs["leaflet.pdf"]
    assert again["leaflet.print.pdf"] == dylanshire_pdfs["leaflet.print.pdf"]


def test_the_website_extension_is_documented():
    text = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
    assert 'website "https://' in text


def smallest_text(pdf: bytes) -> float:
    """The smallest text as printed, in points (font size times the text and page scale)."""
    sizes = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append(
            size * abs(tm[3]) * abs(cm[3])) if text.strip() and size else None)
    return min(sizes)


def test_nothing_printed_under_12_points(dylanshire_pdfs):
    for name in ("leaflet.pdf", "leaflet.cy.pdf", "leaflet.print.pdf"):
        assert smallest_text(dylanshire_pdfs[name]) >= 11.95, name
