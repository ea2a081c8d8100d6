"""The poster (emit/poster.py): zones by level of need from the graph, doors on the ways in,
each step's branches as the graph's moves, one printed page, A4 or A3 landscape."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from pathwaylang.emit import poster
from test_leaflet import EXAMPLES, build_ctx


@pytest.fixture(scope="module")
def contexts():
    return {name: build_ctx(path) for name, path in EXAMPLES.items()}


def test_share_columns_levels_the_zones():
    assert poster.share_columns([1, 3, 9, 4], 7) == [1, 1, 3, 2]
    assert poster.share_columns([1, 1], 7) == [1, 1]  # no column with nothing to hold
    assert poster.share_columns([5], 1) == [1]


def test_zone_names_run_from_everyday_to_the_most_help():
    names = [[poster.zone_word(i, n) for i in range(n)] for n in (1, 2, 3, 4, 5)]
    assert names[2] == ["zone_everyday", "zone_extra", "zone_more"]
    assert names[3] == ["zone_everyday", "zone_extra", "zone_more", "zone_most"]
    assert names[4][0] == "zone_everyday" and names[4][-1] == "zone_most"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_step_once_in_the_zone_of_its_level(name, contexts):
    ctx = contexts[name]
    view = poster.poster_view(ctx, ["en"])
    placed = [tile.step.id for zone in view.zones for tile in zone.tiles]
    graph = ctx.graph()
    steps = [n for n, d in graph.nodes(data=True) if d["kind"] in ("stage", "subpathway")]
    assert sorted(placed) == sorted(steps)
    ranks = []
    for zone in view.zones:
        levels = {getattr(getattr(graph.nodes[t.step.id]["node"], "level", None), "value", None)
                  for t in zone.tiles}
        levels.discard(None)
        assert len(levels) <= 1, zone.names
        ranks += [ctx.program.level_rank(level) for level in levels]
    assert ranks == sorted(ranks), "zones run from the least need to the most"
    outcomes = [n for n, d in graph.nodes(data=True) if d["kind"] == "outcome"]
    assert sorted(step.id for step in view.ends) == sorted(outcomes)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_doors_and_branches_come_from_the_graph(name, contexts):
    ctx = contexts[name]
    view = poster.poster_view(ctx, ["en"])
    graph = ctx.graph()
    numbers = {s.id: s.number for z in view.zones for s in [t.step for t in z.tiles]}
    numbers.update({s.id: s.number for s in view.ends})
    entry_targets = {e.target.value for e in ctx.pathway.entries}
    html = poster.render_html(view)
    for zone in view.zones:
        for tile in zone.tiles:
            assert tile.door == (tile.step.id in entry_targets)
            if tile.step.kind != "stage":
                continue
            words = tile.step.words["en"]
            shown = {l.number for b in ("next", "harder", "easier") for l in getattr(words, b)}
            assert shown == {numbers[t] for t in graph.successors(tile.step.id)}
            for link in words.harder:
                kinds = {d["kind"] for d in graph.get_edge_data(tile.step.id, _id(numbers, link.number)).values()}
                assert kinds & {"step up", "exit"}
    # Branches: some step leads more than one way, and the poster says so.
    assert re.search(r'class="harder"><span class="arrow" aria-hidden="true">▲</span>', html)
    assert html.count('class="door"') >= 1 + len(entry_targets & set(numbers))


def _id(numbers: dict[str, int], number: int) -> str:
    return next(node for node, n in numbers.items() if n == number)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_poster_is_one_landscape_page(name):
    ctx = build_ctx(EXAMPLES[name], render=True)
    pages: dict[str, int] = {}
    checks: list = []
    files = dict(poster.artefacts(ctx, pages, checks))
    for check in checks:
        check()
    assert set(pages) == {"poster.cy.pdf", "poster.en.pdf", "poster.pdf"}
    assert set(pages.values()) == {1}, pages
    sheet = pypdf.PdfReader(io.BytesIO(files["poster.en.pdf"])).pages[0]
    assert float(sheet.mediabox.width) > float(sheet.mediabox.height)
    assert not ctx.notices


def test_poster_paper_a3_and_the_bilingual_poster(contexts):
    ctx = build_ctx(EXAMPLES["mabinogion"], poster_paper="A3")
    assert "size: A3 landscape" in poster.render_html(poster.poster_view(ctx, ["en"]))
    a4 = contexts["mabinogion"]
    assert "size: A4 landscape" in poster.render_html(poster.poster_view(a4, ["en"]))
    both = poster.render_html(poster.poster_view(a4, ["cy", "en"]))
    assert "size: A3 landscape" in both  # two languages need about twice the room
    assert both.index("Help i&#39;ch teulu") < both.index("Help for your family")
