"""Family booklets: the pathway as a picture journey in the family's words, per language and
bilingual; and the producer of every family artefact (front-door leaflet, booklet, poster).

`leaflet_view(ctx, languages)` builds the view model (steps in journey order, each with its
icon and, per language, the family's words, timescale in plain words, consent note and
"if things get harder / easier" branches); the templates only print it. Nothing written for
staff (criteria, actions, consent wording, guidance, variance codes) reaches a family.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext
from pathwaylang.emit import leaflet_glossary as lg
from pathwaylang.emit import leaflet_words as lw
from pathwaylang.analysis.ordering import journey_order
from pathwaylang.emit.leaflet_subpathway import subpathway_first_stage
from pathwaylang.emit.leaflet_model import (GlossaryItem, LanguageView, Leaflet, Link, Step,
                                            StepWords)
from pathwaylang.icons import ALT_TEXT

__all__ = ["artefacts", "documents", "leaflet_view", "plain_duration",
           "GlossaryItem", "LanguageView", "Leaflet", "Link", "Step", "StepWords"]

LAYOUTS = ("columns", "blocks", "separate")
DEFAULT_MAX_PAGES = {"A4": 24, "A5": 48}
"""Most pages per language of a printed booklet, unless `--max-pages` says otherwise (no
step is split across pages, so a page often ends early)."""
DEFAULT_ICON = {"stage": "help", "outcome": "star", "subpathway": "signpost"}


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
        step_ids, end_ids = journey_order(ctx.program, self.graph)
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
        node, default = self.source(node_id)
        return family_block(node, lang, default)

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
        alt = ALT_TEXT[icon].get(lw.primary(lang), ALT_TEXT[icon]["en"])
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

    def level_rank(self, node_id: str) -> int | None:
        """The rank of the step's level of need (lowest need 0), None without a level."""
        return self._rank(self.node(node_id))

    def _rank(self, node) -> int | None:
        level = getattr(node, "level", None)
        return self.ctx.program.level_rank(level.value) if level is not None else None

    @staticmethod
    def _by_level(source: int | None, target: int | None) -> str:
        """An `exit to` that changes level is still told as harder or easier."""
        if source is None or target is None or source == target:
            return "next"
        return "harder" if target > source else "easier"


StepBuilder = _Builder
"""The step builder, for the other family artefacts (the front-door leaflet, the poster)."""


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
    title = " / ".join(view.t["leaflet_title"] + (f": {view.pathway_title}"
                                                   if view.pathway_title else "")
                       for view in views)
    return Leaflet(views, steps, ends, ctx.options.paper, layout, title,
                   pathway_mark(ctx, languages))


def pathway_mark(ctx: BuildContext, languages: list[str]) -> str | None:
    """The mark of the pathway's status (DRAFT / DRAFFT...) in `languages`; None approved."""
    status = ctx.pathway.status.value if ctx.pathway.status is not None else None
    return lw.status_mark(status, languages)


def glossary_keys(texts: dict[str, list[str]]) -> list[str]:
    """The glossary entries whose jargon appears in any language's text, in catalogue order."""
    # Each language's strings searched as one text: NUL (never in pathway text) is neither
    # a word character nor a space, so no term matches across two strings.
    joined = {lang: "\0".join(strings) for lang, strings in texts.items()
              if not lw.words_for(lang).fallback}  # no catalogue, so no known jargon in it
    found = set().union(*(_jargon_in(lw.primary(lang), text) for lang, text in joined.items()))
    return [entry.key for entry in lg.GLOSSARY if entry.key in found]


@lru_cache(maxsize=8)
def _jargon_in(code: str, text: str) -> frozenset[str]:
    """The glossary entries whose jargon in language `code` appears in `text`: remembered,
    as a build searches each language's text for each booklet (alone and bilingual) and
    the same strings come every time."""
    return frozenset(entry.key for entry in lg.GLOSSARY
                     if any(lg.term_pattern(code, term).search(text)
                            for term in entry.terms[code]))


def language_view(ctx: BuildContext, lang: str, glossary: list[str],
                  shared: list[str] | None = None, stem: str = "booklet") -> LanguageView:
    """One language's words; `shared`: the languages whose versions share its document;
    `stem`: the artefact whose other languages it links to."""
    w = lw.words_for(lang)
    pathway = ctx.pathway
    authority = _authority_by(pathway, lang, w)
    entries = {e.key: e for e in lg.GLOSSARY}
    items = [GlossaryItem(entries[k].label[w.language], entries[k].explanation[w.language])
             for k in glossary]
    others = [(other.replace("_", "-"), lw.words_for(other)("also_in"),
               f"#version-{other}" if shared else f"{stem}.{other}.html")
              for other in (shared or pathway.language_codes())
              if other != lang and not lw.words_for(other).fallback]
    return LanguageView(lang, w.language, w.fallback, dict(w.table),
                        w("from", authority=authority) if authority else None,
                        items, footer_rows(pathway, w, lang), others, f"{lang}-" if shared else "",
                        _family_title(pathway, lang))


def _family_title(pathway: m.PathwayFile, lang: str) -> str | None:
    """The pathway's title written for families in `lang`; the `pathway` line's title is
    written for staff, so it is not printed."""
    block = pathway.family_names(lang)
    return pathway.title_in(lang) if block is not None and block.title is not None else None


def _authority_by(pathway: m.PathwayFile, lang: str, w: lw.Words) -> str | None:
    """The authority's name in `lang` as it reads after "by" / "gan"."""
    name = pathway.authority_in(lang)
    block = pathway.family_names(lang)
    own = block is not None and block.authority is not None
    return lw.after_gan(w, name, own) if name else None


def footer_rows(pathway: m.PathwayFile, w: lw.Words, lang: str) -> list[tuple[str, str]]:
    rows = []
    if pathway.version is not None:
        rows.append((w("version"), pathway.version.value))
    for key, date in (("produced", pathway.developed), ("review", pathway.review)):
        if date is not None and date.value is not None:
            d = date.value
            rows.append((w(key), lw.long_date(w.language, d.day, d.month, d.year)))
    authority = _authority_by(pathway, lang, w)
    if authority is not None:
        rows.append((w("authority"), authority))
    return rows


# ---- rendering --------------------------------------------------------------------------


def leaflet_languages(ctx: BuildContext) -> tuple[list[str], list[str]]:
    """(each language with its own leaflet, the two languages of the bilingual one).

    The bilingual leaflet puts Welsh first, then the first other declared language; a
    pathway with one language has no bilingual leaflet.
    """
    declared = ctx.pathway.language_codes()
    ordered = sorted(declared, key=lambda code: (lw.primary(code) != "cy", declared.index(code)))
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
    out = [(f"booklet.{lang}", render_html(leaflet_view(ctx, [lang]), False), [lang])
           for lang in declared]
    if pair:
        out.append(("booklet", render_html(leaflet_view(ctx, pair), True), pair))
    return out


def artefacts(ctx: BuildContext):
    """Every family artefact: the front-door leaflet, the booklet, the poster, the report."""
    from pathwaylang.emit import frontdoor, poster
    from pathwaylang.emit.leaflet_report import reading_report
    from pathwaylang.emit.pdf import PdfDocument, later, pdf_job

    _notice_fallbacks(ctx)
    pages: dict[str, int] = {}
    checks: list = []  # run once every PDF of the build is queued: each waits for its pages
    yield from frontdoor.artefacts(ctx, pages, checks)
    yield from poster.artefacts(ctx, pages, checks)
    for stem, html, languages in documents(ctx):
        yield f"{stem}.html", html
        if ctx.options.renders("pdf"):
            job = pdf_job(ctx, PdfDocument(html, produced_date(ctx)))
            checks.append(lambda name=f"{stem}.pdf", job=job, languages=languages: _check_pages(
                ctx, name, pages.setdefault(name, job.pages()), max_pages(ctx) * len(languages)))
            yield f"{stem}.pdf", job.artefact()

    def report() -> str:  # (waits for the PDFs' pages)
        for check in checks:
            check()
        found = reading_report(ctx, leaflet_view(ctx, ctx.pathway.language_codes()), pages,
                               max_pages(ctx))
        return json.dumps(found, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    yield "leaflet-report.json", later(ctx, report)


def _check_pages(ctx: BuildContext, name: str, count_: int, limit: int) -> None:
    if count_ > limit:
        ctx.notice(f"{name} has {count_} pages, more than the {limit} allowed on "
                   f"{ctx.options.paper}: shorten the family text, or raise --max-pages")


def produced_date(ctx: BuildContext):
    """The family artefacts' PDF date: the pathway's `developed` date, never the clock."""
    return ctx.pathway.developed.value if ctx.pathway.developed else None


def _notice_fallbacks(ctx: BuildContext) -> None:
    for lang in ctx.pathway.language_codes():
        if lw.words_for(lang).fallback:
            ctx.notice(f"the leaflet has no headings in `{lang}`: `leaflet.{lang}` uses English "
                       f"ones (the family text is still in `{lang}`)")
