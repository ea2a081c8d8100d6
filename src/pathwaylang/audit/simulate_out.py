"""Writing simulated records (CSV, JSON Lines, Parquet, XES) and telling journeys in words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pathwaylang import model as m
from pathwaylang.audit.simulate import Row

HEADER = ("case", "date", "event", "node", "code", "note")


def csv_text(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows((r.case, r.date.isoformat(), r.event, r.node, r.code, r.note) for r in rows)
    return buffer.getvalue()


def jsonl_text(rows: list[Row]) -> str:
    return "".join(json.dumps({"case": r.case, "date": r.date.isoformat(), "event": r.event,
                               "node": r.node, **({"code": r.code} if r.code else {}),
                               **({"note": r.note} if r.note else {})},
                              ensure_ascii=False) + "\n" for r in rows)


def xes_text(rows: list[Row]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">',
           '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
           '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>']
    for case, events in groupby(rows, key=lambda r: r.case):
        out.append(f'  <trace><string key="concept:name" value={quoteattr(case)}/>')
        for r in events:
            extra = "".join(f'<string key="{key}" value={quoteattr(value)}/>'
                            for key, value in (("pwy:event", r.event), ("pwy:code", r.code),
                                               ("pwy:note", r.note)) if value)
            out.append(f'    <event><string key="concept:name" value={quoteattr(r.node)}/>'
                       f'<date key="time:timestamp" value="{r.date.isoformat()}T00:00:00.000+00:00"/>'
                       f"{extra}</event>")
        out.append("  </trace>")
    out.append("</log>")
    return "\n".join(out) + "\n"


def write_records(rows: list[Row], target: Path) -> None:
    """By the file's extension: .csv, .jsonl, .parquet or .xes."""
    suffix = target.suffix.lower()
    if suffix == ".parquet":
        _write_parquet(rows, target)
        return
    text = {".csv": csv_text, ".jsonl": jsonl_text, ".xes": xes_text}[suffix](rows)
    target.write_text(text, encoding="utf-8")


def _write_parquet(rows: list[Row], target: Path) -> None:
    import duckdb

    with tempfile.TemporaryDirectory(prefix="pwy-simulate-") as folder:
        staged = Path(folder) / "rows.csv"
        staged.write_text(csv_text(rows), encoding="utf-8")
        connection = duckdb.connect()
        connection.execute(
            f"COPY (SELECT * FROM read_csv('{staged}', header=true, all_varchar=true)) "
            f"TO '{str(target).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
        connection.close()


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


UNIT_WORDS = {"day": "days", "working day": "working days", "week": "weeks", "month": "months",
              "year": "years"}


def _took(unit: str, start: dt.date, end: dt.date, off: set[dt.date]) -> int:
    """The time from `start` to `end` in `unit`, counted as the audit counts it (replay.took)."""
    days = (end - start).days
    if unit == "working day":
        return sum(1 for n in range(1, days + 1) if (start + dt.timedelta(days=n)).weekday() < 5
                   and start + dt.timedelta(days=n) not in off)
    months = (end.year - start.year) * 12 + end.month - start.month + (end.day > start.day)
    return {"day": days, "week": -(-days // 7), "month": months,
            "year": -(-months // 12)}[unit]


MOVE_WORDS = {"step up": "steps up to ", "step down": "steps down to ", "refer": "referred to ",
              "rejoin": "rejoins at ", "exit": "", "entry": ""}


def journeys_in_words(program: m.Program, rows: list[Row], count: int) -> str:
    """The first `count` journeys as a paragraph each, for training and for reviewing a
    pathway before it goes live: each stay in its timescale's unit, breaches and moves no
    route allows said."""
    from pathwaylang.analysis.graph import build_graph
    from pathwaylang.audit.workdays import welsh_holidays

    titles = {e.id.value: e.description.value for e in program.root.entries}
    for group in (program.root.stages, program.root.outcomes, program.root.subpathways):
        titles |= {item.id.value: item.title.value for item in group}
    stages = {s.id.value: s for s in program.root.stages}
    kinds = {(a, b): d["kind"] for a, b, d in build_graph(program).edges(data=True)}
    years = [r.date.year for r in rows] or [dt.date.today().year]
    off = welsh_holidays(min(years), max(years) + 1)
    out = []
    for number, (case, events) in enumerate(groupby(rows, key=lambda r: r.case), start=1):
        if number > count:
            break
        events = list(events)
        enters = [e for e in events if e.event == "enter"]
        lines = [f"Journey {number} ({case}):"]
        first = enters[0]
        lines.append(f"  On {_day(first.date)}: {titles.get(first.node, first.node)}.")
        for before, here, after in zip(enters, enters[1:], enters[2:] + [None]):
            kind = kinds.get((before.node, here.node))
            said = f"  {_day(here.date)}: " + ("" if kind is None else MOVE_WORDS[kind]) + \
                titles.get(here.node, here.node)
            if kind is None:
                said += " (a move no route of the pathway allows)"
            stage = stages.get(here.node)
            if after is None:
                said += "; still here when the records end" if stage else ""
            elif stage is not None and stage.timescale is not None:
                unit, limit = stage.timescale.unit.value, stage.timescale.amount
                spent = _took(unit, here.date, after.date, off)
                said += f", {spent} {unit if spent == 1 else UNIT_WORDS[unit]} (timescale {limit}"
                said += ": over it)" if spent > limit else ")"
            else:
                days = (after.date - here.date).days
                said += f", {days} day{'' if days == 1 else 's'}"
            for v in (e for e in events if e.event == "variance" and e.node == here.node):
                said += f"; variance {v.code}: {v.note}"
            lines.append(said + ".")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
