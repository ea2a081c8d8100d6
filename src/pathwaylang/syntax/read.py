"""The reading policy: which reader turns a file's text into the model, and when.

1. The fast reader (`reader.py`) reads a file without mistakes straight to the model, with
   no parse tree and without importing lark. It gives up on anything it is unsure of.
2. Otherwise lark parses the file (`lark_parser.py`) and the lowering stage (`lower.py`)
   turns the tree into the model. This reference reading makes every finding: syntax
   errors (going on past those it can step over) and then the lowering stage's own.

Both readings give the same model, spans and comments wherever the fast reader reads a
file (tests/test_fastparse.py). Every parse owns its comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic
from pathwaylang.core.source import Comment, SourceFile


@dataclass
class Reading:
    """A file's model (None when it has syntax errors), its comments and its findings."""

    file: m.PathwayFile | None
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read(source: SourceFile) -> Reading:
    """Read one file: the fast reader first, lark and lowering when it gives up."""
    from pathwaylang.syntax.reader import GiveUp, read_model

    try:
        return Reading(*read_model(source.text, source.display))
    except GiveUp:
        return read_with_lark(source)


def read_with_lark(source: SourceFile) -> Reading:
    """The reference reading, which makes every syntax and lowering finding; lark is
    imported only here."""
    from pathwaylang.syntax.lark_parser import parse
    from pathwaylang.syntax.lower import lower

    result = parse(source)
    diagnostics = list(result.diagnostics)
    pathway_file = None
    if result.tree is not None:
        pathway_file, findings = lower(result.tree, source.display)
        diagnostics.extend(findings)
    elif result.recovered is not None:
        # Past the syntax errors: the rest of the file's own mistakes, in the same run.
        diagnostics.extend(lower(result.recovered, source.display)[1])
    return Reading(pathway_file, result.comments, diagnostics)
