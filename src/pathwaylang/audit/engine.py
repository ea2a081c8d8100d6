"""The SQL engines an audit runs on: DuckDB (embedded, the default) and PostgreSQL.

Both run the same statements (checks.py, replay.py, tables.py, indicators.py). The few
places where the two differ are named here, in `Dialect`, so a third engine (a warehouse) needs only its own entries.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Iterable, Sequence


@dataclass(frozen=True)
class Dialect:
    name: str
    temporary: str
    """What goes after CREATE for the audit's working tables."""


DUCKDB = Dialect("duckdb", "TEMPORARY TABLE")
POSTGRESQL = Dialect("postgresql", "TEMPORARY TABLE")


def literal(value: Any) -> str:
    """A value as an SQL literal that both engines read the same way."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


class Engine(ABC):
    """A connection that runs statements and returns rows as tuples (DuckDB or PostgreSQL)."""

    dialect: Dialect

    @abstractmethod
    def execute(self, sql: str) -> None: ...

    @abstractmethod
    def rows(self, sql: str) -> list[tuple]: ...

    @abstractmethod
    def close(self) -> None: ...

    def create(self, name: str, select: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.execute(f"CREATE {self.dialect.temporary} {name} AS {select}")

    def load_rows(self, name: str, columns: Sequence[tuple[str, str]],
                  rows: Iterable[Sequence[Any]]) -> None:
        """A small table of the pathway's own (nodes, edges, calendar) made from literals,
        in batches of a thousand rows."""
        self.execute(f"DROP TABLE IF EXISTS {name}")
        spec = ", ".join(f"{column} {kind}" for column, kind in columns)
        self.execute(f"CREATE {self.dialect.temporary} {name} ({spec})")
        batch: list[str] = []
        for row in rows:
            batch.append("(" + ", ".join(literal(v) for v in row) + ")")
            if len(batch) == 1000:
                self.execute(f"INSERT INTO {name} VALUES " + ", ".join(batch))
                batch = []
        if batch:
            self.execute(f"INSERT INTO {name} VALUES " + ", ".join(batch))


class DuckDBEngine(Engine):
    dialect = DUCKDB

    def __init__(self) -> None:
        import duckdb

        self.connection = duckdb.connect(":memory:")
        # insertion order is file order: `rowid` numbers a file's rows as they came
        self.connection.execute("SET preserve_insertion_order = true")

    def execute(self, sql: str) -> None:
        self.connection.execute(sql)

    def rows(self, sql: str) -> list[tuple]:
        return self.connection.execute(sql).fetchall()

    def close(self) -> None:
        self.connection.close()


class PostgresEngine(Engine):
    dialect = POSTGRESQL

    def __init__(self, url: str) -> None:
        import psycopg

        self.connection = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)  # no parameters: psycopg leaves `%` alone

    def rows(self, sql: str) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)  # no parameters: psycopg leaves `%` alone
            return [tuple(row) for row in cursor.fetchall()]

    def close(self) -> None:
        self.connection.close()
