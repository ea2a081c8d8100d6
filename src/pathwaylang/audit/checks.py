"""Deciding which rows count: the `events` table of usable rows and the `rejected` table of
the rest, each with the reason a person can act on (spec: a row that cannot be read is
reported with its file and line and left out of the figures)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pathwaylang.audit.engine import Engine, literal
from pathwaylang.core.wording import closest
from pathwaylang.audit.workdays import CALENDAR_COLUMNS, FIRST_YEAR, LAST_YEAR, calendar_rows

EVENTS = ("enter", "action", "variance")
_TIME = r"^[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"

REASON = f"""CASE
  WHEN r.unreadable IS NOT NULL THEN r.unreadable
  WHEN r.case_id IS NULL THEN 'no `case`'
  WHEN r.date_text IS NULL THEN 'no `date`'
  WHEN d.day IS NULL OR NOT (LENGTH(r.date_text) = 10 OR SUBSTR(r.date_text, 11) ~ '{_TIME}')
    THEN 'bad date `' || r.date_text || '`: expected a real date YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR}, or an ISO date and time'
  WHEN r.event IS NULL THEN 'no `event`'
  WHEN r.event NOT IN ('enter', 'action', 'variance')
    THEN 'unknown event `' || r.event || '`: expected enter, action or variance'
  WHEN r.node IS NULL THEN 'no `node`'
  WHEN n.id IS NULL THEN 'unknown node `' || r.node || '`'
  WHEN r.event = 'variance' AND r.code IS NULL THEN 'a `variance` row needs a `code`'
  WHEN r.code IS NOT NULL AND c.code IS NULL THEN 'unknown variance code `' || r.code || '`'
  WHEN r.agency IS NOT NULL AND a.id IS NULL THEN 'unknown agency `' || r.agency || '`'
END"""


def load_calendar(engine: Engine, as_of: dt.date | None) -> tuple[int, int]:
    """The calendar for every year the rows' dates name (and the as-of date's)."""
    found = engine.rows(
        "SELECT MIN(SUBSTR(date_text, 1, 4)), MAX(SUBSTR(date_text, 1, 4)) FROM raw "
        "WHERE date_text ~ '^[0-9]{4}-'")[0]
    years = [int(y) for y in found if y is not None] + ([as_of.year] if as_of else [])
    years = [min(max(y, FIRST_YEAR), LAST_YEAR) for y in years] or [dt.date.today().year]
    first, last = min(years), min(max(years) + 1, LAST_YEAR)
    engine.load_rows("p_calendar", CALENDAR_COLUMNS, calendar_rows(first, last))
    return first, last


def check_rows(engine: Engine) -> None:
    """`checked`: every raw row with its day and, when it cannot be used, its reason."""
    engine.create("checked", f"""
        SELECT r.src, r.line, r.case_id, r.date_text, d.day, r.event, r.node, r.code,
               r.agency, r.note, {REASON} AS reason
        FROM raw r
        LEFT JOIN p_calendar d ON d.iso = SUBSTR(r.date_text, 1, 10)
        LEFT JOIN p_nodes n ON n.id = r.node
        LEFT JOIN p_codes c ON c.code = r.code
        LEFT JOIN p_agencies a ON a.id = r.agency""")


def split_rows(engine: Engine, as_of: dt.date) -> int:
    """`events`: the usable rows up to the as-of date. Returns how many usable rows were
    dated after it (not counted; not an error)."""
    engine.create("events", f"""
        SELECT src, line, case_id, date_text, day, event, node, code, agency
        FROM checked WHERE reason IS NULL AND day <= {literal(as_of)}""")
    return engine.rows(f"SELECT COUNT(*) FROM checked WHERE reason IS NULL "
                       f"AND day > {literal(as_of)}")[0][0]


def latest_day(engine: Engine) -> dt.date | None:
    return engine.rows("SELECT MAX(day) FROM checked WHERE reason IS NULL")[0][0]


def rejected_rows(engine: Engine, node_ids: list[str], codes: list[str]) -> list[tuple]:
    """(src, line, reason), in file order, with "did you mean" for a misspelt node or code."""
    rows = engine.rows("SELECT src, line, reason, node, code FROM checked "
                       "WHERE reason IS NOT NULL ORDER BY src, line")
    return [(src, line, _suggest(reason, node, code, node_ids, codes))
            for src, line, reason, node, code in rows]


@lru_cache(maxsize=4096)
def _close(value: str, known: tuple[str, ...]) -> str | None:
    return closest(value, known)


def _suggest(reason: str, node, code, node_ids: list[str], codes: list[str]) -> str:
    for prefix, value, known in (("unknown node", node, node_ids),
                                 ("unknown variance code", code, codes)):
        if reason.startswith(prefix) and value:
            close = _close(value, tuple(known))
            if close:
                return f"{reason} (did you mean `{close}`?)"
            if prefix == "unknown variance code":
                return f"{reason}: the pathway's codes are {', '.join(known)}"
    return reason
