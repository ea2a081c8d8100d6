"""Family leaflets (emit/leaflet.py): words, plurals, journey order, content, escaping, golden HTML.

Golden files live in `tests/golden/<example>/leaflet*.html`; `PWY_UPDATE_GOLDEN=1 pytest`
regenerates them. The real-browser checks are in test_leaflet_browser.py.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, check_path, run_pwy
from golden_files import assert_golden
from hostile import NASTY
from leaflet_samples import ONE_LANGUAGE, hostile_family_pathway
from pathwaylang.analysis.ordering import journey_order
from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import leaflet
from pathwaylang.emit import leaflet_glossary as lg
from pathwaylang.emit import leaflet_words as lw
from pathwaylang.icons import ALT_TEXT

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
EXAMPLES = {path.stem: path for path in sorted((REPO / "examples").glob("*.pwy"))}
SOURCES = {"valid-spec-complete": FIXTURE, **EXAMPLES}
GOLDEN = REPO / "tests" / "golden"
COUNTS = (0, 1, 2, 3, 6, 8, 11)


def build_ctx(path: Path, **options) -> BuildContext:
    report = check_path(path.resolve())
    assert not report.has_errors, [d.message for d in report.diagnostics]
    options.setdefault("render", False)
    return BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(**options), diagnostics=report.diagnostics)


def made(ctx: BuildContext) -> dict[str, bytes | str]:
    return dict(leaflet.artefacts(ctx))


@pytest.fixture(scope="module")
def fixture_ctx():
    return build_ctx(FIXTURE)


@pytest.fixture(scope="module")
def contexts():
    return {name: build_ctx(path) for name, path in SOURCES.items()}


# ---- the words catalogue ---------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_word_exists_in_welsh_and_english_with_the_same_blanks():
    assert set(lw.WORDS["en"]) == set(lw.WORDS["cy"])
    for key, english in lw.WORDS["en"].items():
        welsh = lw.WORDS["cy"][key]
        assert english.strip() and welsh.strip(), key
        assert _fields(english) == _fields(welsh), key
    for entry in lg.GLOSSARY:
        for table in (entry.terms, entry.label, entry.explanation):
            assert set(table) == {"en", "cy"} and all(table.values()), entry.key


def test_no_capitals_for_emphasis_in_the_words():
    for language in ("en", "cy"):
        for key, text in lw.WORDS[language].items():
            shouting = [w for w in re.findall(r"[^\W\d_]{4,}", text) if w.isupper()]
            assert not shouting, (language, key, shouting)


@pytest.mark.parametrize("n, category", list(zip(COUNTS, ("zero", "one", "two", "few", "many",
                                                           "other", "other"))))
def test_welsh_plural_categories_follow_cldr(n, category):
    assert lw.plural_category("cy", n) == category


WELSH = {
    "day": ("0 diwrnod", "1 diwrnod", "2 ddiwrnod", "3 diwrnod", "6 diwrnod", "8 diwrnod",
            "11 diwrnod"),
    "working day": ("0 diwrnod gwaith", "1 diwrnod gwaith", "2 ddiwrnod gwaith",
                    "3 diwrnod gwaith", "6 diwrnod gwaith", "8 diwrnod gwaith",
                    "11 diwrnod gwaith"),
    "week": ("0 wythnos", "1 wythnos", "2 wythnos", "3 wythnos", "6 wythnos", "8 wythnos",
             "11 wythnos"),
    "month": ("0 mis", "1 mis", "2 fis", "3 mis", "6 mis", "8 mis", "11 mis"),
    "year": ("0 mlynedd", "1 flwyddyn", "2 flynedd", "3 blynedd", "6 blynedd", "8 mlynedd",
             "11 mlynedd"),
}
# The review's counts (welsh-review.md, "Timescales"): the noun follows the last numeral said,
# counting the traditional way: 13 tair (ar ddeg), 17 dwy (ar bymtheg), 22 dwy (ar hugain),
# 23 tair, 26 chwe; 4, 14, 19, 24 pedair.
WELSH_YEARS = [
    (1, "1 flwyddyn"), (2, "2 flynedd"), (3, "3 blynedd"), (4, "4 blynedd"), (5, "5 mlynedd"),
    (6, "6 blynedd"), (7, "7 mlynedd"), (10, "10 mlynedd"), (11, "11 mlynedd"),
    (12, "12 mlynedd"), (13, "13 blynedd"), (14, "14 blynedd"), (15, "15 mlynedd"),
    (16, "16 mlynedd"), (17, "17 flynedd"), (18, "18 mlynedd"), (19, "19 blynedd"),
    (20, "20 mlynedd"), (21, "21 mlynedd"), (22, "22 flynedd"), (23, "23 blynedd"),
    (24, "24 blynedd"), (25, "25 mlynedd"), (26, "26 blynedd"), (37, "37 flynedd"),
    (40, "40 mlynedd"), (100, "100 mlynedd"),
]
WELSH_MASCULINE = [
    (1, "day", "1 diwrnod"), (2, "day", "2 ddiwrnod"), (12, "day", "12 diwrnod"),
    (17, "day", "17 ddiwrnod"), (22, "day", "22 ddiwrnod"), (13, "day", "13 diwrnod"),
    (2, "month", "2 fis"), (22, "month", "22 fis"), (3, "month", "3 mis"),
    (2, "working day", "2 ddiwrnod gwaith"), (22, "week", "22 wythnos"),
]
ENGLISH = {
    "day": ("0 days", "1 day", "2 days", "3 days", "6 days", "8 days", "11 days"),
    "working day": ("0 working days", "1 working day", "2 working days", "3 working days",
                    "6 working days", "8 working days", "11 working days"),
    "week": ("0 weeks", "1 week", "2 weeks", "3 weeks", "6 weeks", "8 weeks", "11 weeks"),
    "month": ("0 months", "1 month", "2 months", "3 months", "6 months", "8 months",
              "11 months"),
    "year": ("0 years", "1 year", "2 years", "3 years", "6 years", "8 years", "11 years"),
}


@pytest.mark.parametrize("unit", sorted(WELSH))
def test_welsh_amounts_for_the_test_counts(unit):
    assert tuple(lw.amount("cy", n, unit) for n in COUNTS) == WELSH[unit]


@pytest.mark.parametrize("unit", sorted(ENGLISH))
def test_english_amounts_for_the_test_counts(unit):
    assert tuple(lw.amount("en", n, unit) for n in COUNTS) == ENGLISH[unit]


def test_welsh_years_said_with_pedair_keep_the_radical():
    assert [lw.amount("cy", n, "year") for n in (4, 5, 14)] == [
        "4 blynedd", "5 mlynedd", "14 blynedd"]


@pytest.mark.parametrize("n, expected", WELSH_YEARS)
def test_welsh_years_follow_the_last_numeral_said(n, expected):
    assert lw.amount("cy", n, "year") == expected


@pytest.mark.parametrize("n, unit, expected", WELSH_MASCULINE)
def test_welsh_days_and_months_soften_after_dau(n, unit, expected):
    assert lw.amount("cy", n, unit) == expected


@pytest.mark.parametrize("phrase, kind, expected", [
    ("Cyngor Sir Dylan", "soft", "Gyngor Sir Dylan"),
    ("Cyngor Bwrdeistref Sirol Cyndeyrn", "soft", "Gyngor Bwrdeistref Sirol Cyndeyrn"),
    ("Tîm Cyffuriau ac Alcohol", "soft", "Dîm Cyffuriau ac Alcohol"),
    ("Cartrefi Cyndeyrn", "soft", "Gartrefi Cyndeyrn"),
    ("Bwrdd Iechyd", "soft", "Fwrdd Iechyd"),
    ("Gwasanaethau", "soft", "Wasanaethau"),
    ("Llywodraeth Cymru", "soft", "Lywodraeth Cymru"),
    ("Rhondda", "soft", "Rondda"),
    ("Mudiad", "soft", "Fudiad"),
    ("Dinas", "soft", "Ddinas"),
    ("Powys", "soft", "Bowys"),
    ("Theatr", "soft", "Theatr"),  # th- is a letter of its own: no mutation
    ("Ffordd", "soft", "Ffordd"),
    ("Aberystwyth", "soft", "Aberystwyth"),
    ("pum wythnos", "aspirate", "phum wythnos"),
    ("tri mis", "aspirate", "thri mis"),
    ("tua 3 wythnos", "aspirate", "thua 3 wythnos"),
    ("chwe mis", "aspirate", "chwe mis"),
    ("blwyddyn", "aspirate", "blwyddyn"),
    ("Caerdydd", "nasal", "Nghaerdydd"),
])
def test_welsh_mutations(phrase, kind, expected):
    from pathwaylang.emit import welsh

    assert welsh.mutate(phrase, kind) == expected


def test_the_authority_is_softened_after_gan_only_when_its_name_is_welsh():
    cy, en = lw.words_for("cy"), lw.words_for("en")
    assert lw.after_gan(cy, "Cyngor Sir Dylan", own=True) == "Gyngor Sir Dylan"
    assert lw.after_gan(cy, "Dylanshire County Council", own=False) == \
        "Dylanshire County Council"
    assert lw.after_gan(en, "Cyngor Sir Dylan", own=True) == "Cyngor Sir Dylan"


@pytest.mark.parametrize("amount, unit, expected", [
    (2, "working day", (2, "working day", False)),
    (4, "working day", (4, "working day", False)),
    (20, "working day", (4, "week", True)),
    (42, "working day", (8, "week", True)),
    (7, "day", (1, "week", True)),
    (10, "day", (10, "day", False)),
    (15, "day", (2, "week", True)),
    (16, "week", (16, "week", True)),
    (52, "week", (12, "month", True)),
    (6, "month", (6, "month", True)),
    (24, "month", (2, "year", True)),
    (30, "month", (30, "month", True)),
    (1, "year", (1, "year", True)),
])
def test_plain_durations(amount, unit, expected):
    duration = m.Duration(span=FIXTURE_SPAN, amount=amount, unit=m.DurationUnit(unit))
    assert leaflet.plain_duration(duration) == expected


FIXTURE_SPAN = {"file": "x.pwy", "line": 1, "column": 1, "end_line": 1, "end_column": 2}


@pytest.mark.parametrize("lang, n, unit, approximate, expected", [
    ("en", 3, "week", True, "This step should take no more than about 3 weeks."),
    ("en", 1, "week", True, "This step should take no more than about a week."),
    ("en", 1, "working day", False, "This step should take no more than a working day."),
    ("en", 1, "year", True, "This step should take no more than about a year."),
    ("en", 10, "day", False, "This step should take no more than 10 days."),
    # `na` + aspirate: "mwy na thua"
    ("cy", 3, "week", True, "Ddylai'r cam hwn ddim cymryd mwy na thua 3 wythnos."),
    ("cy", 1, "week", True, "Ddylai'r cam hwn ddim cymryd mwy na thua wythnos."),
    ("cy", 1, "year", True, "Ddylai'r cam hwn ddim cymryd mwy na thua blwyddyn."),
    ("cy", 2, "working day", False, "Ddylai'r cam hwn ddim cymryd mwy na 2 ddiwrnod gwaith."),
    ("cy", 1, "day", False, "Ddylai'r cam hwn ddim cymryd mwy na diwrnod."),
    ("cy", 2, "year", True, "Ddylai'r cam hwn ddim cymryd mwy na thua 2 flynedd."),
])
def test_timescale_sentences_say_the_most_time_a_step_should_take(lang, n, unit, approximate,
                                                                   expected):
    assert lw.timescale(lw.words_for(lang), n, unit, approximate) == expected


def test_about_a_count_in_words():
    assert lw.about(lw.words_for("cy"), "pum wythnos") == "tua phum wythnos"
    assert lw.about(lw.words_for("en"), lw.count("en", 1, "week")) == "about a week"
    assert lw.about(lw.words_for("cy"), lw.count("cy", 1, "month")) == "tua mis"


def test_dates_in_words():
    assert lw.long_date("cy", 2, 3, 2026) == "2 Mawrth 2026"
    assert lw.long_date("en", 1, 9, 2027) == "1 September 2027"


def test_unknown_language_falls_back_to_english_words_and_says_so():
    words = lw.words_for("pl")
    assert words.fallback and words.language == "en"
    assert not lw.words_for("cy").fallback
    assert "in this language" in lw.missing_text(words, "pl")
    assert "in Welsh" in lw.missing_text(lw.words_for("en"), "cy")


# ---- glossary ---------------------------------------------------------------------------


def test_welsh_terms_are_found_with_any_initial_mutation():
    assert {"gweithiwr", "weithiwr", "ngweithiwr"} <= set(lg.welsh_initial_forms("gweithiwr"))
    assert {"caniatâd", "ganiatâd", "nghaniatâd", "chaniatâd"} <= set(
        lg.welsh_initial_forms("caniatâd"))
    assert "hasesiad" in lg.welsh_initial_forms("asesiad")
    pattern = lg.term_pattern("cy", "gweithiwr arweiniol")
    assert pattern.search("Bydd ei weithiwr arweiniol yn ffonio")
    assert pattern.search("Eich gweithiwr\narweiniol")
    assert not pattern.search("gweithiwr cymdeithasol")


def test_abbreviations_match_in_capitals_only():
    pattern = lg.term_pattern("cy", "TAF")
    assert pattern.search("cyfarfod TAF")
    assert not pattern.search("ger Afon Taf")
    assert not pattern.search("TAFFY")


def test_glossary_explains_jargon_found_in_either_language():
    texts = {"cy": ["Bydd eich gweithiwr arweiniol yn ffonio."], "en": ["We will call you."]}
    assert leaflet.glossary_keys(texts) == ["lead_worker"]
    assert leaflet.glossary_keys({"en": ["A JAFF and a TAF meeting."]}) == ["jaff", "taf"]
    assert leaflet.glossary_keys({"en": ["Nothing hard here."]}) == []


def test_fixture_glossary_is_in_both_languages(fixture_ctx):
    view = leaflet.leaflet_view(fixture_ctx, ["cy", "en"])
    cy, en = view.languages
    assert [g.term for g in en.glossary][:1] == ["Team Around the Family (TAF)"]
    assert len(cy.glossary) == len(en.glossary) > 0
    assert "Lead worker (lead professional)" in [g.term for g in en.glossary]
    assert "Gweithiwr arweiniol (gweithiwr proffesiynol arweiniol)" in [
        g.term for g in cy.glossary]


# ---- journey order and the view model --------------------------------------------------------


def test_fixture_journey_order(fixture_ctx):
    steps, ends = journey_order(fixture_ctx.program, fixture_ctx.graph())
    assert steps == ["identify", "universal_support", "team_around_family", "child_protection"]
    assert ends == ["needs_met", "looked_after"]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_stage_and_outcome_appears_once(name, contexts):
    ctx = contexts[name]
    steps, ends = journey_order(ctx.program, ctx.graph())
    pathway = ctx.pathway
    assert sorted(steps) == sorted([s.id.value for s in pathway.stages]
                                   + [s.id.value for s in pathway.subpathways])
    assert sorted(ends) == sorted(o.id.value for o in pathway.outcomes)


def test_everyday_route_comes_before_statutory_stages(contexts):
    ctx = contexts["dylanshire"]
    steps, _ = journey_order(ctx.program, ctx.graph())
    ranks = [ctx.program.level_rank(ctx.graph().nodes[s]["node"].level.value) for s in steps]
    assert ranks == sorted(ranks)
    assert steps[0] == "family_information_service"
    assert steps.index("consent_conversation") < steps.index("joint_assessment")


def test_fixture_steps_words_and_branches(fixture_ctx):
    view = leaflet.leaflet_view(fixture_ctx, ["cy", "en"])
    by_id = {s.id: s for s in view.all_steps}
    identify = by_id["identify"]
    assert identify.number == 1 and identify.icon == "conversation"
    en, cy = identify.words["en"], identify.words["cy"]
    assert en.title == "Talking about what help you need"
    assert cy.title == "Siarad am y help sydd ei angen arnoch"
    assert en.paragraphs == ["Someone who already knows your family will talk with you about "
                             "what is going well and what is hard right now."]
    assert en.asked == ["Tell us what help you think would make a difference."]
    assert cy.contact == ["Eich gweithiwr arweiniol"]
    assert en.timescale == "This step should take no more than about 4 weeks."
    assert cy.timescale == "Ddylai'r cam hwn ddim cymryd mwy na thua 4 wythnos."
    assert en.consent and cy.consent  # the stage asks for consent
    assert [link.number for link in en.harder] == [3, 4]  # TAF is a higher level; CP a step up
    assert [link.number for link in en.easier] == [2]
    assert cy.harder[1].text == "Cam 4: Child protection enquiries"
    assert identify.words["cy"].icon_alt == ALT_TEXT["conversation"]["cy"]
    taf = by_id["team_around_family"]
    assert [link.text for link in taf.words["en"].easier] == [
        "Step 2: Help from the services you already use"]
    assert not taf.words["en"].consent


def test_missing_family_text_is_marked_in_each_language(fixture_ctx):
    view = leaflet.leaflet_view(fixture_ctx, ["cy", "en"])
    cp = next(s for s in view.steps if s.id == "child_protection")
    assert cp.icon == "help"
    assert cp.words["en"].missing.startswith("We have not written about this step in English")
    assert cp.words["cy"].missing.startswith("Dydyn ni ddim wedi ysgrifennu am y cam hwn yn Gymraeg")
    assert cp.words["en"].title == "Child protection enquiries"
    assert not cp.words["en"].paragraphs
    looked_after = next(s for s in view.ends if s.id == "looked_after")
    assert looked_after.icon == "star" and looked_after.words["cy"].missing


def test_subpathway_step_uses_its_own_files_family_words(contexts):
    view = leaflet.leaflet_view(contexts["kentigernshire"], ["cy", "en"])
    housing = next(s for s in view.steps if s.kind == "subpathway")
    review = next(s for s in view.steps if s.id == "taf_review")
    assert housing.words["en"].title == "Help to keep your home"
    assert housing.words["cy"].title == "Help i gadw eich cartref"
    assert housing.words["en"].paragraphs[-1] == (
        f"Another service helps your family with this part. Afterwards, you carry on at "
        f"step {review.number}.")
    assert housing.words["cy"].paragraphs[-1].endswith(f"yng ngham {review.number}.")


def test_paragraphs_follow_the_text_block_rule():
    assert leaflet.paragraphs("one\ntwo\n\n  three\n \nfour  five") == [
        "one two", "three", "four five"]
    assert leaflet.paragraphs(None) == []


def test_bilingual_pair_puts_welsh_first(contexts, tmp_path):
    assert leaflet.leaflet_languages(contexts["valid-spec-complete"]) == (["en", "cy"], ["cy", "en"])
    assert leaflet.leaflet_languages(contexts["dylanshire"]) == (["cy", "en"], ["cy", "en"])


# ---- artefacts -------------------------------------------------------------------------


def test_artefact_names(fixture_ctx):
    assert sorted(made(fixture_ctx)) == [
        "booklet.cy.html", "booklet.en.html", "booklet.html", "leaflet-report.json",
        "leaflet.cy.html", "leaflet.en.html", "leaflet.html", "poster.cy.html", "poster.en.html",
        "poster.html"]




def test_one_language_has_no_bilingual_leaflet(check_text):
    report = check_text(ONE_LANGUAGE)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    files = made(ctx)
    assert sorted(files) == ["booklet.en.html", "leaflet-report.json", "leaflet.en.html",
                             "poster.en.html"]
    assert "This step should take no more than about 3 weeks." in files["booklet.en.html"]


def test_language_without_words_gets_english_headings_marked_english(check_text):
    text = ONE_LANGUAGE.replace('pathway solo "Solo" {', 'pathway solo "Solo" {\n  languages pl, en')
    text = text.replace('family { title "Meeting us"',
                        'family en { title "Meeting" } family { title "Spotkanie"')
    report = check_text(text)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    files = made(ctx)
    page = files["booklet.pl.html"]
    assert '<html lang="pl">' in page
    assert "Spotkanie" in page
    assert '<h2 lang="en">Your journey, step by step</h2>' in page
    assert any("`pl`" in notice for notice in ctx.notices)
    assert '<html lang="pl">' in files["booklet.html"]  # no Welsh: the declared order


# ---- nothing written for staff ------------------------------------------------------------


def staff_texts(program: m.Program) -> set[str]:
    """Every text a pathway writes for practitioners (names of roles, agencies and levels
    are not: "Social worker" is a family's word too)."""
    pathway = program.root
    texts: set[str] = set()
    for stage in pathway.stages:
        texts |= {t.value for t in stage.entry_criteria + stage.exclusions + stage.consent
                  + stage.guidance}
        texts |= {a.text.value for a in stage.actions}
        texts |= {t.when.value for t in stage.transitions if t.when}
    texts |= {e.description.value for e in pathway.entries}
    texts |= {meaning for _, meaning in program.variance_codes}
    texts |= {e.name.value for e in program.evidence}
    for algorithm in program.algorithms:
        texts.add(algorithm.title.value)
        for question in algorithm.questions:
            texts.add(question.text.value)
            texts |= {a.step.action.value for a in question.answers if a.step.action}
    for indicator in pathway.indicators:
        texts |= {indicator.name.value} | ({indicator.measure.value} if indicator.measure else set())
    return texts


def family_texts(program: m.Program) -> str:
    found = []
    for owner in program.root.stages + program.root.outcomes:
        for block in owner.family:
            found += [t.value for t in (block.title, block.text, block.asked, block.contact) if t]
    return " ".join(" ".join(found).split())


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_staff_only_content(name, contexts):
    ctx = contexts[name]
    files = made(ctx)
    family = family_texts(ctx.program)
    staff = {t for t in staff_texts(ctx.program) if len(t) >= 12 and " ".join(t.split()) not in family}
    assert len(staff) > 10
    for file, content in files.items():
        if not file.endswith(".html"):
            continue
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())
        for item in staff:
            assert " ".join(item.split()) not in text, (file, item)
        for marker in ("Signature", "Llofnod", "Variance", "signature", "variance code"):
            assert marker not in text, (file, marker)


# ---- hostile text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    path = tmp_path_factory.mktemp("nasty") / "nasty.pwy"
    path.write_text(hostile_family_pathway(), encoding="utf-8")
    ctx = build_ctx(path)
    return {k: v for k, v in made(ctx).items() if k.endswith(".html")}


class _Tags(HTMLParser):
    """Every element and attribute of a page, to prove hostile text added no markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "a", "section", "ol", "li", "span", "svg", "g", "path", "circle", "rect",
                "ellipse", "line", "polyline", "polygon", "main", "article", "div", "dl", "dt",
                "dd", "footer", "ul", "img", "aside"}


def test_hostile_text_adds_no_markup(hostile_files):
    assert len(hostile_files) == 9  # the front-door leaflets, the booklets and the posters
    for name, page in hostile_files.items():
        parser = _Tags()
        parser.feed(page)
        tags = [tag for tag, _ in parser.tags]
        assert set(tags) <= ALLOWED_TAGS, (name, set(tags) - ALLOWED_TAGS)
        assert tags.count("style") == 2  # its own, and the status mark's (shared)
        assert tags.count("title") == 1 + tags.count("svg") - \
            sum(1 for tag, attrs in parser.tags if tag == "svg" and ("aria-hidden", "true") in attrs
                or tag == "svg" and any(k == "aria-labelledby" for k, _ in attrs))
        for tag, attrs in parser.tags:
            for key, value in attrs:
                assert not key.startswith("on"), (name, tag, key)
                assert not (value or "").strip().lower().startswith("javascript:"), (name, tag)
        assert "&lt;/title&gt;&lt;script&gt;" in page
        if not name.startswith("leaflet"):  # the front door has only the steps on its route
            assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_hostile_text_comes_through_as_written(hostile_files):
    text = html.unescape(re.sub(r"<[^>]+>", "", hostile_files["booklet.cy.html"]))
    flat = " ".join(text.split())
    for item in NASTY[:10]:
        assert " ".join(item.split()) in flat, item


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1,
               max_size=40))
def test_any_title_is_escaped(title):
    from pathwaylang.emit.templating import render

    step = leaflet.Step(1, "s", "stage", "star",
                        {"en": leaflet.StepWords("en", "Step 1", title, "A star")})
    words = lw.words_for("en")
    lang = leaflet.LanguageView("en", "en", False, dict(words.table), None, [], [], [])
    view = leaflet.Leaflet([lang], [step], [], "A4", "columns", "T")
    page = render("leaflet.html.j2", leaflet=view)
    heading = re.search(r'<h2 class="step-title">(.*?)</h2>', page, re.S).group(1)
    inner = re.sub(r'^<span class="sr" lang="en">Step 1: </span>', "", heading)
    assert "<" not in inner and ">" not in inner
    assert html.unescape(inner) == title


# ---- deterministic output --------------------------------------------------------------------


def test_html_is_byte_identical_between_builds():
    first = made(build_ctx(FIXTURE))
    second = made(build_ctx(FIXTURE))
    assert first == second


def test_pdf_is_byte_identical_between_builds(fixture_ctx):
    html_text = leaflet.documents(fixture_ctx)[0][1]
    from pathwaylang.emit.pdf import html_to_pdf_pages

    one, pages = html_to_pdf_pages(html_text, leaflet.produced_date(fixture_ctx))
    two, _ = html_to_pdf_pages(html_text, leaflet.produced_date(fixture_ctx))
    assert one == two and one.startswith(b"%PDF") and pages >= 1


# ---- the reading report -------------------------------------------------------------------


LONG_SENTENCE = " ".join(["word"] * 30)


def test_report_has_scores_per_language_and_readability_warnings(check_text):
    text = ONE_LANGUAGE.replace('text "We talk."', f'text "{LONG_SENTENCE} is long."')
    text = text.replace('pathway solo "Solo" {', 'pathway solo "Solo" {\n  languages cy, en')
    text = text.replace('family { title "Meeting us"', 'family en { title "Meeting us"')
    text = text.replace('family { title "The end"', 'family en { title "The end"')
    text = text.replace("icon meeting }", "icon meeting }\n    family cy { title \"Cwrdd\" "
                        "text \"Byddwn ni'n siarad. Dewch draw.\" }")
    report = check_text(text)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False), diagnostics=report.diagnostics)
    data = json.loads(made(ctx)["leaflet-report.json"])
    assert set(data["languages"]) == {"cy", "en"}
    en, cy = data["languages"]["en"], data["languages"]["cy"]
    assert en["family_text"]["reading_ease"] is not None and en["family_text"]["grade"] is not None
    assert cy["family_text"]["reading_ease"] is None
    assert cy["family_text"]["words_per_sentence"] > 0
    assert en["family_text"]["longest_sentence"] >= 30
    assert any(w["rule"] == "readability" for w in data["warnings"])
    assert any(notice.startswith("leaflet reading scores: cy:") for notice in ctx.notices)


def test_pwy_build_prints_reading_scores_and_writes_the_report(tmp_path):
    result = run_pwy("build", str(FIXTURE), "-o", str(tmp_path), "--today", "2026-11-26")
    assert result.returncode == 0, result.stderr
    assert "note: leaflet reading scores: en: reading ease" in result.stderr
    folder = tmp_path / "dylanshire_families"
    data = json.loads((folder / "leaflet-report.json").read_text(encoding="utf-8"))
    assert data["pages"]["booklet.pdf"] >= 2 and data["max_pages"] == 24
    assert (folder / "booklet.cy.pdf").read_bytes().startswith(b"%PDF")


def test_page_limit_is_per_language_and_reported(fixture_ctx):
    ctx = BuildContext(program=fixture_ctx.program, options=BuildOptions(render=False, max_pages=2))
    leaflet._check_pages(ctx, "booklet.pdf", 5, leaflet.max_pages(ctx) * 2)
    leaflet._check_pages(ctx, "booklet.en.pdf", 2, leaflet.max_pages(ctx))
    assert ctx.notices == ["booklet.pdf has 5 pages, more than the 4 allowed on A4: shorten "
                           "the family text, or raise --max-pages"]
    assert leaflet.max_pages(build_ctx(FIXTURE, paper="A5")) == 48


# ---- golden HTML -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_golden_html(name, contexts):
    files = made(contexts[name])
    folder = GOLDEN / name
    for file, text in files.items():
        if not file.endswith(".html"):
            continue
        assert_golden(folder / file, text)


def test_unknown_icon_falls_back_to_a_built_in_picture(check_text):
    report = check_text(ONE_LANGUAGE.replace("icon meeting", "icon rocket"))
    assert any(d.rule == "unknown-icon" for d in report.diagnostics)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    view = leaflet.leaflet_view(ctx, ["en"])
    assert [s.icon for s in view.all_steps] == ["help", "star"]
    assert 'data-icon="rocket"' not in made(ctx)["booklet.en.html"]


def test_regional_language_codes_use_their_language(check_text):
    text = ONE_LANGUAGE.replace('pathway solo "Solo" {', 'pathway solo "Solo" {\n  languages en_GB, cy_GB')
    text = text.replace('icon meeting }', 'icon meeting }\n    family cy_GB { title "Cwrdd â ni" }')
    report = check_text(text)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    files = made(ctx)
    assert sorted(files) == ["booklet.cy_GB.html", "booklet.en_GB.html", "booklet.html",
                             "leaflet-report.json", "leaflet.cy_GB.html", "leaflet.en_GB.html",
                             "leaflet.html", "poster.cy_GB.html", "poster.en_GB.html",
                             "poster.html"]
    assert '<html lang="cy-GB">' in files["booklet.html"]  # Welsh first
    assert "Faint o amser mae&#39;n ei gymryd:" in files["booklet.cy_GB.html"]
    assert "Cwrdd â ni" in files["booklet.cy_GB.html"]
    assert not any("headings" in notice for notice in ctx.notices)


def test_a_subpathway_step_comes_from_the_program_the_checker_loaded(tmp_path):
    """The leaflet prints a subpathway's first step from the file the checker read with the
    pathway (FileReport.subpathways); building reads no file, so removing it changes nothing."""
    (tmp_path / "sub.pwy").write_text(
        'pathway sub "Sub" {\n  entry in "In" -> first\n  stage first "First" {\n'
        '    family { title "First step here" text "We visit you." }\n  }\n'
        '  outcome done "Done"\n}\n', encoding="utf-8")
    main = tmp_path / "main.pwy"
    main.write_text(ONE_LANGUAGE.replace(
        'exit to done when "Done"', 'exit to done when "Done"\n    refer to sub when "More help"')
        .replace("  outcome done", '  subpathway sub "Sub" { file "sub.pwy" }\n  outcome done'),
        encoding="utf-8")
    report = check_path(main)
    assert sorted(report.subpathways) == ["sub"], [d.message for d in report.diagnostics]
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    before = made(ctx)["booklet.en.html"]
    assert "First step here" in before
    (tmp_path / "sub.pwy").unlink()
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    assert made(ctx)["booklet.en.html"] == before


def test_each_leaflet_names_the_pathway_and_the_authority_in_its_own_language(contexts):
    view = leaflet.leaflet_view(contexts["dylanshire"], ["cy", "en"])
    cy, en = view.languages
    assert cy.pathway_title == "Teuluoedd yn Gyntaf Sir Dylan"
    assert cy.from_line == "Taflen gan Gyngor Sir Dylan"  # gan + soft mutation
    assert ("Cyhoeddwyd gan", "Gyngor Sir Dylan") in cy.footer
    assert en.pathway_title == "Dylanshire Families First"
    assert en.from_line == "A leaflet from Dylanshire County Council"
    assert view.title == ("Cael help i'ch teulu: Teuluoedd yn Gyntaf Sir Dylan / "
                          "Getting help for your family: Dylanshire Families First")


def test_without_welsh_names_the_header_is_used_unmutated_and_the_staff_title_unshown(
        check_text):
    text = ONE_LANGUAGE.replace('pathway solo "Solo" {',
                                'pathway solo "Solo" {\n  authority "Powys County Council"\n'
                                '  languages cy, en')
    report = check_text(text)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    cy = leaflet.leaflet_view(ctx, ["cy"]).languages[0]
    assert cy.from_line == "Taflen gan Powys County Council"
    assert cy.pathway_title is None


def test_an_unmarked_header_family_block_is_in_the_first_language(check_text):
    text = ONE_LANGUAGE.replace('pathway solo "Solo" {',
                                'pathway solo "Solo" {\n  authority "Powys County Council"\n'
                                '  languages cy, en\n  family { authority "Cyngor Sir Powys" }')
    pathway = check_text(text).program.root
    assert pathway.authority_in("cy") == "Cyngor Sir Powys"
    assert pathway.authority_in("en") == "Powys County Council"
    assert pathway.title_in("cy") == pathway.title_in("en") == "Solo"
    ctx = BuildContext(program=check_text(text).program, subpathways={},
                       options=BuildOptions(render=False))
    assert leaflet.leaflet_view(ctx, ["cy"]).languages[0].from_line == \
        "Taflen gan Gyngor Sir Powys"
