"""The step-by-step booklet (booklet.*, emit/leaflet.py): no step split across printed pages,
the overview that branches as the graph does, and a distinct picture for each meaning."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from pathwaylang.emit import leaflet
from pathwaylang.icons import ICON_NAMES, icon_svg
from test_leaflet import EXAMPLES, build_ctx


def pages_of_steps(html: str) -> tuple[dict[str, set[int]], dict[str, float], float]:
    """(the printed pages on which each step's article lies, each step's height, the height
    of a page's printable area), from WeasyPrint's layout."""
    import weasyprint

    document = weasyprint.HTML(string=html).render()
    found: dict[str, set[int]] = {}
    heights: dict[str, float] = {}

    def walk(box, page):
        element = getattr(box, "element", None)
        if element is not None and element.tag == "article" and box.element_tag == "article":
            found.setdefault(element.get("id"), set()).add(page)
            heights[element.get("id")] = heights.get(element.get("id"), 0) + box.border_height()
        for child in getattr(box, "children", []):
            walk(child, page)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, number)
    return found, heights, document.pages[0]._page_box.height


@pytest.mark.parametrize("name, stem", [("dylanshire", "booklet.cy"), ("kentigernshire", "booklet.en"),
                                        ("mabinogion", "booklet")])
def test_no_step_is_split_across_pages(name, stem):
    ctx = build_ctx(EXAMPLES[name])
    html = next(text for s, text, _ in leaflet.documents(ctx) if s == stem)
    pages, heights, page_height = pages_of_steps(html)
    assert len(pages) >= 15
    # Only a step longer than a whole page may run on to the next one.
    split = {step: sorted(on) for step, on in pages.items()
             if len(on) > 1 and heights[step] < page_height}
    assert not split, split
    assert sum(len(on) > 1 for on in pages.values()) <= 1


class _Stops(HTMLParser):
    """The overview's stops: number, and the lines saying where each leads."""

    def __init__(self):
        super().__init__()
        self.stops: list[dict] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "li" and cls.startswith("stop"):
            self.stops.append({"number": None, "next": "", "harder": "", "easier": ""})
        elif self.stops and tag == "span" and cls == "num" and self.stops[-1]["number"] is None:
            self._in = "number"
        elif self.stops and tag == "p" and cls.startswith("leads"):
            self._in = cls.split()[1]

    def handle_endtag(self, tag):
        if tag in ("p", "span") and self._in == "number" or tag == "p":
            self._in = None

    def handle_data(self, data):
        if self._in == "number":
            self.stops[-1]["number"] = int(data)
        elif self._in:
            self.stops[-1][self._in] += data


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text.split(":")[-1])] if text else []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_overview_branches_where_the_graph_branches(name):
    ctx = build_ctx(EXAMPLES[name])
    view = leaflet.leaflet_view(ctx, ["en"])
    html = next(text for s, text, _ in leaflet.documents(ctx) if s == "booklet.en")
    parser = _Stops()
    parser.feed(html)
    stops = {stop["number"]: stop for stop in parser.stops}
    assert set(stops) == {step.number for step in view.all_steps}
    graph = ctx.graph()
    for step in view.steps:
        words = step.words["en"]
        for branch in ("next", "harder", "easier"):
            assert _numbers(stops[step.number][branch]) == [l.number for l in getattr(words, branch)]
        # Every move out of the step in the graph is shown (to a step of the booklet).
        shown = {l.number for b in ("next", "harder", "easier") for l in getattr(words, b)}
        numbers = {s.id: s.number for s in view.all_steps}
        if step.kind == "stage":
            assert shown == {numbers[t] for t in graph.successors(step.id) if t in numbers}
    # A branching step shows more than one way on: no single chain through every step.
    assert any(len(_numbers(s["next"]) + _numbers(s["harder"]) + _numbers(s["easier"])) > 1
               for s in stops.values())


def test_the_arrow_chain_in_reading_order_is_gone():
    ctx = build_ctx(EXAMPLES["dylanshire"])
    html = leaflet.documents(ctx)[0][1]
    assert ".stop::after" not in html


def _drawing(name: str) -> str:
    return re.sub(r"<title>.*?</title>", "", icon_svg(name))


def test_every_icon_name_is_a_different_picture():
    drawings = {}
    for name in ICON_NAMES:
        assert _drawing(name) not in drawings, (name, drawings.get(_drawing(name)))
        drawings[_drawing(name)] = name


@pytest.mark.parametrize("name, different", [
    ("dylanshire", [("moved_away", "looked_after"), ("needs_met", "adult_services"),
                    ("universal_support", "family_plan"),
                    ("family_plan", "strengthening_families_group")]),
    ("kentigernshire", [("moved_away", "looked_after"), ("housing_support", "moved_away")]),
    ("mabinogion", [("moved_away", "looked_after"), ("universal_services", "universal_plus_support")]),
])
def test_examples_give_different_meanings_different_pictures(name, different):
    view = leaflet.leaflet_view(build_ctx(EXAMPLES[name]), ["en"])
    icons = {step.id: step.icon for step in view.all_steps}
    for one, other in different:
        assert icons[one] != icons[other], (one, other, icons[one])
    assert icons["moved_away"] == "moving_home"
