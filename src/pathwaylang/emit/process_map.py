"""The process-map producer: `process-map.dot`/`.mmd`/`.svg`/`.pdf`/`.png` and one decision
tree per algorithm (`algorithms/<id>.dot`/`.svg`).

The text artefacts are always made. The pictures need Graphviz's `dot`: without it the
build still succeeds, with one notice saying how to install it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext
from pathwaylang.emit import graphviz_render as gv
from pathwaylang.emit.algorithm_dot import algorithm_dot, algorithm_titles, answer_words
from pathwaylang.emit.dot import map_dot
from pathwaylang.emit.map_html import map_html
from pathwaylang.emit.map_layout import screen_sheet
from pathwaylang.emit.map_sheet import PAPERS
from pathwaylang.emit.map_view import MapView, build_map_view, one_line
from pathwaylang.emit.mermaid import map_mermaid
from pathwaylang.emit.svg_a11y import accessible_svg, map_descriptions

PNG_DPI = 110
MAP_ID_PREFIX = "pwy-map-"
"""Put before every id in the map SVG, which the checklist inlines next to its own ids."""


def map_view(ctx: BuildContext) -> MapView:
    if "process_map_view" not in ctx.cache:
        ctx.cache["process_map_view"] = build_map_view(ctx.program, ctx.graph(), ctx.options.lanes)
    return ctx.cache["process_map_view"]


def algorithms(program: m.Program) -> list[m.Algorithm]:
    """The pathway's algorithms and its libraries', each id once, in file order."""
    seen: dict[str, m.Algorithm] = {}
    for algorithm in program.algorithms:
        seen.setdefault(algorithm.id.value, algorithm)
    return list(seen.values())


def artefacts(ctx: BuildContext):
    view = map_view(ctx)
    if ctx.options.wants("process-map.dot"):  # (a quick build makes no text it will not write)
        yield "process-map.dot", map_dot(view)
    if ctx.options.wants("process-map.mmd"):
        yield "process-map.mmd", map_mermaid(view)
    titles = algorithm_titles(ctx.program)
    sources = {a.id.value: algorithm_dot(a, titles) for a in algorithms(ctx.program)}
    for algorithm_id, source in sources.items():
        yield f"algorithms/{algorithm_id}.dot", source
    yield from _pictures(ctx, view, sources)


def _pictures(ctx: BuildContext, view: MapView, sources: dict[str, str]):
    """The rendered map and algorithms; all of them or, when Graphviz fails, none."""
    svg = map_svg(ctx)
    if svg is None:
        return
    try:
        engine, source, no_op = _drawable(ctx)
        produced = _produced(ctx.pathway)
        pictures = [("process-map.svg", svg),
                    ("process-map.html", map_html(ctx.program, view, svg))]
        with ThreadPoolExecutor(gv.RENDERERS) as pool:  # each a `dot` of its own, side by side
            # the PNG (the largest `dot`, about 50 MiB) while the pages are planned: later it
            # would be drawn beside the PDF workers' largest documents
            png = pool.submit(gv.render, engine, _with_dpi(source), "png", no_op) \
                if ctx.options.renders("png") else None
            sheets = map_sheets(ctx) if ctx.options.renders("pdf") else None
            drawn = {algorithm_id: pool.submit(gv.render, "dot", dot_source, "svg")
                     for algorithm_id, dot_source in sources.items()}
            if sheets is not None:
                pictures.append(("process-map.pdf", gv.render_pages(
                    sheets, produced, PAPERS[ctx.options.map_paper])))
            if png is not None:
                pictures.append(("process-map.png", png.result()))
            for algorithm_id, done in drawn.items():
                pictures.append((f"algorithms/{algorithm_id}.svg",
                                 _algorithm_svg(ctx, algorithm_id, done.result())))
    except gv.RenderError as err:
        ctx.notice(f"Graphviz could not draw the process map ({err}); "
                   "the .dot and .mmd files were written")
        return
    yield from pictures


def map_svg(ctx: BuildContext) -> str | None:
    """The rendered, accessible map SVG (for inlining, say on the checklist's cover); None
    when rendering is off or Graphviz is missing or fails. Made once per build."""
    if "process_map_svg" in ctx.cache:
        return ctx.cache["process_map_svg"]
    svg = None
    if ctx.options.render and _graphviz_ready(ctx):
        view = map_view(ctx)
        try:
            engine, source, no_op = _drawable(ctx)
            drawn = gv.render(engine, source, "svg", no_op)
            description = f"{view.description} {view.subtitle}".strip()
            svg = accessible_svg(drawn, f"Process map: {view.title}", description,
                                 map_descriptions(view), MAP_ID_PREFIX)
        except gv.RenderError as err:
            ctx.notice(f"Graphviz could not draw the process map ({err}); "
                       "the .dot and .mmd files were written")
    ctx.cache["process_map_svg"] = svg
    return svg


def _graphviz_ready(ctx: BuildContext) -> bool:
    if gv.dot_available():
        return True
    ctx.notice("Graphviz `dot` was not found, so the process map and algorithm pictures "
               "(.svg, .pdf, .png) were not made; the .dot and .mmd files were. "
               + gv.INSTALL_HINT)
    return False


def _drawable(ctx: BuildContext) -> tuple[str, str, int | None]:
    """The whole map on one sheet of its own size, for the screen (SVG, PNG)."""
    if "process_map_drawable" not in ctx.cache:
        ctx.cache["process_map_drawable"] = ("neato", screen_sheet(map_view(ctx)), 2)
    return ctx.cache["process_map_drawable"]


def map_sheets(ctx: BuildContext) -> list[str]:
    """The map on pages of the chosen paper (`neato -n2` sources), for process-map.pdf."""
    from pathwaylang.emit.map_pages import paper_sheets  # (planning pages: a PDF build only)

    if "process_map_sheets" not in ctx.cache:
        ctx.cache["process_map_sheets"] = paper_sheets(map_view(ctx), ctx.options.map_paper)
    return ctx.cache["process_map_sheets"]


def _with_dpi(source: str) -> str:
    head, _, body = source.partition("\n")
    return f"{head}\n\tgraph [dpi={PNG_DPI}];\n{body}"


def _produced(pathway: m.PathwayFile):
    """The date a PDF says it was made: the pathway's `developed` date, never the clock."""
    for date in (pathway.developed, pathway.review):
        if date is not None and date.value is not None:
            return date.value
    return None


def _algorithm_svg(ctx: BuildContext, algorithm_id: str, drawn: bytes) -> str:
    algorithm = next(a for a in algorithms(ctx.program) if a.id.value == algorithm_id)
    words = _StepWords(algorithm, algorithm_titles(ctx.program))
    described = {}
    for question in algorithm.questions:
        described[f"question-{question.id.value}"] = (
            f"Question: {one_line(question.text.value)}",
            "Answers: " + "; ".join(words.answer(a) for a in question.answers) + ".")
        for index, answer in enumerate(question.answers):
            said = words.answer(answer)
            described[f"answer-{question.id.value}-{index}"] = (f"Answer {said}", said)
            for kind in ("action", "goto", "missing"):
                described[f"{kind}-{question.id.value}-{index}"] = (said, said)
    title = one_line(algorithm.title.value)
    return accessible_svg(drawn, f"Algorithm: {title}",
                          f"Decision tree {title}: {len(algorithm.questions)} questions.",
                          described, f"pwy-algorithm-{algorithm_id}-")


class _StepWords:
    """An answer and where it leads, in words, for screen readers."""

    def __init__(self, algorithm: m.Algorithm, titles: dict[str, str]):
        self.questions = {q.id.value: one_line(q.text.value) for q in algorithm.questions}
        self.titles = titles

    def answer(self, answer: m.Answer) -> str:
        step = answer.step
        if step.kind == "do" and step.action is not None:
            then = f"do: {one_line(step.action.value)}"
        elif step.kind == "goto" and step.target is not None:
            then = f"go to {self.titles.get(step.target.value, step.target.value)}"
        else:
            target = step.target.value if step.target else ""
            then = f"ask: {self.questions.get(target, target)}"
        return f"{answer_words(answer.answer.value)}: {then}"
