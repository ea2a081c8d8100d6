"""`pwy diff` compares every field of the model a pathway file can set: the fields come from
the model (pydantic's field list), not from a list kept here, so a field added to the model
fails this test until diff reports a change to it."""

from __future__ import annotations

import pytest

from pathwaylang import model as m
from pathwaylang.analysis.checker import check_file
from pathwaylang.authoring.diff import diff_programs

# One pathway that gives every stage, family and header statement a value.
FULL = '''pathway full "Full" {
  authority "A council"
  version "1.0"
  status draft
  developed 2024-01-01
  review 2025-01-01
  owner "A team"
  languages en, cy
  ages 0 to 18
  family cy { title "Llawn" authority "Cyngor" }
  levels {
    one "One" domain prevention
    two "Two" domain protection
  }
  agency council "Council"
  role worker "Worker" at council
  evidence guide "Guide"
  variance { V1 "Waited" }
  algorithm triage "Triage" { ask q "Q?" { yes -> do "help" } }
  entry door "A door" -> first
  stage first "First" {
    level one
    lead worker
    with worker
    entry when "a concern"
    exclude when "none"
    consent "asked"
    action "meet" by worker within 5 days
    timescale 10 working days
    repeats every 8 weeks for 12 months
    uses triage
    evidence guide
    guidance "read"
    ages 0 to 5
    step up to second when "worse"
    family { title "Hello" text "We help" asked "Yes" contact "Call" icon heart }
  }
  stage second "Second" {
    level two
    step down to first when "better"
    exit to done
  }
  outcome done "Done" { level one }
}
'''
# Fields a stage or header has that are not statements the diff compares one by one.
NOT_COMPARED = {"span", "id", "kind"}


def _program(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert report.program is not None, [d.message for d in report.diagnostics]
    return report.program


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    return _program(tmp_path_factory.mktemp("full"), "full.pwy", FULL)


def _blank(value):
    return [] if isinstance(value, list) else None


@pytest.mark.parametrize("field", [f for f in m.Stage.model_fields if f not in NOT_COMPARED])
def test_a_change_to_any_stage_field_is_reported(full, field):
    stage = full.root.stages[0]
    assert getattr(stage, field) not in (None, []), f"FULL sets no stage `{field}`: add it"
    changed_stage = stage.model_copy(update={field: _blank(getattr(stage, field))})
    if field == "title":
        changed_stage = stage.model_copy(update={"title": m.Text(span=stage.title.span,
                                                                 value="Other")})
    root = full.root.model_copy(update={"stages": [changed_stage, *full.root.stages[1:]]})
    changes = diff_programs(full, full.model_copy(update={"root": root}))
    assert [c for c in changes if c.subject == "first"], f"a change to `{field}` went unseen"


@pytest.mark.parametrize("field", [f for f in m.FamilyText.model_fields
                                   if f not in NOT_COMPARED | {"language"}])
def test_a_change_to_any_family_field_is_reported(full, field):
    stage = full.root.stages[0]
    family = stage.family[0].model_copy(update={field: None})
    root = full.root.model_copy(update={"stages": [
        stage.model_copy(update={"family": [family]}), *full.root.stages[1:]]})
    assert diff_programs(full, full.model_copy(update={"root": root})), field


HEADER = [f for f, info in m.PathwayFile.model_fields.items()
          if f not in NOT_COMPARED and info.default is None or f in ("languages", "uses", "family")]


@pytest.mark.parametrize("field", HEADER)
def test_a_change_to_any_header_field_is_reported(full, field):
    value = getattr(full.root, field)
    if field == "uses":  # FULL has no library; a `use` added is the change
        value = []
        new = [m.Use(span=full.root.span, path=m.Text(span=full.root.span, value="x.pwy"))]
    else:
        assert value not in (None, []), f"FULL sets no header `{field}`: add it"
        new = _blank(value)
    root = full.root.model_copy(update={field: new})
    assert diff_programs(full, full.model_copy(update={"root": root})), field


@pytest.mark.parametrize("field", [f for f in m.PathwayFamily.model_fields
                                   if f not in NOT_COMPARED | {"language"}])
def test_a_change_to_any_header_family_field_is_reported(full, field):
    family = full.root.family[0].model_copy(update={field: None})
    root = full.root.model_copy(update={"family": [family]})
    changes = diff_programs(full, full.model_copy(update={"root": root}))
    assert [c.what for c in changes] == [f"{field} (cy)"], field
