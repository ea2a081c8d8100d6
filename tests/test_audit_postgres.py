"""`pwy audit --db postgresql://... --table NAME`: the same records in a real PostgreSQL server
(started by the test, tests/postgres.py) give the same report as from a CSV file."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from conftest import REPO, check_path
from postgres import postgres_url  # noqa: F401  (the fixture)
from pathwaylang.audit.simulate import Settings, simulate
from pathwaylang.audit.simulate_out import csv_text
from pathwaylang.cli import load_commands

DYLANSHIRE = REPO / "examples" / "dylanshire.pwy"
BAD_ROWS = [  # one of each reason a row is left out
    ["case-x1", "2025-02-30", "enter", "family_information_service", "", ""],
    ["case-x2", "2025-03-03", "enter", "famly_information_service", "", ""],
    ["case-x3", "2025-03-03", "variance", "family_information_service", "Q9", ""],
    ["", "2025-03-03", "enter", "family_information_service", "", ""],
    ["case-x4", "2025-03-03", "arrive", "family_information_service", "", ""],
]


def _records_csv() -> str:
    program = check_path(DYLANSHIRE).program
    text = csv_text(simulate(program, Settings(cases=400, seed=5)))
    lines = text.splitlines(keepends=True)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(BAD_ROWS)
    # the bad rows in the middle, so line numbers after them matter too
    return "".join(lines[:200]) + buffer.getvalue() + "".join(lines[200:])


def _load_table(url: str, text: str) -> None:
    """The CSV's rows into `case_records`, each with its line in the file (the audit numbers
    a table's rows by a `line` column when it has one)."""
    import psycopg

    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS case_records")
        columns = ", ".join(f'"{name}" TEXT' for name in header)
        connection.execute(f'CREATE TABLE case_records ("line" INTEGER, {columns})')
        with connection.cursor() as cursor:
            names = ", ".join(f'"{name}"' for name in header)
            with cursor.copy(f'COPY case_records ("line", {names}) FROM STDIN') as copy:
                for number, row in enumerate(body, start=2):
                    copy.write_row([number, *(value or None for value in row)])


def _audit(*args: str):
    return CliRunner().invoke(load_commands(), ["audit", str(DYLANSHIRE), *args,
                                                "--as-of", "2025-12-31"],
                              catch_exceptions=False)


def test_postgres_table_gives_the_same_report_as_the_csv_file(postgres_url, tmp_path):  # noqa: F811
    text = _records_csv()
    records = tmp_path / "records.csv"
    records.write_text(text, encoding="utf-8")
    _load_table(postgres_url, text)
    for output_format in ("json", "text", "csv", "html"):
        from_file = _audit(str(records), "--format", output_format)
        from_db = _audit("--db", postgres_url, "--table", "case_records", "--format",
                         output_format)
        assert from_file.exit_code == from_db.exit_code == 1, from_db.output  # rows rejected
        if output_format == "json":
            file_report, db_report = json.loads(from_file.stdout), json.loads(from_db.stdout)
            assert {r["file"] for r in file_report["rows_rejected"]} == {str(records)}
            assert {r["file"] for r in db_report["rows_rejected"]} == {"table case_records"}
            for report in (file_report, db_report):
                for row in report["rows_rejected"]:
                    row["file"] = "records"
            assert [r["line"] for r in db_report["rows_rejected"]] == list(range(201, 206))
            assert db_report == file_report
            assert file_report["cases"] > 300 and file_report["breaches"]
        else:
            assert from_db.stdout.replace("table case_records", str(records)) == from_file.stdout


def test_a_missing_table_is_said_plainly(postgres_url):  # noqa: F811
    result = _audit("--db", postgres_url, "--table", "no_such_table")
    assert result.exit_code == 2
    assert "no_such_table: not found" in result.stderr
