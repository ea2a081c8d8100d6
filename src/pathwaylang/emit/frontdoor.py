"""The front-door leaflet: one A4 sheet folded to four A5 pages, the leaflet a family is handed.

What help there is and where to start (the steps the entries lead to), the main steps with
their pictures (the main route, chosen from the graph), what happens if things get harder or
easier, and on the back the contact panel, "in danger now: call 999" and where to read more
(the pathway's `website`, with a QR code). The booklet (`emit/leaflet.py`) has every step.

`frontdoor_view` builds the view; `leaflet-front.html.j2` only prints it. The printed page
count is a multiple of four: when the words run over, note pages are added before the back.
The PDF is laid out once, with `SPARE_PAGES` note pages, and drops those it does not need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from pathwaylang.emit import leaflet_words as lw
from pathwaylang.emit.context import BuildContext
from pathwaylang.emit.leaflet_model import FamilyDocument, LanguageView, Step

MAIN_STEPS = (4, 6)
"""Fewest and most steps on the main route (the entry steps included)."""
START_STEPS = 2
"""Most front doors shown on the cover (the steps the entries lead to)."""
BRANCH_ITEMS = 3
"""Most steps named under "if things get harder" and "if things get easier"."""
ENDS = 4
SHORT_WORDS = 20
A4_LONG_SIDE = 297 * 72 / 25.4
"""In PDF points."""
SPARE_PAGES = 3
"""Note pages the PDF is laid out with: enough to make any page count a multiple of four."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")


@dataclass
class FrontDoor(FamilyDocument):
    languages: list[LanguageView]
    start: list[Step]
    """Where families start: the steps the entries lead to."""
    main: list[Step]
    """The rest of the main route, in the order a family meets it."""
    harder: list[Step]
    easier: list[Step]
    ends: list[Step]
    contacts: dict[str, list[str]]
    """Per language: who to contact at the start steps, each line once."""
    website: str | None
    qr: Markup | None
    mark: str | None
    """DRAFT / DRAFFT when the pathway is not approved."""
    title: str
    fillers: list[str] = field(default_factory=list)
    """The ids of the note pages the PDF is laid out with: those that make the page count a
    multiple of four are kept (emit/pdf.py's `SPARE_PAGE`)."""


# ---- choosing the steps from the graph ------------------------------------------------


def main_route(graph, steps: list[str], entries: list[str],
               limit: int = MAIN_STEPS[1]) -> list[str]:
    """The main route: from the first entry step, ordinary moves first, then step-ups.

    A family's usual way through: walk from the front door along ordinary moves (`exit`,
    `refer`, `rejoin`), climbing by a `step up` only where no ordinary move goes on, never
    back down. Where the walk stops (a loop, an end), it goes on from the latest step that
    still leads somewhere new. Steps only, in the order they were met.
    """
    wanted = set(steps)
    route = [entries[0]] if entries else steps[:1]
    while len(route) < limit:
        following = None
        for node in reversed(route):
            following = _next_on_route(graph, node, wanted, set(route))
            if following is not None:
                break
        if following is None:
            break
        route.append(following)
    return route


def _next_on_route(graph, node: str, wanted: set[str], taken: set[str]) -> str | None:
    moves = [(0 if data["kind"] in ("exit", "refer", "rejoin") else 1, i, target)
             for i, (_, target, data) in enumerate(graph.out_edges(node, data=True))
             if data["kind"] != "step down" and target in wanted and target not in taken]
    return min(moves)[2] if moves else None


def front_doors(builder, steps: list[str]) -> list[str]:
    """The steps the entries lead to at the lowest level of need among them (an entry
    straight to a statutory stage is not where a family is told to start)."""
    graph = builder.graph
    doors = [node for node in steps
             if any(graph.nodes[src]["kind"] == "entry" for src, _ in graph.in_edges(node))]
    ranks = {node: builder.level_rank(node) for node in doors}
    known = [rank for rank in ranks.values() if rank is not None]
    lowest = min(known) if known else None
    return [node for node in doors if ranks[node] in (None, lowest)]


def branch_targets(graph, sources: list[str], kind: str, skip: set[str],
                   order: list[str]) -> list[str]:
    """The steps reached by a `kind` move ("step up", "step down") from any of `sources`."""
    found = {target for source in sources
             for _, target, data in graph.out_edges(source, data=True)
             if data["kind"] == kind and target not in skip}
    return [node for node in order if node in found][:BRANCH_ITEMS]


# ---- the view ------------------------------------------------------------------------


def frontdoor_view(ctx: BuildContext, languages: list[str]) -> FrontDoor:
    from pathwaylang.emit.leaflet import StepBuilder, language_view, pathway_mark

    builder = StepBuilder(ctx, languages)
    graph, steps = builder.graph, builder.step_ids
    entries = front_doors(builder, steps)
    route = main_route(graph, steps, entries)
    start = entries[:START_STEPS] or route[:1]
    main = [node for node in route if node not in start]
    route = start + main
    if len(route) < MAIN_STEPS[0]:  # a short pathway: its other steps, in journey order
        main += [n for n in steps if n not in route][:MAIN_STEPS[0] - len(route)]
    stages = [n for n in steps if builder.kind(n) == "stage"]
    harder = branch_targets(graph, stages, "step up", set(route), steps)
    easier = branch_targets(graph, stages, "step down", set(), steps)
    views = [language_view(ctx, lang, [], stem="leaflet") for lang in languages]
    by_id = {node: builder.step(node) for node in dict.fromkeys(start + main + harder + easier)}
    for step in by_id.values():
        for words in step.words.values():
            words.summary = short_text(words.paragraphs)
    contacts = {lang: list(dict.fromkeys(line for node in start
                                         for line in by_id[node].words[lang].contact))
                for lang in languages}
    website = _website(ctx)
    return FrontDoor(
        views, [by_id[n] for n in start], [by_id[n] for n in main],
        [by_id[n] for n in harder], [by_id[n] for n in easier],
        builder.steps(builder.end_ids[:ENDS]), contacts, website,
        qr_code(website, lw.words_for(languages[0])("qr_alt", url=website)) if website else None,
        pathway_mark(ctx, languages),
        " / ".join(view.t["leaflet_title"] for view in views))


def short_text(paragraphs: list[str], most: int = SHORT_WORDS) -> str | None:
    """The first sentence of the step's words, and the next ones while within `most` words:
    the front door gives each step in a line or two; the booklet has the rest."""
    if not paragraphs:
        return None
    sentences = _SENTENCE_END.split(paragraphs[0])
    kept = [sentences[0]]
    for sentence in sentences[1:]:
        if len(" ".join(kept + [sentence]).split()) > most:
            break
        kept.append(sentence)
    return " ".join(kept)


def _website(ctx: BuildContext) -> str | None:
    site = getattr(ctx.pathway, "website", None)
    if site is None:
        return None
    address = site.value.strip()
    return address if address.startswith(("https://", "http://")) else None


def qr_code(url: str, alt: str) -> Markup:
    """The QR code of `url` as a picture with its alternative text."""
    return Markup(f'<img class="qr" src="{escape(_qr_uri(url))}" alt="{escape(alt)}">')


@lru_cache(maxsize=8)
def _qr_uri(url: str) -> str:
    """The QR code as an SVG data URI (segno: pure Python; made once a build, though every
    front door and poster shows it)."""
    import segno

    code = segno.make(url, error="m")
    return code.svg_data_uri(border=2, dark="#000000", light="#ffffff")


# ---- rendering --------------------------------------------------------------------------


def render_html(view: FrontDoor) -> str:
    from pathwaylang.emit.templating import render

    return render("leaflet-front.html.j2", leaflet=view)


def documents(ctx: BuildContext) -> list[tuple[str, FrontDoor]]:
    """(artefact stem, view) for every front-door leaflet: per language, then bilingual."""
    from pathwaylang.emit.leaflet import leaflet_languages

    declared, pair = leaflet_languages(ctx)
    out = [(f"leaflet.{lang}", frontdoor_view(ctx, [lang])) for lang in declared]
    if pair:
        out.append(("leaflet", frontdoor_view(ctx, pair)))
    return out


def artefacts(ctx: BuildContext, pages: dict[str, int], checks: list):
    """`leaflet[.<lang>].html`, and when rendering its `.pdf` (a multiple of four A5 pages)
    and `.print.pdf` (imposed two-up on A4 for a double-sided printer). The page checks,
    which wait for the PDFs, go in `checks`, for the caller to run once every PDF is queued."""
    from pathwaylang.emit.leaflet import produced_date
    from pathwaylang.emit.pdf import SPARE_PAGE, PdfDocument, pdf_job

    for stem, view in documents(ctx):
        yield f"{stem}.html", render_html(view)
        if not ctx.options.renders("pdf"):
            continue
        view.fillers = [f"{SPARE_PAGE}{n}" for n in range(1, SPARE_PAGES + 1)]
        job = pdf_job(ctx, PdfDocument(render_html(view), produced_date(ctx), multiple=4,
                                       derived=impose_booklet))
        yield f"{stem}.pdf", job.artefact()
        yield f"{stem}.print.pdf", job.derived().artefact()
        checks.append(lambda stem=stem, job=job, limit=4 * len(view.languages):
                      _check_pages(ctx, pages, stem, job, limit))


def _check_pages(ctx: BuildContext, pages: dict[str, int], stem: str, job, limit: int) -> None:
    count = pages[f"{stem}.pdf"] = job.pages()
    if count > limit:
        ctx.notice(f"{stem}.pdf has {count} pages, more than the {limit} of a folded "
                   f"A4 sheet per language: shorten the main steps' family text")


def booklet_order(count: int) -> list[tuple[int, int]]:
    """Page pairs (left, right), 1-based, for each side of the folded sheets in turn:
    four pages print as (4, 1) on the front and (2, 3) on the back."""
    sides = []
    for sheet in range(count // 4):
        low, high = 2 * sheet + 1, count - 2 * sheet
        sides += [(high, low), (low + 1, high - 1)]
    return sides


def impose_booklet(pdf: bytes) -> bytes:
    """The A5 pages of `pdf` two-up on A4 landscape sheets in booklet order, ready to print
    on both sides (flip on the short edge) and fold (pypdf)."""
    import io

    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    writer = PdfWriter()
    sheet_width = max(A4_LONG_SIDE, 2 * width)  # A4 is 1 mm wider than two A5 pages
    gap = (sheet_width - 2 * width) / 2
    for left, right in booklet_order(len(pages)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=height)
        sheet.merge_transformed_page(pages[left - 1], Transformation().translate(tx=gap))
        sheet.merge_transformed_page(pages[right - 1],
                                     Transformation().translate(tx=gap + width))
        writer.add_page(sheet)
    writer.add_metadata({"/Producer": "pathwaylang"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
