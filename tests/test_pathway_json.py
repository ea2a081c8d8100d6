"""`pathway.json`: golden files for the examples, and the JSON Schema made from the model
(published as docs/pathway.schema.json) that every built document meets."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import REPO, check_path
from golden_files import assert_golden
from pathwaylang.emit import pathway_json
from pathwaylang.emit.context import BuildContext, BuildOptions

EXAMPLES = sorted((REPO / "examples").glob("*.pwy"))
FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
PUBLISHED = REPO / "docs" / "pathway.schema.json"


def _document_text(path) -> str:
    report = check_path(path)
    assert not report.has_errors, [d.message for d in report.diagnostics]
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    (name, text), = pathway_json.artefacts(ctx)
    assert name == "pathway.json"
    return text


def _validator() -> jsonschema.Draft202012Validator:
    schema = pathway_json.pathway_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_published_schema_is_the_models():
    text = json.dumps(pathway_json.pathway_schema(), indent=2, sort_keys=True) + "\n"
    assert_golden(PUBLISHED, text)


@pytest.mark.parametrize("path", [FIXTURE, *EXAMPLES], ids=lambda p: p.stem)
def test_golden_pathway_json(path):
    assert_golden(REPO / "tests" / "golden" / path.stem / "pathway.json", _document_text(path))


@pytest.mark.parametrize("path", [FIXTURE, *EXAMPLES], ids=lambda p: p.stem)
def test_every_document_meets_the_schema(path):
    errors = list(_validator().iter_errors(json.loads(_document_text(path))))
    assert errors == [], [e.message for e in errors[:5]]


def test_the_schema_rejects_what_the_model_rejects():
    document = json.loads(_document_text(FIXTURE))
    validator = _validator()
    for broken in ({**document, "pathwaylang": 2},
                   {k: v for k, v in document.items() if k != "root"},
                   {**document, "surprise": True},
                   {**document, "root": {**document["root"], "stages": "not a list"}}):
        assert not validator.is_valid(broken)
