"""Running Graphviz on the map and algorithm DOT: SVG, PDF and PNG, and full-width level bands.

Graphviz cannot give clusters one width, so the map is drawn in two passes: `dot` lays it
out with the band boxes off (its gate nodes still keep each band's nodes in the band's own
rows), then a full-width band, with its name in a column on the left, is put behind each
band's rows, with the title above, and `neato -n2` draws the result without moving a thing.
`process-map.dot` itself draws the bands as clusters, for anyone who runs `dot` on it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from pathwaylang.emit import graphviz_cache, graphviz_session
from pathwaylang.emit.dot import band_colour, band_name_label, dot_id, map_dot, title_label
from pathwaylang.emit.graphviz_text import in_declared_order, plain_subgraphs
from pathwaylang.emit.map_view import MapView

LABEL_COLUMN = 160.0
"""Width (points) of the column at the left of the map that names the bands."""
BAND_PAD = 10.0
RENDERERS = max(2, min(4, os.cpu_count() or 1))
"""Pictures Graphviz draws at once (each a `dot` process of its own: PDF pages, PNG, SVG),
while this process merges the pages it has."""
INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, or run "
                "scripts/setup.sh as root) to get the SVG, PDF and PNG maps")


class RenderError(Exception):
    """Graphviz ran but failed; the message is its own."""


def dot_available() -> bool:
    return shutil.which("dot") is not None


def run(engine: str, fmt: str, source: str, no_op: int | None = None) -> bytes:
    """`dot -K<engine> -T<fmt> [-n<no_op>]` on `source`; raises RenderError when Graphviz
    fails. In a build's session, layouts share a process (graphviz_session.py)."""
    shared = graphviz_session.current()
    if shared is not None and fmt in graphviz_session.FORMATS:
        return shared.layout(engine, fmt, source, no_op, _alone)
    return _alone(engine, fmt, source, no_op)


def geometry(engine: str, source: str, no_op: int | None = None, drawn: bool = False,
             any_order: bool = False) -> dict:
    """The layout as `json.loads` reads it: where each node and route is (`-Tjson0`), and
    with `drawn` how Graphviz draws them too (`-Tjson`: each text, line and arrowhead). In a
    session, decoded once (the session reads it to check the output): the dictionary may be
    shared, so read it, never change it. `any_order`: see `graphviz_session.Session.layout`."""
    fmt = "json" if drawn else "json0"
    shared = graphviz_session.current()
    if shared is not None:
        return shared.geometry(engine, fmt, source, no_op, _alone, any_order)
    return json.loads(run(engine, fmt, source, no_op))


def _alone(engine: str, fmt: str, source: str, no_op: int | None) -> bytes:
    """`source` through a `dot` process of its own (or its output kept from an earlier
    build: graphviz_cache.py); `fmt` may name several formats ("dot json"), whose outputs
    follow one another."""
    return graphviz_cache.kept(("alone", engine, fmt, no_op), source,
                               lambda: _drawn(engine, fmt, source, no_op))


def _drawn(engine: str, fmt: str, source: str, no_op: int | None) -> bytes:
    argv = ["dot", f"-K{engine}", *(f"-T{each}" for each in fmt.split())]
    argv += [f"-n{no_op:d}"] if no_op else []
    try:
        done = subprocess.run(argv, input=source.encode("utf-8"), capture_output=True)
    except OSError as err:
        raise RenderError(f"Graphviz `dot` could not run: {err.strerror}") from err
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(detail[-1] if detail else f"`dot` ended with status {done.returncode}")
    formats = fmt.split()
    if engine != "dot" or no_op or not set(formats) <= set(graphviz_session.FORMATS):
        return done.stdout
    names = plain_subgraphs(source)  # their order as a shared process gives it
    return in_declared_order(formats, done.stdout, names) if names else done.stdout


def drawable_map(view: MapView, edit=None, look=None) -> tuple[str, str, int | None]:
    """The engine, DOT text and `-n` mode that draw the whole map, with its key and
    criteria, on one sheet of its own size (the audit's map). `look` is map_dot's (the
    audit's routes, as thick as their families); `edit`, when given, changes the map's DOT
    text before the layout (the audit's map adds the unexpected moves)."""
    edit = edit or (lambda text: text)
    if not view.bands:
        return "dot", edit(map_dot(view, look=look)), None
    source = edit(map_dot(view, band_boxes=False, key=True, look=look))
    # the layout as JSON and as DOT, in the same coordinates (in a build, one process)
    backgrounds = band_backgrounds(view, geometry("dot", source))
    laid = run("dot", "dot", source).decode("utf-8")
    head, _, body = laid.partition("\n")
    return "neato", "\n".join([head, *backgrounds, body]), 2


def render(engine: str, source: str, fmt: str, no_op: int | None = None,
           produced: dt.date | None = None) -> bytes:
    output = run(engine, fmt, source, no_op)
    return fix_pdf_dates(output, produced) if fmt == "pdf" else output


def render_pages(sources: list[str], produced: dt.date | None,
                 paper: tuple[float, float] | None = None) -> bytes:
    """One PDF of the pages `neato -n2` draws from `sources`, each on a page of `paper`
    (points): a sheet of that size as it is, a larger one scaled down to fit and centred
    (the map's sheets are laid out for the paper; only a box too big for it is scaled)."""
    import io

    from pypdf import PdfReader, PdfWriter  # only for a PDF

    writer = PdfWriter()
    with ThreadPoolExecutor(RENDERERS) as pool:  # the next pages drawn while one is merged
        for pdf in pool.map(lambda source: run("neato", "pdf", source, 2), sources):
            for page in PdfReader(io.BytesIO(pdf)).pages:
                _add_page(writer, page, paper)
    stamp = "D:" + (produced or dt.date(2000, 1, 1)).strftime("%Y%m%d") + "000000Z"
    writer.add_metadata({"/Producer": "pathwaylang (Graphviz, pypdf)", "/CreationDate": stamp,
                         "/ModDate": stamp})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _add_page(writer, page, paper: tuple[float, float] | None) -> None:
    """`page` as it is (no paper) or on a sheet of `paper`, scaled down to fit if larger."""
    from pypdf import PageObject, Transformation

    if paper is None:
        writer.add_page(page)
        return
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    turned = (paper[1], paper[0]) if height > width else paper  # a portrait sheet
    scale = min(1.0, turned[0] / width, turned[1] / height)
    sheet = PageObject.create_blank_page(width=turned[0], height=turned[1])
    dx, dy = (turned[0] - width * scale) / 2, (turned[1] - height * scale) / 2
    sheet.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy))
    writer.add_page(sheet)


# ---- bands --------------------------------------------------------------------------


def _positions(geometry: dict) -> dict[str, tuple[float, float, float, float]]:
    """Node name -> (x, y, width, height) in points, from `-Tjson` output."""
    found = {}
    for obj in geometry.get("objects", []):
        if "pos" in obj and "width" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            found[obj["name"]] = (x, y, float(obj["width"]) * 72, float(obj["height"]) * 72)
    return found


def band_backgrounds(view: MapView, geometry: dict, title: bool = True) -> list[str]:
    """DOT statements for each band's full-width background and its name, pinned in place,
    and the map's title above them (unless `title` is False).

    A band runs from its gate (under its lowest row) up to the next band's gate; the top
    band ends under the map's title.
    """
    x0, _, x1, _ = (float(v) for v in geometry["bb"].split(","))
    routes = " ".join(edge.get("pos", "") for edge in geometry.get("edges", []))
    xs = [float(x) for x in  # each point `x,y`, an end `e,x,y` or a start `s,x,y`
          routes.replace("e,", "").replace("s,", "").replace(",", " ").split()[0::2]]
    if xs:  # a route can bulge past `bb`: keep it in the band
        x0, x1 = min(x0, min(xs) - 4), max(x1, max(xs) + 4)
    positions = _positions(geometry)
    floors = [positions[dot_id("gate", band.key)][1] for band in view.bands]
    top = max(y + h / 2 for (_, y, _, h) in positions.values()) + BAND_PAD
    ceilings = floors[1:] + [top]
    on_top = any(name.startswith("bandname__") for name in positions)  # names laid out
    left, right = x0 - (BAND_PAD if on_top else LABEL_COLUMN), x1 + BAND_PAD
    lines = []
    for index, band in enumerate(view.bands):
        bottom, top = floors[index], ceilings[index]
        if top - bottom < 24:
            top = bottom + 24
        height = (top - bottom) / 72
        cy = (top + bottom) / 2
        lines.append(
            f'\tbackground__{band.key} [shape=box, style="filled", '
            f'fillcolor="{band.colour or band_colour(index)}", '
            f'color="#c4c4c4", penwidth=1, fixedsize=true, label="", id="band-{band.key}", '
            f'width={(right - left) / 72:.3f}, height={height:.3f}, '
            f'pos="{(left + right) / 2:.2f},{cy:.2f}!"];')
        if on_top:
            continue
        label = band_name_label(view, band)
        lines.append(
            f'\tbandname__{band.key} [shape=box, style="filled", fillcolor="#ffffff80", '
            f'penwidth=0, fixedsize=true, labelloc=t, fontname="DejaVu Sans", fontsize=14, '
            f'id="band-label-{band.key}", width={(LABEL_COLUMN - 12) / 72:.3f}, '
            f'height={max(height - 12 / 72, 0.2):.3f}, '
            f'pos="{left + LABEL_COLUMN / 2:.2f},{cy:.2f}!", label={label}];')
    if title:
        lines.append(f'\tmap_title [shape=plaintext, fontname="DejaVu Sans", fontsize=18, '
                     f'id="map-title", pos="{(left + right) / 2:.2f},{top + 30:.2f}!", '
                     f"label={title_label(view)}];")
    return lines


# ---- reproducible PDF -------------------------------------------------------------------

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:([0-9]{14})([-+Z0-9']*)\)")


def fix_pdf_dates(pdf: bytes, produced: dt.date | None) -> bytes:
    """Put the pathway's date in place of the clock in the PDF's dates.

    Cairo 1.16 (Debian's Graphviz) stamps the time of rendering and ignores
    SOURCE_DATE_EPOCH; the replacement has the same length, so the cross-reference
    offsets stay right.
    """
    stamp = (produced or dt.date(2000, 1, 1)).strftime("%Y%m%d").encode() + b"000000"

    def replace(match: re.Match) -> bytes:
        zone = re.sub(rb"[0-9]", b"0", match.group(3))  # UTC, written as it was
        return b"/" + match.group(1) + b" (D:" + stamp + zone + b")"

    return _PDF_DATE.sub(replace, pdf)
