"""Reading case records into the audit's `raw` table: CSV, JSON Lines, Parquet and XES files
(by DuckDB's own readers where it has one), or a PostgreSQL table.

Every row keeps its file and line, so a row that cannot be used is reported where it is.
Values stay text here; `checks.py` decides what each one means.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pathwaylang.audit.engine import DuckDBEngine, Engine, literal
from pathwaylang.core.source import probe

RECORDS_LIMIT = 1 << 50
"""Case records are data, as large as a service's history: no size limit but the disk's."""
COLUMNS = ("case", "date", "event", "node", "code", "note", "agency")
REQUIRED = ("case", "date", "event", "node")
RAW_COLUMNS = ("src", "line", "case_id", "date_text", "event", "node", "code", "note",
               "agency", "unreadable")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
           ".parquet": "parquet", ".pq": "parquet", ".xes": "xes"}


class _Careful(Exception):
    """DuckDB's reader cannot number this file's lines: read it row by row instead."""


def _csv_reason(kind: str, message: str) -> str:
    """Why DuckDB set a CSV row aside, in the words the careful reader uses."""
    import re

    if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message or "")
        if found:
            return f"{found.group(2)} values where the header names {found.group(1)} columns"
    if kind == "INVALID ENCODING":
        return "the row is not UTF-8 text"
    if kind == "UNQUOTED VALUE":
        return "a quoted value is not closed"
    return f"the row cannot be read as CSV ({(message or kind).splitlines()[0]})"


class RecordsError(Exception):
    """A records file that cannot be opened at all (missing, a folder, an unknown kind)."""


@dataclass
class Sources:
    """The files (or table) the rows came from: `src` in the raw table indexes `names`."""

    names: list[str] = field(default_factory=list)
    line_word: list[str] = field(default_factory=list)
    """`line` for text files, `row` for Parquet and database tables."""


def create_raw(engine: Engine) -> None:
    spec = ", ".join(f"{c} {'INTEGER' if c in ('src', 'line') else 'VARCHAR'}"
                     for c in RAW_COLUMNS)
    engine.execute("DROP TABLE IF EXISTS raw")
    engine.execute(f"CREATE {engine.dialect.temporary} raw ({spec})")


def _text(expression: str) -> str:
    """A value as trimmed text, empty text as NULL."""
    return f"NULLIF(TRIM(CAST({expression} AS VARCHAR)), '')"


def _select(columns: set[str], src: int, line: str, value, unreadable: str = "NULL") -> str:
    """The SELECT list that puts one source's columns in the raw table's shape; a required
    column the source lacks makes every row unreadable, saying which column."""
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        unreadable = literal(f"the records have no `{missing[0]}` column")
    parts = [str(src), line]
    parts += [_text(value(c)) if c in columns else "NULL" for c in COLUMNS]
    return ", ".join(parts + [unreadable])


class FileReader:
    """Reads record files into `raw` on a DuckDB engine."""

    def __init__(self, engine: DuckDBEngine, sources: Sources):
        self.engine = engine
        self.sources = sources
        self._temp = tempfile.TemporaryDirectory(prefix="pwy-audit-")

    def close(self) -> None:
        self._temp.cleanup()

    def read(self, path: Path, shown: str) -> None:
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise RecordsError(f"{shown}: not a records file this audit reads (use .csv, "
                               ".jsonl, .parquet or .xes)")
        why = probe(path, limit=RECORDS_LIMIT)  # a pipe or a device is refused, not read
        if why is not None:
            raise RecordsError(f"{shown}: {'no such file' if why.missing else why.reason}")
        src = len(self.sources.names)
        self.sources.names.append(shown)
        self.sources.line_word.append("row" if kind == "parquet" else "line")
        getattr(self, f"_read_{kind}")(path, src)

    # ---- CSV --------------------------------------------------------------------------

    def _read_csv(self, path: Path, src: int) -> None:
        header = _csv_header(path)
        if header is None:
            return
        names = {name.strip(): index for index, name in enumerate(header)}
        try:
            self._duckdb_csv(path, src, header, names)
        except Exception:  # a file DuckDB's reader cannot number: read it row by row instead
            self.engine.execute(f"DELETE FROM raw WHERE src = {src}")
            self._python_csv(path, src, header, names)

    def _duckdb_csv(self, path: Path, src: int, header: list[str], names: dict[str, int]):
        """By DuckDB's reader, which sets aside the rows it cannot read (`reject_errors`,
        each with its record number and why) and reads on."""
        columns = "{" + ", ".join(f"{literal(f'c{i}')}: 'VARCHAR'" for i in range(len(header))) + "}"
        for table in ("reject_errors", "reject_scans"):
            self.engine.execute(f"DROP TABLE IF EXISTS {table}")
        self.engine.create("file_rows", (
            f"SELECT * FROM read_csv({literal(str(path))}, header=true, auto_detect=false, "
            f"columns={columns}, delim=',', quote='\"', escape='\"', strict_mode=true, "
            "null_padding=false, encoding='utf-8', store_rejects=true)"))
        rejects = self.engine.rows("SELECT line, MIN(error_type), MIN(error_message), "
                                   "MAX(csv_line) FROM reject_errors GROUP BY line ORDER BY line")
        # a quoted value may hold line breaks: a row's line is its number plus the breaks
        # in the rows before it (a running sum, which costs a sort: only when there are any)
        breaks = " + ".join(
            f"COALESCE(LENGTH(c{i}) - LENGTH(REPLACE(c{i}, chr(10), '')), 0)"
            for i in range(len(header)))
        any_break = " OR ".join(f"contains(c{i}, chr(10))" for i in range(len(header)))
        has_breaks = self.engine.rows(f"SELECT COUNT(*) FROM file_rows WHERE {any_break}")[0][0]
        if rejects and (has_breaks or any("\n" in (r[3] or "").rstrip("\r\n") for r in rejects)):
            raise _Careful  # records and lines part ways on both sides of a rejected row
        if has_breaks:
            line = (f"CAST(rowid + 2 + COALESCE(SUM({breaks}) OVER (ORDER BY rowid ROWS "
                    "BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER)")
        else:
            line = "CAST(rowid + 2 AS INTEGER)"
        source = "file_rows"
        if rejects:
            line, source = self._after_rejects()
        chosen = {c: f"c{names[c]}" for c in COLUMNS if c in names}
        self.engine.execute("INSERT INTO raw SELECT " + _select(set(chosen), src, line,
                                                                chosen.get) + f" FROM {source}")
        if rejects:
            self.engine.load_rows("file_rejects", (("line", "INTEGER"), ("why", "VARCHAR")),
                                  [(number, _csv_reason(kind, message))
                                   for number, kind, message, _ in rejects])
            self.engine.execute(f"INSERT INTO raw (src, line, unreadable) SELECT {src}, line, "
                                "why FROM file_rejects")
            self.engine.execute("DROP TABLE file_rejects")
        self.engine.execute("DROP TABLE file_rows")

    def _after_rejects(self) -> tuple[str, str]:
        """Each read row's line when some rows were set aside (and no value holds a line
        break, so a record's number is its line): the i-th rejected line r_i comes after
        r_i - i - 1 read rows, so a row moves down by the number of rejected lines with
        at most its own number of read rows before them (an ASOF join, not a scan each)."""
        self.engine.create("file_shifts", """
            SELECT good_before, MAX(shift) AS shift FROM (
              SELECT line - ROW_NUMBER() OVER (ORDER BY line) - 1 AS good_before,
                     ROW_NUMBER() OVER (ORDER BY line) AS shift
              FROM (SELECT DISTINCT line FROM reject_errors) AS r) AS s
            GROUP BY good_before""")
        self.engine.create("file_lines", """
            SELECT f.*, CAST(f.rowid + 2 + COALESCE(s.shift, 0) AS INTEGER) AS line_number
            FROM file_rows f ASOF LEFT JOIN file_shifts s ON f.rowid >= s.good_before""")
        self.engine.execute("DROP TABLE file_shifts")
        return "line_number", "file_lines"

    def _python_csv(self, path: Path, src: int, header: list[str], names: dict[str, int]):
        """Row by row with Python's csv module: exact lines for rows of the wrong width or
        text that is not UTF-8, which are kept as unreadable rows."""
        rows = []
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            line = reader.line_num + 1
            for fields in reader:
                problem = None
                if len(fields) != len(header):
                    problem = (f"{len(fields)} values where the header names {len(header)} "
                               "columns")
                elif any("\ufffd" in f for f in fields):
                    problem = "the row is not UTF-8 text"
                values = [fields[names[c]] if c in names and not problem else "" for c in COLUMNS]
                rows.append([line, *values, problem or ""])
                line = reader.line_num + 1
        self._load_rows(src, rows, {c for c in COLUMNS if c in names})

    def _load_rows(self, src: int, rows: list[list], columns: set[str]) -> None:
        """Rows made in Python (the careful CSV path, XES) go to DuckDB through a CSV file."""
        staged = Path(self._temp.name) / f"rows-{src}.csv"
        with open(staged, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["line", *COLUMNS, "problem"])
            writer.writerows(rows)
        types = "{'line': 'INTEGER', " + ", ".join(
            f"{literal(c)}: 'VARCHAR'" for c in (*COLUMNS, "problem")) + "}"
        select = _select(columns, src, "line", lambda c: f'"{c}"',
                         unreadable="NULLIF(problem, '')")
        self.engine.execute(
            f"INSERT INTO raw SELECT {select} FROM read_csv({literal(str(staged))}, "
            f"header=true, auto_detect=false, columns={types}, delim=',', quote='\"', "
            "escape='\"')")

    # ---- JSON Lines -------------------------------------------------------------------

    def _read_jsonl(self, path: Path, src: int) -> None:
        """Each line on its own, so a line that is not a JSON object is reported, not fatal."""
        self.engine.create("file_lines", (
            "SELECT CAST(generate_subscripts(parts, 1) AS INTEGER) AS line, "
            "UNNEST(parts) AS j FROM (SELECT string_split(replace(content, chr(13), ''), "
            f"chr(10)) AS parts FROM read_text({literal(str(path))}))"))
        select = _select(set(COLUMNS), src, "line", lambda c: f"jj ->> {literal('$.' + c)}",
                         unreadable="CASE WHEN jj IS NULL THEN 'the line is not a JSON object' END")
        self.engine.execute(
            f"INSERT INTO raw SELECT {select} FROM (SELECT line, CASE WHEN json_valid(j) AND "
            "starts_with(LTRIM(j), '{') THEN TRY_CAST(j AS JSON) END AS jj FROM file_lines "
            "WHERE TRIM(j) <> '')")
        self.engine.execute("DROP TABLE file_lines")

    # ---- Parquet ----------------------------------------------------------------------

    def _read_parquet(self, path: Path, src: int) -> None:
        source = f"read_parquet({literal(str(path))}, file_row_number=true)"
        columns = {row[0] for row in self.engine.rows(f"DESCRIBE SELECT * FROM {source}")}
        select = _select(columns & set(COLUMNS), src, "CAST(file_row_number + 1 AS INTEGER)",
                         lambda c: f'"{c}"')
        self.engine.execute(f"INSERT INTO raw SELECT {select} FROM {source}")

    # ---- XES --------------------------------------------------------------------------

    def _read_xes(self, path: Path, src: int) -> None:
        from pathwaylang.audit.xes import xes_rows

        rows = [[line, *(values.get(c, "") for c in COLUMNS), problem or ""]
                for line, values, problem in xes_rows(path)]
        self._load_rows(src, rows, set(COLUMNS))


def _csv_header(path: Path) -> list[str] | None:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        return next(csv.reader(handle), None)


def read_table(engine: Engine, table: str, sources: Sources) -> None:
    """A PostgreSQL table of case records into `raw`; rows are numbered by its `line` column
    when it has one, else in the table's physical order."""
    schema, _, name = table.rpartition(".")
    found = engine.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = "
        + literal(name) + (f" AND table_schema = {literal(schema)}" if schema else ""))
    columns = {row[0] for row in found}
    if not columns:
        raise RecordsError(f"table {table}: not found, or it has no columns")
    quoted = ".".join(f'"{part}"' for part in table.split("."))
    line = '"line"' if "line" in columns else "CAST(ROW_NUMBER() OVER (ORDER BY ctid) AS INTEGER)"
    sources.names.append(f"table {table}")
    sources.line_word.append("row")
    select = _select(columns & set(COLUMNS), 0, line, lambda c: f'"{c}"')
    engine.execute(f"INSERT INTO raw SELECT {select} FROM {quoted}")
