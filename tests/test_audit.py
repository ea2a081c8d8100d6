"""`pwy audit` and `pwy simulate`: golden reports of a small record set written by hand, every
record format giving the same report, working days, rejected rows, small-count suppression.

`PWY_UPDATE_GOLDEN=1 pytest tests/test_audit.py` rewrites tests/golden/audit/ (read the diff).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, check_path
from golden_files import assert_golden
from pathwaylang.audit.indicators import wilson
from pathwaylang.audit.reports import render_json
from pathwaylang.audit.run import Records, run_audit
from pathwaylang.audit.simulate import Settings, simulate
from pathwaylang.audit.simulate_out import write_records
from pathwaylang.cli import load_commands

DYLANSHIRE = REPO / "examples" / "dylanshire.pwy"
RECORDS = Path("tests/fixtures/audit/records.csv")
GOLDEN = REPO / "tests" / "golden" / "audit"
AS_OF = ["--as-of", "2025-05-05"]


def pwy(*args: str):
    here = Path.cwd()
    os.chdir(REPO)
    try:
        return CliRunner().invoke(load_commands(), list(args), catch_exceptions=False)
    finally:
        os.chdir(here)


def program(path: Path = DYLANSHIRE):
    return check_path(path).program


@pytest.mark.parametrize("output_format", ["text", "json", "csv"])
def test_golden_reports(output_format):
    result = pwy("audit", "examples/dylanshire.pwy", str(RECORDS), *AS_OF,
                 "--format", output_format)
    assert result.exit_code == 1, result.output  # rows were rejected
    golden = GOLDEN / f"dylanshire.{ {'text': 'txt'}.get(output_format, output_format)}"
    assert_golden(golden, result.stdout)


def _report(records: Path, as_of: dt.date | None = dt.date(2025, 5, 5)) -> dict:
    found = run_audit(program(), Records(files=[(records, records.name)]), as_of)
    return json.loads(render_json(found))


def test_spec_fields_and_figures():
    report = _report(REPO / RECORDS)
    for key in ("cases", "events", "rows_rejected", "moves", "unexpected_moves", "fitness",
                "breaches", "overdue", "variance", "indicators"):
        assert key in report
    reasons = {row["line"]: row["reason"] for row in report["rows_rejected"]}
    # the quoted two-line note moves every later line down by one
    assert reasons[12].startswith("bad date `2025-02-30`")
    assert "did you mean `family_information_service`" in reasons[13]
    assert reasons[14].startswith("unknown variance code `Q`")
    assert reasons[19] == "no `case`"
    assert reasons[20].startswith("unknown event `arrive`")
    assert reasons[21] == "a `variance` row needs a `code`"
    assert reasons[23] == "unknown agency `nowhere`"
    assert len(reasons) == 7 and report["rows_read"] == 22
    assert report["moves"]["step down"] == 1 and report["moves"]["entry"] == 2
    assert report["unexpected_moves"] == [
        {"from": "universal_support", "to": "taf_meeting", "moves": 1, "cases": 1}]
    assert report["fitness"] == 7 / 8  # 8 moves, one of them unexpected
    assert report["variance"]["by_code"] == {"F2": 1, "P1": 1, "S1": 1}
    assert report["unknown_codes"] == {"Q": 1}


def test_working_days_skip_weekends_and_welsh_bank_holidays():
    """fam-06 is at the FIS from Thursday 17 April 2025 to Thursday 24 April: Good Friday,
    the weekend and Easter Monday are not working days, so the visit took 3 (limit 2)."""
    report = _report(REPO / RECORDS)
    fis = [b for b in report["breaches"] if b["case"] == "fam-06"]
    assert fis == [{"case": "fam-06", "stage": "family_information_service",
                    "entered": "2025-04-17", "took": 3, "limit": 2, "unit": "working day"}]


def test_open_visit_over_its_timescale_is_overdue():
    report = _report(REPO / RECORDS)
    overdue = {(o["case"], o["stage"]) for o in report["overdue"]}
    assert ("fam-02", "taf_meeting") in overdue  # entered 9 January, still there on 5 May
    assert ("fam-06", "universal_support") not in overdue  # 11 days of 6 weeks


def test_every_format_gives_the_same_report(tmp_path):
    rows = simulate(program(), Settings(cases=300, seed=7))
    reports = []
    for suffix in (".csv", ".jsonl", ".parquet", ".xes"):
        path = tmp_path / f"records{suffix}"
        write_records(rows, path)
        reports.append(_report(path, as_of=None))
    assert reports[0]["events"] == len(rows) and reports[0]["cases"] == 300
    assert all(r == reports[0] for r in reports[1:])


def test_simulation_is_deterministic_and_follows_the_rates(tmp_path):
    first = simulate(program(), Settings(cases=400, seed=11, unexpected_rate=0.0,
                                         breach_rate=0.0))
    assert first == simulate(program(), Settings(cases=400, seed=11, unexpected_rate=0.0,
                                                 breach_rate=0.0))
    assert first != simulate(program(), Settings(cases=400, seed=12))
    path = tmp_path / "r.csv"
    write_records(first, path)
    report = _report(path, as_of=None)
    assert report["fitness"] == 1.0 and report["breaches"] == []
    noisy = simulate(program(), Settings(cases=400, seed=11, unexpected_rate=0.2))
    write_records(noisy, path)
    assert _report(path, as_of=None)["fitness"] < 0.9


def test_small_counts_are_never_shown_in_csv():
    result = pwy("audit", "examples/dylanshire.pwy", str(RECORDS), *AS_OF, "--format", "csv")
    for row in csv.DictReader(io.StringIO(result.stdout)):
        if row["count"]:
            assert row["count"] == "fewer than 5" or int(row["count"]) >= 5, row


def test_bad_rows_in_every_format(tmp_path):
    (tmp_path / "wide.csv").write_text(
        "case,date,event,node\nc1,2025-01-06,enter,family_asks\nc1,2025-01-06,enter,"
        "family_information_service,extra\nc1,2025-01-07,enter,universal_support\n")
    (tmp_path / "bad.jsonl").write_text(
        '{"case": "c2", "date": "2025-01-06", "event": "enter", "node": "family_asks"}\n'
        "not json\n\n[1, 2]\n"
        '{"case": "c2", "date": "2025-01-06", "event": "enter", "node": "nowhere"}\n')
    (tmp_path / "broken.xes").write_text('<log><trace><string key="concept:name" value="c3"/>'
                                         '\n<event><string key="concept:name"')
    (tmp_path / "nocase.csv").write_text("date,event,node\n2025-01-06,enter,family_asks\n")
    found = run_audit(program(), Records(files=[(tmp_path / n, n) for n in (
        "wide.csv", "bad.jsonl", "broken.xes", "nocase.csv")]))
    got = [(r["file"], r["line"], r["reason"].split(" (")[0]) for r in found.rows_rejected]
    assert got == [
        ("wide.csv", 3, "5 values where the header names 4 columns"),
        ("bad.jsonl", 2, "the line is not a JSON object"),
        ("bad.jsonl", 4, "the line is not a JSON object"),
        ("bad.jsonl", 5, "unknown node `nowhere`"),
        ("broken.xes", 2, "the XES file is not well-formed XML"),
        ("nocase.csv", 2, "the records have no `case` column"),
    ]
    assert found.events == 3  # two of c1's rows and c2's first


def test_exit_codes(tmp_path):
    broken = tmp_path / "broken.pwy"
    broken.write_text('pathway p "P" { stage s "S" { } }\n')
    assert pwy("audit", str(broken), str(RECORDS)).exit_code == 2
    assert pwy("audit", "examples/dylanshire.pwy", str(tmp_path / "none.csv")).exit_code == 2
    clean = tmp_path / "clean.csv"
    write_records(simulate(program(), Settings(cases=20)), clean)
    assert pwy("audit", "examples/dylanshire.pwy", str(clean)).exit_code == 0


def test_wilson_interval_known_values():
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)


def test_simulate_prints_journeys_in_words():
    result = pwy("simulate", "examples/dylanshire.pwy", "--journeys", "5", "--seed", "3")
    assert result.exit_code == 0
    assert result.stdout.count("Journey ") == 5
    assert result.stdout == pwy("simulate", "examples/dylanshire.pwy", "--journeys", "5",
                                "--seed", "3").stdout


INDICATOR_RECORDS = """case,date,event,node
a,2025-04-17,enter,family_information_service
a,2025-04-23,enter,universal_support
b,2025-04-17,enter,family_information_service
b,2025-04-24,enter,consent_conversation
b,2025-05-01,enter,joint_assessment
b,2025-05-15,enter,taf_meeting
b,2025-05-20,enter,family_plan
c,2025-06-27,enter,family_information_service
d,2025-06-20,enter,family_information_service
e,2025-01-06,enter,family_information_service
e,2025-01-08,enter,universal_support
e,2025-02-01,enter,needs_met
"""


def test_indicators_counted_as_their_count_line_says(tmp_path):
    """fis_callback (`count visits to family_information_service within 2 working days`):
    a left after 2 working days (Good Friday, the weekend and Easter Monday are not), e
    after 2, b after 3, d is still there after 6 (late already), c after 1 (not judged
    yet): 2 of 4."""
    records = tmp_path / "r.csv"
    records.write_text(INDICATOR_RECORDS, encoding="utf-8")
    found = {i["id"]: i for i in _report(records, as_of=dt.date(2025, 6, 30))["indicators"]}
    fis = found["fis_callback"]
    assert (fis["numerator"], fis["denominator"], fis["value"]) == (2, 4, 0.5)
    assert fis["interval"] == [round(x, 4) for x in wilson(2, 4)]
    assert (fis["target"], fis["met"]) == (0.9, False)
    assert found["welsh_active_offer"]["computable"] is False
    assert "count visits to STAGE" in found["welsh_active_offer"]["reason"]


def test_indicator_reaching_a_node_within_a_time(tmp_path):
    """reviews_on_time in kentigernshire (`count families reaching taf_review from
    family_plan within 6 weeks`): p reached it in 5 weeks; q in 8; s went elsewhere 25 weeks
    ago; r has waited 4 weeks, so is not judged yet: 1 of 3."""
    records = tmp_path / "k.csv"
    records.write_text("case,date,event,node\n"
                       "p,2025-03-03,enter,family_plan\np,2025-04-07,enter,taf_review\n"
                       "q,2025-03-03,enter,family_plan\nq,2025-04-28,enter,taf_review\n"
                       "r,2025-06-02,enter,family_plan\n"
                       "s,2025-01-06,enter,family_plan\ns,2025-01-20,enter,fast_programme\n",
                       encoding="utf-8")
    kentigernshire = program(REPO / "examples" / "kentigernshire.pwy")
    found = run_audit(kentigernshire, Records(files=[(records, "k.csv")]), dt.date(2025, 6, 30))
    reviews = next(i for i in found.indicators if i["id"] == "reviews_on_time")
    assert (reviews["numerator"], reviews["denominator"]) == (1, 3)
    assert reviews["met"] is False and reviews["target"] == 0.85


def test_line_numbers_of_a_plain_csv(tmp_path):
    """No value holds a line break: each row's line is its place in the file."""
    records = tmp_path / "r.csv"
    records.write_text(INDICATOR_RECORDS + "f,2025-13-01,enter,family_information_service\n"
                       "g,2025-01-06,enter,nowhere\n", encoding="utf-8")
    report = _report(records)
    assert [(r["line"], r["reason"][:8]) for r in report["rows_rejected"]] == [
        (14, "bad date"), (15, "unknown ")]


def test_route_weights_steer_the_simulation(tmp_path):
    """A weight of 0 closes a route; a heavy one takes most families."""
    heavy = {("family_information_service", "universal_support"): 50.0,
             ("family_information_service", "consent_conversation"): 0.0}
    rows = simulate(program(), Settings(cases=300, seed=2, unexpected_rate=0.0, weights=heavy))
    path = tmp_path / "r.csv"
    write_records(rows, path)
    routes = {(r["from"], r["to"]): r["cases"] for r in _report(path, as_of=None)["routes"]}
    assert ("family_information_service", "consent_conversation") not in routes
    from_fis = sum(n for (a, _), n in routes.items() if a == "family_information_service")
    assert routes[("family_information_service", "universal_support")] > 0.8 * from_fis


def test_simulate_weight_option_is_checked():
    result = pwy("simulate", "examples/dylanshire.pwy", "--weight", "nowhere:universal_support=2")
    assert result.exit_code == 2 and "`nowhere` is not a node" in result.output


def test_csv_rows_duckdb_sets_aside_match_the_careful_reader(tmp_path, monkeypatch):
    """Rows of the wrong width or not UTF-8 are set aside by DuckDB's reader with the same
    lines and reasons as Python's row-by-row reader gives, and every other row is read."""
    from pathwaylang.audit.records import FileReader

    good = INDICATOR_RECORDS.encode().splitlines(keepends=True)
    data = b"".join(good[:3] + [b"x,2025-01-06,enter\n"] + good[3:6]
                    + [b"y,2025-01-06,enter,family_information_service,extra\n",
                       b"z,2025-01-06,enter,caf\xe9\n", b"w,2025-01-06,enter,nowhere\n"]
                    + good[6:])
    records = tmp_path / "r.csv"
    records.write_bytes(data)

    def refuse(*args):
        raise AssertionError("the other reader")

    with monkeypatch.context() as patch:
        patch.setattr(FileReader, "_python_csv", refuse)
        fast = _report(records, as_of=dt.date(2025, 6, 30))
    monkeypatch.setattr(FileReader, "_duckdb_csv", refuse)
    careful = _report(records, as_of=dt.date(2025, 6, 30))
    assert fast == careful
    assert [(r["line"], r["reason"].split(" (")[0]) for r in fast["rows_rejected"]] == [
        (4, "3 values where the header names 4 columns"),
        (8, "5 values where the header names 4 columns"),
        (9, "the row is not UTF-8 text"), (10, "unknown node `nowhere`")]
    assert fast["events"] == len(good) - 1


def test_journeys_in_words_say_breaches_and_moves_off_the_pathway():
    from pathwaylang.audit.simulate_out import journeys_in_words

    calm = journeys_in_words(program(), simulate(program(), Settings(
        cases=5, seed=3, breach_rate=0.0, unexpected_rate=0.0)), 5)
    assert "over it" not in calm and "no route" not in calm
    assert "working days (timescale" in calm
    wild = journeys_in_words(program(), simulate(program(), Settings(
        cases=5, seed=3, breach_rate=1.0, unexpected_rate=1.0)), 5)
    assert "(timescale 2: over it)" in wild or "(timescale 10: over it)" in wild
    assert "a move no route of the pathway allows" in wild


def test_breach_rate_is_the_share_of_timed_visits_over_their_timescale(tmp_path):
    rows = simulate(program(), Settings(cases=400, seed=9, breach_rate=0.3, unexpected_rate=0.0))
    path = tmp_path / "r.csv"
    write_records(rows, path)
    report = _report(path, as_of=None)
    timed = {s for s, _, _ in report_tables().timescales}
    visits = sum(n for s, n in report["stage_visits"].items() if s in timed)
    closed = visits - sum(report["overdue_by_stage"].values())
    share = sum(report["breaches_by_stage"].values()) / closed
    assert 0.25 < share < 0.35, share


def report_tables():
    from pathwaylang.audit.tables import pathway_tables

    return pathway_tables(program())
