"""Indicators counted from the journeys, where the indicator says how (docs/language.md,
"Indicators the audit counts"), each with a 95% Wilson interval; the rest are reported as
not computable, with the reason."""

from __future__ import annotations

import datetime as dt
import math

from pathwaylang import model as m
from pathwaylang.audit.engine import Engine, literal
from pathwaylang.audit.replay import took

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (it stays inside 0..1 for small counts)."""
    if trials == 0:
        return (0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def _within(engine: Engine, rule: m.IndicatorCount) -> tuple[int, int]:
    """Visits to the stage finished within the time, of those finished or already past it."""
    spent = took(literal(rule.within.unit.value), "t.entered", "t.until", "t.worked_in",
                 "t.worked_until")
    limit = rule.within.amount
    row = engine.rows(f"""
        SELECT SUM(CASE WHEN NOT still_open AND spent <= {limit} THEN 1 ELSE 0 END),
               SUM(CASE WHEN NOT still_open OR spent > {limit} THEN 1 ELSE 0 END)
        FROM (SELECT t.still_open, {spent} AS spent FROM timed t
              WHERE t.stage = {literal(rule.stage.value)}) AS x""")[0]
    return int(row[0] or 0), int(row[1] or 0)


def _reaching(engine: Engine, rule: m.IndicatorCount, as_of: dt.date) -> tuple[int, int]:
    """Cases that reached the node within the time of first entering the start, of those
    that reached it or have been on their way longer than the time."""
    unit = literal(rule.within.unit.value)
    limit = rule.within.amount
    reached = took(unit, "r.start", "r.reached", "cs.worked", "cr.worked")
    waited = took(unit, "r.start", literal(as_of), "cs.worked", "ca.worked")
    row = engine.rows(f"""
        WITH y AS (SELECT case_id, MIN(entered) AS start FROM visits
                   WHERE node = {literal(rule.source.value)} GROUP BY case_id),
             r AS (SELECT y.case_id, y.start, MIN(v.entered) AS reached FROM y
                   LEFT JOIN visits v ON v.case_id = y.case_id
                        AND v.node = {literal(rule.stage.value)} AND v.entered >= y.start
                   GROUP BY y.case_id, y.start)
        SELECT SUM(CASE WHEN reached IS NOT NULL AND spent <= {limit} THEN 1 ELSE 0 END),
               SUM(CASE WHEN (reached IS NOT NULL AND spent <= {limit}) OR waited > {limit}
                        THEN 1 ELSE 0 END)
        FROM (SELECT r.reached, {reached} AS spent, {waited} AS waited FROM r
              JOIN p_calendar cs ON cs.day = r.start
              LEFT JOIN p_calendar cr ON cr.day = r.reached
              CROSS JOIN (SELECT worked FROM p_calendar WHERE day = {literal(as_of)}) AS ca
             ) AS x""")[0]
    return int(row[0] or 0), int(row[1] or 0)


NOT_SAID = ("its `measure` is in words only; add `count visits to STAGE within N working days` "
            "or `count families reaching NODE from NODE within N weeks` for the audit to count "
            "it")


def indicator_result(engine: Engine, indicator: m.Indicator, kinds: dict[str, str],
                     as_of: dt.date) -> dict:
    result = {"id": indicator.id.value, "name": indicator.name.value}
    rule = indicator.counts
    if rule is None:
        return {**result, "computable": False, "reason": NOT_SAID}
    if rule.kind == "within" and kinds.get(rule.stage.value) != "stage":
        return {**result, "computable": False,
                "reason": f"`{rule.stage.value}` is not a stage, so it has no visits to time"}
    for name in (rule.stage, rule.source):
        if name is not None and name.value not in kinds:
            return {**result, "computable": False,
                    "reason": f"`{name.value}` is not a node of the pathway"}
    numerator, denominator = (_within(engine, rule) if rule.kind == "within"
                              else _reaching(engine, rule, as_of))
    if denominator == 0:
        return {**result, "computable": False,
                "reason": "no case can be judged yet: none has finished, or been waiting "
                          "longer than the time, by the as-of date"}
    value = numerator / denominator
    low, high = wilson(numerator, denominator)
    target = indicator.target.value / 100 if indicator.target is not None else None
    return {**result, "computable": True, "numerator": numerator, "denominator": denominator,
            "value": round(value, 4), "interval": [round(low, 4), round(high, 4)],
            "target": target, "met": None if target is None else value >= target}
