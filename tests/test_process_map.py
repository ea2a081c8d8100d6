"""The process map and algorithm diagrams (emit/process_map.py and friends).

Golden files live in `tests/golden/<example>/process-map.{dot,mmd}` and
`tests/golden/<example>/algorithms/<id>.dot`; `PWY_UPDATE_GOLDEN=1 pytest
tests/test_process_map.py` rewrites them (read the diff). The golden text does not depend
on the installed Graphviz; the pictures are checked by what they contain.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import REPO, check_path
from golden_files import assert_golden, assert_golden_folder
from pathwaylang.emit import build as build_module
from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import graphviz_render, process_map
from pathwaylang.emit.dot import EDGE_STYLES
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse
from pathwaylang.core.source import SourceFile

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
PATHWAYS = [FIXTURE, *EXAMPLES]
GOLDEN = REPO / "tests" / "golden"
SVG = "{http://www.w3.org/2000/svg}"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")


# ---- helpers ----------------------------------------------------------------------------


def context(path: Path, render: bool = True, lanes: str = "level") -> BuildContext:
    report = check_path(path)
    assert not report.has_errors, [d.message for d in report.diagnostics]
    return BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=render, lanes=lanes))


def artefacts(ctx: BuildContext) -> dict[str, bytes]:
    out = {}
    for name, content in process_map.artefacts(ctx):
        assert name not in out
        out[name] = content if isinstance(content, bytes) else content.encode("utf-8")
    return out


def groups(svg: str, prefix: str = "pwy-map-") -> dict[str, ET.Element]:
    """Every SVG group with an id, by id without the emitter's prefix."""
    root = ET.fromstring(svg)
    found = {}
    for g in root.iter(f"{SVG}g"):
        assert g.get("id", prefix).startswith(prefix), g.get("id")
        if g.get("id"):
            found[g.get("id").removeprefix(prefix)] = g
    return found


_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def bbox(group: ET.Element) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the polygons and paths drawn in a group."""
    points = []
    for shape in group.iter():
        for attribute in ("points", "d"):
            points += [(float(x), float(y)) for x, y in _POINT.findall(shape.get(attribute, ""))]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def inside(box, outer) -> bool:
    """The whole of `box` is within `outer` (both (x0, y0, x1, y1))."""
    return (outer[0] <= box[0] and box[2] <= outer[2]
            and outer[1] <= box[1] and box[3] <= outer[3])


def texts(group: ET.Element) -> str:
    return " ".join(" ".join(t.text.split()) for t in group.iter(f"{SVG}text") if t.text)


def program_from_text(text: str) -> m.Program:
    source = SourceFile(Path("generated.pwy"), "generated.pwy", text)
    result = parse(source)
    assert result.tree is not None, [d.message for d in result.diagnostics]
    file, _ = lower(result.tree, "generated.pwy")
    return m.Program(root=file)


# ---- golden files -------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_golden_dot_mermaid_and_algorithms(path):
    made = artefacts(context(path, render=False))
    folder = GOLDEN / path.stem
    wanted = {name for name in made if name.endswith((".dot", ".mmd"))}
    assert {"process-map.dot", "process-map.mmd"} <= wanted
    assert_golden_folder(folder, "algorithms/*.dot",
                         {n: made[n] for n in wanted if n.startswith("algorithms/")})
    for name in ("process-map.dot", "process-map.mmd"):
        assert_golden(folder / name, made[name])


def test_text_artefacts_without_rendering():
    made = artefacts(context(FIXTURE, render=False))
    assert sorted(made) == ["algorithms/concern_checklist.dot", "process-map.dot",
                            "process-map.mmd"]


# ---- the rendered map ----------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_map_shows_every_stage_and_route(path):
    ctx = context(path)
    svg = process_map.map_svg(ctx)
    found = groups(svg)
    pathway = ctx.pathway
    for kind, items in (("stage", pathway.stages), ("entry", pathway.entries),
                        ("outcome", pathway.outcomes), ("subpathway", pathway.subpathways)):
        for item in items:
            group = found[f"{kind}-{item.id.value}"]
            title = item.description.value if kind == "entry" else item.title.value
            assert group.find(f"{SVG}title").text.endswith(" ".join(title.split()))
            assert group.find(f"{SVG}desc").text
            drawn = texts(group)
            for word in title.split():
                assert word in drawn, (word, drawn)
    graph = ctx.graph()
    assert sum(1 for g in found if g.startswith("route-")) == graph.number_of_edges()
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        group = found[f"route-{index}"]
        assert group.get("class") == "edge"
        title = group.find(f"{SVG}title").text
        source_title = " ".join(graph.nodes[source]["node"].__dict__.get(
            "title", graph.nodes[source]["node"].__dict__.get("description")).value.split())
        assert source_title in title
        if data["when"]:
            assert " ".join(data["when"].split()) in group.find(f"{SVG}desc").text


@needs_dot
@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_level_bands_are_ordered_and_hold_their_stages(path):
    ctx = context(path)
    found = groups(process_map.map_svg(ctx))
    levels = sorted(ctx.program.levels, key=lambda level: level.rank)
    bands = {lv.id.value: bbox(found[f"band-{lv.id.value}"]) for lv in levels}
    for lower_level, upper_level in zip(levels, levels[1:]):
        # SVG y grows downwards: the lower level's band is lower on the page
        assert bands[lower_level.id.value][1] >= bands[upper_level.id.value][3] - 1
    for stage in ctx.pathway.stages:
        box = bbox(found[f"stage-{stage.id.value}"])
        assert inside(box, bands[stage.level.value]), stage.id.value
    # the bands are drawn where the layout put their rows: a margin over the highest box
    # (less an outcome's second outline, which Graphviz leaves out of a node's size)
    tops = [bbox(g)[1] for name, g in found.items() if name.startswith(("stage-", "outcome-"))]
    margin = min(tops) - bands[levels[-1].id.value][1]
    assert graphviz_render.BAND_PAD - 5 <= margin <= graphviz_render.BAND_PAD + 1


@needs_dot
def test_band_labels_name_level_and_domain():
    ctx = context(FIXTURE)
    found = groups(process_map.map_svg(ctx))
    for level in ctx.program.levels:
        label = texts(found[f"band-label-{level.id.value}"])
        assert level.label.value.split()[0] in label and level.domain.value in label


@needs_dot
def test_step_routes_differ_in_colour_and_line():
    ctx = context(FIXTURE)
    found = groups(process_map.map_svg(ctx))
    graph = ctx.graph()
    seen = set()
    for index, (_, _, data) in enumerate(graph.edges(data=True)):
        path = found[f"route-{index}"].find(f"{SVG}path")
        style = EDGE_STYLES[data["kind"]]
        assert path.get("stroke") == style.color
        dashes = path.get("stroke-dasharray")
        expected = {"dashed": "5,2", "dotted": "1,5", "solid": None}[style.style]
        assert dashes == expected, data["kind"]
        seen.add((path.get("stroke"), dashes, data["kind"]))
    kinds = {kind: (colour, dash) for colour, dash, kind in seen}
    assert len({kinds["exit"], kinds["step up"], kinds["step down"]}) == 3
    assert len({kinds["exit"][1], kinds["step up"][1], kinds["step down"][1]}) == 3


@needs_dot
def test_map_has_a_key_and_accessible_titles():
    svg = process_map.map_svg(context(FIXTURE))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pwy-map-title pwy-map-desc"
    # every id is the map's own, so the SVG can sit inside the checklist next to its anchors
    assert all(e.get("id").startswith("pwy-map-") for e in root.iter() if e.get("id"))
    assert root[0].tag == f"{SVG}title" and "Dylanshire Family Support Pathway" in root[0].text
    assert root[1].tag == f"{SVG}desc" and "4 stages" in root[1].text
    found = groups(svg)
    for part in ("key", "key-entry", "key-stage", "key-outcome", "key-subpathway", "key-routes"):
        assert part in found
    key = texts(found["key-routes"])
    for words in ("Step up to a higher level", "Step down to a lower level", "Exit"):
        assert words in key
    colours = {t.get("fill") for t in found["key-routes"].iter(f"{SVG}text")}
    assert {EDGE_STYLES["step up"].color, EDGE_STYLES["step down"].color} <= colours
    assert "<!--" not in svg and "DOCTYPE" not in svg and "graphviz version" not in svg
    identify = found["stage-identify"]
    assert identify.find(f"{SVG}title").text == "Stage: Identify additional needs"
    assert identify.find(f"{SVG}desc").text == (
        "Stage. Level: Additional needs (prevention). Lead: Lead professional. "
        "Timescale: 20 working days.")


@needs_dot
def test_agency_lanes():
    ctx = context(FIXTURE, lanes="agency")
    svg = process_map.map_svg(ctx)
    found = groups(svg)
    lanes = {"health": ["universal_support"], "social_services": ["child_protection"],
             "_no_single_agency": ["identify", "team_around_family"]}
    for lane, stages in lanes.items():
        box = bbox(found[f"band-{lane}"])
        assert found[f"band-{lane}"].find(f"{SVG}title").text.startswith("Agency lane: ")
        for stage in stages:
            assert inside(bbox(found[f"stage-{stage}"]), box), stage
    assert "Children's Social Services" in texts(found["band-label-social_services"])
    assert "Level: Statutory social services" in texts(found["stage-child_protection"])


@needs_dot
def test_rendering_is_byte_identical(tmp_path):
    first = artefacts(context(FIXTURE))
    second = artefacts(context(FIXTURE))
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    assert {"process-map.svg", "process-map.pdf", "process-map.png",
            "algorithms/concern_checklist.svg"} <= set(first)
    pdf = first["process-map.pdf"]
    assert pdf.startswith(b"%PDF")
    dates = PdfReader(io.BytesIO(pdf)).metadata
    assert dates["/CreationDate"] == dates["/ModDate"] == "D:20110901000000Z"
    assert first["process-map.png"].startswith(b"\x89PNG\r\n\x1a\n")


@needs_dot
def test_map_svg_is_cached_and_off_without_rendering():
    ctx = context(FIXTURE)
    assert process_map.map_svg(ctx) is process_map.map_svg(ctx)
    assert process_map.map_svg(context(FIXTURE, render=False)) is None


@needs_dot
def test_algorithm_decision_tree():
    made = artefacts(context(FIXTURE))
    found = groups(made["algorithms/concern_checklist.svg"].decode(),
                   "pwy-algorithm-concern_checklist-")
    for question in ("needs", "harm"):
        polygon = found[f"question-{question}"].find(f"{SVG}polygon")
        assert len(_POINT.findall(polygon.get("points"))) == 7  # a hexagon, closed
    assert "Carry on supporting the family" in texts(found["action-needs-1"])
    assert "Go to: Child protection enquiries" in " ".join(texts(found["goto-harm-0"]).split())
    assert texts(found["answer-needs-0"]) == "Yes"
    assert found["answer-harm-1"].find(f"{SVG}title").text == "Answer No: go to Identify additional needs"
    root = ET.fromstring(made["algorithms/concern_checklist.svg"])
    assert root[0].text == "Algorithm: Deciding what to do about a concern"


# ---- without Graphviz -----------------------------------------------------------------------


def test_build_without_dot_writes_text_and_warns_once(tmp_path, monkeypatch):
    monkeypatch.setattr(graphviz_render, "dot_available", lambda: False)
    ctx = context(FIXTURE)
    made = artefacts(ctx)
    assert process_map.map_svg(ctx) is None
    assert sorted(made) == ["algorithms/concern_checklist.dot", "process-map.dot",
                            "process-map.mmd"]
    assert len(ctx.notices) == 1
    assert "apt-get install graphviz" in ctx.notices[0]


def test_cli_build_without_dot(tmp_path, monkeypatch):
    import pathwaylang.cli.build  # noqa: F401  (registers the `build` command)
    from pathwaylang.cli import cli

    monkeypatch.setattr(graphviz_render, "dot_available", lambda: False)
    # only the map: the other artefacts have their own tests (and take longer)
    monkeypatch.setattr(build_module, "PRODUCERS", ["pathwaylang.emit.process_map"])
    monkeypatch.chdir(FIXTURE.parent)
    result = CliRunner().invoke(cli, ["build", FIXTURE.name, "-o", str(tmp_path),
                                      "--today", "2026-11-26"])
    out = tmp_path / "dylanshire_families"
    assert (out / "process-map.dot").exists() and (out / "process-map.mmd").exists()
    assert not (out / "process-map.svg").exists()
    assert result.output.count("Graphviz `dot` was not found") == 1, result.output
    assert result.exit_code == 0


def test_graphviz_failure_is_a_notice_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise graphviz_render.RenderError("trouble in init_rank")

    monkeypatch.setattr(graphviz_render, "run", broken)
    monkeypatch.setattr(graphviz_render, "dot_available", lambda: True)
    ctx = context(FIXTURE)
    made = artefacts(ctx)
    assert "process-map.dot" in made and "process-map.svg" not in made
    assert any("trouble in init_rank" in n for n in ctx.notices)


# ---- any pathway --------------------------------------------------------------------------

WORDS = st.text(alphabet=st.sampled_from(list("ab XY\"\\<>&{}[]|;%#ŵŷ\n'\t\x01-=")),
                max_size=30)


@st.composite
def pathways(draw):
    """A random pathway text: any levels, stages and routes (checked or not)."""
    levels = draw(st.integers(1, 4))
    count = draw(st.integers(1, 7))
    stage_levels = [draw(st.integers(0, levels - 1)) for _ in range(count)]
    s = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'  # noqa: E731
    lines = [f"pathway gen {s(draw(WORDS))} {{", "  levels {"]
    lines += [f"    l{i} {s(draw(WORDS))} domain prevention" for i in range(levels)]
    lines += ["  }", '  role r "Worker"']
    for e in range(draw(st.integers(1, 3))):
        lines.append(f"  entry e{e} {s(draw(WORDS))} -> s{draw(st.integers(0, count - 1))}")
    for k in range(count):
        lines += [f"  stage s{k} {s(draw(WORDS))} {{", f"    level l{stage_levels[k]}", "    lead r"]
        for _ in range(draw(st.integers(0, 3))):
            target = draw(st.integers(0, count))
            name = f"s{target}" if target < count else "done"
            there = stage_levels[target] if target < count else 0
            kind = ("step up" if there > stage_levels[k] else
                    "step down" if there < stage_levels[k] else "exit")
            when = f" when {s(draw(WORDS))}" if draw(st.booleans()) else ""
            lines.append(f"    {kind} to {name}{when}")
        lines.append("  }")
    lines += ['  outcome done "Done" { level l0 }', "}"]
    return "\n".join(lines) + "\n"


@needs_dot
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_any_pathway_map_is_well_formed_and_complete(text):
    program = program_from_text(text)
    ctx = BuildContext(program=program)
    svg = process_map.map_svg(ctx)
    assert svg is not None, ctx.notices
    found = groups(svg)
    graph = ctx.graph()
    for stage in program.root.stages:
        box = bbox(found[f"stage-{stage.id.value}"])
        assert inside(box, bbox(found[f"band-{stage.level.value}"])), stage.id.value
    for index in range(graph.number_of_edges()):
        assert f"route-{index}" in found


@needs_dot
@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_algorithm_trees_read_in_words_on_a4(path):
    """Answers as words, not identifiers; a space after "Do:" and "Go to:"; every tree at
    9 pt or more printed on A4 (the better way round, scaled to fit inside 8 mm margins)."""
    from pathwaylang.emit.algorithm_dot import algorithm_dot, algorithm_titles, answer_words
    from pathwaylang.emit.map_quality import measure_source

    ctx = context(path, render=False)
    titles = algorithm_titles(ctx.program)
    for algorithm in process_map.algorithms(ctx.program):
        source = algorithm_dot(algorithm, titles)
        svg = graphviz_render.run("dot", "svg", source).decode("utf-8")
        drawn = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
        for question in algorithm.questions:
            for answer in question.answers:
                words = answer_words(answer.answer.value)
                assert "_" not in words and words in drawn, (algorithm.id.value, words)
        for mark, after in zip(drawn, drawn[1:]):
            if mark in ("Do:", "Go to:"):
                assert after.startswith("\u00a0"), (mark, after)
        found = measure_source(source, "dot", None)
        fits = max(min(1, 798 / found.width, 551 / found.height),
                   min(1, 551 / found.width, 798 / found.height))
        assert found.smallest_text * fits >= 9, (algorithm.id.value, found.width, found.height)


def test_answer_words():
    from pathwaylang.emit.algorithm_dot import answer_words

    assert answer_words("baby_or_under_five") == "Baby or under five"
    assert answer_words("yes") == "Yes" and answer_words("no_clear_lead") == "No clear lead"


def test_map_page_cards_name_ways_in_by_their_description():
    """A stage card lists a way in as "Way in: <description>", and other routes as
    "<kind> [n] from <stage>" (a way in has no stage to come from)."""
    from pathwaylang.emit.map_html import map_html
    from pathwaylang.emit.map_view import build_map_view

    ctx = context(REPO / "examples" / "dylanshire.pwy", render=False)
    page = map_html(ctx.program, build_map_view(ctx.program, ctx.graph(), "level"), "<svg/>")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    entry = ctx.pathway.entries[0]
    assert f"Way in: {' '.join(entry.description.value.split())}" in text
    assert "Way in from" not in text and re.search(r"(Exit|Step (up|down)) \[\d+\] from ", text)
