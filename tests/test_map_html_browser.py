"""`process-map.html` in Debian's Chromium (tests/browser.py), at a phone's width (390 px) and
a desktop's (1200 px): offline, pans and zooms, every stage opens its card by mouse and by
keyboard, routes say their criterion, and the page fits the screen's width."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from pathwaylang.emit import process_map
from test_process_map import artefacts, context

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
pytestmark = needs_dot

EXAMPLE = REPO / "examples" / "dylanshire.pwy"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    ctx = context(EXAMPLE)
    made = artefacts(ctx)
    path = tmp_path_factory.mktemp("map") / "process-map.html"
    path.write_bytes(made["process-map.html"])
    return path, ctx


def opened(browser_page, path, width: int):
    requests = []
    browser_page.on("request", lambda r: requests.append(r.url))
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(path.as_uri())
    assert [url for url in requests if not url.startswith("file:")] == []  # nothing fetched
    return browser_page


@pytest.mark.parametrize("width", [390, 1200])
def test_map_page_works_at_phone_and_desktop_width(browser_page, page_file, width):
    path, ctx = page_file
    page = opened(browser_page, path, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    stages = ctx.pathway.stages
    # every stage on the map is a button that opens its card
    for stage in (stages[0], stages[-1]):
        node = page.locator(f"#pwy-map-stage-{stage.id.value}")
        assert node.get_attribute("role") == "button"
        node.dispatch_event("click")
        card = page.locator(f"#card-{stage.id.value}")
        assert card.is_visible()
        text = card.inner_text()
        assert " ".join(stage.title.value.split()) in " ".join(text.split())
        for field in ("Level", "Lead", "Timescale", "Criteria in", "Criteria out", "Actions"):
            assert field in text
        if stage.actions:
            assert " ".join(stage.actions[0].text.value.split())[:30] in " ".join(text.split())
        others = [c for c in page.locator("#cards .card").all() if c.is_visible()]
        assert len(others) == 1
    # zoom changes what the map shows, and "Whole map" brings it back
    before = page.locator("#map svg").get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = page.locator("#map svg").get_attribute("viewBox")
    assert zoomed != before and float(zoomed.split()[2]) < float(before.split()[2])
    page.get_by_role("button", name="Whole map").click()
    back = page.locator("#map svg").get_attribute("viewBox")
    assert [round(float(v)) for v in back.split()] == [round(float(v)) for v in before.split()]


def test_map_page_by_keyboard(browser_page, page_file):
    path, ctx = page_file
    page = opened(browser_page, path, 1200)
    page.locator("#map").focus()
    before = page.locator("#map svg").get_attribute("viewBox")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("+")
    assert page.locator("#map svg").get_attribute("viewBox") != before
    stage = ctx.pathway.stages[3]
    page.locator(f"#pwy-map-stage-{stage.id.value}").focus()
    page.keyboard.press("Enter")
    assert page.locator(f"#card-{stage.id.value}").is_visible()
    # the list of stages opens the same cards and moves focus to the card's heading
    other = ctx.pathway.stages[5]
    page.get_by_role("button", name=" ".join(other.title.value.split()), exact=True).click()
    assert page.evaluate("document.activeElement.id") == f"card-title-{other.id.value}"


def test_routes_say_their_criterion(browser_page, page_file):
    path, ctx = page_file
    page = opened(browser_page, path, 1200)
    view = process_map.map_view(ctx)
    index, edge = next((i, e) for i, e in enumerate(view.edges) if e.when)
    page.locator(f"#pwy-map-route-{index}").dispatch_event("click")
    said = " ".join(page.locator("#route").inner_text().split())
    assert " ".join(edge.when.split()) in said
