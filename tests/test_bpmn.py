"""`pwy export --to bpmn` (interchange/bpmn*.py): valid against the OMG BPMN 2.0 schema, clean
under bpmnlint's recommended rules, every stage, route and lane in place, shapes that never
overlap, hostile text kept as text, and the same bytes every time (a golden file).

The XSDs come from the SpiffWorkflow package (a dev dependency, which ships the OMG files);
bpmnlint from npm (package.json). `PWY_UPDATE_GOLDEN=1` rewrites the golden file.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, check_path, run_pwy
from golden_files import assert_golden
from hostile import NASTY, write_hostile
from pathwaylang.analysis.graph import build_graph
from pathwaylang.interchange.bpmn import NAMESPACES, bpmn_xml
from pathwaylang.interchange.bpmn_layout import Bounds

EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
GOLDEN = REPO / "tests" / "golden" / "kentigernshire" / "export.bpmn"
BPMNLINT = REPO / "node_modules" / ".bin" / "bpmnlint"
NS = {**NAMESPACES}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def _program(path: Path):
    report = check_path(path)
    assert not report.has_errors, [str(d) for d in report.diagnostics]
    return report.program


@functools.lru_cache(maxsize=None)
def export(path: Path, lanes: str = "level") -> str:
    """The export of a file (kept: laying out a map runs `dot` up to ORDER_TRIES times)."""
    program = _program(path)
    return bpmn_xml(program, build_graph(program), lanes)


@pytest.fixture(scope="module")
def schema():
    folder = resources.files("SpiffWorkflow") / "bpmn" / "parser" / "schema"
    with resources.as_file(folder / "BPMN20.xsd") as xsd:
        return etree.XMLSchema(etree.parse(str(xsd)))


def need_bpmnlint() -> None:
    if not BPMNLINT.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/.bin/bpmnlint is missing: run scripts/setup.sh")
        pytest.skip("bpmnlint is missing (scripts/setup.sh runs npm install)")


def lint(tmp_path: Path, xml: str) -> subprocess.CompletedProcess:
    need_bpmnlint()
    (tmp_path / ".bpmnlintrc").write_text('{"extends": "bpmnlint:recommended"}\n')
    (tmp_path / "pathway.bpmn").write_text(xml, encoding="utf-8")
    return subprocess.run([str(BPMNLINT), "pathway.bpmn"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)


def _bounds(shape) -> Bounds:
    b = shape.find("dc:Bounds", NS)
    return Bounds(*(int(b.get(k)) for k in ("x", "y", "width", "height")))


CASES = [(p, lanes) for p in [FIXTURE, *EXAMPLES] for lanes in ("level", "agency")]
CASE_IDS = [f"{p.stem}-{lanes}" for p, lanes in CASES]


# ---- the standard's own checks ----------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("path,lanes", CASES, ids=CASE_IDS)
def test_valid_against_the_bpmn_schema(schema, path, lanes):
    document = etree.fromstring(export(path, lanes).encode("utf-8"))
    assert schema.validate(document), schema.error_log


def test_the_schema_refuses_a_broken_file(schema):
    """The schema check can fail: a task with an attribute BPMN has no place for."""
    broken = (f'<bpmn:definitions xmlns:bpmn="{NS["bpmn"]}" targetNamespace="x">'
              '<bpmn:process id="p"><bpmn:task id="t" colour="red"/></bpmn:process>'
              "</bpmn:definitions>")
    assert not schema.validate(etree.fromstring(broken))


@needs_dot
@pytest.mark.parametrize("path,lanes", CASES, ids=CASE_IDS)
def test_no_bpmnlint_errors(tmp_path, path, lanes):
    result = lint(tmp_path, export(path, lanes))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 errors" in result.stdout or result.stdout.strip() == "", result.stdout


@needs_dot
def test_bpmnlint_finds_errors_when_there_are_some(tmp_path):
    """The lint harness can fail: the same file without its diagram breaks `no-bpmndi`."""
    xml = export(EXAMPLES[0])
    without_diagram = xml[:xml.index("  <bpmndi:BPMNDiagram")] + "</bpmn:definitions>\n"
    result = lint(tmp_path, without_diagram)
    assert result.returncode != 0 and "no-bpmndi" in result.stdout


# ---- what the file holds ----------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_stage_entry_outcome_and_route(path):
    program = _program(path)
    graph = build_graph(program)
    root = etree.fromstring(bpmn_xml(program, graph).encode("utf-8"))
    process = root.find("bpmn:process", NS)
    pathway = program.root
    tasks = {t.get("id"): t for t in process.findall("bpmn:task", NS)}
    assert set(tasks) == {f"Task_{s.id.value}" for s in pathway.stages}
    starts = process.findall("bpmn:startEvent", NS)
    assert {e.get("id") for e in starts} == {f"Start_{e.id.value}" for e in pathway.entries}
    assert all(e.find("bpmn:messageEventDefinition", NS) is not None for e in starts)
    ends = {e.get("id") for e in process.findall("bpmn:endEvent", NS)}
    assert {f"End_{o.id.value}" for o in pathway.outcomes} <= ends
    calls = process.findall("bpmn:callActivity", NS)
    assert {c.get("id") for c in calls} == {f"Call_{s.id.value}" for s in pathway.subpathways}
    gateways = {g.get("id") for g in process.findall("bpmn:exclusiveGateway", NS)}
    forking = {n for n in graph if graph.out_degree(n) > 1 and graph.nodes[n]["kind"] == "stage"}
    assert gateways == {f"Gateway_{n}" for n in forking}
    flows = process.findall("bpmn:sequenceFlow", NS)
    names = [f.get("name") or "" for f in flows]
    conditions = [f.findtext("bpmn:conditionExpression", "", NS) for f in flows]
    for stage in pathway.stages:
        task = tasks[f"Task_{stage.id.value}"]
        assert task.get("name") == stage.title.value
        documentation = task.findtext("bpmn:documentation", "", NS)
        if stage.timescale:
            assert f"Timescale: {stage.timescale}" in documentation
        assert documentation.startswith("Lead: ")
        for transition in stage.transitions:
            criterion = transition.when.value
            assert any(name.endswith(criterion) for name in names), criterion
            assert criterion in conditions
    # every route is a flow: entries, routes (through gateways) and rejoins
    routes = graph.number_of_edges()
    assert len(flows) == routes + len(forking) + sum(
        1 for n in graph if graph.out_degree(n) == 0 and graph.nodes[n]["kind"] in
        ("stage", "subpathway"))


@needs_dot
def test_lead_names_and_timescale_in_documentation():
    xml = export(REPO / "examples" / "kentigernshire.pwy")
    root = etree.fromstring(xml.encode("utf-8"))
    task = root.find(".//bpmn:task[@id='Task_early_help_conversation']", NS)
    documentation = task.findtext("bpmn:documentation", "", NS)
    assert documentation.splitlines()[:2] == [
        "Lead: The practitioner the family first asked for help (any agency)",
        "Timescale: 5 working days"]


@needs_dot
@pytest.mark.parametrize("lanes", ["level", "agency"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_lane_per_level_or_agency_holding_its_nodes(path, lanes):
    program = _program(path)
    root = etree.fromstring(bpmn_xml(program, build_graph(program), lanes).encode("utf-8"))
    lane_elements = root.findall(".//bpmn:lane", NS)
    keys = [lane.get("id").removeprefix("Lane_") for lane in lane_elements]
    if lanes == "level":
        assert sorted(keys) == sorted(lv.id.value for lv in program.levels)
    else:
        assert set(keys) <= {a.id.value for a in program.agencies} | {"_no_single_agency",
                                                                        "_family", "_other"}
    referenced = [ref.text for lane in lane_elements for ref in lane.findall("bpmn:flowNodeRef", NS)]
    nodes = [e.get("id") for e in root.find("bpmn:process", NS)
             if e.tag.split("}")[1] in ("task", "startEvent", "endEvent", "exclusiveGateway",
                                        "callActivity")]
    assert sorted(referenced) == sorted(nodes)  # every node in exactly one lane
    shapes = {s.get("bpmnElement"): _bounds(s) for s in root.iter(f"{{{NS['bpmndi']}}}BPMNShape")}
    if lanes == "level":  # stacked as on the process map: the highest need on top
        by_height = sorted(keys, key=lambda key: shapes[f"Lane_{key}"].y)
        assert by_height == [lv.id.value for lv in sorted(program.levels,
                                                           key=lambda lv: -lv.rank)]
    for lane in lane_elements:
        area = shapes[lane.get("id")]
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            inner = shapes[ref.text]
            assert area.x <= inner.x and inner.right <= area.right, ref.text
            assert area.y <= inner.y and inner.bottom <= area.bottom, ref.text


@needs_dot
@pytest.mark.parametrize("path,lanes", CASES, ids=CASE_IDS)
def test_shapes_and_labels_never_overlap(path, lanes):
    root = etree.fromstring(export(path, lanes).encode("utf-8"))
    boxes = []
    for shape in root.iter(f"{{{NS['bpmndi']}}}BPMNShape"):
        if shape.get("bpmnElement").startswith(("Lane_", "Participant_")):
            continue
        boxes.append((shape.get("bpmnElement"), _bounds(shape)))
        label = shape.find("bpmndi:BPMNLabel", NS)
        if label is not None:
            boxes.append((shape.get("bpmnElement") + " label", _bounds(label)))
    for edge in root.iter(f"{{{NS['bpmndi']}}}BPMNEdge"):
        label = edge.find("bpmndi:BPMNLabel", NS)
        if label is not None:
            boxes.append((edge.get("bpmnElement") + " label", _bounds(label)))
    clashes = [(a, b) for i, (a, x) in enumerate(boxes) for b, y in boxes[i + 1:]
               if x.overlaps(y)]
    assert clashes == []


# ---- hostile text, determinism, the command line ------------------------------------------


@needs_dot
def test_hostile_text_stays_text(schema, tmp_path):
    xml = export(write_hostile(tmp_path))
    root = etree.fromstring(xml.encode("utf-8"))  # well-formed whatever the names held
    assert schema.validate(root), schema.error_log
    assert all(e.tag.startswith("{http://www.omg.org/spec/") for e in root.iter())
    written = " ".join(" ".join(e.attrib.values()) + " " + (e.text or "") for e in root.iter())
    squashed = " ".join(written.split())
    for text in NASTY:
        clean = " ".join(text.replace("\t", " ").split())
        assert clean[:40] in squashed, text
    (tmp_path / "lint").mkdir()
    assert lint(tmp_path / "lint", xml).returncode == 0


@needs_dot
def test_byte_identical_and_golden():
    path = REPO / "examples" / "kentigernshire.pwy"
    first, second = export.__wrapped__(path), export.__wrapped__(path)  # two real runs
    assert first == second
    assert_golden(GOLDEN, first)


@needs_dot
def test_cli_writes_the_file(tmp_path):
    out = tmp_path / "map.bpmn"
    result = run_pwy("export", str(REPO / "examples" / "mabinogion.pwy"), "--to", "bpmn",
                     "-o", str(out), "--today", "2026-11-26", "--lanes", "agency")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == export(REPO / "examples" / "mabinogion.pwy",
                                                     "agency")
    assert [p.name for p in tmp_path.iterdir()] == ["map.bpmn"]  # no temporary file left


def test_cli_refuses_a_file_with_errors_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.pwy"
    bad.write_text('pathway bad "Bad" {\n  stage a "A" { exit to nowhere }\n}\n')
    out = tmp_path / "bad.bpmn"
    result = run_pwy("export", str(bad), "--to", "bpmn", "-o", str(out))
    assert result.returncode == 1
    assert "not exported" in result.stderr and not out.exists()


def test_cli_says_a_library_has_nothing_to_export(tmp_path):
    library = tmp_path / "shared.pwy"
    library.write_text('library shared "Shared" {\n  agency health "Health board"\n}\n')
    result = run_pwy("export", str(library), "--to", "bpmn", "-o", str(tmp_path / "x.bpmn"))
    assert result.returncode == 2 and "is a library" in result.stderr
    assert not (tmp_path / "x.bpmn").exists()


def test_cli_without_graphviz_says_how_to_install_it(tmp_path, monkeypatch):
    from pathwaylang.emit import graphviz_render

    monkeypatch.setattr(graphviz_render, "dot_available", lambda: False)
    out = tmp_path / "x.bpmn"
    result = run_pwy("export", str(REPO / "examples" / "dylanshire.pwy"), "--to", "bpmn",
                     "-o", str(out), "--today", "2026-11-26")
    assert result.returncode == 2 and "apt-get install graphviz" in result.stderr
    assert not out.exists()


RULE_FIXTURES = sorted((REPO / "tests" / "rules").glob("*/*.pwy"))


@needs_dot
def test_every_rule_fixture_that_builds_exports_with_no_lint_errors(tmp_path):
    """The rule fixtures hold the odd shapes (dead ends, loops, outcomes with no level,
    subpathways that lead nowhere): each one that checks without errors exports, and
    bpmnlint finds no error in any of them (one run over all the files)."""
    need_bpmnlint()
    written = 0
    for path in RULE_FIXTURES:
        report = check_path(path)
        if report.has_errors or report.program is None or report.program.root.kind != "pathway":
            continue
        program = report.program
        name = f"{path.parent.name}--{path.stem}.bpmn"
        (tmp_path / name).write_text(bpmn_xml(program, build_graph(program)), encoding="utf-8")
        written += 1
    assert written > 40
    (tmp_path / ".bpmnlintrc").write_text('{"extends": "bpmnlint:recommended"}\n')
    result = subprocess.run([str(BPMNLINT), "*.bpmn"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0 and " error " not in result.stdout, result.stdout
