"""The family words of a subpathway step: the first stage of the subpathway's own file."""

from __future__ import annotations

from pathwaylang import model as m
from pathwaylang.emit.context import BuildContext

def subpathway_first_stage(ctx: BuildContext, sub: m.Subpathway) -> tuple[m.Stage | None, str]:
    """The stage a family meets first in a subpathway's own file (its first entry's target),
    and that file's first language; (None, "en") when it was not loaded.

    The checker loaded the subpathway's file with the pathway (`BuildContext.subpathways`).
    """
    program = ctx.subpathways.get(sub.id.value)
    if program is None or program.root.kind != "pathway" or not program.root.entries:
        return None, "en"
    first = program.root.entries[0].target.value
    stage = next((s for s in program.root.stages if s.id.value == first), None)
    return stage, program.root.language_codes()[0]
