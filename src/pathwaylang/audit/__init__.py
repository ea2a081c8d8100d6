"""The variance audit: families' case records replayed against the pathway (`pwy audit`).

records (files or a PostgreSQL table) -> raw table -> checked events and rejected rows
-> journeys, moves, stage visits, breaches, variance, indicators (SQL) -> AuditReport
-> text, JSON, CSV and HTML reports. Every figure is computed by SQL that DuckDB (the
default, embedded engine) and PostgreSQL both run; Python only loads the pathway's small
tables and shapes the answers.
"""
