"""`process-map.mmd` parses and renders with the real Mermaid library, in Debian's Chromium.

Mermaid comes from the `mermaid` npm package pinned in package.json (`scripts/setup.sh` runs
`npm install`). Without node_modules the tests are skipped on a developer's machine but fail
under CI (`CI=true`), like the other browser tests (tests/browser.py).
"""

from __future__ import annotations

import os
import re

import pytest

from conftest import REPO, check_path
from hostile import NASTY, write_hostile
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import process_map
from pathwaylang.emit.mermaid import map_mermaid

MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))

RENDER = """
async (text) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  try {
    await mermaid.parse(text);
  } catch (error) {
    return {error: "parse: " + String((error && error.message) || error)};
  }
  let drawn;
  try {
    window.pwyCount = (window.pwyCount || 0) + 1;
    drawn = await mermaid.render("pwymap" + window.pwyCount, text);
  } catch (error) {
    return {error: "render: " + String((error && error.message) || error)};
  }
  const out = document.getElementById("out");
  out.innerHTML = drawn.svg;
  const svg = out.querySelector("svg");
  return {
    error: null,
    text: svg.textContent,
    labels: Array.from(svg.querySelectorAll(".edgeLabel")).map((l) => l.textContent)
      .filter((t) => t.trim()),
    nodes: svg.querySelectorAll("g.node").length,
    edges: svg.querySelectorAll("path.flowchart-link").length,
    clusters: svg.querySelectorAll("g.cluster").length,
    scripts: out.querySelectorAll("script, iframe, img, a").length,
    clickable: svg.querySelectorAll(".clickable").length,
    markdown: svg.querySelectorAll("em, strong, code, .katex, math, h1, h2, ul, ol").length,
    styles: Array.from(svg.querySelectorAll("style")).map((s) => s.textContent).join("\\n"),
  };
}
"""


@pytest.fixture(scope="module")
def mermaid_page(browser):
    """One page with Mermaid loaded, shared by this module's tests (loading it is slow)."""
    if not MERMAID_JS.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/mermaid is missing: run scripts/setup.sh (npm install)")
        pytest.skip("node_modules/mermaid is missing (scripts/setup.sh runs npm install)")
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        yield page
    finally:
        page.close()


def render(page, text: str) -> dict:
    return page.evaluate(RENDER, text)


def squash(text: str) -> str:
    return "".join(text.split())


def _ctx(path) -> BuildContext:
    report = check_path(path)
    assert not report.has_errors
    return BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))


def test_a_parse_error_is_caught(mermaid_page):
    """The harness really fails on bad Mermaid (so a pass below means something)."""
    result = render(mermaid_page, 'flowchart BT\n  a["x"]] --> b\n')
    assert result["error"] and result["error"].startswith("parse")


@pytest.mark.parametrize("path", [FIXTURE, *EXAMPLES], ids=lambda p: p.stem)
def test_map_renders_with_every_box_and_route(mermaid_page, path):
    ctx = _ctx(path)
    view = process_map.map_view(ctx)
    result = render(mermaid_page, map_mermaid(view))
    assert result["error"] is None, result["error"]
    assert result["nodes"] == len(view.nodes)
    assert result["edges"] == len(view.edges)
    assert result["clusters"] == len(view.bands)
    shown = squash(result["text"])
    for node in view.nodes:
        assert squash(node.title) in shown, node.id
    # every route's label as written (▲ and ▼ too): a mangled entity code fails here
    wanted = {squash(edge_text(edge)) for edge in view.edges if edge_text(edge)}
    assert {squash(label) for label in result["labels"]} == wanted
    assert "#9650" not in result["text"] and "#9660" not in result["text"]


def edge_text(edge) -> str:
    marks = {"step up": "\u25b2 Step up: ", "step down": "\u25bc Step down: ",
             "refer": "Refer: ", "rejoin": "Rejoins"}
    return (marks.get(edge.kind, "") + (edge.when or "")).rstrip(": ")


def test_a_garbled_label_is_caught(mermaid_page):
    """An entity code Mermaid 11.12 mangles shows as something other than the mark, so
    the label comparison above would fail on it."""
    result = render(mermaid_page, 'flowchart BT\n  a["x"] -->|"#9650; up"| b["y"]\n')
    assert result["error"] is None
    assert [squash(label) for label in result["labels"]] != ["\u25b2up"]


def test_hostile_text_renders_as_text(mermaid_page, tmp_path):
    ctx = _ctx(write_hostile(tmp_path))
    view = process_map.map_view(ctx)
    result = render(mermaid_page, map_mermaid(view))
    assert result["error"] is None, result["error"]
    assert result["nodes"] == len(view.nodes) and result["edges"] == len(view.edges)
    assert result["scripts"] == 0 and result["clickable"] == 0
    assert result["markdown"] == 0  # `_underscores_`, `*stars*`, backticks, `$$` stayed text
    assert "#cde498" not in result["styles"].lower()  # the `forest` theme never took effect
    shown = squash(result["text"])
    for node in view.nodes:
        assert squash(node.title) in shown, node.title
    for text in NASTY:
        if "\n" not in text:
            assert squash(text) in shown or squash(text)[:20] in shown, text
    assert re.search("Dŵr ŷd", result["text"])
