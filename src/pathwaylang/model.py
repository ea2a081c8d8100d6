"""The typed model of a pathway file: what the lowering stage builds and every later stage reads.

Every node keeps the `Span` it was written at, so a finding always points at source.
Values are kept as written (names unresolved); `symbols` resolves them.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.dataclasses import dataclass

from pathwaylang.core.span import Span, trusted_maker


# Validators are built on first use (`defer_build`): a check validates a whole file in one
# call (fastparse.py), which builds only that one, so start-up skips the other classes'.
class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    span: Span
    """Where the node was written."""


# Names and texts are slotted dataclasses, not models, for memory: a model carries a dict and a
# set of the fields given (about 450 bytes), and a file has some 18 of these a stage. Validated,
# dumped and described in JSON Schema exactly as the models they replaced.
@dataclass(slots=True, config=ConfigDict(extra="forbid", defer_build=True))
class Name:
    """An identifier, as written: a definition's id or a reference to one."""

    span: Span
    value: str


@dataclass(slots=True, config=ConfigDict(extra="forbid", defer_build=True))
class Text:
    """A string or text block, escapes applied and text blocks dedented."""

    span: Span
    value: str


trusted_name = trusted_maker(Name, "span", "value")
"""A `Name` made without validation, for the fast reader (its parts are already right)."""
trusted_text = trusted_maker(Text, "span", "value")


class DurationUnit(str, Enum):
    DAY = "day"
    WORKING_DAY = "working day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# Rough lengths in calendar days, for comparing timescales (`diff`) and plain-words output.
_UNIT_DAYS = {"day": 1.0, "working day": 1.4, "week": 7.0, "month": 30.4, "year": 365.25}


class Duration(Node):
    amount: int
    unit: DurationUnit

    @property
    def approx_days(self) -> float:
        return self.amount * _UNIT_DAYS[self.unit.value]

    def __str__(self) -> str:
        plural = "" if self.amount == 1 else "s"
        return f"{self.amount} {self.unit.value}{plural}"


class AgeRange(Node):
    """Ages in years, inclusive."""

    low: int
    high: int

    def contains(self, other: "AgeRange") -> bool:
        return self.low <= other.low and other.high <= self.high

    def __str__(self) -> str:
        return f"{self.low} to {self.high}"


class DateValue(Node):
    text: str
    """The date as written (`2011-09-01`)."""
    value: dt.date | None
    """The calendar date, or None when the text is not a real date (`invalid-date`)."""


class Percent(Node):
    text: str
    value: float


class Domain(str, Enum):
    PREVENTION = "prevention"
    PROTECTION = "protection"
    REMEDIAL = "remedial"


class Status(str, Enum):
    DRAFT = "draft"
    CONSULTATION = "consultation"
    APPROVED = "approved"
    RETIRED = "retired"


# ---- shared definitions ------------------------------------------------------


class Level(Node):
    id: Name
    label: Text
    domain: Name
    rank: int
    """0 for the lowest need; the order of the `levels` block."""


class Levels(Node):
    levels: list[Level]


class Agency(Node):
    id: Name
    name: Text


class Role(Node):
    id: Name
    name: Text
    agency: Name | None = None


class Evidence(Node):
    id: Name
    name: Text
    ages: AgeRange | None = None
    source: Text | None = None
    url: Text | None = None


class VarianceCode(Node):
    code: Name
    meaning: Text


class Variance(Node):
    codes: list[VarianceCode]


class Step(Node):
    """What an answer leads to: another question, an action, or a stage or outcome."""

    kind: Literal["ask", "do", "goto"]
    target: Name | None = None
    """The question (`ask`) or stage/outcome (`goto`)."""
    action: Text | None = None
    """The action (`do`)."""


class Answer(Node):
    answer: Name
    step: Step | None = None
    """None when the answer leads nowhere (`algorithm-incomplete`)."""


class Question(Node):
    id: Name
    text: Text
    answers: list[Answer]


class Algorithm(Node):
    id: Name
    title: Text
    questions: list[Question]


# ---- the pathway ---------------------------------------------------------------


class Entry(Node):
    id: Name
    description: Text
    target: Name


class Action(Node):
    text: Text
    by: Name | None = None
    """A role, `lead` or `family`; None means the stage's lead."""
    within: Duration | None = None


TransitionKind = Literal["exit", "step up", "step down", "refer"]


class Transition(Node):
    kind: TransitionKind
    target: Name
    when: Text | None = None


class FamilyText(Node):
    language: Name | None = None
    """None: the pathway's first declared language."""
    title: Text | None = None
    text: Text | None = None
    asked: Text | None = None
    contact: Text | None = None
    icon: Name | None = None


class Repeat(Node):
    """A stage that recurs (a review every 8 weeks): `repeats every 8 weeks for 12 months`."""

    every: Duration
    during: Duration

    @property
    def times(self) -> int:
        """How many times it happens in `during`: 12 months every 8 weeks is 6 times."""
        return max(1, int(self.during.approx_days // self.every.approx_days))

    def __str__(self) -> str:
        return f"every {self.every} for {self.during}"


class Stage(Node):
    id: Name
    title: Text
    level: Name | None = None
    lead: Name | None = None
    with_roles: list[Name] = []
    entry_criteria: list[Text] = []
    exclusions: list[Text] = []
    consent: list[Text] = []
    actions: list[Action] = []
    timescale: Duration | None = None
    repeats: Repeat | None = None
    uses: list[Name] = []
    evidence: list[Name] = []
    guidance: list[Text] = []
    ages: AgeRange | None = None
    transitions: list[Transition] = []
    family: list[FamilyText] = []


class Outcome(Node):
    id: Name
    title: Text
    level: Name | None = None
    family: list[FamilyText] = []


class Subpathway(Node):
    id: Name
    title: Text
    file: Text | None = None
    rejoin: Name | None = None


class IndicatorCount(Node):
    """How `pwy audit` counts an indicator (docs/language.md, "Indicators the audit counts"):
    `count visits to STAGE within D` (visits to STAGE finished within D) or
    `count families reaching NODE from START within D` (cases reaching NODE within D of
    first entering START)."""

    kind: Literal["within", "reaching"]
    within: Duration
    stage: Name
    """The stage whose visits are timed, or the node to reach."""
    source: Name | None = None
    """Where the time starts, for `reaching`."""


class Indicator(Node):
    id: Name
    name: Text
    measure: Text | None = None
    target: Percent | None = None
    at: Name | None = None
    counts: IndicatorCount | None = None


class Use(Node):
    path: Text


class PathwayFamily(Node):
    """`family LANG { title "..."  authority "..." }` in a file's header (an extension, see
    docs/language.md): the pathway's title and the authority's name as families read them in
    one language. Either may be left out; the header's own is used then."""

    language: Name | None = None
    """None: the pathway's first declared language."""
    title: Text | None = None
    authority: Text | None = None


class PathwayFile(Node):
    """One file: a `pathway` or a `library` block, as written (libraries not yet merged)."""

    kind: Literal["pathway", "library"]
    id: Name
    title: Text | None = None
    authority: Text | None = None
    version: Text | None = None
    status: Name | None = None
    developed: DateValue | None = None
    review: DateValue | None = None
    owner: Text | None = None
    languages: list[Name] = []
    ages: AgeRange | None = None
    uses: list[Use] = []
    levels: Levels | None = None
    agencies: list[Agency] = []
    roles: list[Role] = []
    evidence: list[Evidence] = []
    entries: list[Entry] = []
    stages: list[Stage] = []
    outcomes: list[Outcome] = []
    subpathways: list[Subpathway] = []
    algorithms: list[Algorithm] = []
    indicators: list[Indicator] = []
    variance: Variance | None = None
    family: list[PathwayFamily] = []

    def language_codes(self) -> list[str]:
        """Declared languages, first is the default; English when none are declared."""
        return [n.value for n in self.languages] or ["en"]

    def family_names(self, language: str) -> "PathwayFamily | None":
        """The header's `family` block in `language` (an unmarked one is in the first
        declared language), or None."""
        default = self.language_codes()[0]
        for block in self.family:
            if (block.language.value if block.language else default) == language:
                return block
        return None

    def title_in(self, language: str) -> str | None:
        """The pathway's title as families read it in `language`: the header `family` block's
        `title`, else the title on the `pathway` line; spaces made single."""
        block = self.family_names(language)
        text = block.title if block is not None and block.title is not None else self.title
        return " ".join(text.value.split()) if text is not None else None

    def authority_in(self, language: str) -> str | None:
        """The authority's name in `language`: the header `family` block's `authority`, else
        the `authority` statement's; spaces made single."""
        block = self.family_names(language)
        text = block.authority if block is not None and block.authority is not None \
            else self.authority
        return " ".join(text.value.split()) if text is not None else None


# ---- a pathway with its libraries merged ------------------------------------------

DEFAULT_VARIANCE = (
    ("F", "Family or service user"),
    ("P", "Practitioner"),
    ("S", "System or organisation"),
    ("C", "Community or external agency"),
)

BUILT_IN_ROLES = {"lead": "The stage's lead", "family": "The family themselves"}


class Program(BaseModel):
    """A checked file and the libraries it uses (in load order), one namespace between them."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    root: PathwayFile
    libraries: list[PathwayFile] = []

    def files(self) -> Iterator[PathwayFile]:
        yield self.root
        yield from self.libraries

    def _all(self, attribute: str) -> list:
        return [item for f in self.files() for item in getattr(f, attribute)]

    @property
    def levels(self) -> list[Level]:
        for f in self.files():
            if f.levels is not None:
                return f.levels.levels
        return []

    @property
    def agencies(self) -> list[Agency]:
        return self._all("agencies")

    @property
    def roles(self) -> list[Role]:
        return self._all("roles")

    @property
    def evidence(self) -> list[Evidence]:
        return self._all("evidence")

    @property
    def algorithms(self) -> list[Algorithm]:
        return self._all("algorithms")

    @property
    def variance_codes(self) -> list[tuple[str, str]]:
        """The pathway's own codes, else a library's, else the four defaults."""
        for f in self.files():
            if f.variance is not None:
                return [(c.code.value, c.meaning.value) for c in f.variance.codes]
        return list(DEFAULT_VARIANCE)

    def level_rank(self, level_id: str) -> int | None:
        for level in self.levels:
            if level.id.value == level_id:
                return level.rank
        return None
