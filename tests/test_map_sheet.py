"""The pieces of a map sheet (emit/map_sheet.py) are laid out once and remembered while a
page's layouts are tried: what is handed out cannot change what is remembered, and a
piece's box holds everything drawn in it."""

from __future__ import annotations

import re
import shutil

import pytest

from pathwaylang.emit import map_sheet
from pathwaylang.emit.map_view import criteria, wrap
from pathwaylang.emit.process_map import map_view
from test_process_map import EXAMPLES, context

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def test_remembered_criteria_and_lines_are_handed_out_afresh():
    view = map_view(context(EXAMPLES[0]))
    found = criteria(view)
    assert found
    found.clear()
    assert criteria(view)  # clearing the list handed out left the remembered one alone
    parts = map_sheet.criteria_parts(view, criteria(view))
    first = list(parts)
    parts.append(parts[0])
    assert map_sheet.criteria_parts(view, criteria(view)) == first
    lines = wrap("Words enough to need a second line here", 12)
    lines.append("changed")
    assert wrap("Words enough to need a second line here", 12)[-1] != "changed"


def test_a_laid_part_holds_every_point_of_its_routes():
    """Routes bulge past Graphviz's `bb`: the part's box reaches 2 points beyond the
    furthest point of any route, or the `bb` where that is further."""
    source = ('digraph g { a -> b; a -> c; b -> a; c -> d [label="a long label here"]; '
              'd -> a [constraint=false]; }')
    part = map_sheet.laid_part(source)
    points = [(float(x), float(y)) for spline in re.findall(r'\bpos="([^"]*\s[^"]*)"', part.body)
              for x, y in (token.removeprefix("e,").removeprefix("s,").split(",")
                           for token in spline.split())]
    assert len(points) > 10
    bb = [float(v) for v in re.search(r'bb="([^"]*)"', part.body).group(1).split(",")]
    assert part.x0 == min([bb[0]] + [x - 2 for x, _ in points])
    assert part.x1 == max([bb[2]] + [x + 2 for x, _ in points])
    assert part.y0 == min([bb[1]] + [y - 2 for _, y in points])
    assert part.y1 == max([bb[3]] + [y + 2 for _, y in points])
    assert map_sheet.laid_part(source) is part  # remembered
