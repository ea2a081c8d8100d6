"""The poster: the pictorial pathway on one landscape page (`poster[.<lang>].{html,pdf}`).

The levels of need are zones from left to right (everyday help, extra help, more help, the
most help), each step a picture with its short title in the zone of its level; the steps the
entries lead to carry a door (the ways in); each step says where it leads ("→ 5", "▲ 13" if
things get harder, "▼ 3" if easier), from the graph's moves, so the picture branches where
the pathway does. The ends run along the foot, beside the contact panel and "call 999".

`poster_view` builds the view; `poster.html.j2` only prints it. Step numbers are the
booklet's, so a family can look a step up there.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from pathwaylang.emit.context import BuildContext
from pathwaylang.emit.leaflet_model import FamilyDocument, LanguageView, Step, icon_image

COLUMNS = {"A4": 8, "A3": 10}
"""Columns of tiles across the poster, shared out among the zones (one more is tried when
the poster runs over its page)."""
PAPER = {"A4": {"size": "A4 landscape", "font": "12pt", "width": "297mm"},
         "A3": {"size": "A3 landscape", "font": "14pt", "width": "420mm"}}
BILINGUAL_PAPER = {"A4": "A3", "A3": "A3"}
"""Two languages at the same size need about twice the room: the bilingual poster is on A3."""
_ZONE_WORDS = ("zone_everyday", "zone_extra", "zone_more", "zone_most")


@dataclass
class Tile:
    step: Step
    door: bool
    """A way in: an entry leads to this step."""


@dataclass
class Zone:
    names: dict[str, str]
    """The zone's name in each language ("Everyday help")."""
    tiles: list[Tile]
    columns: int
    width: float = 0.0
    """Its share of the poster's width, in per cent (by its columns of tiles)."""


@dataclass
class Poster(FamilyDocument):
    languages: list[LanguageView]
    zones: list[Zone]
    ends: list[Step]
    contacts: dict[str, list[str]]
    website: str | None
    qr: Markup | None
    mark: str | None
    paper: dict
    title: str
    door: Markup
    ends_columns: int = 1
    ends_width: float = 0.0
    """The ends' column's share of the width, in per cent."""


def zone_word(index: int, count: int) -> str:
    """The name of zone `index` of `count`, lowest need first: the first is everyday help,
    the last the most help (more help when there are three), extra help in between."""
    if index == 0:
        return _ZONE_WORDS[0]
    if index == count - 1:
        return _ZONE_WORDS[3] if count >= 4 else _ZONE_WORDS[2]
    if count >= 4 and index == count - 2:
        return _ZONE_WORDS[2]
    return _ZONE_WORDS[1]


def share_columns(counts: list[int], budget: int) -> list[int]:
    """Columns for zones of `counts` tiles: one each, then each spare column to the zone
    with the tallest column, so that the zones end about level (the poster is one page)."""
    columns = [1] * len(counts)
    for _ in range(max(0, budget - len(counts)) if counts else 0):
        tallest = max(range(len(counts)), key=lambda i: (-(-counts[i] // columns[i]), -i))
        if -(-counts[tallest] // columns[tallest]) <= 1:
            break
        columns[tallest] += 1
    return columns


def poster_paper(ctx: BuildContext, languages: list[str]) -> str:
    chosen = ctx.options.poster_paper if ctx.options.poster_paper in PAPER else "A4"
    return BILINGUAL_PAPER[chosen] if len(languages) > 1 else chosen


def step_ranks(builder, steps: list[str]) -> dict[str, int]:
    """Each step's level rank; a step without a level (a subpathway) takes the rank of the
    step that leads into it, as it is met in the journey."""
    ranks: dict[str, int] = {}
    for node in steps:
        rank = builder.level_rank(node)
        if rank is None:
            before = [ranks[src] for src, _ in builder.graph.in_edges(node) if src in ranks]
            rank = before[0] if before else 0
        ranks[node] = rank
    return ranks


def poster_view(ctx: BuildContext, languages: list[str], more_columns: int = 0) -> Poster:
    from pathwaylang.emit.frontdoor import _website, frontdoor_view
    from pathwaylang.emit.leaflet import StepBuilder, language_view, pathway_mark

    builder = StepBuilder(ctx, languages)
    steps = builder.step_ids
    graph = builder.graph
    doors = {node for node in steps
             if any(graph.nodes[src]["kind"] == "entry" for src, _ in graph.in_edges(node))}
    ranks = step_ranks(builder, steps)
    used = sorted(set(ranks.values()))
    views = [language_view(ctx, lang, [], stem="poster") for lang in languages]
    tiles = [[Tile(builder.step(node), node in doors) for node in steps if ranks[node] == rank]
             for rank in used]
    ends = builder.steps(builder.end_ids)
    size = poster_paper(ctx, languages)
    columns = share_columns([len(t) for t in tiles] + ([len(ends)] if ends else []),
                            COLUMNS[size] + more_columns)
    end_columns = columns[len(tiles):] or [0]
    zones = [Zone({view.code: view.t[zone_word(index, len(used))] for view in views},
                  tiles[index], columns[index]) for index in range(len(used))]
    total = sum(columns) or 1
    for zone in zones:
        zone.width = round(96 * zone.columns / total, 1)  # the gaps between zones take the rest
    front = frontdoor_view(ctx, languages)
    paper = PAPER[size]
    alt = " / ".join(dict.fromkeys(view.t["door_label"] for view in views))
    # The first front door's contact: the poster has room for one (the leaflet has them all).
    contacts = {lang: lines[:1] for lang, lines in front.contacts.items()}
    return Poster(views, zones, ends, contacts, _website(ctx),
                  front.qr, pathway_mark(ctx, languages), paper,
                  " / ".join(view.t["poster_title"] for view in views),
                  icon_image("door", alt, css_class="door"), end_columns[0],
                  round(96 * end_columns[0] / total, 1))


def render_html(view: Poster) -> str:
    from pathwaylang.emit.templating import render

    return render("poster.html.j2", poster=view)


def artefacts(ctx: BuildContext, pages: dict[str, int], checks: list):
    """`poster[.<lang>].html`, and its one-page `.pdf` when rendering. The page checks, which
    wait for the PDFs, go in `checks`, for the caller to run once every PDF is queued."""
    from pathwaylang.emit.leaflet import leaflet_languages, produced_date
    from pathwaylang.emit.pdf import PdfDocument, pdf_job

    declared, pair = leaflet_languages(ctx)
    jobs = [(f"poster.{lang}", [lang]) for lang in declared] + ([("poster", pair)] if pair else [])
    for stem, languages in jobs:
        html = render_html(poster_view(ctx, languages))
        yield f"{stem}.html", html
        if not ctx.options.renders("pdf"):
            continue
        # When the poster runs over its page, it is printed with narrower columns, so that
        # the tallest zone is shorter: the worker lays that out only then.
        narrower = render_html(poster_view(ctx, languages, more_columns=1))
        job = pdf_job(ctx, PdfDocument(html, produced_date(ctx), fallback=narrower))
        yield f"{stem}.pdf", job.artefact()
        checks.append(lambda stem=stem, job=job: _check_pages(ctx, pages, stem, job))


def _check_pages(ctx: BuildContext, pages: dict[str, int], stem: str, job) -> None:
    count = pages[f"{stem}.pdf"] = job.pages()
    if count > 1:
        ctx.notice(f"{stem}.pdf has {count} pages, not one: shorten the step titles "
                   f"in the family text, or use --poster-paper A3")
