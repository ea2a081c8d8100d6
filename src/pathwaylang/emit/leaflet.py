"""Family leaflets: the pathway as a picture journey in the family's words, per language and bilingual.

`leaflet_view(ctx, languages)` builds the view model (steps in journey order, each with its
icon and, per language, the family's words, timescale in plain words, consent note and
"if things get harder / easier" branches); the templates only print it. Nothing written for
staff (criteria, actions, consent wording, guidance, variance codes) reaches a family.
"""

from __future__ import annotations

import heapq
import json
import re
from dataclasses import dataclass, field
from itertools import count

from markupsafe import Markup, escape

from pathwaylang import model as m
from pathwaylang.build import BuildContext
from pathwaylang.emit import leaflet_words as lw
from pathwaylang.icons import ALT_TEXT, icon_svg

LAYOUTS = ("columns", "blocks", "separate")
DEFAULT_MAX_PAGES = {"A4": 16, "A5": 32}
"""Most pages per language of a printed leaflet, unless `--max-pages` says otherwise."""
DEFAULT_ICON = {"stage": "help", "outcome": "star", "subpathway": "signpost"}

# Print measures per paper (the stylesheet prints them; it makes no choices of its own).
PAPER_METRICS = {
    "A4": {"margin": "15mm 15mm 17mm", "padding": "15mm", "width": "210mm",
           "pair_half_gap": "4mm", "strip_columns": 4, "stop_width": "24.9%",
           "gutter": "24mm", "words_left": "29mm", "icon": "22mm", "step_min_height": "38mm",
           "band_icon": "16mm"},
    "A5": {"margin": "11mm 11mm 14mm", "padding": "11mm", "width": "148mm",
           "pair_half_gap": "2.5mm", "strip_columns": 3, "stop_width": "33.2%",
           "gutter": "17mm", "words_left": "20mm", "icon": "16mm", "step_min_height": "30mm",
           "band_icon": "13mm"},
}

# Routes a family meets first from a step: ordinary moves, then easier, then harder.
_EDGE_ORDER = {"exit": 0, "refer": 0, "rejoin": 0, "step down": 1, "step up": 2}


# ---- the view model -----------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    number: int
    text: str
    """"Step 4: Your first meeting", in the leaflet's language."""


@dataclass
class StepWords:
    """One step in one language."""

    lang: str
    label: str
    title: str
    icon_alt: str
    missing: str | None = None
    """Shown when the pathway has no family words for this step in this language."""
    paragraphs: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)
    timescale: str | None = None
    consent: list[str] = field(default_factory=list)
    next: list[Link] = field(default_factory=list)
    harder: list[Link] = field(default_factory=list)
    easier: list[Link] = field(default_factory=list)

    def texts(self) -> list[str]:
        """Everything a family reads in this step (for the glossary and reading scores)."""
        return [self.title, *([self.missing] if self.missing else []), *self.paragraphs,
                *self.asked, *self.contact, *self.consent]


@dataclass
class Step:
    number: int
    id: str
    kind: str
    icon: str
    """The built-in icon's name."""
    words: dict[str, StepWords]

    def svg(self, lang: str) -> Markup:
        return icon_markup(self.icon, ALT_TEXT[self.icon].get(lang, ALT_TEXT[self.icon]["en"]))

    def decorative(self) -> Markup:
        """The icon beside words that already say the same (the journey strip)."""
        return icon_markup(self.icon, None, css_class="icon")

    @property
    def css_class(self) -> str:
        return "stop end" if self.kind == "outcome" else "stop"

    def picture(self) -> Markup:
        """The icon for the step's gutter, labelled by the step's per-language alt texts."""
        ids = " ".join(f"icon-{self.number}-{lang}" for lang in self.words)
        return icon_markup(self.icon, None, labelledby=ids)


@dataclass
class GlossaryItem:
    term: str
    explanation: str


@dataclass
class LanguageView:
    """A leaflet language: its interface words (English stand-ins when `fallback`)."""

    code: str
    words_lang: str
    fallback: bool
    t: dict[str, str]
    """The catalogue's fixed words (headings, labels)."""
    from_line: str | None
    glossary: list[GlossaryItem]
    footer: list[tuple[str, str]]
    other_versions: list[tuple[str, str, str, str]]
    """(language, "also available in ..." and link text in that language, link) per other
    leaflet: its file, or its place in the same document for the `separate` layout."""
    anchor: str = ""
    """Prefix of this language's ids (`cy-`) when several versions share one document."""


@dataclass
class Leaflet:
    languages: list[LanguageView]
    steps: list[Step]
    ends: list[Step]
    paper: str
    layout: str
    title: str
    """The document's title: the leaflet title in each language."""

    @property
    def group_class(self) -> str:
        """How the languages of one block sit: side by side, or one above the other."""
        return "pair" if self.layout == "columns" else "stacked"

    @property
    def metrics(self) -> dict:
        return PAPER_METRICS[self.paper]

    @property
    def html_lang(self) -> str:
        return self.languages[0].code

    @property
    def all_steps(self) -> list[Step]:
        return self.steps + self.ends


# ---- icons ------------------------------------------------------------------------

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SVG_TITLE = re.compile(r"\s*<title>.*?</title>", re.S)
_VIEWBOX = re.compile(r'viewBox="([0-9. ]+)"')


def icon_markup(name: str, alt: str | None, labelledby: str | None = None,
                css_class: str = "icon") -> Markup:
    """A built-in icon inline, its title and label in the leaflet's language.

    With `alt` None and no `labelledby` the picture is decorative (its words are beside it).
    """
    source = icon_svg(name)
    viewbox = _VIEWBOX.search(source).group(1)
    body = _SVG_TITLE.sub("", _SVG_OPEN.sub("", source, count=1), count=1)
    attrs = [f'class="{css_class}"', f'viewBox="{viewbox}"', f'data-icon="{name}"']
    if alt is not None:
        attrs += ['role="img"', f'aria-label="{escape(alt)}"']
        body = f"<title>{escape(alt)}</title>" + body
    elif labelledby is not None:
        attrs += ['role="img"', f'aria-labelledby="{escape(labelledby)}"']
    else:
        attrs.append('aria-hidden="true"')
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" {" ".join(attrs)}>{body}')


# ---- journey order ----------------------------------------------------------------------


def journey_order(ctx: BuildContext) -> tuple[list[str], list[str]]:
    """Steps (stages and subpathways) and ends (outcomes), in the order a family meets them.

    From the entries, lowest level of need first: a step is taken off the queue by
    (its level's rank, when it was first reached), and from each step its ordinary moves
    are followed before its step-downs and step-ups. So the everyday route comes first
    even when one entry leads straight to a statutory stage.
    """
    graph = ctx.graph()
    program = ctx.program
    steps: list[str] = []
    ends: list[str] = []
    queue: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    order = count()

    def reach(node_id: str, inherited: int) -> None:
        if node_id in seen:
            return
        seen.add(node_id)
        data = graph.nodes[node_id]
        if data["kind"] == "outcome":
            ends.append(node_id)
            return
        level = getattr(data["node"], "level", None)
        rank = program.level_rank(level.value) if level is not None else None
        heapq.heappush(queue, (inherited if rank is None else rank, next(order), node_id))

    for entry in ctx.pathway.entries:
        for target in _successors(graph, entry.id.value):
            reach(target, 0)
    while queue:
        rank, _, node_id = heapq.heappop(queue)
        steps.append(node_id)
        for target in _successors(graph, node_id):
            reach(target, rank)
    # Nodes no entry reaches do not build (`unreachable-stage`); listed last all the same.
    for node_id, data in graph.nodes(data=True):
        if node_id not in seen and data["kind"] != "entry":
            (ends if data["kind"] == "outcome" else steps).append(node_id)
    return steps, ends


def _successors(graph, node_id: str) -> list[str]:
    edges = [(i, target, data["kind"])
             for i, (_, target, data) in enumerate(graph.out_edges(node_id, data=True))]
    edges.sort(key=lambda e: (_EDGE_ORDER.get(e[2], 0), e[0]))
    return [target for _, target, _ in edges]


# ---- family words -------------------------------------------------------------------------


def paragraphs(text: str | None) -> list[str]:
    """Single line breaks are spaces; a blank line starts a new paragraph."""
    if not text:
        return []
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def family_block(node, lang: str, default: str) -> m.FamilyText | None:
    for block in getattr(node, "family", []):
        code = block.language.value if block.language is not None else default
        if code == lang:
            return block
    return None


def subpathway_first_stage(ctx: BuildContext, sub: m.Subpathway) -> tuple[m.Stage | None, str]:
    """The stage a family meets first in a subpathway's own file (its first entry's target),
    and that file's first language; (None, "en") when the file cannot be read.

    The build only runs when the subpathway file was checked clean, inside the root.
    """
    cache = ctx.cache.setdefault("leaflet-subpathways", {})
    if sub.id.value not in cache:
        cache[sub.id.value] = _load_first_stage(ctx, sub)
    return cache[sub.id.value]


def _load_first_stage(ctx: BuildContext, sub: m.Subpathway) -> tuple[m.Stage | None, str]:
    from pathlib import Path

    from pathwaylang.loader import load

    if sub.file is None:
        return None, "en"
    target = (ctx.source_dir / sub.file.value).resolve()
    if not target.is_file():
        return None, "en"
    program = load(target, Path(target.anchor)).program
    if program is None or program.root.kind != "pathway" or not program.root.entries:
        return None, "en"
    first = program.root.entries[0].target.value
    stage = next((s for s in program.root.stages if s.id.value == first), None)
    return stage, program.root.language_codes()[0]


def step_icon(node, kind: str, languages: list[str]) -> str:
    """The first known icon among the family blocks (declared languages first), else a default."""
    default = languages[0]
    blocks = sorted(getattr(node, "family", []),
                    key=lambda b: _language_index(b, languages, default))
    for block in blocks:
        if block.icon is not None and block.icon.value in ALT_TEXT:
            return block.icon.value
    return DEFAULT_ICON[kind]


def _language_index(block: m.FamilyText, languages: list[str], default: str) -> int:
    code = block.language.value if block.language is not None else default
    return languages.index(code) if code in languages else len(languages)


def plain_duration(duration: m.Duration) -> tuple[int, str, bool]:
    """(amount, unit, approximate) in units a family counts in: 20 working days is ~4 weeks."""
    n, unit = duration.amount, duration.unit.value
    if unit == "working day" and n >= 5:
        n, unit = _half_up(n / 5), "week"
    elif unit == "day" and (n >= 14 or (n >= 7 and n % 7 == 0)):
        n, unit = _half_up(n / 7), "week"
    elif unit == "week" and n > 26:
        n, unit = _half_up(n * 7 / 30.4), "month"
    elif unit == "month" and n >= 24 and n % 12 == 0:
        n, unit = n // 12, "year"
    return n, unit, unit not in ("day", "working day")


def _half_up(value: float) -> int:
    return max(1, int(value + 0.5))


# ---- building the view ----------------------------------------------------------------


class _Builder:
    """Builds the steps for the leaflet languages; one per leaflet."""

    def __init__(self, ctx: BuildContext, languages: list[str]):
        self.ctx = ctx
        self.graph = ctx.graph()
        self.declared = ctx.pathway.language_codes()
        self.default = self.declared[0]
        self.languages = languages
        self.words = {lang: lw.words_for(lang) for lang in languages}
        step_ids, end_ids = journey_order(ctx)
        self.numbers = {node_id: i for i, node_id in enumerate(step_ids + end_ids, start=1)}
        self.step_ids, self.end_ids = step_ids, end_ids
        self.titles = {(node_id, lang): self._title(node_id, lang)[0]
                       for node_id in self.numbers for lang in languages}

    def node(self, node_id: str):
        return self.graph.nodes[node_id]["node"]

    def kind(self, node_id: str) -> str:
        return self.graph.nodes[node_id]["kind"]

    def source(self, node_id: str) -> tuple[object, str]:
        """Where a step's family words are, and the language of its unmarked `family` block:
        the node itself, or for a subpathway the first stage of its own file."""
        if self.kind(node_id) != "subpathway":
            return self.node(node_id), self.default
        stage, default = subpathway_first_stage(self.ctx, self.node(node_id))
        return (stage, default) if stage is not None else (self.node(node_id), self.default)

    def block(self, node_id: str, lang: str) -> m.FamilyText | None:
        return family_block(*self._source_for(node_id, lang))

    def _source_for(self, node_id: str, lang: str):
        node, default = self.source(node_id)
        return node, lang, default

    def _title(self, node_id: str, lang: str) -> tuple[str, bool]:
        """The step's title in `lang`, and whether it is the title written for staff."""
        block = self.block(node_id, lang)
        if block is not None and block.title is not None:
            return " ".join(block.title.value.split()), False
        return " ".join(self.node(node_id).title.value.split()), True

    def steps(self, ids: list[str]) -> list[Step]:
        return [self.step(node_id) for node_id in ids]

    def step(self, node_id: str) -> Step:
        kind = self.kind(node_id)
        icon = step_icon(self.source(node_id)[0], kind, self.declared)
        words = {lang: self.step_words(node_id, lang, icon) for lang in self.languages}
        return Step(self.numbers[node_id], node_id, kind, icon, words)

    def step_words(self, node_id: str, lang: str, icon: str) -> StepWords:
        node, kind, w = self.node(node_id), self.kind(node_id), self.words[lang]
        block = self.block(node_id, lang)
        title, _ = self._title(node_id, lang)
        alt = ALT_TEXT[icon].get(lang, ALT_TEXT[icon]["en"])
        out = StepWords(lang, w("step", n=self.numbers[node_id]), title, alt)
        if block is None and kind != "subpathway":
            out.missing = lw.missing_text(w, lang)
        elif block is not None:
            out.paragraphs = paragraphs(block.text.value if block.text else None)
            out.asked = paragraphs(block.asked.value if block.asked else None)
            out.contact = paragraphs(block.contact.value if block.contact else None)
        if kind == "subpathway":
            out.paragraphs.append(self._subpathway_text(node, w))
        if kind == "stage":
            self._stage_words(node, out, w)
        return out

    def _subpathway_text(self, node: m.Subpathway, w: lw.Words) -> str:
        if node.rejoin is not None and node.rejoin.value in self.numbers:
            return w("subpathway_rejoin", n=self.numbers[node.rejoin.value])
        return w("subpathway")

    def _stage_words(self, stage: m.Stage, out: StepWords, w: lw.Words) -> None:
        if stage.timescale is not None:
            out.timescale = lw.timescale(w, *plain_duration(stage.timescale))
        if stage.consent:
            out.consent = paragraphs(w("consent_text"))
        placed: set[str] = set()
        for target, branch in self._branches(stage):
            if target in placed or target not in self.numbers:
                continue
            placed.add(target)
            link = Link(self.numbers[target],
                        w("link", n=self.numbers[target], title=self.titles[(target, out.lang)]))
            getattr(out, branch).append(link)

    def _branches(self, stage: m.Stage):
        """(target, "next" | "harder" | "easier") per route out of the stage, in order."""
        source_rank = self._rank(stage)
        for transition in stage.transitions:
            target = transition.target.value
            if target not in self.graph:
                continue
            if transition.kind == "step up":
                yield target, "harder"
            elif transition.kind == "step down":
                yield target, "easier"
            else:
                yield target, self._by_level(source_rank, self._rank(self.node(target)))

    def _rank(self, node) -> int | None:
        level = getattr(node, "level", None)
        return self.ctx.program.level_rank(level.value) if level is not None else None

    @staticmethod
    def _by_level(source: int | None, target: int | None) -> str:
        """An `exit to` that changes level is still told as harder or easier."""
        if source is None or target is None or source == target:
            return "next"
        return "harder" if target > source else "easier"


def leaflet_view(ctx: BuildContext, languages: list[str], layout: str | None = None) -> Leaflet:
    """The view model of the leaflet in `languages` (the first is read first)."""
    builder = _Builder(ctx, languages)
    steps = builder.steps(builder.step_ids)
    ends = builder.steps(builder.end_ids)
    texts = {lang: [t for s in steps + ends for t in s.words[lang].texts()] for lang in languages}
    found = glossary_keys(texts)
    layout = layout or ctx.options.bilingual
    shared = len(languages) > 1 and layout == "separate"
    views = [language_view(ctx, lang, found, languages if shared else None)
             for lang in languages]
    title = " / ".join(view.t["leaflet_title"] for view in views)
    return Leaflet(views, steps, ends, ctx.options.paper, layout, title)


def glossary_keys(texts: dict[str, list[str]]) -> list[str]:
    """The glossary entries whose jargon appears in any language's text, in catalogue order."""
    found = []
    for entry in lw.GLOSSARY:
        for lang, strings in texts.items():
            words_lang = lw.words_for(lang).language
            patterns = [lw.term_pattern(words_lang, t) for t in entry.terms.get(words_lang, ())]
            if lang != words_lang:  # a language with no catalogue: its text is not English
                continue
            if any(p.search(s) for p in patterns for s in strings):
                found.append(entry.key)
                break
    return found


def language_view(ctx: BuildContext, lang: str, glossary: list[str],
                  shared: list[str] | None = None) -> LanguageView:
    """One language's words; `shared`: the languages whose versions share its document."""
    w = lw.words_for(lang)
    pathway = ctx.pathway
    authority = " ".join(pathway.authority.value.split()) if pathway.authority else None
    entries = {e.key: e for e in lw.GLOSSARY}
    items = [GlossaryItem(entries[k].label[w.language], entries[k].explanation[w.language])
             for k in glossary]
    others = [(other, lw.words_for(other)("also_in"), lw.words_for(other)("read_in"),
               f"#version-{other}" if shared else f"leaflet.{other}.html")
              for other in (shared or pathway.language_codes())
              if other != lang and not lw.words_for(other).fallback]
    return LanguageView(lang, w.language, w.fallback, dict(w.table),
                        w("from", authority=authority) if authority else None,
                        items, footer_rows(pathway, w), others, f"{lang}-" if shared else "")


def footer_rows(pathway: m.PathwayFile, w: lw.Words) -> list[tuple[str, str]]:
    rows = []
    if pathway.version is not None:
        rows.append((w("version"), pathway.version.value))
    for key, date in (("produced", pathway.developed), ("review", pathway.review)):
        if date is not None and date.value is not None:
            d = date.value
            rows.append((w(key), lw.long_date(w.language, d.day, d.month, d.year)))
    if pathway.authority is not None:
        rows.append((w("authority"), " ".join(pathway.authority.value.split())))
    return rows


# ---- rendering --------------------------------------------------------------------------


def leaflet_languages(ctx: BuildContext) -> tuple[list[str], list[str]]:
    """(each language with its own leaflet, the two languages of the bilingual one).

    The bilingual leaflet puts Welsh first, then the first other declared language; a
    pathway with one language has no bilingual leaflet.
    """
    declared = ctx.pathway.language_codes()
    ordered = sorted(declared, key=lambda code: (code != "cy", declared.index(code)))
    return declared, (ordered[:2] if len(ordered) >= 2 else [])


def render_html(view: Leaflet, bilingual: bool) -> str:
    from pathwaylang.emit.templating import render

    template = "leaflet-bilingual.html.j2" if bilingual else "leaflet.html.j2"
    return render(template, leaflet=view)


def max_pages(ctx: BuildContext) -> int:
    """Most printed pages per language (a leaflet in two languages may have twice as many)."""
    return ctx.options.max_pages or DEFAULT_MAX_PAGES.get(ctx.options.paper, 16)


def documents(ctx: BuildContext) -> list[tuple[str, str, list[str]]]:
    """(artefact stem, HTML, languages) for every leaflet of the pathway."""
    declared, pair = leaflet_languages(ctx)
    out = [(f"leaflet.{lang}", render_html(leaflet_view(ctx, [lang]), False), [lang])
           for lang in declared]
    if pair:
        out.append(("leaflet", render_html(leaflet_view(ctx, pair), True), pair))
    return out


def artefacts(ctx: BuildContext):
    from pathwaylang.emit.leaflet_report import reading_report

    _notice_fallbacks(ctx)
    pages: dict[str, int] = {}
    for stem, html, languages in documents(ctx):
        yield f"{stem}.html", html
        if ctx.options.render:
            pdf, count_ = _pdf(ctx, html)
            pages[f"{stem}.pdf"] = count_
            _check_pages(ctx, f"{stem}.pdf", count_, max_pages(ctx) * len(languages))
            yield f"{stem}.pdf", pdf
    report = reading_report(ctx, leaflet_view(ctx, ctx.pathway.language_codes()), pages,
                            max_pages(ctx))
    yield "leaflet-report.json", json.dumps(report, indent=2, ensure_ascii=False,
                                            sort_keys=True) + "\n"


def _check_pages(ctx: BuildContext, name: str, count_: int, limit: int) -> None:
    if count_ > limit:
        ctx.notice(f"{name} has {count_} pages, more than the {limit} allowed on "
                   f"{ctx.options.paper}: shorten the family text, or raise --max-pages")


def _pdf(ctx: BuildContext, html: str) -> tuple[bytes, int]:
    from pathwaylang.emit.pdf import html_to_pdf_pages

    produced = ctx.pathway.developed.value if ctx.pathway.developed else None
    return html_to_pdf_pages(html, produced)


def _notice_fallbacks(ctx: BuildContext) -> None:
    for lang in ctx.pathway.language_codes():
        if lw.words_for(lang).fallback:
            ctx.notice(f"the leaflet has no headings in `{lang}`: `leaflet.{lang}` uses English "
                       f"ones (the family text is still in `{lang}`)")
