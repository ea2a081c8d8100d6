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
from pathwaylang.analysis.ordering import record_order, stages_by_id
from pathwaylang.core.links import link_href
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
    "Keep this record with the family's file. It is the record of the family's journey "
    "through the pathway: it replaces other paperwork for these steps, it does not add to it.",
    "Write the service user's name and identifier in the boxes at the top of every page.",
    "Work through the stages the family uses, in the order they happen. "
    "Write \"not applicable\" across a stage the family does not reach.",
    "For each action, the Who column says who is accountable. When it is done, tick Done "
    "and write the date and your name, designation and signature.",
    "Before you start a stage, tick the entry criteria that apply and check that no "
    "exclusion applies.",
    "Where a decision rule is used, tick the answer at each numbered step and follow what it says.",
    "Whenever the family's care departs from the pathway (a step is missed, late or done "
    "differently), write it in the stage's variance record: a variance code from the table "
    "below, what happened, why, and the action taken.",
    "When the family leaves a stage, tick the exit criterion that applied. "
    "STEP UP \u25b2 means more intensive support, STEP DOWN \u25bc means less.",
    "Sign off each stage when the family leaves it.",
    "The indicators at the end are counted across all families, "
    "never used to judge one practitioner.",
)

VARIANCE_ROWS = 3
"""Blank rows in each stage's variance record."""

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
    anchor: str
    title: str
    level: str
    timescale: str
    facts: list[Fact]
    entry_criteria: list[str]
    exclusions: list[str]
    consent: list[str]
    actions: list[ActionRow]
    algorithms: list[AlgorithmView]
    evidence: list[EvidenceView]
    guidance: list[str]
    exits: list[ExitRow]


@dataclass(frozen=True)
class EntryView:
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
    facts: list[Fact]
    map_svg: Markup | None
    how_to_use: tuple[str, ...]
    variance_codes: list[VarianceCodeView]
    variance_code_list: str
    variance_rows: list[int]
    entries: list[EntryView]
    stages: list[StageView]
    roles: list[RoleView]
    outcomes: list[EndView]
    subpathways: list[EndView]
    indicators: list[IndicatorView]
    other_algorithms: list[AlgorithmView]
    """The pathway's own decision rules that no stage uses (a `goto` may still start them)."""
    review: str
    developed: str


# ---- the view model ------------------------------------------------------------------


def checklist_view(ctx: BuildContext, map_svg: str | None = None) -> ChecklistView:
    """Everything the checklist prints, in print order, every name resolved to its words."""
    pathway, program = ctx.pathway, ctx.program
    stages = stages_by_id(pathway)
    order = record_order(ctx.program, ctx.graph())
    resolver = Resolver.for_program(program, order)
    version = _text(pathway.version)
    codes = [VarianceCodeView(code, meaning) for code, meaning in program.variance_codes]
    return ChecklistView(
        title=_text(pathway.title, pathway.id.value),
        version=version,
        facts=_header_facts(pathway),
        map_svg=_inline_svg(map_svg),
        how_to_use=HOW_TO_USE,
        variance_codes=codes,
        variance_code_list=", ".join(c.code for c in codes),
        variance_rows=list(range(1, VARIANCE_ROWS + 1)),
        entries=[EntryView(e.description.value, resolver.link(e.target.value))
                 for e in pathway.entries],
        stages=[_stage_view(stages[sid], n, resolver) for n, sid in enumerate(order, 1)],
        roles=[RoleView(r.name.value, resolver.agency_name(r.agency)) for r in program.roles],
        outcomes=[_outcome_view(o, resolver) for o in pathway.outcomes],
        subpathways=[_subpathway_view(s, resolver) for s in pathway.subpathways],
        indicators=[_indicator_view(i, resolver) for i in pathway.indicators],
        other_algorithms=[algorithm_view(a, resolver) for a in _unused_algorithms(pathway)],
        review=_date(pathway.review),
        developed=_date(pathway.developed),
    )


def _unused_algorithms(pathway: m.PathwayFile) -> list[m.Algorithm]:
    used = {name.value for stage in pathway.stages for name in stage.uses}
    unused: dict[str, m.Algorithm] = {}
    for algorithm in pathway.algorithms:
        if algorithm.id.value not in used:
            unused.setdefault(algorithm.id.value, algorithm)
    return list(unused.values())


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
    return StageView(
        number=number,
        anchor=f"stage-{stage.id.value}",
        title=stage.title.value,
        level=resolver.level_words(stage.level),
        timescale=str(stage.timescale) if stage.timescale else _NO_TIMESCALE,
        facts=_stage_facts(stage, resolver),
        entry_criteria=[t.value for t in stage.entry_criteria],
        exclusions=[t.value for t in stage.exclusions],
        consent=[t.value for t in stage.consent],
        actions=action_rows(stage, resolver),
        algorithms=[algorithm_view(resolver.algorithms[a.value], resolver)
                    for a in stage.uses if a.value in resolver.algorithms],
        evidence=[_evidence_view(resolver.evidence[e.value])
                  for e in stage.evidence if e.value in resolver.evidence],
        guidance=[t.value for t in stage.guidance],
        exits=exit_rows(stage, resolver),
    )


def _stage_facts(stage: m.Stage, resolver: Resolver) -> list[Fact]:
    facts = [
        Fact("Level", resolver.level_words(stage.level)),
        Fact("Lead", resolver.role_with_agency(stage.lead)),
    ]
    if stage.with_roles:
        involved = "; ".join(resolver.role_with_agency(r) for r in stage.with_roles)
        facts.append(Fact("Also involved", involved))
    facts.append(Fact("Timescale", str(stage.timescale) if stage.timescale else _NO_TIMESCALE))
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
    details = []
    if sub.file is not None:
        details.append(f"Its own pathway file: {sub.file.value}")
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
    """The whole map as SVG from the process map emitter; None without it or without `dot`."""
    if not ctx.options.render:
        return None
    try:
        from pathwaylang.emit.process_map import map_svg
    except ImportError:
        return None
    return map_svg(ctx)


def checklist_html(view: ChecklistView) -> str:
    return render("checklist.html.j2", checklist=view)


def checklist_markdown(view: ChecklistView) -> str:
    return render("checklist.md.j2", checklist=view)


def artefacts(ctx: BuildContext):
    view = checklist_view(ctx, _map_svg(ctx))
    html = checklist_html(view)
    yield "checklist.html", html
    yield "checklist.md", checklist_markdown(view)
    if ctx.options.renders("pdf"):
        pdf = _checklist_pdf(ctx, html)
        if pdf is not None:
            yield "checklist.pdf", pdf


def _checklist_pdf(ctx: BuildContext, html: str):
    """The PDF; None, with a notice, when WeasyPrint or the Pango it needs cannot load. In a
    build, a job the build renders beside the other PDFs (emit/pdf.py)."""
    from pathwaylang.emit.pdf import html_to_pdf, queue_pdf

    job = queue_pdf(ctx, html, _produced_date(ctx.pathway), unavailable=(
        "WeasyPrint could not run ({error}), so checklist.pdf was not made; "
        "install Pango (scripts/setup.sh, as root)"))
    if job is not None:
        return job.artefact()
    try:
        return html_to_pdf(html, _produced_date(ctx.pathway))
    except (ImportError, OSError) as err:
        ctx.notice(f"WeasyPrint could not run ({err}), so checklist.pdf was not made; "
                   "install Pango (scripts/setup.sh, as root)")
        return None


def _produced_date(pathway: m.PathwayFile):
    """The PDF's date: the pathway's `developed` date, else its review date, never the clock."""
    for value in (pathway.developed, pathway.review):
        if value is not None and value.value is not None:
            return value.value
    return None
