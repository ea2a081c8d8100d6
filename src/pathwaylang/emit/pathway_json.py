"""`pathway.json`: the validated model, with spans relative to the pathway's folder.

Each of the pathway's stages also carries its `number`: the stage number every artefact
prints (`analysis.ordering.stage_numbers`, the order families meet the stages).
"""

from __future__ import annotations

import json
import os
from typing import Any

from pathwaylang.analysis.ordering import stage_numbers
from pathwaylang.emit.context import BuildContext


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
    return {"pathwaylang": 1, **_relative_spans(data, base)}


def artefacts(ctx: BuildContext):
    text = json.dumps(pathway_document(ctx), indent=2, ensure_ascii=False, sort_keys=True)
    yield "pathway.json", text + "\n"
