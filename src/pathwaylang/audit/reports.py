"""The audit as text (a terminal), JSON (the spec's fields) and CSV (one tidy table).

Text and JSON give every count; CSV and HTML, which are shared beyond the team, show a count
under the disclosure threshold as "fewer than N", never the number (and hide an indicator's
value when its numerator, denominator or their difference is under it).
"""

from __future__ import annotations

import csv
import io
import json

from pathwaylang.audit.run import AuditReport

UNITS = {"day": "days", "working day": "working days", "week": "weeks", "month": "months",
         "year": "years"}
SHOWN_ROWS = 10


def shown_count(count: int, threshold: int) -> str:
    """A count fit to publish: the number, or "fewer than N" (zero included: a table that
    says 0 of a handful gives people away as surely as 1 does)."""
    return f"fewer than {threshold}" if count < threshold else str(count)


def indicator_hidden(item: dict, threshold: int) -> bool:
    if not item.get("computable"):
        return False
    n, d = item["numerator"], item["denominator"]
    return min(n, d, d - n) < threshold


def variance_rates(report: AuditReport) -> list[tuple[str, int, int, float]]:
    """(stage, variance rows, visits, rows per visit) for each visited stage."""
    by_stage = report.variance["by_stage"]
    return [(stage, by_stage.get(stage, 0), visits, by_stage.get(stage, 0) / visits)
            for stage, visits in sorted(report.stage_visits.items()) if visits]


def render_json(report: AuditReport) -> str:
    document = report.document()
    document["variance"]["rate_per_visit"] = {
        stage: round(rate, 4) for stage, _, _, rate in variance_rates(report)}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _cases(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"


def render_text(report: AuditReport) -> str:
    out = [f"audit of {report.pathway} ({report.title}) as of {report.as_of}",
           f"  {report.cases} cases, {report.events} events counted; "
           f"{len(report.rows_rejected)} of {report.rows_read} rows left out"
           + (f", {report.after_as_of} dated after the as-of date" if report.after_as_of else "")]
    for row in report.rows_rejected[:SHOWN_ROWS]:
        out.append(f"  rejected {row['file']}:{row['line']}: {row['reason']}")
    if len(report.rows_rejected) > SHOWN_ROWS:
        out.append(f"  ... and {len(report.rows_rejected) - SHOWN_ROWS} more rejected rows "
                   "(all of them in --format json)")
    out.append("moves: " + ", ".join(f"{k} {v}" for k, v in report.moves.items())
               + f"; unexpected {sum(u['moves'] for u in report.unexpected_moves)}; "
               f"fitness {_percent(report.fitness)}")
    for move in report.unexpected_moves[:SHOWN_ROWS]:
        out.append(f"  unexpected {move['from']} -> {move['to']}: {_cases(move['cases'])}")
    for start in report.unexpected_starts:
        out.append(f"  {_cases(start['cases'])} start at {start['node']}, which no entry leads to")
    out.append(f"stepped up with no step down yet: {_cases(len(report.stepped_up))}")
    for name, rows in (("timescale breaches", report.breaches), ("overdue", report.overdue)):
        out.append(f"{name}: {len(rows)}")
        for row in rows[:SHOWN_ROWS]:
            out.append(f"  {row['case']} at {row['stage']} from {row['entered']}: took "
                       f"{row['took']} {UNITS[row['unit']]}, limit {row['limit']}")
        if len(rows) > SHOWN_ROWS:
            out.append(f"  ... and {len(rows) - SHOWN_ROWS} more")
    out.append("variance by code: " + (", ".join(
        f"{c} {n}" for c, n in report.variance["by_code"].items()) or "none"))
    for stage, rows, visits, rate in variance_rates(report):
        if rows:
            out.append(f"  {stage}: {rows} variance rows in {visits} visits ({rate:.2f} a visit)")
    if report.unknown_codes:
        out.append("unknown variance codes (rows rejected): " + ", ".join(
            f"{c} {n}" for c, n in report.unknown_codes.items()))
    out.append("indicators:")
    for item in report.indicators:
        if not item["computable"]:
            out.append(f"  {item['id']}: not computable: {item['reason']}")
            continue
        low, high = item["interval"]
        target = "" if item["target"] is None else (
            f", target {_percent(item['target'])}: {'met' if item['met'] else 'not met'}")
        out.append(f"  {item['id']}: {item['numerator']}/{item['denominator']} = "
                   f"{_percent(item['value'])} (95% CI {_percent(low)} to {_percent(high)})"
                   f"{target}")
    return "\n".join(out) + "\n"


CSV_HEADER = ("section", "stage", "code", "from", "to", "count", "value")


def csv_rows(report: AuditReport, threshold: int) -> list[tuple]:
    c = lambda n: shown_count(n, threshold)  # noqa: E731
    rows = [("summary", "", "", "", "", c(report.cases), "cases"),
            ("summary", "", "", "", "", c(report.events), "events"),
            ("summary", "", "", "", "", c(len(report.rows_rejected)), "rows rejected"),
            ("summary", "", "", "", "", "", f"fitness {_percent(report.fitness)}")]
    rows += [("moves", "", "", "", "", c(n), kind) for kind, n in report.moves.items()]
    rows += [("unexpected move", "", "", u["from"], u["to"], c(u["cases"]), "cases")
             for u in report.unexpected_moves]
    rows += [("stepped up, no step down", "", "", "", "", c(len(report.stepped_up)), "cases")]
    for section, per_stage in (("breaches", report.breaches_by_stage),
                               ("overdue", report.overdue_by_stage)):
        rows += [(section, s, "", "", "", c(n), "visits") for s, n in per_stage.items()]
    rows += [("variance by code", "", code, "", "", c(n), "")
             for code, n in report.variance["by_code"].items()]
    rows += [("variance by stage", s, "", "", "", c(n), "") for s, n in
             report.variance["by_stage"].items()]
    rows += [("variance by stage and code", v["stage"], v["code"], "", "", c(v["count"]), "")
             for v in report.variance["by_stage_code"]]
    rows += [("indicator", "", "", "", "", "", f"{item['id']}: {_indicator_value(item, threshold)}")
             for item in report.indicators]
    return rows


def _indicator_value(item: dict, threshold: int) -> str:
    if not item["computable"]:
        return "not computable: " + item["reason"]
    if indicator_hidden(item, threshold):
        return f"not shown: a count under {threshold}"
    low, high = item["interval"]
    return f"{_percent(item['value'])} (95% CI {_percent(low)} to {_percent(high)})"


def render_csv(report: AuditReport, threshold: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(report, threshold))
    return buffer.getvalue()
