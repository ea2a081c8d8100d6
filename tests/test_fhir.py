"""`pwy export --to fhir` and `pwy import fhir` (interchange/fhir*.py): Bundles that fhir.resources
accepts as FHIR R4 (its R4B models), the mapping in place, a round trip that keeps every
stage, route, level, lead and timescale (and, for the examples, everything the model
compares below), hostile text kept exactly, bad Bundles refused in plain words, and the
same bytes every time (a golden file; `PWY_UPDATE_GOLDEN=1` rewrites it).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle as FhirBundle

from conftest import REPO, check_path, run_pwy
from golden_files import assert_golden
from hostile import NASTY, write_hostile
from pathwaylang import model as m
from pathwaylang.analysis.graph import build_graph
from pathwaylang.interchange import fhir_terms as t
from pathwaylang.interchange.fhir import fhir_bundle_json
from pathwaylang.interchange.fhir_import import BundleError, pathway_from_bundle

EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
GOLDEN = REPO / "tests" / "golden" / "kentigernshire" / "export.fhir.json"


def _program(path: Path) -> m.Program:
    report = check_path(path)
    assert not report.has_errors, [str(d) for d in report.diagnostics]
    return report.program


def export(path: Path) -> str:
    program = _program(path)
    return fhir_bundle_json(program, build_graph(program))


def _plan(bundle: dict) -> dict:
    return bundle["entry"][0]["resource"]


def _kind(action: dict) -> str:
    return next(c["code"] for code in action["code"] for c in code["coding"]
                if c["system"] == t.NODE_KIND)


# ---- the export -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [FIXTURE, *EXAMPLES], ids=lambda p: p.stem)
def test_fhir_resources_accepts_the_bundle(path):
    bundle = FhirBundle.model_validate_json(export(path))
    plan = bundle.entry[0].resource
    assert plan.get_resource_type() == "PlanDefinition"
    assert plan.meta.profile == [t.CPG_PATHWAY]
    kinds = {e.resource.get_resource_type() for e in bundle.entry}
    assert {"PlanDefinition", "CodeSystem"} <= kinds


def test_the_validator_refuses_a_broken_bundle():
    """The check can fail: a route to an action id FHIR does not allow (`_`)."""
    data = json.loads(export(EXAMPLES[0]))
    stage = next(a for a in _plan(data)["action"] if _kind(a) == "stage")
    stage["relatedAction"][0]["actionId"] = "stage.not_an_id"
    with pytest.raises(ValueError):
        FhirBundle.model_validate(data)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_action_per_stage_with_its_routes_timing_and_people(path):
    program = _program(path)
    data = json.loads(fhir_bundle_json(program, build_graph(program)))
    actions = {a["id"]: a for a in _plan(data)["action"]}
    activities = [e["resource"] for e in data["entry"]
                  if e["resource"]["resourceType"] == "ActivityDefinition"]
    assert len(activities) == sum(len(s.actions) for s in program.root.stages)
    for stage in program.root.stages:
        action = actions[t.fhir_id("stage", stage.id.value)]
        assert _kind(action) == "stage" and action["title"] == stage.title.value
        assert action["description"].startswith("Lead: ")
        routes = [(r["actionId"], {e["url"]: next(v for k, v in e.items() if k != "url")
                                   for e in r["extension"]})
                  for r in action.get("relatedAction", [])]
        for transition in stage.transitions:
            assert any(target.endswith("." + t.fhir_id(transition.target.value))
                       and ext[t.ROUTE_KIND] == t.ROUTE_CODES[transition.kind]
                       and ext.get(t.ROUTE_CRITERION) == transition.when.value
                       for target, ext in routes), transition
        if stage.timescale:
            assert action["timingDuration"]["value"] == stage.timescale.amount
        lead = [p for p in action["participant"] if p.get("extension")]
        assert [c["code"] for p in lead for c in p["role"]["coding"]] == [stage.lead.value]
        criteria = [c["expression"]["description"] for c in action.get("condition", [])
                    if c["expression"]["name"] == "entry"]
        assert criteria == [c.value for c in stage.entry_criteria]
        documentation = action.get("documentation", [])
        assert [d["label"] for d in documentation if d["type"] == "citation"] == \
            [e.value for e in stage.evidence]
        assert [d["display"] for d in documentation if d["type"] == "documentation"] == \
            [g.value for g in stage.guidance]


def test_algorithms_are_nested_actions_with_their_conditions():
    data = json.loads(export(REPO / "examples" / "kentigernshire.pwy"))
    algorithms = [a for a in _plan(data)["action"] if _kind(a) == "algorithm"]
    assert algorithms
    for algorithm in algorithms:
        for question in algorithm["action"]:
            assert _kind(question) == "question" and question["title"]
            for answer in question["action"]:
                assert answer["condition"][0]["expression"]["description"] == answer["title"]


# ---- the round trip ----------------------------------------------------------------------


def summary(program: m.Program) -> dict:
    """What a round trip must keep, as plain values (spans and file layout left out)."""
    p = program.root
    used = {n.value for s in p.stages for n in [s.lead, *s.with_roles] if n}
    used |= {a.by.value for s in p.stages for a in s.actions if a.by}
    cited = {e.value for s in p.stages for e in s.evidence}
    algorithms = {u.value for s in p.stages for u in s.uses}

    def text(value):
        return value.value if value is not None else None

    def family(blocks):
        return [(text(b.language), text(b.title), text(b.text), text(b.asked), text(b.contact),
                 text(b.icon)) for b in blocks]

    def step(answer):
        if answer.step is None:
            return None
        return answer.step.kind, text(answer.step.target), text(answer.step.action)

    return {
        "header": (text(p.title), text(p.authority), text(p.version), text(p.status),
                   p.developed.text if p.developed else None,
                   p.review.text if p.review else None, text(p.owner),
                   [n.value for n in p.languages], str(p.ages) if p.ages else None),
        "levels": [(lv.id.value, lv.label.value, lv.domain.value, lv.rank)
                   for lv in program.levels],
        "roles": sorted((r.id.value, r.name.value, text(r.agency)) for r in program.roles
                        if r.id.value in used),
        "evidence": sorted((e.id.value, e.name.value, str(e.ages), text(e.source), text(e.url))
                           for e in program.evidence if e.id.value in cited),
        "entries": [(e.id.value, e.description.value, e.target.value) for e in p.entries],
        "stages": [(s.id.value, s.title.value, text(s.level), text(s.lead),
                    [r.value for r in s.with_roles], [c.value for c in s.entry_criteria],
                    [c.value for c in s.exclusions], [c.value for c in s.consent],
                    [(a.text.value, text(a.by), str(a.within)) for a in s.actions],
                    str(s.timescale), [u.value for u in s.uses], [e.value for e in s.evidence],
                    [g.value for g in s.guidance], str(s.ages),
                    [(tr.kind, tr.target.value, text(tr.when)) for tr in s.transitions],
                    family(s.family)) for s in p.stages],
        "outcomes": [(o.id.value, o.title.value, text(o.level), family(o.family))
                     for o in p.outcomes],
        "subpathways": [(s.id.value, s.title.value, text(s.file), text(s.rejoin))
                        for s in p.subpathways],
        "algorithms": sorted((a.id.value, a.title.value,
                              [(q.id.value, q.text.value,
                                [(x.answer.value, step(x)) for x in q.answers])
                               for q in a.questions])
                             for a in {a.id.value: a for a in program.algorithms}.values()
                             if a.id.value in algorithms),
        "indicators": [(i.id.value, i.name.value, text(i.measure),
                        i.target.text if i.target else None, text(i.at),
                        (i.counts.kind, str(i.counts.within), i.counts.stage.value,
                         text(i.counts.source)) if i.counts else None)
                       for i in p.indicators],
        "names": [(text(b.language), text(b.title), text(b.authority)) for b in p.family],
    }


def round_trip(path: Path, folder: Path) -> tuple[m.Program, Path]:
    """Export `path`, import the Bundle into `folder` (a copy of the pathway's own folder,
    so its subpathway files are where the imported file names them), check it."""
    shutil.copytree(path.parent, folder, dirs_exist_ok=True)
    imported = folder / f"{path.stem}-imported.pwy"
    imported.write_text(pathway_from_bundle(export(path).encode("utf-8")), encoding="utf-8")
    return _program(path), imported


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip_keeps_the_pathway_and_checks_clean(path, tmp_path):
    original, imported = round_trip(path, tmp_path)
    report = check_path(imported)
    assert [str(d) for d in report.diagnostics] == []  # not an error, not even a warning
    before, after = summary(original), summary(report.program)
    for key in before:
        assert after[key] == before[key], key
    # the figures the issue names, counted plainly as well
    assert len(report.program.root.stages) == len(original.root.stages)
    assert sum(len(s.transitions) for s in report.program.root.stages) == \
        sum(len(s.transitions) for s in original.root.stages)


def test_hostile_text_survives_the_round_trip(tmp_path):
    path = write_hostile(tmp_path / "original")
    text = export(path)
    FhirBundle.model_validate_json(text)
    _, imported = round_trip(path, tmp_path / "copy")
    report = check_path(imported)
    assert not report.has_errors, [str(d) for d in report.diagnostics]
    before, after = summary(_program(path)), summary(report.program)
    assert after["stages"] == before["stages"] and after["levels"] == before["levels"]
    titles = [s.title.value for s in report.program.root.stages]
    assert titles == [s.title.value for s in _program(path).root.stages]
    assert any("\\N" in title for title in titles) and NASTY[0] in titles


# ---- bad Bundles, determinism, the command line -----------------------------------------------


@pytest.mark.parametrize("data,words", [
    (b"{not json", "not JSON"),
    (b'{"resourceType": "Patient"}', "not a FHIR Bundle"),
    (b'[1, 2]', "not a FHIR Bundle"),
    (b'{"resourceType": "Bundle", "type": "collection"}', "no PlanDefinition"),
    (b'{"resourceType": "Bundle", "type": "collection", "total": "many"}',
     "not a valid FHIR R4 Bundle"),
    (b'{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '
     b'{"resourceType": "PlanDefinition", "status": "active", "colour": "red"}}]}',
     "not a valid FHIR R4 Bundle"),
])
def test_bad_bundles_are_refused_in_plain_words(data, words):
    with pytest.raises(BundleError, match=words):
        pathway_from_bundle(data)


def test_cli_import_refuses_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Patient"}')
    out = tmp_path / "out.pwy"
    result = run_pwy("import", "fhir", str(bad), "-o", str(out))
    assert result.returncode == 1 and "not a FHIR Bundle" in result.stderr
    assert not out.exists()
    missing = run_pwy("import", "fhir", str(tmp_path / "nothing.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_cli_export_then_import(tmp_path):
    bundle = tmp_path / "k.fhir.json"
    source = REPO / "examples" / "kentigernshire.pwy"
    result = run_pwy("export", str(source), "--to", "fhir", "-o", str(bundle),
                     "--today", "2026-11-26")
    assert result.returncode == 0, result.stderr
    assert bundle.read_text(encoding="utf-8") == export(source)
    printed = run_pwy("import", "fhir", str(bundle))
    assert printed.returncode == 0
    assert printed.stdout == pathway_from_bundle(bundle.read_bytes())


def test_byte_identical_and_golden():
    path = REPO / "examples" / "kentigernshire.pwy"
    first, second = export(path), export(path)
    assert first == second
    assert_golden(GOLDEN, first)


def test_a_bundle_made_elsewhere_imports_as_a_file_that_parses(tmp_path):
    """A plain PlanDefinition (no pathwaylang codes or extensions): actions become stages,
    `before-start` related actions exits, a year alone is left out; the file parses."""
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
        "resourceType": "PlanDefinition", "status": "active", "date": "2020",
        "title": "Made \"elsewhere\"", "name": "9 lives",
        "action": [
            {"id": "first-step", "title": "First", "trigger": [{"type": "named-event",
                                                                "name": "Asked"}],
             "relatedAction": [{"actionId": "second.step", "relationship": "before-start"}]},
            {"id": "second.step", "title": "Second step",
             "relatedAction": [{"actionId": "first-step", "relationship": "before-start"},
                               {"actionId": "nowhere", "relationship": "before-start"}]},
        ]}}]}
    text = pathway_from_bundle(json.dumps(bundle).encode("utf-8"))
    assert text.startswith('pathway _9_lives "Made \\"elsewhere\\"" {')
    assert "developed" not in text and "status approved" in text
    assert "entry first_step \"First\" -> step" in text
    assert "exit to first_step" not in text  # an entry is not a stage to exit to
    path = tmp_path / "made.pwy"
    path.write_text(text, encoding="utf-8")
    report = check_path(path)
    assert not any(d.rule == "syntax" for d in report.diagnostics)


def test_every_rule_fixture_that_builds_comes_back_without_errors(tmp_path):
    """Export and import each rule fixture that checks without errors (the odd shapes):
    the imported file has no errors and the same stages and routes."""
    done = 0
    for number, path in enumerate(sorted((REPO / "tests" / "rules").glob("*/*.pwy"))):
        report = check_path(path)
        if report.has_errors or report.program is None or report.program.root.kind != "pathway":
            continue
        _, imported = round_trip(path, tmp_path / str(number))
        back = check_path(imported)
        assert not back.has_errors, (path, [str(d) for d in back.diagnostics])
        assert summary(back.program)["stages"] == summary(report.program)["stages"], path
        done += 1
    assert done > 40


def test_mangled_bundles_never_crash_the_import():
    """Hundreds of Bundles with parts deleted or swapped for odd values (a fixed seed):
    each is read, or refused with a BundleError, and never raises anything else."""
    import copy
    import random

    base = json.loads(export(REPO / "examples" / "mabinogion.pwy"))

    def paths(value, path=()):
        yield path
        children = value.items() if isinstance(value, dict) else (
            enumerate(value) if isinstance(value, list) else [])
        for key, child in children:
            yield from paths(child, path + (key,))

    every = [p for p in paths(base) if p]
    rng = random.Random(21)
    odd = [None, "", "x y", 123, 1e300, -1, [], {}, "2020", "stage.nowhere", "a\x01b", True]
    read = 0
    for _ in range(150):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 4)):
            path = rng.choice(every)
            try:
                parent = data
                for key in path[:-1]:
                    parent = parent[key]
                value = rng.choice(odd)
                if value is None:
                    del parent[path[-1]]
                else:
                    parent[path[-1]] = value
            except (KeyError, IndexError, TypeError):
                continue
        try:
            pathway_from_bundle(json.dumps(data).encode("utf-8"))
            read += 1
        except BundleError:
            pass
    assert read > 0  # some mangled Bundles are still readable, and were read
