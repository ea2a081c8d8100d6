"""The least size of a page's map at another spacing (emit/map_bounds.py): never more than
the map `dot` draws there, and the pages planned with it (and two pages at a time) are
exactly those planned by laying every spacing out, one page after another."""

from __future__ import annotations

import random
import shutil

import pytest

from pathwaylang.emit import map_layout, map_pages
from pathwaylang.emit.context import BuildContext
from pathwaylang.emit.graphviz_session import session
from pathwaylang.emit.map_bounds import Shape, least_size
from pathwaylang.emit.process_map import map_view
from test_process_map import FIXTURE, context, program_from_text

pytestmark = pytest.mark.skipif(shutil.which("dot") is None,
                                reason="Graphviz `dot` not installed")


def generated(stages: int = 12, seed: int = 7) -> str:
    """A pathway of three levels, with routes up, down and along, that takes several pages
    of A4."""
    rng = random.Random(seed)
    level = [k * 3 // stages for k in range(stages)]
    lines = ['pathway gen "Generated for the map" {', "  levels {"]
    lines += [f'    l{i} "Level {i} of need" domain prevention' for i in range(3)]
    lines += ["  }", '  role r "Worker"']
    lines += [f'  entry e{e} "Way in number {e}" -> s{rng.randrange(stages)}' for e in range(3)]
    for k in range(stages):
        lines += [f'  stage s{k} "Stage {k}: support with a title of several words" {{',
                  f"    level l{level[k]}", "    lead r"]
        for target in rng.sample(range(stages), 3):
            kind = ("step up" if level[target] > level[k] else
                    "step down" if level[target] < level[k] else "exit")
            lines.append(f'    {kind} to s{target} when "the need has changed ({k}, {target})"')
        lines.append("  }")
    lines += ['  outcome done "Done" { level l0 }', "}"]
    return "\n".join(lines) + "\n"


def views():
    yield map_view(context(FIXTURE))
    yield map_view(context(FIXTURE, lanes="agency"))
    yield map_view(BuildContext(program=program_from_text(generated())))


def tried(view, paper: str, monkeypatch) -> list[tuple]:
    """Each (page, names on top) the planning of `view`'s sheets lays out."""
    found: dict[tuple, None] = {}
    layout = map_pages.sheet_layout

    def spy(page, whole, size, line, *args, **kwargs):
        if size is not None:
            found[(page, kwargs.get("on_top", args[2] if len(args) > 2 else False))] = None
        return layout(page, whole, size, line, *args, **kwargs)

    monkeypatch.setattr(map_pages, "sheet_layout", spy)
    map_pages._cleanest.cache_clear()
    map_pages.paper_sheets(view, paper)
    monkeypatch.setattr(map_pages, "sheet_layout", layout)
    return list(found)


def test_least_size_is_never_more_than_the_drawing(monkeypatch):
    checked = 0
    with session():
        for view in views():
            for page, on_top in tried(view, "A4", monkeypatch):
                first = map_pages._shape(page, map_pages.SPACINGS[0], on_top)
                for spacing in map_pages.SPACINGS:
                    drawing = map_layout.map_part(page, spacing, on_top)
                    width, height = least_size(first, spacing)
                    assert width <= drawing.width and height <= drawing.height, (
                        spacing, on_top, (width, height), (drawing.width, drawing.height))
                    checked += 1
    assert checked > 100


def test_pages_are_those_of_laying_every_spacing_out(monkeypatch):
    """The same sheets, byte for byte, with the bounds and pages searched two at a time,
    and with neither (every spacing laid out, one page after another); and the bounds
    leave some layouts out."""
    skipped, drawn = [], []
    layout, part = map_pages.sheet_layout, map_layout.map_part

    def counted(*args, **kwargs):
        before = len(drawn)
        made = layout(*args, **kwargs)
        if len(drawn) == before:  # not laid out: its least size fits no sheet
            assert made is None
            skipped.append(args)
        return made

    def drawing(*args, **kwargs):
        drawn.append(args)
        return part(*args, **kwargs)

    with session():
        for view in views():
            monkeypatch.setattr(map_pages, "sheet_layout", counted)
            monkeypatch.setattr(map_layout, "map_part", drawing)
            map_pages._cleanest.cache_clear()
            bounded = map_pages.paper_sheets(view, "A4")
            monkeypatch.undo()
            monkeypatch.setattr(map_pages, "least_size", lambda found, spacing: (0.0, 0.0))
            monkeypatch.setattr(map_pages, "_each", lambda function, items: [
                function(item) for item in items])  # and one page after another
            map_pages._cleanest.cache_clear()
            assert map_pages.paper_sheets(view, "A4") == bounded
            monkeypatch.undo()
    assert skipped


def test_rows_further_apart_make_a_taller_map():
    found = Shape((0.2, 0.22), ((100.0, 1, 40.0), (300.0, 3, 50.0), (80.0, 1, 30.0)),
                  300.0, labelled=False, beside=170.0, above=10.0)
    width, height = least_size(found, (0.2, 0.22))
    assert width == pytest.approx(300 - 3 + 2 * 13 + 170 - 1)
    assert height == pytest.approx(300 + 10 - 1)
    # 0.3 in apart is 22 points, 6 more than 16: two gaps between three rows
    assert least_size(found, (0.2, 0.3))[1] == pytest.approx(300 + 2 * 6 + 9)
    # rows closer together: only the boxes and the least gap between rows are sure
    assert least_size(found, (0.2, 0.15))[1] == pytest.approx(117 + 2 * 11 + 9)
    labelled = Shape(found.spacing, found.rows, found.height, True, found.beside, found.above)
    assert least_size(labelled, (0.2, 0.15))[1] == pytest.approx(309)  # 8 points either way
    assert least_size(labelled, (0.6, 0.25))[0] == pytest.approx(300 - 3 + 2 * 4 + 169)
