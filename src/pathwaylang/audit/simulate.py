"""Simulated case records (`pwy simulate`): journeys that follow the pathway's routes, with
stays spread around each stage's timescale, and timescale breaches, unexpected moves and
variance rows at stated rates. The same seed gives the same records."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field

from pathwaylang import model as m
from pathwaylang.analysis.graph import build_graph
from pathwaylang.audit.workdays import calendar_rows

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
LONGEST = {"day": 1, "week": 7, "month": 31, "year": 366}


@dataclass
class Settings:
    cases: int = 100
    seed: int = 1
    start: dt.date = dt.date(2025, 1, 6)
    spread_days: int = 365
    """Families arrive evenly over this many days from `start`."""
    breach_rate: float = 0.15
    """Share of timed stage visits that run over their timescale."""
    unexpected_rate: float = 0.03
    """Share of moves that go somewhere no route leads."""
    variance_rate: float = 0.2
    """Share of stage visits with a variance row."""
    action_rate: float = 0.5
    """Share of a stage's actions recorded as `action` rows."""
    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    """(from, to) -> weight of that route (1 when not given)."""
    max_steps: int = 40


@dataclass(frozen=True)
class Row:
    case: str
    date: dt.date
    event: str
    node: str
    code: str = ""
    note: str = ""


class _Calendar:
    """Adding working days: the sorted list of working days and a binary search."""

    def __init__(self, first: dt.date, last: dt.date):
        self.days = [day for _, day, _, working in calendar_rows(first.year, last.year)
                     if working]

    def add_working(self, day: dt.date, count: int) -> dt.date:
        index = bisect.bisect_right(self.days, day) + count - 1
        return self.days[min(index, len(self.days) - 1)]


class Simulator:
    def __init__(self, program: m.Program, settings: Settings):
        self.program = program
        self.settings = settings
        self.random = random.Random(settings.seed)
        self.graph = build_graph(program)
        self.stages = {s.id.value: s for s in program.root.stages}
        self.codes = program.variance_codes
        """(code, meaning): a variance row's note is its code's meaning."""
        self.entries = [e.id.value for e in program.root.entries]
        self.targets = sorted(n for n, d in self.graph.nodes(data=True)
                              if d["kind"] in ("stage", "outcome"))
        last = settings.start + dt.timedelta(days=settings.spread_days + 3 * 366)
        self.calendar = _Calendar(settings.start, last)
        self.end = settings.start + dt.timedelta(days=settings.spread_days + 60)
        """Records stop here: cases still on their way are open visits."""

    def rows(self) -> list[Row]:
        out: list[Row] = []
        for number in range(1, self.settings.cases + 1):
            out += self.journey(f"case-{number:06d}")
        return out

    def journey(self, case: str) -> list[Row]:
        s, r = self.settings, self.random
        day = s.start + dt.timedelta(days=r.randrange(max(s.spread_days, 1)))
        node = r.choice(self.entries)
        rows = [Row(case, day, "enter", node)]
        for _ in range(s.max_steps):
            following = self._next(node)
            if following is None:
                break
            node = following
            rows.append(Row(case, day, "enter", node))
            left = self._leave_day(node, day)
            rows += self._during(case, node, day, left)
            if left > self.end:
                break
            day = left
        return [row for row in rows if row.date <= self.end]

    def _next(self, node: str) -> str | None:
        s, r = self.settings, self.random
        routes = sorted({t for _, t in self.graph.out_edges(node)})
        if not routes:
            return None
        kind = self.graph.nodes[node]["kind"]
        if kind != "entry" and r.random() < s.unexpected_rate:
            elsewhere = [t for t in self.targets if t not in routes and t != node]
            if elsewhere:
                return r.choice(elsewhere)
        weights = [s.weights.get((node, t), 1.0) for t in routes]
        return r.choices(routes, weights)[0]

    def _leave_day(self, node: str, day: dt.date) -> dt.date:
        r = self.random
        stage = self.stages.get(node)
        if stage is None:
            if self.graph.nodes[node]["kind"] == "entry":
                return day
            return day + dt.timedelta(days=r.randint(20, 60))  # a subpathway's own time
        if stage.timescale is None:
            return day + dt.timedelta(days=r.randint(14, 70))
        amount, unit = stage.timescale.amount, stage.timescale.unit.value
        breach = r.random() < self.settings.breach_rate
        share = r.uniform(1.1, 1.8) if breach else r.triangular(0.3, 1.0, 0.8)
        # a breach is always over the limit, however short the timescale or long the month
        if unit == "working day":
            return self.calendar.add_working(
                day, max(1, round(amount * share), amount + 1 if breach else 0))
        days = max(1, round(amount * UNIT_DAYS[unit] * share),
                   amount * LONGEST[unit] + 1 if breach else 0)
        return day + dt.timedelta(days=days)

    def _during(self, case: str, node: str, day: dt.date, left: dt.date) -> list[Row]:
        r, s = self.random, self.settings
        stage = self.stages.get(node)
        if stage is None:
            return []
        span = max((left - day).days, 0)
        rows = [Row(case, day + dt.timedelta(days=r.randint(0, span)), "action", node,
                    note=action.text.value[:80])
                for action in stage.actions if r.random() < s.action_rate]
        if r.random() < s.variance_rate:
            code, meaning = r.choice(self.codes)
            rows.append(Row(case, day + dt.timedelta(days=r.randint(0, span)), "variance", node,
                            code, meaning))
        return sorted(rows, key=lambda row: row.date)


def simulate(program: m.Program, settings: Settings) -> list[Row]:
    return Simulator(program, settings).rows()
