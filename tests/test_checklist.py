"""The practitioner checklist (emit/checklist.py): content, order, escaping, golden files, PDF.

Golden files live in `tests/golden/<example>/checklist.{html,md}`; `PWY_UPDATE_GOLDEN=1
pytest tests/test_checklist.py` rewrites them (read the diff). They are built without the
map (`render=False`), so they do not depend on the installed Graphviz.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import REPO, check_path
from golden_files import assert_golden
from pathwaylang.emit import build as build_module
from pathwaylang import model as m
from pathwaylang.emit.build import make_artefacts
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import checklist
from pathwaylang.analysis.ordering import stage_numbers
from pathwaylang.emit.pathway_json import pathway_document
from fuzzing import pathways
from pathwaylang.emit.markdown import escape_markdown

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
PATHWAYS = [FIXTURE, *EXAMPLES]
GOLDEN = REPO / "tests" / "golden"


# ---- helpers ------------------------------------------------------------------------------


def _context(path: Path, render: bool = False) -> BuildContext:
    report = check_path(path)
    assert not report.has_errors, [d.message for d in report.diagnostics]
    return BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=render))


def _text_outputs(ctx: BuildContext) -> tuple[str, str]:
    view = checklist.checklist_view(ctx)
    return checklist.checklist_html(view), checklist.checklist_markdown(view)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Page(HTMLParser):
    """Text and elements of an HTML page, as a browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return _squash(" ".join(self.chunks))


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _markdown_tokens(md: str):
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    for token in tokens:
        yield token
        yield from token.children or ()


def _markdown_text(md: str) -> str:
    """The words a reader sees in the rendered Markdown."""
    parts = [t.content for t in _markdown_tokens(md) if t.type in ("text", "code_inline")]
    return _squash(" ".join(parts))


def _program_texts(program: m.Program) -> list[str]:
    """Every action, criterion, role, variance code and indicator a checklist must show."""
    pathway = program.root
    texts = [r.name.value for r in program.roles]
    for code, meaning in program.variance_codes:
        texts += [code, meaning]
    texts += [e.description.value for e in pathway.entries]
    for stage in pathway.stages:
        texts.append(stage.title.value)
        texts += [t.value for t in stage.entry_criteria + stage.exclusions + stage.consent]
        texts += [a.text.value for a in stage.actions]
        texts += [t.when.value for t in stage.transitions if t.when is not None]
        texts += [g.value for g in stage.guidance]
        if stage.timescale is not None:
            texts.append(str(stage.timescale))
    algorithms = {a.id.value: a for a in program.algorithms}
    shown = [algorithms[n.value] for s in pathway.stages for n in s.uses] + pathway.algorithms
    for algorithm in shown:
        for question in algorithm.questions:
            texts.append(question.text.value)
            texts += [a.step.action.value for a in question.answers if a.step.action]
    for indicator in pathway.indicators:
        texts.append(indicator.name.value)
        if indicator.measure is not None:
            texts.append(indicator.measure.value)
        if indicator.target is not None:
            texts.append(indicator.target.text)
    texts += [o.title.value for o in pathway.outcomes]
    return [_squash(t) for t in texts]


# ---- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_golden_html_and_markdown(path):
    html, md = _text_outputs(_context(path))
    folder = GOLDEN / path.stem
    for name, text in (("checklist.html", html), ("checklist.md", md)):
        assert_golden(folder / name, text)


def test_output_is_deterministic():
    first = _text_outputs(_context(FIXTURE))
    second = _text_outputs(_context(FIXTURE))
    assert first == second


# ---- content -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_everything_in_the_source_appears(path):
    ctx = _context(path)
    html, md = _text_outputs(ctx)
    html_text, md_text = _page(html).text, _markdown_text(md)
    expected = _program_texts(ctx.program)
    assert len(expected) > 20
    missing_html = [t for t in expected if t not in html_text]
    missing_md = [t for t in expected if t not in md_text]
    assert not missing_html, missing_html
    assert not missing_md, missing_md


RULE_FIXTURES = sorted((REPO / "tests" / "rules").glob("*/valid-*.pwy"))


def _numbering_faults(ctx: BuildContext) -> list[str]:
    """Stages numbered before every stage that leads into them (through subpathways)."""
    graph = ctx.graph()
    numbers = stage_numbers(ctx.program, graph)
    stages = [s.id.value for s in ctx.pathway.stages]
    faults = [] if sorted(numbers.values()) == list(range(1, len(stages) + 1)) else ["numbers"]
    entered = {e.target.value for e in ctx.pathway.entries}
    for stage in stages:
        if stage not in entered and not any(
                numbers[p] < numbers[stage] for p in _stages_leading_into(graph, stage)):
            faults.append(stage)
    return faults


def _stages_leading_into(graph, node: str) -> set[str]:
    """The stages with a move into `node`, looking through subpathways (loops contracted)."""
    found, seen, todo = set(), {node}, [node]
    while todo:
        for before in graph.predecessors(todo.pop()):
            kind = graph.nodes[before]["kind"]
            if kind == "stage":
                found.add(before)
            elif kind == "subpathway" and before not in seen:
                seen.add(before)
                todo.append(before)
    return found


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_stages_are_numbered_in_journey_order(path):
    """Every stage no entry leads to has a higher number than a stage leading into it."""
    assert _numbering_faults(_context(path)) == []


def test_rule_fixtures_that_build_are_numbered_in_journey_order():
    built = {}
    for path in RULE_FIXTURES:
        report = check_path(path)
        if not report.has_errors:
            built[path.stem] = _numbering_faults(BuildContext(
                program=report.program, subpathways=report.subpathways,
                options=BuildOptions(render=False)))
    assert len(built) >= 10
    assert {name: faults for name, faults in built.items() if faults} == {}


@settings(max_examples=40, deadline=None)
@given(pathways())
def test_generated_pathways_are_numbered_in_journey_order(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.pwy"
        path.write_text(text, encoding="utf-8")
        assert _numbering_faults(_context(path)) == []


def test_the_same_numbers_in_the_checklist_and_pathway_json():
    ctx = _context(REPO / "examples" / "dylanshire.pwy")
    numbers = stage_numbers(ctx.program, ctx.graph())
    view = checklist.checklist_view(ctx)
    assert {s.anchor.removeprefix("stage-"): s.number for s in view.stages} == numbers
    document = pathway_document(ctx)
    assert {s["id"]["value"]: s["number"] for s in document["root"]["stages"]} == numbers
    # The review's complaints: statutory assessment came after the plan it leads to, and
    # child protection (an entry's stage) came before the universal stages.
    assert numbers["social_services_assessment"] < numbers["care_and_support_plan"]
    assert numbers["universal_support"] < numbers["child_protection_enquiry"]


def test_fixture_stage_order_and_numbers():
    ctx = _context(FIXTURE)
    view = checklist.checklist_view(ctx)
    assert [s.anchor for s in view.stages] == [
        "stage-identify", "stage-universal_support", "stage-team_around_family",
        "stage-child_protection"]
    assert [s.number for s in view.stages] == [1, 2, 3, 4]


def test_actions_say_who_and_by_when():
    view = checklist.checklist_view(_context(FIXTURE))
    rows = view.stages[0].actions
    assert [(r.who, r.by_when) for r in rows] == [
        ("Stage lead", ""),
        ("Stage lead", "within 20 working days"),
        ("The family", ""),
    ]
    assert view.stages[0].show_who and view.stages[0].show_by_when
    team = view.stages[2]
    facts = [(f.label, f.value) for f in team.facts]
    assert ("Also involved", "Health visitor (Health Board); "
            "Social worker (Children's Social Services)") in facts


def test_exits_are_marked_and_lead_somewhere():
    view = checklist.checklist_view(_context(FIXTURE))
    exits = {(e.marker, e.leads_to.text) for s in view.stages for e in s.exits}
    assert ("STEP UP \u25b2", "stage 4: Child protection enquiries") in exits
    assert ("STEP DOWN \u25bc", "stage 3: Team Around the Family") in exits
    assert ("EXIT", "end: Child becomes looked after") in exits


def test_algorithm_is_numbered_decision_steps():
    view = checklist.checklist_view(_context(FIXTURE))
    (algorithm,) = view.stages[0].rules
    assert [s.label for s in algorithm.steps] == ["Q1", "Q2"]
    assert [(a.answer, a.then) for a in algorithm.steps[0].answers] == [
        ("yes", "go to Q2"),
        ("no", "do this: Carry on supporting the family in your own service"),
    ]
    assert [(a.answer, a.then) for a in algorithm.steps[1].answers] == [
        ("yes", "go to stage 4: Child protection enquiries"),
        ("no", "go to stage 1: Identify additional needs"),
    ]


def test_library_definitions_resolve():
    """Roles, evidence, algorithms and variance codes from a `use`d library are printed."""
    with_library = [p for p in EXAMPLES if "use " in p.read_text(encoding="utf-8")]
    if not with_library:
        pytest.skip("no example uses a library")
    ctx = _context(with_library[0])
    assert ctx.program.libraries
    html = _page(_text_outputs(ctx)[0]).text
    library = ctx.program.libraries[0]
    for role in library.roles:
        assert role.name.value in html
    if library.variance is not None:
        for code in library.variance.codes:
            assert code.meaning.value in html
    used = {n.value for s in ctx.pathway.stages for n in s.uses + s.evidence}
    for algorithm in library.algorithms:
        if algorithm.id.value in used:
            assert _squash(algorithm.questions[0].text.value) in html
    for evidence in library.evidence:
        if evidence.id.value in used:
            assert evidence.name.value in html


def test_cover_carries_the_record_fields():
    html, md = _text_outputs(_context(FIXTURE))
    text = _page(html).text
    for words in ("Dylanshire County Council", "1.2.0", "approved", "2011-09-01", "2030-09-01",
                  "Families First Pathway Project Team", "How to use this record",
                  "Variance codes", "Service user name", "Identifier"):
        assert words in text
        assert words in _markdown_text(md)
    assert "page \" counter(page) \" of \" counter(pages)" in html
    assert "size: A4 portrait" in html


def test_registered_as_a_producer():
    assert "pathwaylang.emit.checklist" in build_module.PRODUCERS
    made = make_artefacts(_context(FIXTURE))
    assert {"checklist.html", "checklist.md"} <= set(made)
    assert "checklist.pdf" not in made  # render=False writes text artefacts only


def test_no_pdf_and_a_notice_when_weasyprint_cannot_load(monkeypatch):
    import pathwaylang.emit.pdf as pdf

    def broken(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    monkeypatch.setattr(checklist, "_map_svg", lambda ctx: None)
    ctx = _context(FIXTURE, render=True)
    made = dict(checklist.artefacts(ctx))
    assert set(made) == {"checklist.html", "checklist.md"}
    assert any("checklist.pdf was not made" in n for n in ctx.notices)


def _need_dot():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")


def test_the_glance_map_is_the_stages_only_and_inlined():
    _need_dot()
    ctx = _context(FIXTURE, render=True)
    svg = checklist._map_svg(ctx)
    assert svg
    html = checklist.checklist_html(checklist.checklist_view(ctx, svg))
    page = _page(html)
    assert [t for t, _ in page.tags].count("svg") == 1
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    boxes = re.findall(r'<g id="glance-([a-z_]+)" class="node">', svg)
    assert sorted(boxes) == sorted(s.id.value for s in ctx.pathway.stages)
    assert "1. Identify additional needs" in page.text
    assert "s_identify" not in svg  # Graphviz's node names are not shown, even as tooltips
    assert "process-map.pdf" in checklist.checklist_markdown(checklist.checklist_view(ctx, svg))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_glance_map_prints_its_titles_at_9pt_or_more(path):
    from pathwaylang.emit.checklist_map import FONT_PT, MIN_PRINTED_PT, printed_scale

    _need_dot()
    svg = checklist._map_svg(_context(path, render=True))
    assert svg, "the examples' glance maps fit their page"
    width, height = (float(v) for v in re.search(
        r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    view_box = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    printed = FONT_PT * width / view_box[2]
    assert printed >= MIN_PRINTED_PT and abs(height / view_box[3] - width / view_box[2]) < 0.01
    assert printed_scale('<svg width="4000pt" height="100pt"') * FONT_PT < MIN_PRINTED_PT


def test_a_map_too_big_to_read_is_replaced_by_a_reference():
    from pathwaylang.emit.checklist_map import readable_svg

    drawn = '<svg xmlns="http://www.w3.org/2000/svg" width="3000pt" height="900pt"></svg>'
    assert readable_svg(drawn, "Map", {}) is None
    ctx = _context(FIXTURE)
    html = checklist.checklist_html(checklist.checklist_view(ctx, None))
    assert "The map of the whole pathway, with every route's criterion, is process-map.pdf" \
        in _page(html).text


# ---- hostile text -------------------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %}",
    "link": "[click](javascript:alert(1))",
    "image": "![x](http://example.com/x.png)",
    "pipe": "left | right || both",
    "html": "<img src=x onerror=alert(2)> &amp; &lt;b&gt;",
    "markup": "*em* _em_ **strong** `code` ~~gone~~ \\escaped",
    "heading": "# Not a heading",
    "list": "1. not a list",
    "quote": "> not a quote",
    "autolink": "<http://example.com/auto>",
}


def _hostile_pathway() -> str:
    s = {k: v.replace("\\", "\\\\").replace('"', '\\"') for k, v in HOSTILE.items()}
    return f'''
pathway hostile "{s['script']} {s['heading']}" {{
  authority "{s['html']}"
  version "{s['list']}"
  owner "{s['quote']}"
  levels {{
    low "{s['markup']}" domain prevention
    high "High {s['pipe']}" domain protection
  }}
  agency a "{s['link']}"
  role worker "{s['image']}" at a
  evidence ev "{s['jinja']}" {{ source "{s['autolink']}" url "javascript:alert(3)" }}
  entry door "{s['pipe']}" -> first
  entry door2 "{s['heading']}" -> first
  stage first "{s['jinja']}" {{
    level low
    lead worker
    entry when "{s['link']}"
    exclude when "{s['image']}"
    consent "{s['script']}"
    action "{s['pipe']}" by worker within 2 days
    action "{s['markup']}\\n{s['heading']}"
    action "{s['html']}" by family
    uses rule
    evidence ev
    guidance "{s['autolink']}"
    step up to second when "{s['list']}"
    exit to done when "{s['quote']}"
  }}
  stage second "{s['link']}" {{
    level high
    lead worker
    entry when "{s['image']}"
    step down to first when "{s['script']}"
  }}
  outcome done "{s['image']}" {{ level low }}
  algorithm rule "{s['script']}" {{
    ask q "{s['link']}" {{
      yes -> do "{s['image']}"
      no -> goto second
    }}
  }}
  indicator ind "{s['pipe']}" {{ measure "{s['link']}" target 50% at first }}
  variance {{
    X "{s['script']}"
    Y "{s['pipe']}"
  }}
}}
'''


@pytest.fixture
def hostile(check_text):
    # invalid-url off: the emitter itself must never link the `javascript:` URL
    report = check_text(_hostile_pathway(), name="hostile.pwy",
                        severities={"invalid-url": "off"})
    assert not report.has_errors, [d.message for d in report.diagnostics]
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    return ctx, *_text_outputs(ctx)


def test_hostile_text_stays_text_in_html(hostile):
    ctx, html, _ = hostile
    _assert_html_holds_no_markup_from_text(ctx, html)


def test_hostile_text_stays_text_in_the_inlined_map(check_text):
    process_map = pytest.importorskip("pathwaylang.emit.process_map")
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    report = check_text(_hostile_pathway(), name="hostile.pwy")
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions())
    svg = checklist._map_svg(ctx)
    assert svg and process_map
    html = checklist.checklist_html(checklist.checklist_view(ctx, svg))
    assert "<svg" in html
    _assert_html_holds_no_markup_from_text(ctx, html)


def _assert_html_holds_no_markup_from_text(ctx: BuildContext, html: str) -> None:
    page = _page(html)
    tags = [tag for tag, _ in page.tags]
    # one script: the form's own, inline (nothing loaded from elsewhere)
    assert tags.count("script") == 1 and "img" not in tags
    assert all("src" not in attrs for tag, attrs in page.tags if tag == "script")
    assert html.count("<script>") == 1
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript"), attrs
    for value in HOSTILE.values():
        assert _squash(value) in page.text
    assert "49" not in page.text
    assert "javascript:alert(3)" in page.text  # the URL is shown, never linked
    for expected in _program_texts(ctx.program):
        assert expected in page.text


def test_hostile_text_stays_text_in_markdown(hostile):
    ctx, _, md = hostile
    kinds = {t.type for t in _markdown_tokens(md)}
    for markup in ("link_open", "image", "html_inline", "html_block", "em_open", "s_open",
                   "code_inline", "code_block", "fence"):
        assert markup not in kinds, markup
    headings = [t for t in _markdown_tokens(md) if t.type == "heading_open"]
    fixed_headings = md.count("\n## ") + md.count("\n### ") + 1
    assert len(headings) == fixed_headings
    text = _markdown_text(md)
    for value in HOSTILE.values():
        assert _squash(value) in text, value
    for expected in _program_texts(ctx.program):
        assert expected in text
    assert "{{" not in md and "{%" not in md  # Liquid-based wikis would run these


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .\n\t#>-+=*_`[]()!<>|&~{}\\:;/")), max_size=40))
def test_escaped_markdown_renders_as_its_text(value):
    rendered = MarkdownIt("commonmark").enable("table").render(escape_markdown(value))
    expected = html_lib.escape(_squash(value), quote=False)
    body = re.sub(r"^<p>|</p>\n$", "", rendered)
    assert body == expected or (not expected and rendered == "")


# ---- PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_pdf():
    pytest.importorskip("weasyprint")
    ctx = _context(FIXTURE, render=True)
    made = dict(checklist.artefacts(ctx))
    return ctx, made


def _poppler(tool: str, pdf: bytes, tmp_path: Path, *options: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    path = tmp_path / "checklist.pdf"
    path.write_bytes(pdf)
    arguments = [tool, *options, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(arguments, check=True, capture_output=True, text=True).stdout


def _pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    return _poppler("pdftotext", pdf, tmp_path, *options)


def test_pdf_is_byte_identical_across_builds(fixture_pdf, tmp_path):
    ctx, made = fixture_pdf
    again = dict(checklist.artefacts(_context(FIXTURE, render=True)))
    assert made["checklist.pdf"].startswith(b"%PDF")
    assert again["checklist.pdf"] == made["checklist.pdf"]
    info = _poppler("pdfinfo", made["checklist.pdf"], tmp_path, "-isodates")
    # Dated from the pathway's `developed` date, not the clock.
    assert re.search(r"CreationDate:\s+2011-09-01T00:00:00", info), info


def test_every_pdf_page_carries_the_service_user_fields_and_version(fixture_pdf, tmp_path):
    _, made = fixture_pdf
    pages = _pdftotext(made["checklist.pdf"], tmp_path).split("\f")[:-1]
    assert len(pages) > 4
    for number, page in enumerate(pages, 1):
        text = _squash(page)
        assert "Service user name:" in text, number
        assert "Identifier:" in text, number
        assert "Dylanshire Family Support Pathway \u00b7 version 1.2.0" in text, number
        assert f"page {number} of {len(pages)}" in text, number


def test_pdf_is_a4_and_no_text_is_under_12pt(fixture_pdf, tmp_path):
    _, made = fixture_pdf
    boxes = _pdftotext(made["checklist.pdf"], tmp_path, "-bbox")
    sizes = [(round(float(w)), round(float(h)))
             for w, h in re.findall(r'<page width="([\d.]+)" height="([\d.]+)"', boxes)]
    # A4 portrait, in points, but for the glance map's A4 landscape page
    assert set(sizes) == {(595, 842), (842, 595)} and sizes.count((842, 595)) == 1
    pages = boxes.split("<page ")[1:]
    small_on = []
    for number, page in enumerate(pages, 1):
        words = re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)<', page)
        assert words, number
        # A word's box is the font's ascent plus descent: 1.164 em in DejaVu Sans.
        if min(float(y1) - float(y0) for y0, y1, _ in words) < 12 * 1.16:
            small_on.append((number, " ".join(w for _, _, w in words)))
    # Only the drawn map, scaled to fit its page, may have smaller text: 9 pt at the least.
    map_page = sizes.index((842, 595)) + 1
    assert all(number == map_page for number, _ in small_on), small_on
    words = re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', pages[map_page - 1])
    assert min(float(y1) - float(y0) for y0, y1 in words) >= 9 * 1.16


@pytest.mark.parametrize("path", [FIXTURE, REPO / "examples" / "dylanshire.pwy"],
                         ids=lambda p: p.stem)
def test_no_cover_page_is_left_mostly_empty(path, tmp_path):
    """The cover's parts (record fields, variance codes, ways in, journey summary) run on
    from page to page: none of those pages before the glance map ends in its top third
    (dylanshire once printed a page holding one row of the ways-in table)."""
    pytest.importorskip("weasyprint")
    pdf = dict(checklist.artefacts(_context(path, render=True)))["checklist.pdf"]
    pages = _pdftotext(pdf, tmp_path, "-bbox").split("<page ")[1:]
    landscape = next(i for i, page in enumerate(pages) if 'width="841' in page[:40]
                     or 'width="842' in page[:40])
    for number, page in enumerate(pages[:landscape - 1], 1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in bottoms if y < height - 60]  # the running footer left out
        assert max(body) > height / 3, f"page {number} of {path.name}'s checklist is mostly empty"


def test_a_decision_rule_no_stage_uses_is_still_printed(check_text):
    report = check_text('''
pathway small "Small" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry door "A family asks" -> help
  entry door2 "A school asks" -> help
  stage help "Help" {
    level low
    lead worker
    entry when "Asked"
    action "Help the family"
    exit to done when "Helped"
  }
  outcome done "Done" { level low }
  algorithm spare "A rule no stage names" {
    ask first "Is it raining?" {
      yes -> goto help
      no -> do "Go outside"
    }
  }
}
''')
    assert not report.has_errors, [d.message for d in report.diagnostics]
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    view = checklist.checklist_view(ctx)
    assert [a.title for a in view.rules] == ["A rule no stage names"]
    html, md = _text_outputs(ctx)
    for text in (_page(html).text, _markdown_text(md)):
        assert "Decision rules" in text
        assert "Is it raining?" in text and "go to stage 1: Help" in text


# ---- the working record ---------------------------------------------------------------------


def _names(page: _Page) -> list[str]:
    return [attrs["name"] for _, attrs in page.tags if "name" in attrs]


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_journey_summary_has_a_row_per_stage_with_dates_and_lead(path):
    ctx = _context(path)
    html = _text_outputs(ctx)[0]
    summary = html[html.index('<table class="summary">'):]
    summary = summary[:summary.index("</table>")]
    rows = re.findall(r"<tr>.*?</tr>", summary[summary.index("<tbody>"):], re.DOTALL)
    numbers = stage_numbers(ctx.program, ctx.graph())
    assert len(rows) == len(numbers)
    for row, stage_id in zip(rows, sorted(numbers, key=numbers.get)):
        for field in ("lead", "in", "out"):
            assert f'name="{stage_id}:{field}"' in row
        assert f'href="#stage-{stage_id}"' in row and 'class="page-ref"' in row
    assert "a.page-ref::after" in html and "target-counter(attr(href), page)" in html


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_each_decision_rule_is_printed_once_and_stages_refer_to_it(path):
    ctx = _context(path)
    html, md = _text_outputs(ctx)
    for algorithm in {a.id.value: a for a in ctx.program.algorithms}.values():
        used = any(n.value == algorithm.id.value for s in ctx.pathway.stages for n in s.uses)
        if algorithm in ctx.pathway.algorithms or used:
            assert html.count(f'id="rule-{algorithm.id.value}"') == 1
            assert _squash(html).count(_squash(html_lib.escape(
                algorithm.questions[0].text.value, quote=True))) == 1
    for stage in ctx.pathway.stages:
        for name in stage.uses:
            assert f'href="#rule-{name.value}"' in html


@pytest.mark.parametrize("path", PATHWAYS, ids=lambda p: p.stem)
def test_variance_is_ticked_per_stage_and_logged_at_the_back(path):
    ctx = _context(path)
    html, md = _text_outputs(ctx)
    names = _names(_page(html))
    for stage in ctx.pathway.stages:
        assert f"{stage.id.value}:novariance" in names
    rows = {n.split(":")[0] for n in names if re.fullmatch(r"v\d+:code", n)}
    assert len(rows) >= 20
    log = html[html.index('id="variance-log"'):]
    for column in ("Date", "Stage no.", "Code", "What happened", "Why", "Action taken",
                   "Initials"):
        assert f">{column}</th>" in log
    assert md.count("\n| | | | | | | |") >= 20
    assert "meanings on the first page" not in html
    assert 'href="#variance-log"' in html and 'href="#variance-codes"' in html


def test_actions_carry_done_date_and_initials_in_their_own_row():
    ctx = _context(FIXTURE)
    html = _text_outputs(ctx)[0]
    row = re.search(r'<tr data-action="1".*?</tr>', html, re.DOTALL).group(0)
    for field in ("done", "date", "by"):
        assert f'name="identify:a1:{field}"' in row


def test_empty_columns_are_dropped(check_text):
    report = check_text('''
pathway small "Small" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry door "A family asks" -> help
  stage help "Help" {
    level low
    lead worker
    entry when "Asked"
    action "Help the family"
    action "Ring back"
    exit to done when "Helped"
  }
  outcome done "Done" { level low }
}
''')
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    html, md = _text_outputs(ctx)
    actions = html[html.index('<table class="actions">'):]
    actions = actions[:actions.index("</table>")]
    assert ">Who<" not in actions and ">By when<" not in actions
    assert "(each is the stage lead's)" in html
    assert "| # | Action | Done | Date | Initials |" in md


def test_no_file_paths_reach_the_page():
    ctx = _context(REPO / "examples" / "kentigernshire.pwy")
    assert any(s.file is not None for s in ctx.pathway.subpathways)
    html, md = _text_outputs(ctx)
    for text in (_page(html).text, _markdown_text(md)):
        assert ".pwy" not in text and "subpathways/" not in text


def _draft(check_text, status: str) -> BuildContext:
    report = check_text(f'''
pathway small "Small" {{
  status {status}
  levels {{ low "Low" domain prevention }}
  role worker "Worker"
  entry door "A family asks" -> help
  stage help "Help" {{
    level low
    lead worker
    entry when "Asked"
    action "Help the family"
    exit to done when "Helped"
  }}
  outcome done "Done" {{ level low }}
}}
''')
    return BuildContext(program=report.program, subpathways=report.subpathways,
                        options=BuildOptions(render=True))


def test_a_draft_is_marked_on_every_page_and_the_pdf_is_tagged(check_text, tmp_path):
    pytest.importorskip("weasyprint")
    made = dict(checklist.artefacts(_draft(check_text, "draft")))
    pages = _pdftotext(made["checklist.pdf"], tmp_path).split("\f")[:-1]
    assert len(pages) > 3
    assert all("DRAFT" in page for page in pages)
    assert "**DRAFT**" in made["checklist.md"]
    info = _poppler("pdfinfo", made["checklist.pdf"], tmp_path)
    assert re.search(r"Tagged:\s+yes", info), info
    approved = dict(checklist.artefacts(_draft(check_text, "approved")))
    assert "DRAFT" not in _pdftotext(approved["checklist.pdf"], tmp_path)


def test_page_references_name_the_real_page(fixture_pdf, tmp_path):
    _, made = fixture_pdf
    pages = _pdftotext(made["checklist.pdf"], tmp_path).split("\f")[:-1]
    text = _squash(" ".join(pages))
    for title, heading in (("Identify additional needs", "Stage 1: Identify additional needs"),
                           ("Team Around the Family", "Stage 3: Team Around the Family")):
        page = int(re.search(re.escape(title) + r" \(page (\d+)\)", text).group(1))
        assert heading in _squash(pages[page - 1])
    log = int(re.search(r"variance log \(page (\d+)\)", text).group(1))
    assert _squash(pages[log - 1]).split("Identifier:")[1].strip().startswith("Variance log")
