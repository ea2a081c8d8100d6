"""`pathway.json`: the validated model, with spans relative to the pathway's folder.

Each of the pathway's stages also carries its `number`: the stage number every artefact
prints (`analysis.ordering.stage_numbers`, the order families meet the stages).

Its JSON Schema (`pathway_schema()`) is made from the same model, so the two cannot drift;
`docs/pathway.schema.json` is that schema as published (tests/test_pathway_json.py holds it).
"""

from __future__ import annotations

import json
import os
from typing import Any

from pathwaylang import model as m
from pathwaylang.analysis.ordering import stage_numbers
from pathwaylang.emit.context import BuildContext

FORMAT_VERSION = 1
"""`pathwaylang` in every `pathway.json`: raised when a change would break its readers."""


def _relative_spans(value: Any, base: str) -> Any:
    """Spans name files relative to the pathway file, so output does not depend on the cwd."""
    if isinstance(value, dict):
        out = {k: _relative_spans(v, base) for k, v in value.items()}
        if set(out) == {"file", "line", "column", "end_line", "end_column"}:
            out["file"] = os.path.relpath(out["file"], base).replace(os.sep, "/")
        return out
    if isinstance(value, list):
        return [_relative_spans(v, base) for v in value]
    return value


def pathway_document(ctx: BuildContext) -> dict:
    data = ctx.program.model_dump(mode="json")
    base = os.path.dirname(ctx.program.root.span.file) or "."
    numbers = stage_numbers(ctx.program, ctx.graph())
    for stage in data["root"]["stages"]:
        stage["number"] = numbers.get(stage["id"]["value"])
    return {"pathwaylang": FORMAT_VERSION, **_relative_spans(data, base)}


def pathway_schema() -> dict:
    """The JSON Schema of `pathway.json`: the program's model, plus the format version."""
    schema = m.Program.model_json_schema(mode="serialization")
    schema["properties"] = {"pathwaylang": {"const": FORMAT_VERSION,
                                            "description": "The format's version."},
                            **schema["properties"]}
    schema["required"] = ["pathwaylang", *schema.get("required", [])]
    schema["additionalProperties"] = False
    # a pathway's stages carry their number too (not a field of the model: a build finds it)
    schema["$defs"]["Stage"]["properties"]["number"] = {
        "type": "integer", "minimum": 1,
        "description": "The stage's number in every artefact: the order families meet "
                       "the stages."}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "pathway.json (pwy build)", **schema}


def artefacts(ctx: BuildContext):
    text = json.dumps(pathway_document(ctx), indent=2, ensure_ascii=False, sort_keys=True)
    yield "pathway.json", text + "\n"
