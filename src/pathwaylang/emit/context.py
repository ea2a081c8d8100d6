"""What a producer is given: the checked program, its graph, the build options."""

from __future__ import annotations

from dataclasses import dataclass, field

from pathwaylang import model as m


@dataclass
class BuildOptions:
    lanes: str = "level"
    """`level` (bands by level of need) or `agency` (swimlanes by the lead's agency)."""
    bilingual: str = "columns"
    """Bilingual leaflet layout: `columns`, `blocks` or `separate`."""
    paper: str = "A4"
    """Leaflet paper: `A4` or `A5` (an A4 sheet folded as a booklet)."""
    max_pages: int | None = None
    """Most printed pages of a leaflet per language (a bilingual one may have twice as many);
    None: 16 on A4, 32 on A5 (the same sheets folded)."""
    map_paper: str = "A3"
    """Sheet the process map's PDF is laid out for, landscape: `A4`, `A3`, `A2` or `A1`."""
    render: bool = True
    """Run Graphviz and the PDF renderers; False writes only text artefacts."""
    formats: frozenset[str] | None = None
    """The kinds of file to make, by extension (`--formats html,svg`); None: every kind."""

    def wants(self, path: str) -> bool:
        """Whether an artefact at `path` is among the `formats` asked for."""
        return self.formats is None or path.rsplit(".", 1)[-1] in self.formats

    def renders(self, kind: str) -> bool:
        """Whether to draw or lay out files of `kind` (`svg`, `pdf`, `png`)."""
        return self.render and (self.formats is None or kind in self.formats)


@dataclass
class BuildContext:
    """What producers read: the checked program, its graph, the options and the tools found."""

    program: m.Program
    subpathways: dict[str, m.Program] = field(default_factory=dict)
    """The programs of the subpathways' files, as the checker loaded them, by subpathway id
    (emitters never read a file)."""
    options: BuildOptions = field(default_factory=BuildOptions)
    notices: list[str] = field(default_factory=list)
    """Things to tell the user once (`dot` is not installed, ...)."""
    cache: dict = field(default_factory=dict)
    """Shared between producers in one build (the rendered map SVG, say)."""
    diagnostics: list = field(default_factory=list)
    """The checker's findings for this file (warnings and infos; a file with errors is not
    built), for artefacts that report them (the leaflet's readability report)."""

    @property
    def pathway(self) -> m.PathwayFile:
        return self.program.root

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def graph(self):
        if "graph" not in self.cache:
            from pathwaylang.analysis.graph import build_graph

            self.cache["graph"] = build_graph(self.program)
        return self.cache["graph"]
