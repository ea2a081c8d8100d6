"""One audit from start to finish: records in, `AuditReport` out (no printing, no files)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang import model as m
from pathwaylang.audit import checks, replay
from pathwaylang.audit.engine import DuckDBEngine, Engine, PostgresEngine
from pathwaylang.audit.indicators import indicator_result
from pathwaylang.audit.records import FileReader, Sources, create_raw, read_table
from pathwaylang.audit.tables import PathwayTables, load_pathway_tables, pathway_tables


@dataclass
class AuditReport:
    """Everything the audit found; `document()` is the JSON report (spec fields first)."""

    pathway: str
    title: str
    as_of: dt.date | None
    cases: int
    events: int
    rows_read: int
    rows_rejected: list[dict]
    after_as_of: int
    moves: dict[str, int]
    unexpected_moves: list[dict]
    unexpected_starts: list[dict]
    fitness: float | None
    breaches: list[dict]
    overdue: list[dict]
    breaches_by_stage: dict[str, int]
    overdue_by_stage: dict[str, int]
    stage_visits: dict[str, int]
    stepped_up: list[dict]
    variance: dict
    unknown_codes: dict[str, int]
    indicators: list[dict]
    routes: list[dict]
    tables: PathwayTables = field(repr=False)

    def document(self) -> dict:
        return {
            "pathway": self.pathway, "as_of": _iso(self.as_of), "cases": self.cases,
            "events": self.events, "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected, "rows_after_as_of": self.after_as_of,
            "moves": self.moves, "unexpected_moves": self.unexpected_moves,
            "unexpected_starts": self.unexpected_starts, "fitness": self.fitness,
            "breaches": self.breaches, "overdue": self.overdue,
            "breaches_by_stage": self.breaches_by_stage, "overdue_by_stage": self.overdue_by_stage,
            "stage_visits": self.stage_visits, "stepped_up_no_step_down": self.stepped_up,
            "variance": self.variance, "unknown_codes": self.unknown_codes,
            "indicators": self.indicators, "routes": self.routes,
        }


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass
class Records:
    """Where the case records are: files, or a PostgreSQL table."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    """(path, the name to show for it)."""
    database: str | None = None
    table: str | None = None


def run_audit(program: m.Program, records: Records, as_of: dt.date | None = None) -> AuditReport:
    """Read the records into the engine, replay them, and gather the report."""
    engine: Engine = PostgresEngine(records.database) if records.database else DuckDBEngine()
    sources = Sources()
    reader = None
    try:
        create_raw(engine)
        if records.database:
            read_table(engine, records.table, sources)
        else:
            reader = FileReader(engine, sources)
            for path, shown in records.files:
                reader.read(path, shown)
        return _audit(engine, program, sources, as_of)
    finally:
        if reader is not None:
            reader.close()
        engine.close()


def _audit(engine: Engine, program: m.Program, sources: Sources,
           as_of: dt.date | None) -> AuditReport:
    tables = pathway_tables(program)
    load_pathway_tables(engine, tables)
    checks.load_calendar(engine, as_of)
    checks.check_rows(engine)
    as_of = as_of or checks.latest_day(engine) or dt.date(checks.LAST_YEAR, 1, 1)
    if as_of > dt.date(checks.LAST_YEAR, 1, 1):
        as_of = dt.date(checks.LAST_YEAR, 1, 1)
    after = checks.split_rows(engine, as_of)
    replay.replay(engine, as_of)
    rejected = checks.rejected_rows(engine, [n[0] for n in tables.nodes],
                                    [c for c, _ in tables.codes])
    moves = replay.move_counts(engine)
    unexpected = moves.pop("unexpected", 0)
    on_pathway = sum(moves.values())
    taken = replay.routes_taken(engine)
    kinds = {n[0]: n[1] for n in tables.nodes}
    return AuditReport(
        pathway=program.root.id.value, title=program.root.title.value if program.root.title
        else program.root.id.value, as_of=as_of,
        **replay.counts(engine),
        rows_read=engine.rows("SELECT COUNT(*) FROM raw")[0][0],
        rows_rejected=[{"file": sources.names[src], "line": line, "reason": reason}
                       for src, line, reason in rejected],
        after_as_of=after,
        moves={kind: moves.get(kind, 0) for kind in
               ("exit", "step up", "step down", "refer", "entry", "rejoin")},
        unexpected_moves=[{"from": s, "to": t, "moves": n, "cases": c}
                          for s, t, k, n, c in taken if k is None],
        unexpected_starts=[{"node": n, "cases": c} for n, c in replay.unexpected_starts(engine)],
        fitness=round(on_pathway / (on_pathway + unexpected), 4) if on_pathway + unexpected
        else None,
        breaches=_timings(replay.over_time(engine, still_open=False)),
        overdue=_timings(replay.over_time(engine, still_open=True)),
        breaches_by_stage=replay.over_time_by_stage(engine, still_open=False),
        overdue_by_stage=replay.over_time_by_stage(engine, still_open=True),
        stage_visits=replay.stage_visits(engine),
        stepped_up=[{"case": c, "stage": s, "since": _iso(d)}
                    for c, s, d in replay.stepped_up(engine)],
        variance=_variance(replay.variance(engine)),
        unknown_codes=replay.unknown_codes(engine),
        indicators=[indicator_result(engine, i, kinds, as_of)
                    for i in program.root.indicators],
        routes=[{"from": s, "to": t, "kind": k, "moves": n, "cases": c}
                for s, t, k, n, c in taken if k is not None],
        tables=tables,
    )


def _timings(rows: list[tuple]) -> list[dict]:
    return [{"case": case, "stage": stage, "entered": _iso(entered), "took": spent,
             "limit": limit, "unit": unit}
            for case, stage, entered, spent, limit, unit in rows]


def _variance(found: dict) -> dict:
    return {"by_code": found["by_code"], "by_stage": found["by_stage"],
            "by_stage_code": [{"stage": s, "code": c, "count": n}
                              for s, c, n in found["by_stage_code"]]}
