"""`pwy serve`: the live preview in real Chromium. Edit the file (or its library), see the
page change in place; errors keep the last good render under a banner; clicking a stage
shows its card and its line."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from lsp_client import make_workspace
from serve_process import LEAFLET_TEXT, Served, first_update_after, leaflet_has, wait_until, write

REPO = Path(__file__).resolve().parents[1]


def test_a_save_of_a_library_or_subpathway_file_is_watched(monkeypatch):
    from pathwaylang.lsp.analysis import Settings
    from pathwaylang.preview.render import Renderer

    monkeypatch.chdir(REPO / "examples")
    done = Renderer(Path("kentigernshire.pwy"), Settings()).render()
    names = {p.name for p in done.watched}
    assert {"kentigernshire.pwy", "families-first-common.pwy",
            "kentigernshire-housing-support.pwy"} <= names
    assert done.state["ok"] and [l["name"] for l in done.state["leaflets"]] == [
        "leaflet.cy", "leaflet.en", "leaflet"]
    library = Renderer(Path("common/families-first-common.pwy"), Settings()).render()
    assert "library" in library.state["note"] and library.context is None


@pytest.fixture
def served(tmp_path):
    main, _ = make_workspace(tmp_path)
    with Served(tmp_path, main.name) as running:
        yield running, tmp_path


def leaflet_text(page) -> str:
    return page.evaluate(LEAFLET_TEXT)


def choose_english(page) -> None:
    page.click('#leaflet-tabs button[data-leaflet="leaflet.en"]')


def test_serves_only_on_the_local_address(served):
    running, _ = served
    assert running.url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(running.url, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_an_edit_updates_the_page_in_place(served, browser_page):
    running, folder = served
    page = browser_page
    page.goto(running.url)
    wait_until(page, "() => document.body.dataset.mapGeneration")
    assert page.locator("#pwy-map-stage-first_conversation").count() == 1
    choose_english(page)
    leaflet_has(page, "First conversation")
    page.evaluate("window.notReloaded = true")
    main = folder / "main.pwy"
    text = main.read_text()
    at = write(main, text.replace('title "First conversation"', 'title "Our first talk"'))
    leaflet_has(page, "Our first talk")
    assert first_update_after(page, "state", at * 1000) < 15000
    assert page.evaluate("window.notReloaded") is True
    # A library the file uses: the stage's card shows the role's new name.
    library = folder / "lib.pwy"
    write(library, library.read_text().replace('"Family support worker"', '"Family helper"'))
    wait_until(page, "() => Number(document.body.dataset.generation) >= 3")
    page.click("#pwy-map-stage-first_conversation")
    assert "Family helper (family_worker)" in page.inner_text("#card-facts")
    assert page.evaluate("window.notReloaded") is True


def test_errors_keep_the_last_good_render_under_a_banner(served, browser_page):
    running, folder = served
    page = browser_page
    page.goto(running.url)
    wait_until(page, "() => document.body.dataset.mapGeneration")
    choose_english(page)
    main = folder / "main.pwy"
    good = main.read_text()
    write(main, good.replace("step up to", "step upp to", 1).replace(
        'title "First conversation"', 'title "Never shown"'))
    page.wait_for_selector("#banner.shown")
    banner = page.inner_text("#banner")
    assert "errors" in banner and "syntax" in banner and "main.pwy:" in banner
    assert "First conversation" in leaflet_text(page)
    assert "Never shown" not in leaflet_text(page)
    assert page.locator("#pwy-map-stage-first_conversation").count() == 1
    write(main, good.replace('title "First conversation"', 'title "Shown now"'))
    page.wait_for_selector("#banner:not(.shown)", state="attached")
    leaflet_has(page, "Shown now")


def test_clicking_a_stage_shows_its_card_and_line(tmp_path, browser_page):
    main, _ = make_workspace(tmp_path)
    hostile = main.read_text().replace('stage family_support_plan "Family support plan"',
                                       'stage family_support_plan "Plan <b>bold</b> & more"')
    write(main, hostile)
    with Served(tmp_path, main.name) as running:
        _click_a_stage(running, hostile, browser_page)


def _click_a_stage(running, hostile: str, page) -> None:
    page.goto(running.url)
    wait_until(page, "() => document.body.dataset.mapGeneration")
    page.click("#pwy-map-stage-family_support_plan")
    facts = page.inner_text("#card-facts")
    assert "Plan <b>bold</b> & more (family_support_plan)" in facts
    assert page.locator("#card-facts b").count() == 0  # pathway text is never markup
    assert "Targeted family support (targeted)" in facts
    assert "step up from first_conversation" in facts
    assert "step down to first_conversation" in facts
    line = page.locator("#source span.here")
    number = int(line.get_attribute("data-line"))
    assert hostile.split("\n")[number - 1] == line.inner_text()
    assert line.inner_text().strip().startswith("stage family_support_plan")


def test_a_file_that_cannot_be_read_is_said_at_once(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pathwaylang", "serve", "missing.pwy"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "cannot read `missing.pwy`: there is no such file" in result.stderr
