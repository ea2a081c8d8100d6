"""The statement table: for each kind of block, every statement it holds, in one place.

Each `Statement` says the keyword that starts it, the grammar's name for it (the alias in
`grammar/pathway.lark`), the model field it fills, the kind of value it takes, whether it
may be written more than once, and how it is written (its usage text, quoted by syntax
errors). Every stage that needs to know what a statement is reads this table:

- lowering (`lower.py`) and the fast reader (`reader.py`) read the value and store it,
  once or appended, by `value` and `repeat`;
- the syntax-error catalogue (`blocks.py`, `errors.py`) lists what each block holds and
  quotes the usage;
- `pwy fmt` (`fmt.py`) prints a statement's keywords then its value;
- `pwy diff` (`authoring/diff.py`) compares every field of a stage.

`tests/test_statements.py` holds the table against the grammar (every statement lark knows is
here, with its keyword) and the model (every field named exists; every field a statement
could fill has one), so a missing entry fails loudly.

How to add a statement (say `owner ROLE` in a stage):

1. the grammar: an alternative in the block's `*_item` rule with an alias,
   `| "owner" NAME -> stage_owner`;
2. the model: the field, `owner: Name | None = None` (a list with `= []` if repeatable);
3. this table: `Statement("owner", "stage_owner", "owner", NAME, False, "owner ROLE")` in the
   block's tuple, where the language reference lists it;
4. the docs: `docs/language.md`.

Nothing else: when the value is one of the kinds below, every reader takes it from here.
A statement with a shape of its own (`value=OWN`, such as `action` or a `stage` block) also
needs its `lower_<rule>` method in lowering, its method in the fast reader, and a `fmt_<rule>`
method in the formatter when it is not printed as keywords and values.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathwaylang import model as m

# The kinds of value a statement takes; each reader has one function per kind.
TEXT = "text"          # a STRING
NAME = "name"          # a NAME
NAMES = "names"        # NAME, NAME, ...
DATE = "date"          # 2024-01-31
STATUS = "status"      # one of the status words
AGES = "ages"          # 0 to 18
DURATION = "duration"  # 20 working days
PERCENT = "percent"    # 80%
OWN = "own"            # a shape of its own: the readers have a method for the rule
VALUES = (TEXT, NAME, NAMES, DATE, STATUS, AGES, DURATION, PERCENT, OWN)


@dataclass(frozen=True)
class Statement:
    """One statement of a block, as the statement table describes it."""

    keyword: str
    """The word that starts the statement."""
    rule: str
    """The grammar's name for it: the alias, or the rule for a statement of its own shape."""
    field: str
    """The model field it fills."""
    value: str
    """One of `VALUES`."""
    repeat: bool
    """May be written more than once (the field is a list); otherwise a second one is a
    `duplicate-definition`."""
    usage: str
    """How it is written, for syntax errors."""
    words: tuple[str, ...] = ()
    """Keywords after the first, before the value (`entry when "..."`)."""

    @property
    def written(self) -> str:
        """The keywords as written before the value: `entry when`."""
        return " ".join((self.keyword, *self.words))


S = Statement

_HEADER = (
    S("authority", "authority", "authority", TEXT, False, 'authority "Name of the council"'),
    S("version", "version", "version", TEXT, False, 'version "1.2.0"'),
    S("status", "status", "status", STATUS, False,
      "status draft|consultation|approved|retired"),
    S("developed", "developed", "developed", DATE, False, "developed 2011-09-01"),
    S("review", "review", "review", DATE, False, "review 2012-09-01"),
    S("owner", "owner", "owner", TEXT, False, 'owner "Pathway project team"'),
    S("languages", "languages", "languages", OWN, False, "languages en, cy"),
    S("ages", "ages", "ages", AGES, False, "ages 0 to 18"),
    S("use", "use", "uses", OWN, True, 'use "relative/path.pwy"'),
    S("family", "header_family", "family", OWN, True,
      'family LANG { title "..."  authority "..." }'),
)
_SHARED = (
    S("levels", "levels", "levels", OWN, False,
      'levels { ID "Label" domain prevention|protection|remedial ... }'),
    S("agency", "agency", "agencies", OWN, True, 'agency ID "Name"'),
    S("role", "role", "roles", OWN, True, 'role ID "Name" at AGENCY'),
    S("evidence", "evidence", "evidence", OWN, True,
      'evidence ID "Name" { ages 0 to 25  source "..."  url "..." }'),
    S("algorithm", "algorithm", "algorithms", OWN, True,
      'algorithm ID "Title" { ask ID "Question?" { ... } }'),
    S("variance", "variance", "variance", OWN, False, 'variance { CODE "Meaning" ... }'),
)
_PATHWAY_ONLY = (
    S("entry", "entry_decl", "entries", OWN, True, 'entry ID "How families arrive" -> STAGE'),
    S("stage", "stage", "stages", OWN, True, 'stage ID "Title" { ... }'),
    S("outcome", "outcome", "outcomes", OWN, True,
      'outcome ID "Title" { level LEVEL  family { ... } }'),
    S("subpathway", "subpathway", "subpathways", OWN, True,
      'subpathway ID "Title" { file "path.pwy"  rejoin STAGE }'),
    S("indicator", "indicator", "indicators", OWN, True,
      'indicator ID "Name" { measure "..."  target 80%  at STAGE }'),
)
_FAMILY = S("family", "family_block", "family", OWN, True,
            'family LANG { title "..."  text "..."  asked "..."  contact "..."  icon NAME }')
_STEP_USAGE = 'step up to TARGET when "..."` or `step down to TARGET when "..."'

BLOCKS: dict[str, tuple[Statement, ...]] = {
    "pathway": _HEADER + _SHARED + _PATHWAY_ONLY,
    "library": _HEADER + _SHARED,
    "stage": (
        S("level", "stage_level", "level", NAME, False, "level LEVEL"),
        S("lead", "stage_lead", "lead", NAME, False, "lead ROLE"),
        S("with", "stage_with", "with_roles", NAMES, True, "with ROLE, ROLE"),
        S("entry", "stage_entry_when", "entry_criteria", TEXT, True, 'entry when "..."',
          words=("when",)),
        S("exclude", "stage_exclude_when", "exclusions", TEXT, True, 'exclude when "..."',
          words=("when",)),
        S("consent", "stage_consent", "consent", TEXT, True, 'consent "..."'),
        S("action", "stage_action", "actions", OWN, True,
          'action "..." by ROLE within 20 working days'),
        S("timescale", "stage_timescale", "timescale", DURATION, False,
          "timescale 20 working days"),
        S("repeats", "stage_repeats", "repeats", OWN, False,
          "repeats every 8 weeks for 12 months"),
        S("uses", "stage_uses", "uses", NAMES, True, "uses ALGORITHM, ALGORITHM"),
        S("evidence", "stage_evidence", "evidence", NAMES, True, "evidence EVIDENCE, EVIDENCE"),
        S("guidance", "stage_guidance", "guidance", TEXT, True, 'guidance "..."'),
        S("ages", "stage_ages", "ages", AGES, False, "ages 0 to 18"),
        S("exit", "transition", "transitions", OWN, True, 'exit to TARGET when "..."'),
        S("step", "transition", "transitions", OWN, True, _STEP_USAGE),
        S("refer", "transition", "transitions", OWN, True, 'refer to SUBPATHWAY when "..."'),
        _FAMILY,
    ),
    "outcome": (
        S("level", "outcome_level", "level", NAME, False, "level LEVEL"),
        _FAMILY,
    ),
    "family": (
        S("title", "family_title", "title", TEXT, False, 'title "..."'),
        S("text", "family_text", "text", TEXT, False, 'text "..."'),
        S("asked", "family_asked", "asked", TEXT, False, 'asked "..."'),
        S("contact", "family_contact", "contact", TEXT, False, 'contact "..."'),
        S("icon", "family_icon", "icon", NAME, False, "icon NAME"),
    ),
    # `family LANG { ... }` in a file's header (an extension): names in one language.
    "header family": (
        S("title", "header_family_title", "title", TEXT, False, 'title "..."'),
        S("authority", "header_family_authority", "authority", TEXT, False,
          'authority "Name of the council"'),
    ),
    "evidence": (
        S("ages", "evidence_ages", "ages", AGES, False, "ages 0 to 18"),
        S("source", "evidence_source", "source", TEXT, False, 'source "..."'),
        S("url", "evidence_url", "url", TEXT, False, 'url "https://..."'),
    ),
    "algorithm": (
        S("ask", "question", "questions", OWN, True,
          'ask ID "Question?" { yes -> ...  no -> ... }'),
    ),
    "subpathway": (
        S("file", "subpathway_file", "file", TEXT, False, 'file "path.pwy"'),
        S("rejoin", "subpathway_rejoin", "rejoin", NAME, False, "rejoin STAGE"),
    ),
    "indicator": (
        S("measure", "indicator_measure", "measure", TEXT, False, 'measure "..."'),
        S("target", "indicator_target", "target", PERCENT, False, "target 80%"),
        S("at", "indicator_at", "at", NAME, False, "at STAGE"),
        S("count", "indicator_count", "counts", OWN, False,
          "count visits to STAGE within 20 working days` or `count families reaching NODE "
          "from NODE within 6 weeks"),
    ),
    # Blocks whose lines start with a name rather than a keyword (see `LINE_USAGE`).
    "levels": (), "variance": (), "ask": (),
}
"""Each block's statements, in the order the language reference lists them."""

MODELS: dict[str, type[m.Node]] = {
    "pathway": m.PathwayFile, "library": m.PathwayFile, "stage": m.Stage,
    "outcome": m.Outcome, "family": m.FamilyText, "header family": m.PathwayFamily, "evidence": m.Evidence,
    "algorithm": m.Algorithm, "subpathway": m.Subpathway, "indicator": m.Indicator,
}
"""The model class each block lowers to."""

FILE_USAGE = {"pathway": 'pathway ID "Title" { ... }', "library": 'library ID "Title" { ... }'}

LINE_USAGE = {
    "levels": 'ID "Label" domain prevention',
    "variance": 'CODE "Meaning"',
    "ask": 'ANSWER -> ask QUESTION`, `ANSWER -> do "..."` or `ANSWER -> goto STAGE',
}
"""How a line is written in the blocks whose lines start with a name."""


def statement(block: str, keyword: str) -> Statement | None:
    """The statement `keyword` starts in `block`, or None."""
    return _BY_KEYWORD.get(block, {}).get(keyword)


def by_rule(block: str) -> dict[str, Statement]:
    """A block's statements by the grammar's name for them."""
    return _BY_RULE[block]


def list_fields(block: str) -> list[str]:
    """The model fields of a block that are lists, to start empty (the defaults come from the
    model, so a reader and lowering make the same data)."""
    model = MODELS[block]
    return [name for name, info in model.model_fields.items() if info.default == []]


def usage(block: str, keyword: str) -> str:
    """How `keyword` is written in `block`; for a word the block does not hold, how it is
    written where the table first lists it."""
    found = statement(block, keyword)
    if found is not None:
        return found.usage
    return USAGE[keyword]


_BY_KEYWORD = {block: {s.keyword: s for s in statements} for block, statements in BLOCKS.items()}
_BY_RULE = {block: {s.rule: s for s in statements} for block, statements in BLOCKS.items()}

USAGE: dict[str, str] = dict(FILE_USAGE)
"""Each keyword's usage where the table first lists it."""
for _statements in BLOCKS.values():
    for _statement in _statements:
        USAGE.setdefault(_statement.keyword, _statement.usage)
USAGE["family"] = _FAMILY.usage  # a stage's, not the header's rarer one

KEYWORDS_BY_RULE: dict[str, str] = {
    s.rule: s.written for statements in BLOCKS.values() for s in statements}
"""The keywords written before the value, by the grammar's name (`fmt` prints a statement
without a method of its own as these keywords, then its values)."""
