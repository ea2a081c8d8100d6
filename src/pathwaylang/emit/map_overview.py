"""Page 1 of a process map on several pages: each level of need as a box listing its
stages and outcomes with the page that shows each, and between each two levels how many
routes step up and down (as words: no arrows to cross or to pile up)."""

from __future__ import annotations

from pathwaylang.emit.dot import EDGE_STYLES, FONT, band_colour, html_lines, html_text, \
    marker_text, quoted
from pathwaylang.emit.map_sheet import arrange, key_part, laid_part, sheet_source, title_part
from pathwaylang.emit.map_view import Band, MapView, wrap

def overview_sheet(view: MapView, page_of: dict[str, int], size: tuple[float, float],
                   total: int) -> str:
    """Page 1 of a map on several pages: each level as a box listing its stages and
    outcomes with their pages, and the routes between levels counted; in as many columns
    as the sheet has room for."""
    title_line = (f"Page 1 of {total}: overview. Pages 2 to {total} show each level with "
                  "its routes and numbered criteria.")
    title = title_part(view, title_line)
    narrow = title_part(view, title_line, narrow=True)
    layout = None
    for font in (12, 10):  # the stages' names smaller only when they do not fit
        for panel in ([key_part()], []):  # with the key if there is room for it anywhere
            for columns in (6, 5, 4, 3, 2, 8, 7):
                for sheet, heading in ((size, title), (size[::-1], narrow)):
                    if layout is None:
                        drawing = laid_part(_overview_dot(view, page_of, columns, font))
                        layout = arrange(heading, drawing, panel, sheet)
    if layout is not None:
        return sheet_source(layout.placed, layout.width, layout.height, "process_map_1")
    layout = arrange(title, drawing, [], None)
    return sheet_source(layout.placed, max(layout.width, size[0]), max(layout.height, size[1]),
                        "process_map_1")


def _overview_dot(view: MapView, page_of: dict[str, int], columns: int, font: int = 12) -> str:
    lines = ["digraph overview {",
             f"  graph [rankdir=BT, pad=0, nodesep=0.3, ranksep=0.04, fontname={quoted(FONT)}];",
             f"  node [fontname={quoted(FONT)}, fontsize={font}, shape=plaintext, margin=0];",
             f"  edge [fontname={quoted(FONT)}, fontsize=11, arrowsize=0.9];"]
    names = []
    for index, band in enumerate(view.bands):
        name = f"overview__{band.key}"
        names.append(name)
        lines.append(f'  {name} [id="overview-{band.key}", '
                     f"label={_band_table(view, band, index, page_of, columns)}];")
    lines += _level_routes(view)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _band_table(view: MapView, band: Band, index: int, page_of: dict[str, int],
                most: int) -> str:
    items = [n for n in view.band_nodes(band.key) if n.kind != "entry"]
    cells = [f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="#ffffff">'
             f"{'<B>' if n.kind == 'stage' else '<I>'}{html_lines(wrap(n.title, 22))}"
             f"{'</B>' if n.kind == 'stage' else '</I>'}"
             f'<BR/><FONT POINT-SIZE="10">page {page_of.get(n.id, "-")}</FONT></TD>'
             for n in items]
    columns = max(1, min(most, len(cells)))
    rows = ["<TR>" + "".join(cells[i:i + columns]) + "</TR>"
            for i in range(0, len(cells), columns)]
    heading = (f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT"><FONT POINT-SIZE="14"><B>'
               f"{html_text(band.label)}</B></FONT> \u2014 <I>{html_text(band.caption)}</I>"
               f"</TD></TR>")
    return (f'<<TABLE BORDER="1" COLOR="#b8b8b8" CELLBORDER="1" CELLSPACING="3" '
            f'CELLPADDING="3" BGCOLOR="{band_colour(index)}">{heading}{"".join(rows)}</TABLE>>')


def _level_routes(view: MapView) -> list[str]:
    """Between each two levels, how many routes step up and how many step down across
    that boundary, as words (no arrows to cross or to pile up)."""
    order = {b.key: i for i, b in enumerate(view.bands)}
    lines = []
    for boundary in range(len(view.bands) - 1):
        counts = {"step up": 0, "step down": 0}
        for edge in view.edges:
            low = order.get(view.node(edge.source).band)
            high = order.get(view.node(edge.target).band)
            if edge.kind in counts and None not in (low, high) \
                    and min(low, high) <= boundary < max(low, high):
                counts[edge.kind] += 1
        said = "   ".join(
            f'<FONT COLOR="{EDGE_STYLES[kind].color}"><B>{html_text(marker_text(kind))} '
            f"{count} route{'' if count == 1 else 's'} {kind}</B></FONT>"
            for kind, count in counts.items())
        name = f"overview__boundary_{boundary}"
        lines.append(f'  {name} [fontsize=11, id="overview-boundary-{boundary}", label=<{said}>];')
        lines.append(f"  overview__{view.bands[boundary].key} -> {name} -> "
                     f"overview__{view.bands[boundary + 1].key} [style=invis];")
    return lines
