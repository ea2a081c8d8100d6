"""Source positions: every model node and finding carries a `Span`."""

from __future__ import annotations

from pydantic import ConfigDict
from pydantic.dataclasses import dataclass


# A slotted dataclass, not a pydantic model: a model carries a dict and a set of the fields
# given, about 1 KB a span, and a file has some 26 spans a stage. Validated, dumped and
# described in JSON Schema exactly as the model it replaced (docs/performance.md).
@dataclass(frozen=True, slots=True, config=ConfigDict(defer_build=True))
class Span:
    """Where something was written: 1-based line and column; the end column is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int, column: int, width: int = 1) -> "Span":
        return cls(file=file, line=line, column=column, end_line=line, end_column=column + width)


_SETTERS = tuple(Span.__dict__[name].__set__
                 for name in ("file", "line", "column", "end_line", "end_column"))


def trusted_span(file: str, line: int, column: int, end_line: int, end_column: int) -> Span:
    """A span made without validation (about a fifth of the time), for a reader whose
    positions are ints already; the model takes it as it is."""
    span = object.__new__(Span)
    set_file, set_line, set_column, set_end_line, set_end_column = _SETTERS
    set_file(span, file)
    set_line(span, line)
    set_column(span, column)
    set_end_line(span, end_line)
    set_end_column(span, end_column)
    return span


def trusted_maker(cls: type, *fields: str):
    """A function making `cls` (a slotted dataclass) from `fields`' values, in that order,
    without validation, as `trusted_span` makes spans."""
    new = object.__new__
    first, second = (cls.__dict__[name].__set__ for name in fields)

    def make(value_1, value_2):
        made = new(cls)
        first(made, value_1)
        second(made, value_2)
        return made

    return make
