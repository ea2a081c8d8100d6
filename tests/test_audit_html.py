"""`pwy audit --format html`: small counts never shown as numbers, self-contained and the same
bytes every time, the routes drawn as thick as their families, and the page in real
Chromium at 1200 px and printed on A4 (nothing wider than the page, the map on one page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, check_path
from golden_files import assert_golden
from pathwaylang.analysis.graph import build_graph
from pathwaylang.audit.html import render_html
from pathwaylang.audit.run import Records, run_audit
from pathwaylang.audit.simulate import Settings, simulate
from pathwaylang.audit.simulate_out import write_records
from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.audit_map import audit_map_dot

DYLANSHIRE = REPO / "examples" / "dylanshire.pwy"
FIXTURE = REPO / "tests" / "fixtures" / "audit" / "records.csv"
GOLDEN = REPO / "tests" / "golden" / "audit"


def _program():
    return check_path(DYLANSHIRE).program


def _html(records: Path, threshold: int = 5, as_of=None) -> str:
    program = _program()
    report = run_audit(program, Records(files=[(records, records.name)]), as_of)
    return render_html(report, threshold, program)


def _numbers_shown(html: str) -> list[int]:
    """Every count the page shows as a bare number: table cells, chart bars, the facts and
    the map's route labels (an SVG text that is only a number)."""
    found = re.findall(r'<td class="n">([^<]*)</td>', html)
    found += re.findall(r'class="count">([^<]*)</text>', html)
    found += re.findall(r'<span class="value">([^<]*)</span>', html)
    found += re.findall(r"<text[^>]*>([0-9][0-9,]*)</text>", html)
    return [int(text.replace(",", "")) for text in found if re.fullmatch(r"[0-9,]+", text)]


@pytest.fixture(scope="module")
def simulated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("audit") / "records.csv"
    write_records(simulate(_program(), Settings(cases=300, seed=4)), path)
    return path


def test_no_count_under_the_threshold_is_shown_as_a_number():
    import datetime as dt

    html = _html(FIXTURE, as_of=dt.date(2025, 5, 5))  # every count here is small
    numbers = _numbers_shown(html)
    assert numbers, "the test found no numbers to check"
    assert [n for n in numbers if 0 < n < 5] == [], numbers
    assert html.count("fewer than 5") > 20


def test_the_threshold_is_configurable(simulated):
    loose, strict = _html(simulated, threshold=1), _html(simulated, threshold=50)
    small = [n for n in _numbers_shown(loose) if n < 50]
    assert small, "with a threshold of 1 the small counts are shown"
    assert [n for n in _numbers_shown(strict) if 0 < n < 50] == []
    assert "fewer than 50" in strict and "fewer than 50" not in loose


def test_self_contained_and_the_same_bytes_each_time(simulated):
    first, second = _html(simulated), _html(simulated)
    assert first == second
    assert "<script" not in first and "<link" not in first
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", first)
    assert "@page" in first and "size: A4" in first


def test_hostile_text_is_escaped(tmp_path):
    records = tmp_path / "r.csv"
    records.write_text("case,date,event,node\n<script>x</script>,2025-01-06,enter,"
                       "<img src=x onerror=alert(1)>\n", encoding="utf-8")
    html = _html(records)
    assert "<img src=x" not in html and "<script>x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # in the rows left out, escaped


def test_route_widths_follow_the_families():
    program = _program()
    taken = {("family_information_service", "universal_support"): 200,
             ("family_information_service", "consent_conversation"): 20}
    dot = audit_map_dot(program, build_graph(program), taken,
                        {("universal_support", "taf_meeting"): 7}, threshold=5)
    widths = {}
    for line in dot.splitlines():
        found = re.search(r"(\w+) -> (\w+) \[.*penwidth=([0-9.]+)", line)
        if found:
            label = re.search(r"label=<(.*)>", line)
            widths[(found.group(1), found.group(2))] = (float(found.group(3)),
                                                        label.group(1) if label else "")
    wide = widths[("stage__family_information_service", "stage__universal_support")]
    narrow = widths[("stage__family_information_service", "stage__consent_conversation")]
    assert wide[0] > narrow[0] > 0.5
    assert "<B>200</B>" in wide[1] and "<B>20</B>" in narrow[1]
    unexpected = widths[("stage__universal_support", "stage__taf_meeting")]
    assert "unexpected: 7 families" in unexpected[1]
    golden = GOLDEN / "dylanshire-map.dot"
    assert_golden(golden, dot)


MEASURE = """() => {
  const page = document.documentElement.scrollWidth;
  const wide = [...document.querySelectorAll('table, figure, svg, p, h1, h2')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => e.tagName + ' ' + (e.id || e.className.baseVal || e.className || ''));
  const map = document.querySelector('#map svg');
  const box = map ? map.getBoundingClientRect() : null;
  const small = [...document.querySelectorAll('td, th, p, figcaption')]
    .filter(e => e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 9)
    .map(e => e.textContent.trim().slice(0, 40));
  return {page, wide, small, map: box ? [box.width, box.height] : null,
          routes: document.querySelectorAll('#map svg g.edge').length};
}"""


@pytest.mark.skipif(not gv.dot_available(), reason="Graphviz is not installed")
def test_in_chromium_on_screen_and_on_a4(browser_page, simulated, tmp_path):
    html = _html(simulated)
    page = browser_page
    page.set_viewport_size({"width": 1200, "height": 900})
    page.set_content(html)
    got = page.evaluate(MEASURE)
    assert got["page"] <= 1200 and got["wide"] == [] and got["small"] == [], got
    assert got["map"][0] > 900 and got["routes"] > 40, got
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 8, pages
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1047, "height": 718})  # A4 landscape at 96 dpi
    page.set_content(html)
    printed = page.evaluate(MEASURE)
    assert printed["wide"] == [], printed
    assert printed["map"][1] <= 150 / 25.4 * 96 + 1, printed  # the map fits its page
