"""What the preview page shows, made from one check of the file: findings at once, then the
map (Graphviz is the slow part, so it comes second and is redrawn only when the map's own
DOT text changed). PDFs are never made here. While the file has errors, the last good
leaflets, cards and map stay, and the errors are listed for the page's banner."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.source import resolved
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.lsp.analysis import Analysis, Settings, analyse


def finding(d: Diagnostic) -> dict:
    span = d.span
    return {"rule": d.rule, "severity": d.severity.value, "message": d.message,
            "hint": d.hint, "file": span.file if span else None,
            "line": span.line if span else None, "column": span.column if span else None}


@dataclass
class Render:
    """One render: `state` for the page (JSON-able), the map when it was redrawn, and the
    files to watch."""

    state: dict
    context: BuildContext | None
    watched: set[Path] = field(default_factory=set)


class Renderer:
    def __init__(self, path: Path, settings: Settings, options: BuildOptions | None = None):
        self.path = path
        self.settings = settings
        self.options = options or BuildOptions()
        self.good: dict = {}
        """The last good render's leaflets, cards and source."""
        self.generation = 0
        self._map_key: str | None = None
        self._map_svg: str | None = None

    def render(self) -> Render:
        """Check the file and make everything but the map."""
        self.generation += 1
        analysis = analyse(self.path, None, {}, self.settings)
        findings = [finding(d) for d in analysis.diagnostics]
        errors = [f for f in findings if f["severity"] == Severity.ERROR.value]
        context = None
        program = analysis.program
        if not errors and program is not None and program.root.kind == "pathway":
            context = BuildContext(program=program, subpathways=analysis.subpathways,
                                   options=self.options, diagnostics=analysis.diagnostics)
            self.good = self._good(analysis, context)
        note = None
        if program is not None and program.root.kind == "library" and not errors:
            note = "This is a library: it has no map or leaflet of its own. Preview a " \
                   "pathway that uses it."
        state = {"generation": self.generation, "file": analysis.display or str(self.path),
                 "ok": not errors, "errors": errors, "findings": findings, "note": note,
                 "checked_at": time.time(), **self.good}
        watched = {resolved(s.path) for s in analysis.sources.values()} | {resolved(self.path)}
        return Render(state, context, watched)

    def _good(self, analysis: Analysis, context: BuildContext) -> dict:
        from pathwaylang.authoring.stage_card import stage_card
        from pathwaylang.emit.leaflet import documents

        program = analysis.program
        leaflets = [{"name": stem, "languages": languages, "html": html}
                    for stem, html, languages in documents(context)]
        cards = {s.id.value: asdict(stage_card(program, analysis.symbols, s))
                 for s in program.root.stages}
        source = analysis.sources.get(analysis.display)
        title = program.root.title.value if program.root.title else program.root.id.value
        return {"title": " ".join(title.split()), "leaflets": leaflets, "cards": cards,
                "source": source.text if source else "", "good_generation": self.generation}

    def map_svg(self, context: BuildContext) -> tuple[str | None, bool]:
        """The map's SVG, and whether it changed; drawn again only when its DOT did."""
        from pathwaylang.emit.dot import map_dot
        from pathwaylang.emit.process_map import map_svg, map_view

        key = map_dot(map_view(context))
        if key == self._map_key:
            return self._map_svg, False
        self._map_svg = map_svg(context)
        self._map_key = key
        return self._map_svg, True

