"""How written values read: shared by the lowering stage and the fast path (fastparse.py), so
both give a text, a date or a unit the same value."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

from pathwaylang import model as m

ESCAPE = re.compile(r"\\(.)", re.S)
ESCAPES = {'"': '"', "\\": "\\", "n": "\n"}
STATUSES = [s.value for s in m.Status]
DOMAINS = [d.value for d in m.Domain]


def string_body(raw: str) -> str:
    """A STRING token's text before escapes: quotes off, a text block dedented."""
    if raw.startswith('"""'):
        return dedent_block(raw[3:-3])
    return raw[1:-1]


def apply_escapes(body: str) -> str:
    """`\\"`, `\\\\` and `\\n` replaced; an unknown escape is left as written."""
    return ESCAPE.sub(lambda match: ESCAPES.get(match.group(1), match.group(0)), body)


def has_unknown_escape(body: str) -> bool:
    return any(match.group(1) not in ESCAPES for match in ESCAPE.finditer(body))


def dedent_block(body: str) -> str:
    """Text-block rules: drop a line break right after `\"\"\"`, trailing whitespace, common indent."""
    if body.startswith("\n"):
        body = body[1:]
    return textwrap.dedent(body.rstrip())


def calendar_date(text: str) -> dt.date | None:
    """The date, or None when the text is not a real date (the invalid-date rule says so)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def duration_unit(words: list[str]) -> str:
    """`working days` -> `working day`: the unit's singular, as `DurationUnit` spells it."""
    return " ".join(words).rstrip("s")


def transition_kind(words: list[str]) -> str:
    return " ".join(words)
