"""The printed process map, measured (emit/map_quality.py) on every pathway that builds:
nothing drawn over text, arrowheads apart, bands as tall as their names, text big enough
at the size the sheet prints; and the measure itself catches each fault when it is there.

`benchmarks/map_quality.py` prints the same figures beside those of the map before it was
laid out for a sheet."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from conftest import REPO, run_pwy
from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit import map_quality, process_map
from pathwaylang.emit.map_sheet import PAPERS
from test_process_map import PATHWAYS, context

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
pytestmark = needs_dot


def sheets(path, paper="A3") -> list[str]:
    ctx = context(path)
    ctx.options.map_paper = paper
    return process_map.map_sheets(ctx)


KNOWN: dict[tuple[str, str], str] = {}
"""Sheets that still miss a goal, each named: strict, so the test says when one is met."""


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_every_sheet_reads_at_its_printed_size(path, paper, request):
    if (path.stem, paper) in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[path.stem, paper], strict=True))
    """Every sheet on every paper, as printed (a sheet larger than the paper would be
    scaled down to fit: `printed` measures the text at that scale)."""
    width, height = PAPERS[paper]
    for number, source in enumerate(sheets(path, paper), start=1):
        q = map_quality.printed(source, PAPERS[paper])
        where = f"{path.stem} {paper} page {number}: {q.problems}"
        size = sorted((q.width, q.height))
        assert abs(size[0] - height) < 1 and abs(size[1] - width) < 1, where  # either way up
        assert q.text_overlaps == 0, where
        assert q.routes_through_text == 0, where
        assert q.stacked_heads == 0, where
        assert q.collapsed_bands == 0, where
        assert q.smallest_text >= 8, where
        assert q.smallest_stage_title is None or q.smallest_stage_title >= 12, where
        assert q.crossings <= 10, where
        assert q.longest_route <= 0.6, where


def test_printed_reports_the_text_size_of_a_sheet_scaled_to_fit():
    sheet = ('digraph g { graph [pad=0]; a [pos="0,0!", fontsize=10]; '
             'b [pos="1600,0!", fontsize=10]; }')
    found = map_quality.printed(sheet, PAPERS["A4"])
    assert 4 < found.smallest_text < 6  # about 1650 points wide on 842: scaled by half


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_screen_map_has_no_text_over_text_or_piled_heads(path):
    engine, source, no_op = process_map._drawable(context(path))
    q = map_quality.measure_source(source, engine, no_op)
    assert (q.text_overlaps, q.stacked_heads, q.collapsed_bands) == (0, 0, 0), q.problems
    assert q.smallest_text >= 8


def test_large_pathway_has_an_overview_and_pages_that_name_each_other():
    path = REPO / "examples" / "dylanshire.pwy"
    found = sheets(path)
    assert len(found) > 2
    drawn = [gv.run("neato", "svg", s, 2).decode("utf-8") for s in found]
    ctx = context(path)
    for stage in ctx.pathway.stages:  # the overview lists every stage with its page
        assert " ".join(stage.title.value.split()[:2]) in drawn[0]
    turns = re.findall(r"Turn to page (\d+)", "".join(drawn[1:]))
    assert turns and all(2 <= int(n) <= len(found) for n in turns)
    for number, svg in enumerate(drawn[1:], start=2):
        assert f"Page {number} of {len(found)}" in svg


def test_pdf_pages_are_the_chosen_paper(tmp_path):
    for paper in ("A3", "A4"):
        result = run_pwy("build", str(REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"),
                         "-o", str(tmp_path / paper), "--map-paper", paper)
        assert result.returncode == 0, result.stderr
        pdf = next((tmp_path / paper).glob("*/process-map.pdf")).read_bytes()
        for page in PdfReader(io.BytesIO(pdf)).pages:
            size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
            assert abs(size[1] - PAPERS[paper][0]) < 1 and abs(size[0] - PAPERS[paper][1]) < 1


def test_pdf_pages_come_in_the_order_of_their_sheets_drawn_at_once():
    """The sheets' PDFs are drawn side by side (graphviz_render.RENDERERS); the pages still
    follow the sheets, and the file is the same every time."""
    sheets = [f'digraph s{n} {{ graph [pad=0]; a [pos="{40 * n},0!", label="Sheet {n}"]; '
              f'b [pos="400,300!", label="end"]; }}' for n in range(7)]
    made = gv.render_pages(sheets, None, PAPERS["A4"])
    pages = PdfReader(io.BytesIO(made)).pages
    assert [re.search(r"Sheet \d", p.extract_text()).group() for p in pages] == \
        [f"Sheet {n}" for n in range(7)]
    assert gv.render_pages(sheets, None, PAPERS["A4"]) == made


# ---- the measure catches what it measures ------------------------------------------------


def measured(body: str, engine: str = "dot") -> map_quality.Quality:
    """`body` laid out by `dot`, or drawn by `neato -n` where its `pos` (points) say."""
    return map_quality.measure_source(f"digraph g {{ {body} }}", engine,
                                      1 if engine == "neato" else None)


def test_measure_finds_text_over_text():
    assert measured('a [pos="0,0!", label="long label here"]; '
                    'b [pos="10,0!", label="long label here"];', "neato").text_overlaps >= 1
    assert measured("a; b;").text_overlaps == 0


def test_measure_finds_a_route_through_text():
    body = ('a [pos="0,0!"]; b [pos="300,0!"]; '
            'c [pos="150,0!", shape=plaintext, label="in the way"]; a -> b;')
    found = measured(body + " graph [splines=line];", "neato")
    assert found.routes_through_text >= 1 and "in the way" in " ".join(found.problems)


def test_measure_finds_stacked_arrowheads_and_crossings():
    assert measured("a -> c [samehead=x]; b -> c [samehead=x];").stacked_heads == 1
    assert measured("a -> c; b -> c;").stacked_heads == 0
    crossing = ('a [pos="0,0!"]; b [pos="200,200!"]; c [pos="0,200!"]; d [pos="200,0!"]; '
                "a -> b; c -> d; graph [splines=line];")
    assert measured(crossing, "neato").crossings == 1


def test_measure_finds_a_band_shorter_than_its_name():
    band = ('background__x [shape=box, pos="100,100!", width=3, height={h}, label=""]; '
            'bandname__x [shape=plaintext, pos="100,100!", '
            'label="A<BR/>name<BR/>of<BR/>four lines"];')
    assert measured(band.format(h=0.3).replace('label="A', "label=<A").replace('lines"', "lines>"),
                    "neato").collapsed_bands == 1
    assert measured(band.format(h=1.5).replace('label="A', "label=<A").replace('lines"', "lines>"),
                    "neato").collapsed_bands == 0


def test_measure_reports_printed_size():
    found = map_quality.measure_source('digraph g { a [fontsize=10]; }', "dot", None, scale=0.5)
    assert found.smallest_text == 5


EMPTY_BAND = """pathway gen "Empty band" {
  levels {
    low "Low" domain prevention
    middle "A middle level with a long name and no stage in it" domain protection
    high "High" domain remedial
  }
  role r "Worker"
  entry e0 "A way in" -> s0
  stage s0 "Low stage" {
    level low
    lead r
    step up to s2 when "Things get worse"
  }
  stage s2 "High stage" {
    level high
    lead r
    step down to s0 when "Things get better"
  }
}
"""


def test_an_empty_band_does_not_collapse_onto_the_next():
    from pathwaylang.analysis.graph import build_graph
    from pathwaylang.emit.map_layout import screen_sheet
    from pathwaylang.emit.map_pages import paper_sheets
    from pathwaylang.emit.map_view import build_map_view
    from test_process_map import program_from_text

    program = program_from_text(EMPTY_BAND)
    view = build_map_view(program, build_graph(program))
    assert [b.key for b in view.bands] == ["low", "middle", "high"]
    for sheet in [screen_sheet(view), *paper_sheets(view, "A4")]:
        found = map_quality.measure_source(sheet)
        assert (found.collapsed_bands, found.text_overlaps) == (0, 0), found.problems
        assert "band-middle" not in sheet  # gone with its name, not squashed


# ---- the measure's shortcuts count what the plain loops count ----------------------------


def plain_through(routes, texts, problems) -> int:
    """Every route against every other owner's text, every point of it (what `_through`
    finds through its grid)."""
    count = 0
    for route in routes:
        for text in texts:
            x0, y0, x1, y1 = text.box
            if text.owner != route.owner and any(
                    x0 + 0.5 < x < x1 - 0.5 and y0 + 0.5 < y < y1 - 0.5 for x, y in route.points):
                count += 1
                problems.append(f"route {route.owner} through {text.text!r}")
    return count


def plain_fill(drawing, texts, sheet) -> float:
    """The cells covered, as a set of (column, row) (what `_fill` counts as bits)."""
    boxes = map_quality.drawn_boxes(drawing, texts)
    cell, edge = map_quality.CELL, map_quality.EDGE
    left, bottom = sheet[0] + edge, sheet[1] + edge
    columns = max(1, int((sheet[2] - edge - left) // cell))
    rows = max(1, int((sheet[3] - edge - bottom) // cell))
    covered = set()
    for x0, y0, x1, y1 in boxes:
        for i in range(max(0, int((x0 - left) // cell)), min(columns, int((x1 - left) // cell) + 1)):
            for j in range(max(0, int((y0 - bottom) // cell)), min(rows, int((y1 - bottom) // cell) + 1)):
                covered.add((i, j))
    return len(covered) / (columns * rows)


def generated_drawing(rng) -> dict:
    """A `-Tjson`-like drawing: boxes with text and straight routes between them, on
    coordinates of half points (so points fall on text edges and on grid lines), some
    off the sheet."""
    width, height = rng.choice([(300.0, 200.0), (841.5, 595.0)])
    half = lambda top: rng.randrange(-80, int(2 * top) + 80) / 2  # noqa: E731
    objects = []
    for number in range(rng.randint(0, 40)):
        x, y = half(width), half(height)
        ops = [{"op": "F", "size": rng.choice([8.0, 10.0, 14.0]), "face": "DejaVu Sans"},
               {"op": "T", "pt": [x, y], "align": rng.choice("lcr"),
                "width": rng.choice([0.5, 1.0, 12.0, 64.0, 130.0]), "text": f"text {number}"}]
        objects.append({"name": f"node__{number}", "_gvid": number, "pos": f"{x},{y}",
                        "width": str(rng.choice([0.02, 0.5, 1.5])), "height": "0.5",
                        "style": rng.choice(["filled", "invis"]), "_ldraw_": ops})
    edges = []
    for number in range(rng.randint(0, 25) if objects else 0):
        ends = [(half(width), half(height)) for _ in range(rng.randint(1, 3) * 3 + 1)]
        if rng.random() < 0.5:  # along a text's edge, exactly
            y = rng.choice([o["_ldraw_"][1]["pt"][1] for o in objects]) + rng.choice([-1.5, 0.5, 1])
            ends = [(x, y) for x, _ in ends]
        edges.append({"_gvid": number, "tail": rng.randrange(len(objects)),
                      "head": rng.randrange(len(objects)),
                      "_draw_": [{"op": "b", "points": [list(p) for p in ends]}]})
    return {"name": "g", "bb": f"0,0,{width},{height}", "objects": objects, "edges": edges}


def test_the_measures_shortcuts_count_what_the_plain_loops_count(monkeypatch):
    import random

    rng = random.Random(18)
    for _ in range(300):
        drawing = generated_drawing(rng)
        texts = map_quality._texts(drawing)
        routes, _ = map_quality._routes(drawing)
        found, wanted = [], []
        assert map_quality._through(routes, texts, found) == plain_through(routes, texts, wanted)
        assert found == wanted
        sheet = tuple(float(v) for v in drawing["bb"].split(","))
        assert map_quality._fill(drawing, texts, sheet) == plain_fill(drawing, texts, sheet)
        fast = map_quality.measure(drawing)
        with monkeypatch.context() as plain:
            plain.setattr(map_quality, "_through", plain_through)
            plain.setattr(map_quality, "_fill", plain_fill)
            assert map_quality.measure(drawing) == fast
