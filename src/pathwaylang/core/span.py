"""Source positions: every model node and finding carries a `Span`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """Where something was written: 1-based line and column; the end column is exclusive."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int, column: int, width: int = 1) -> "Span":
        return cls(file=file, line=line, column=column, end_line=line, end_column=column + width)
