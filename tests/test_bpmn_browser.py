"""`pwy export --to bpmn` opens in bpmn-js (the bpmn.io viewer, the engine of Camunda Modeler)
in Debian's Chromium with no import warnings, every element drawn, and no two shapes or
labels overlapping as bpmn-js places them.

bpmn-js comes from npm (package.json) and is loaded from node_modules; without it the tests
are skipped on a developer's machine but fail under CI (`CI=true`).
"""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import REPO
from hostile import write_hostile
from test_bpmn import CASE_IDS, CASES, export

DIST = REPO / "node_modules" / "bpmn-js" / "dist"
VIEWER = DIST / "bpmn-viewer.production.min.js"

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

OPEN = """
async (xml) => {
  const container = document.getElementById("canvas");
  container.innerHTML = "";
  const viewer = new BpmnJS({container});
  let result;
  try {
    result = await viewer.importXML(xml);
  } catch (error) {
    return {error: String((error && error.message) || error), warnings: []};
  }
  const registry = viewer.get("elementRegistry");
  const boxes = [];
  const types = {};
  for (const element of registry.getAll()) {
    types[element.type] = (types[element.type] || 0) + 1;
    if (element.waypoints || ["bpmn:Process", "bpmn:Collaboration", "bpmn:Participant",
                              "bpmn:Lane"].includes(element.type)) continue;
    boxes.push({id: element.id, x: element.x, y: element.y, w: element.width, h: element.height});
  }
  const drawn = container.querySelectorAll(".djs-element").length;
  return {error: null, warnings: result.warnings.map((w) => w.message), types, boxes, drawn,
          scripts: container.querySelectorAll("script, iframe, img, foreignObject").length};
}
"""


@pytest.fixture(scope="module")
def bpmn_page(browser):
    if not VIEWER.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/bpmn-js is missing: run scripts/setup.sh (npm install)")
        pytest.skip("node_modules/bpmn-js is missing (scripts/setup.sh runs npm install)")
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><body style='margin:0'>"
                         "<div id='canvas' style='width:1400px;height:900px'></div></body></html>")
        for css in ("diagram-js.css", "bpmn-js.css"):
            page.add_style_tag(path=str(DIST / "assets" / css))
        page.add_script_tag(path=str(VIEWER))
        yield page
    finally:
        page.close()


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    def hit(a, b):
        return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])

    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if hit(a, b)]


def test_a_broken_file_is_caught(bpmn_page):
    """The harness can fail: a flow to an element that does not exist gives a warning."""
    xml = export(CASES[0][0])
    broken = xml.replace('targetRef="Task_', 'targetRef="Nothing_', 1)
    result = bpmn_page.evaluate(OPEN, broken)
    assert result["error"] or result["warnings"]


@pytest.mark.parametrize("path,lanes", CASES, ids=CASE_IDS)
def test_opens_without_warnings_and_nothing_overlaps(bpmn_page, path, lanes):
    xml = export(path, lanes)
    result = bpmn_page.evaluate(OPEN, xml)
    assert result["error"] is None, result["error"]
    assert result["warnings"] == []
    assert result["types"]["bpmn:Participant"] == 1
    assert result["types"]["bpmn:Task"] == xml.count("<bpmn:task ")
    assert result["types"]["bpmn:SequenceFlow"] == xml.count("<bpmn:sequenceFlow ")
    assert result["types"]["bpmn:Lane"] == xml.count("<bpmn:lane ")
    assert _overlaps(result["boxes"]) == []


def test_hostile_text_opens_as_text(bpmn_page, tmp_path):
    result = bpmn_page.evaluate(OPEN, export(write_hostile(tmp_path)))
    assert result["error"] is None and result["warnings"] == []
    assert result["scripts"] == 0
    assert _overlaps(result["boxes"]) == []
