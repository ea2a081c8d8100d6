"""The working-day calendar: every day of the years an audit covers, with a running count of
working days (not a Saturday, a Sunday or a public holiday in Wales, from `holidays`).

The number of working days after day A up to and including day B is `count(B) - count(A)`,
which the SQL gets from two joins on this table. The same table checks dates: a record's
date is valid exactly when its first ten characters are one of the `iso` strings here.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates outside these years are rejected as out of range (no family record is older)."""


def welsh_holidays(first_year: int, last_year: int) -> set[dt.date]:
    import holidays

    return set(holidays.country_holidays("GB", subdiv="WLS",
                                         years=range(first_year, last_year + 1)))


def calendar_rows(first_year: int, last_year: int) -> Iterator[tuple[str, dt.date, int, bool]]:
    """(iso, day, working days up to and including day, is a working day), day by day."""
    off = welsh_holidays(first_year, last_year)
    day, end = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    count = 0
    while day <= end:
        working = day.weekday() < 5 and day not in off
        count += working
        yield day.isoformat(), day, count, working
        day += dt.timedelta(days=1)


CALENDAR_COLUMNS = (("iso", "VARCHAR(10)"), ("day", "DATE"), ("worked", "INTEGER"),
                    ("working", "BOOLEAN"))
