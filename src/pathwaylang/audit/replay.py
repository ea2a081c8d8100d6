"""Replaying the journeys in SQL: each case's `enter` events in order are its journey; each
step is a move, on the pathway when a route joins the two nodes; each stage visit is timed
in its timescale's unit against the working-day calendar."""

from __future__ import annotations

import datetime as dt

from pathwaylang.audit.engine import Engine, literal


def took(unit: str, start: str, end: str, worked_start: str, worked_end: str) -> str:
    """SQL for the time from day `start` to day `end` in `unit` (a `DurationUnit` value, or
    a column holding one). Weeks, months and years are counted up: 8 days is 2 weeks, so a
    visit is over an N-unit limit exactly when it took more than N."""
    days = f"({end} - {start})"
    months = (f"(CAST(EXTRACT(YEAR FROM {end}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {end}) "
              f"AS INTEGER) - CAST(EXTRACT(YEAR FROM {start}) AS INTEGER) * 12 - "
              f"CAST(EXTRACT(MONTH FROM {start}) AS INTEGER) + CASE WHEN EXTRACT(DAY FROM "
              f"{end}) > EXTRACT(DAY FROM {start}) THEN 1 ELSE 0 END)")
    return (f"CASE {unit} WHEN 'working day' THEN {worked_end} - {worked_start} "
            f"WHEN 'day' THEN {days} "
            f"WHEN 'week' THEN CAST(CEIL({days} / 7.0) AS INTEGER) "
            f"WHEN 'month' THEN {months} "
            f"WHEN 'year' THEN CAST(CEIL({months} / 12.0) AS INTEGER) END")


def replay(engine: Engine, as_of: dt.date) -> None:
    """`visits` (one row per enter, with the next node and the day the case left),
    `moves` (each step with its route's kind, NULL when unexpected) and `timed` (stage
    visits with their working-day counts)."""
    engine.create("visits", """
        SELECT case_id, node, day AS entered, src, line,
               ROW_NUMBER() OVER w AS seq, LEAD(node) OVER w AS next_node,
               LEAD(day) OVER w AS left_day
        FROM events WHERE event = 'enter'
        WINDOW w AS (PARTITION BY case_id ORDER BY day, date_text, src, line)""")
    engine.create("moves", """
        SELECT v.case_id, v.seq, v.node AS source, v.next_node AS target, v.left_day AS day,
               r.kind
        FROM visits v LEFT JOIN p_routes r ON r.source = v.node AND r.target = v.next_node
        WHERE v.next_node IS NOT NULL""")
    until = f"COALESCE(v.left_day, {literal(as_of)})"
    engine.create("timed", f"""
        SELECT v.case_id, v.node AS stage, v.entered, v.left_day, {until} AS until,
               v.left_day IS NULL AS still_open, ce.worked AS worked_in, cu.worked AS worked_until
        FROM visits v
        JOIN p_nodes n ON n.id = v.node AND n.kind = 'stage'
        JOIN p_calendar ce ON ce.day = v.entered
        JOIN p_calendar cu ON cu.day = {until}""")


def counts(engine: Engine) -> dict:
    cases, events = engine.rows("SELECT COUNT(DISTINCT case_id), COUNT(*) FROM events")[0]
    return {"cases": cases, "events": events}


def move_counts(engine: Engine) -> dict:
    rows = engine.rows("SELECT COALESCE(kind, 'unexpected'), COUNT(*) FROM moves GROUP BY 1 "
                       "ORDER BY 1")
    return dict(rows)


def routes_taken(engine: Engine) -> list[tuple]:
    """(from, to, kind or None, moves, cases) for every pair of nodes some case moved between."""
    return engine.rows("""
        SELECT source, target, kind, COUNT(*), COUNT(DISTINCT case_id) FROM moves
        GROUP BY source, target, kind ORDER BY source, target""")


def unexpected_starts(engine: Engine) -> list[tuple]:
    return engine.rows("""
        SELECT v.node, COUNT(DISTINCT v.case_id) FROM visits v
        JOIN p_nodes n ON n.id = v.node
        WHERE v.seq = 1 AND NOT n.start_ok GROUP BY v.node ORDER BY v.node""")


def _over_time_sql(still_open: bool) -> str:
    spent = took("s.unit", "t.entered", "t.until", "t.worked_in", "t.worked_until")
    return f"""
        SELECT case_id, stage, entered, spent, amount, unit FROM (
          SELECT t.case_id, t.stage, t.entered, {spent} AS spent, s.amount, s.unit
          FROM timed t JOIN p_timescales s ON s.stage = t.stage
          WHERE t.still_open = {literal(still_open)}) AS x
        WHERE spent > amount"""


def over_time(engine: Engine, still_open: bool) -> list[tuple]:
    """Breaches (closed visits over the stage's timescale) or overdue visits (still open on
    the as-of date and already over it): (case, stage, entered, took, limit, unit)."""
    return engine.rows(_over_time_sql(still_open) + " ORDER BY stage, entered, case_id")


def over_time_by_stage(engine: Engine, still_open: bool) -> dict[str, int]:
    """How many breaches (or overdue visits) each stage has."""
    return dict(engine.rows(f"SELECT stage, COUNT(*) FROM ({_over_time_sql(still_open)}) AS o "
                            "GROUP BY stage ORDER BY stage"))


def stage_visits(engine: Engine) -> dict[str, int]:
    return dict(engine.rows("SELECT stage, COUNT(*) FROM timed GROUP BY stage ORDER BY stage"))


def stepped_up(engine: Engine) -> list[tuple]:
    """Cases whose last step up has no step down after it: (case, stage stepped up to, day)."""
    return engine.rows("""
        SELECT m.case_id, m.target, m.day FROM moves m JOIN (
          SELECT case_id, MAX(CASE WHEN kind = 'step up' THEN seq END) AS up,
                 MAX(CASE WHEN kind = 'step down' THEN seq END) AS down
          FROM moves GROUP BY case_id) AS s ON s.case_id = m.case_id AND m.seq = s.up
        WHERE s.down IS NULL OR s.down < s.up ORDER BY m.case_id""")


def variance(engine: Engine) -> dict:
    base = "FROM events WHERE event = 'variance'"
    by_stage_code = engine.rows(f"SELECT node, code, COUNT(*) {base} GROUP BY node, code "
                                "ORDER BY node, code")
    return {
        "by_code": dict(engine.rows(f"SELECT code, COUNT(*) {base} GROUP BY code ORDER BY code")),
        "by_stage": dict(engine.rows(f"SELECT node, COUNT(*) {base} GROUP BY node ORDER BY node")),
        "by_stage_code": by_stage_code,
    }


def unknown_codes(engine: Engine) -> dict[str, int]:
    return dict(engine.rows("SELECT code, COUNT(*) FROM checked WHERE reason LIKE "
                            "'unknown variance code%' GROUP BY code ORDER BY code"))
