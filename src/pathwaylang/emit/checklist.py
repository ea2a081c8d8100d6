"""The practitioner checklist: one family's record of the pathway, as HTML, PDF and Markdown.

`checklist_view(ctx)` builds a plain view model (dataclasses of strings and lists) from the
checked program; the templates `checklist.html.j2` and `checklist.md.j2` only loop over it
and print. What the record holds follows the integrated care pathway guides (research
review, Appendix One): the service user's identifier on every page, name, designation and
signature against each item, who is accountable, variance recorded as code, reason and
action taken, and the date developed, review date and version number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from pathwaylang import model as m
from pathwaylang.analysis.ordering import stage_numbers, stages_by_id
from pathwaylang.core.links import link_href
from pathwaylang.emit import leaflet_words as lw
from pathwaylang.emit.context import BuildContext
from pathwaylang.emit.checklist_steps import (
    ActionRow,
    AlgorithmView,
    ExitRow,
    Link,
    Resolver,
    action_rows,
    algorithm_view,
    exit_rows,
)
from pathwaylang.emit.templating import render

HOW_TO_USE = (
    "Keep this record with the family's file: it replaces other paperwork for these steps. "
    "Write the service user's name and identifier at the top of every page.",
    "Stages are numbered in the order families meet them; a family uses only some. On the "
    "journey summary, write the date the family entered and left each stage and who led it.",
    "Before you start a stage, tick the entry criteria that apply and check that no "
    "exclusion applies.",
    "When an action is done, tick Done and write the date and your initials in its row.",
    "Decision rules are printed once, at the back. Write the answer a rule gave in the stage.",
    "Whenever care departs from the pathway (a step missed, late or done differently), write "
    "a row in the variance log at the back. Tick \"No variance\" on a stage that had none.",
    "When the family leaves a stage, tick the exit criterion that applied (STEP UP \u25b2: "
    "more intensive support; STEP DOWN \u25bc: less) and sign the stage off.",
    "On screen, checklist.html is a form: what you enter stays in this browser on this "
    "computer. Export saves the case's events as a case record (CSV) for the pathway's "
    "audit; Import reads it back.",
    "The indicators at the end are counted across all families, "
    "never used to judge one practitioner.",
)

VARIANCE_LOG_ROWS = 24
"""Rows in the running variance log at the back (the issue asks for at least 20)."""

_NOT_GIVEN = "not given"
_NO_TIMESCALE = "none set"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class EvidenceView:
    name: str
    details: list[str]
    url: str | None
    url_href: str | None
    """The URL as a link target, only when it may be one (core/links.py: https:, http:,
    mailto: or tel:, a whole address); otherwise it is shown as text."""


@dataclass(frozen=True)
class StageView:
    number: int
    node: str
    """The stage's id: what its case record events name."""
    anchor: str
    title: str
    level: str
    lead: str
    agency: str
    """The lead's agency id, for the case record ("" when not known)."""
    facts: list[Fact]
    timescale: str
    entry_criteria: list[str]
    exclusions: list[str]
    consent: list[str]
    actions: list[ActionRow]
    show_who: bool
    """Whether any action is someone else's than the lead's (else the Who column is dropped)."""
    show_by_when: bool
    rules: list[AlgorithmView]
    evidence: list[EvidenceView]
    guidance: list[str]
    exits: list[ExitRow]
    repeats: str
    """How often the stage recurs ("every 8 weeks for 12 months"), "" when it does not."""
    reviews: list[int]
    """One review block for each time a recurring stage happens (empty when it does not)."""


@dataclass(frozen=True)
class EntryView:
    node: str
    description: str
    leads_to: Link


@dataclass(frozen=True)
class RoleView:
    name: str
    agency: str


@dataclass(frozen=True)
class IndicatorView:
    name: str
    measure: str
    target: str
    measured_at: Link


@dataclass(frozen=True)
class EndView:
    """An outcome (an end of the pathway) or a subpathway the pathway hands over to."""

    title: str
    details: list[str]


@dataclass(frozen=True)
class VarianceCodeView:
    code: str
    meaning: str


@dataclass(frozen=True)
class ChecklistView:
    title: str
    version: str
    record_key: str
    """Where the HTML form keeps what is entered in the browser (pathway id and version)."""
    status_mark: str | None
    """DRAFT (or CONSULTATION DRAFT, ...) on every page when the pathway is not `approved`,
    worded as on the family artefacts (`leaflet_words.status_mark`)."""
    facts: list[Fact]
    map_svg: Markup | None
    how_to_use: tuple[str, ...]
    variance_codes: list[VarianceCodeView]
    entries: list[EntryView]
    stages: list[StageView]
    roles: list[RoleView]
    outcomes: list[EndView]
    subpathways: list[EndView]
    indicators: list[IndicatorView]
    rules: list[AlgorithmView]
    """Every decision rule, printed once at the back: the stages' in stage order, then the rest
    (a `goto` may still start one no stage uses)."""
    variance_log_rows: list[int]
    review: str
    developed: str


# ---- the view model ------------------------------------------------------------------


def checklist_view(ctx: BuildContext, map_svg: str | None = None) -> ChecklistView:
    """Everything the checklist prints, in print order, every name resolved to its words."""
    pathway, program = ctx.pathway, ctx.program
    stages = stages_by_id(pathway)
    numbers = stage_numbers(ctx.program, ctx.graph())
    order = [stages[sid] for sid in sorted(numbers, key=numbers.get) if sid in stages]
    resolver = Resolver.for_program(program, numbers)
    return ChecklistView(
        title=_text(pathway.title, pathway.id.value),
        version=_text(pathway.version),
        record_key=f"pathwaylang-record:{pathway.id.value}:{_text(pathway.version)}",
        status_mark=lw.status_mark(pathway.status.value if pathway.status else None, ["en"]),
        facts=_header_facts(pathway),
        map_svg=_inline_svg(map_svg),
        how_to_use=HOW_TO_USE,
        variance_codes=[VarianceCodeView(c, meaning) for c, meaning in program.variance_codes],
        entries=[EntryView(e.id.value, e.description.value, resolver.link(e.target.value))
                 for e in pathway.entries],
        stages=[_stage_view(stage, numbers[stage.id.value], resolver) for stage in order],
        roles=[RoleView(r.name.value, resolver.agency_name(r.agency)) for r in program.roles],
        outcomes=[_outcome_view(o, resolver) for o in pathway.outcomes],
        subpathways=[_subpathway_view(s, resolver) for s in pathway.subpathways],
        indicators=[_indicator_view(i, resolver) for i in pathway.indicators],
        rules=[algorithm_view(a, resolver) for a in _rules_in_print_order(pathway, order, resolver)],
        variance_log_rows=list(range(1, VARIANCE_LOG_ROWS + 1)),
        review=_date(pathway.review),
        developed=_date(pathway.developed),
    )


def _rules_in_print_order(pathway: m.PathwayFile, order: list[m.Stage],
                          resolver: Resolver) -> list[m.Algorithm]:
    """Each decision rule once: those stages use, by the first stage using it, then the rest."""
    rules: dict[str, m.Algorithm] = {}
    for name in (n.value for stage in order for n in stage.uses):
        if name in resolver.algorithms:
            rules.setdefault(name, resolver.algorithms[name])
    for algorithm in pathway.algorithms:
        rules.setdefault(algorithm.id.value, algorithm)
    return list(rules.values())


def _text(value: m.Text | None, default: str = _NOT_GIVEN) -> str:
    return value.value if value is not None else default


def _date(value: m.DateValue | None) -> str:
    return value.text if value is not None else _NOT_GIVEN


def _header_facts(pathway: m.PathwayFile) -> list[Fact]:
    return [
        Fact("Authority", _text(pathway.authority)),
        Fact("Version", _text(pathway.version)),
        Fact("Status", pathway.status.value if pathway.status else _NOT_GIVEN),
        Fact("Date developed", _date(pathway.developed)),
        Fact("Review date", _date(pathway.review)),
        Fact("Owner", _text(pathway.owner)),
        Fact("Ages", f"{pathway.ages} years" if pathway.ages else _NOT_GIVEN),
    ]


def _stage_view(stage: m.Stage, number: int, resolver: Resolver) -> StageView:
    actions = action_rows(stage, resolver)
    return StageView(
        number=number,
        node=stage.id.value,
        anchor=f"stage-{stage.id.value}",
        title=stage.title.value,
        level=resolver.level_words(stage.level),
        lead=resolver.role_with_agency(stage.lead),
        agency=resolver.agency_of(stage.lead),
        facts=_stage_facts(stage, resolver),
        timescale=str(stage.timescale) if stage.timescale else _NO_TIMESCALE,
        entry_criteria=[t.value for t in stage.entry_criteria],
        exclusions=[t.value for t in stage.exclusions],
        consent=[t.value for t in stage.consent],
        actions=actions,
        show_who=any(a.who != "Stage lead" for a in actions),
        show_by_when=any(a.by_when for a in actions),
        rules=[algorithm_view(resolver.algorithms[name], resolver)
               for name in dict.fromkeys(n.value for n in stage.uses)
               if name in resolver.algorithms],
        evidence=[_evidence_view(resolver.evidence[e.value])
                  for e in stage.evidence if e.value in resolver.evidence],
        guidance=[t.value for t in stage.guidance],
        exits=exit_rows(stage, resolver),
        repeats=str(stage.repeats) if stage.repeats else "",
        reviews=list(range(1, stage.repeats.times + 1)) if stage.repeats else [],
    )


def _stage_facts(stage: m.Stage, resolver: Resolver) -> list[Fact]:
    """Who leads and who else is involved (the level and timescale share a row of their own)."""
    facts = [Fact("Lead", resolver.role_with_agency(stage.lead))]
    if stage.with_roles:
        involved = "; ".join(resolver.role_with_agency(r) for r in stage.with_roles)
        facts.append(Fact("Also involved", involved))
    if stage.repeats is not None:
        facts.append(Fact("Repeats", f"{stage.repeats} ({stage.repeats.times} times)"))
    if stage.ages is not None:
        facts.append(Fact("Ages", f"{stage.ages} years"))
    return facts


def _evidence_view(evidence: m.Evidence) -> EvidenceView:
    details = []
    if evidence.source is not None:
        details.append(evidence.source.value)
    if evidence.ages is not None:
        details.append(f"Ages {evidence.ages} years")
    url = evidence.url.value if evidence.url is not None else None
    return EvidenceView(evidence.name.value, details, url, link_href(url))


def _outcome_view(outcome: m.Outcome, resolver: Resolver) -> EndView:
    details = [f"Level: {resolver.level_words(outcome.level)}"] if outcome.level else []
    return EndView(outcome.title.value, details)


def _subpathway_view(sub: m.Subpathway, resolver: Resolver) -> EndView:
    details = []  # its pathway file's path is the compiler's business, not the reader's
    if sub.rejoin is not None:
        details.append(f"Rejoins this pathway at {resolver.link(sub.rejoin.value).text}")
    return EndView(sub.title.value, details)


def _indicator_view(indicator: m.Indicator, resolver: Resolver) -> IndicatorView:
    at = resolver.link(indicator.at.value) if indicator.at else Link("not given", None)
    return IndicatorView(
        name=indicator.name.value,
        measure=_text(indicator.measure),
        target=indicator.target.text if indicator.target else _NOT_GIVEN,
        measured_at=at,
    )


_SVG_START = re.compile(r"<svg\b")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _inline_svg(svg: str | None) -> Markup | None:
    """The map's SVG, ready to inline in HTML: no XML declaration, doctype or comments.

    The SVG is the process map emitter's output, in which Graphviz has escaped every label.
    """
    if not svg:
        return None
    start = _SVG_START.search(svg)
    if start is None:
        return None
    return Markup(_XML_COMMENT.sub("", svg[start.start():]).strip())


# ---- artefacts -------------------------------------------------------------------------


def _map_svg(ctx: BuildContext) -> str | None:
    """The stage-only glance map as SVG; None without rendering, Graphviz, or room to read it."""
    if not ctx.options.render:
        return None
    from pathwaylang.emit.checklist_map import glance_svg

    numbers = stage_numbers(ctx.program, ctx.graph())
    titles = {stage.id.value: stage.title.value for stage in ctx.pathway.stages}
    return glance_svg(numbers, titles, ctx.graph(),
                      f"The stages of {_text(ctx.pathway.title, ctx.pathway.id.value)} at a glance")


def checklist_html(view: ChecklistView) -> str:
    return render("checklist.html.j2", checklist=view)


def checklist_markdown(view: ChecklistView) -> str:
    return render("checklist.md.j2", checklist=view)


def artefacts(ctx: BuildContext):
    view = checklist_view(ctx, _map_svg(ctx))
    html = checklist_html(view)
    yield "checklist.html", html
    if ctx.options.wants("checklist.md"):
        yield "checklist.md", checklist_markdown(view)
    if ctx.options.renders("pdf"):
        pdf = _checklist_pdf(ctx, html)
        if pdf is not None:
            yield "checklist.pdf", pdf


def _checklist_pdf(ctx: BuildContext, html: str):
    """The PDF; None, with a notice, when WeasyPrint or the Pango it needs cannot load. In a
    build, a job the build renders beside the other PDFs (emit/pdf.py)."""
    from pathwaylang.emit.pdf import PdfDocument, html_to_pdf, queue_pdf

    unavailable = ("WeasyPrint could not run ({error}), so checklist.pdf was not made; "
                   "install Pango (scripts/setup.sh, as root)")
    job = queue_pdf(ctx, PdfDocument(html, _produced_date(ctx.pathway)), unavailable)
    if job is not None:
        return job.artefact()
    try:
        return html_to_pdf(html, _produced_date(ctx.pathway))
    except (ImportError, OSError) as err:
        ctx.notice(unavailable.format(error=err))
        return None


def _produced_date(pathway: m.PathwayFile):
    """The PDF's date: the pathway's `developed` date, else its review date, never the clock."""
    for value in (pathway.developed, pathway.review):
        if value is not None and value.value is not None:
            return value.value
    return None
