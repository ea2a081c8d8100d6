"""Parse tree to model: spans copied from lark's meta; each statement stored in the model field
the statement table (`statements.py`) names, read by its kind of value, and a `lower_<rule>`
method for each statement with a shape of its own.

Findings made here are about single statements: bad escapes, unknown `status` or `domain`
words, and a header field or single-valued stage statement given twice.
"""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Label, Severity
from pathwaylang.core.limits import MAX_STAGES, MAX_TEXT_CHARS
from pathwaylang.core.span import Span
from pathwaylang.core.wording import did_you_mean, join_words, quoted
from pathwaylang.syntax.statements import (
    AGES, DATE, DURATION, NAME, NAMES, OWN, PERCENT, STATUS, TEXT, by_rule, list_fields,
)
from pathwaylang.syntax.values import (
    DOMAINS, ESCAPE, ESCAPES, STATUSES, apply_escapes, calendar_date, duration_unit,
    string_body, transition_kind,
)


class Lowerer:
    """Builds a `PathwayFile` from the tree of one file, collecting findings as it goes."""

    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        # Where each single-valued statement was first given, for "first given here".
        self.statement_spans: dict[tuple[int, str], Span] = {}

    # ---- helpers ---------------------------------------------------------------
    def span(self, item: Tree | Token) -> Span:
        if isinstance(item, Token):
            return Span(file=self.file, line=item.line, column=item.column,
                        end_line=item.end_line, end_column=item.end_column)
        meta = item.meta
        return Span(file=self.file, line=meta.line, column=meta.column,
                    end_line=meta.end_line, end_column=meta.end_column)

    def error(self, rule: str, message: str, span: Span, hint: str | None = None,
              labels: tuple[Label, ...] = ()) -> None:
        self.diagnostics.append(Diagnostic(rule, Severity.ERROR, message, span, labels, hint))

    def name(self, token: Token) -> m.Name:
        return m.Name(span=self.span(token), value=str(token))

    def text(self, token: Token) -> m.Text:
        return m.Text(span=self.span(token), value=self.string_value(token))

    def string_value(self, token: Token) -> str:
        body = string_body(str(token))
        if len(body) > MAX_TEXT_CHARS:
            self.error("syntax", f"this text is {len(body):,} characters; the limit is "
                       f"{MAX_TEXT_CHARS:,}", self.span(token),
                       hint="a pathway's text should be short; move long guidance to a document "
                            "and name it with `guidance`")
        if "\\" not in body:
            return body
        self.check_escapes(token)
        return apply_escapes(body)

    def check_escapes(self, token: Token) -> None:
        """Report each unknown escape at the place it was written."""
        raw = str(token)
        for match in ESCAPE.finditer(raw):
            char = match.group(1)
            if char in ESCAPES:
                continue
            offset = match.start()
            line = token.line + raw.count("\n", 0, offset)
            start = raw.rfind("\n", 0, offset)
            column = token.column + offset if start < 0 else offset - start
            span = Span.point(self.file, line, column, 1 if char == "\n" else 2)
            if char == "\n":
                self.error("syntax", "a `\\` at the end of a line is not an escape", span,
                           hint="line breaks in a text block need no escape; remove the `\\`")
                continue
            shown = "\\" + (char if char.isprintable() else repr(char)[1:-1])
            self.error("syntax", f"unknown escape `{shown}`", span,
                       hint='the escapes are \\" (a quote), \\\\ (a backslash) and \\n (a new '
                            "line); write `\\\\` for a backslash")

    def once(self, owner: dict[str, Any], key: str, value: Any, span: Span, what: str) -> None:
        """Store a single-valued statement; a second one is a `duplicate-definition`.
        (A list value, `languages`, is pointed at by its first name.)"""
        earlier = owner.get(key)
        if earlier is not None and earlier != []:
            first = self.statement_spans.get((id(owner), key)) or (
                earlier[0].span if isinstance(earlier, list) else earlier.span)
            self.error("duplicate-definition", f"{what} is given twice", span,
                       hint="keep one of them", labels=(Label(first, "first given here"),))
            return
        owner[key] = value
        if not isinstance(value, list):
            self.statement_spans[(id(owner), key)] = span

    def statement(self, block: str, fields: dict[str, Any], item: Tree) -> None:
        """Store one statement of `block` in its field, as the statement table says."""
        found = by_rule(block).get(item.data)
        if found is None:
            raise AssertionError(f"lowering does not know the {block} statement {item.data!r}")
        if found.value == OWN:
            value = getattr(self, "lower_" + found.rule)(item)
        else:
            value = self.VALUES[found.value](self, item.children[0])
        if not found.repeat:
            what = f"a `{found.keyword}` block" if found.rule in ("levels", "variance") \
                else f"`{found.keyword}`"
            self.once(fields, found.field, value, self.span(item), what)
        elif found.value == NAMES:
            fields[found.field].extend(value)
        else:
            fields[found.field].append(value)

    # ---- files -------------------------------------------------------------------
    def lower_start(self, tree: Tree) -> m.PathwayFile:
        return getattr(self, "lower_" + tree.children[0].data)(tree.children[0])

    def lower_pathway(self, tree: Tree) -> m.PathwayFile:
        return self._file("pathway", tree)

    def lower_library(self, tree: Tree) -> m.PathwayFile:
        return self._file("library", tree)

    def _file(self, kind: str, tree: Tree) -> m.PathwayFile:
        children = tree.children
        fields: dict[str, Any] = {"kind": kind, "span": self.span(tree),
                                  "id": self.name(children[0]),
                                  **{key: [] for key in list_fields(kind)}}
        items = children[1:]
        if items and isinstance(items[0], Token):
            fields["title"] = self.text(items[0])
            items = items[1:]
        for item in items:
            self.statement(kind, fields, item)
        self.check_stage_count(fields["stages"])
        return m.PathwayFile(**fields)

    def check_stage_count(self, stages: list[m.Stage]) -> None:
        """More than `MAX_STAGES` stages is a `syntax` error, so no rule runs on the file."""
        if len(stages) > MAX_STAGES:
            self.error("syntax", f"this file has {len(stages):,} stages; the limit is "
                       f"{MAX_STAGES:,}", stages[MAX_STAGES].id.span,
                       hint="split the pathway: a part run by one service can be a "
                            "`subpathway` in its own file")

    def check_languages(self, languages: list[m.Name]) -> None:
        """A language listed twice would make two leaflets of one name: `duplicate-definition`."""
        first: dict[str, m.Name] = {}
        for language in languages:
            earlier = first.setdefault(language.value, language)
            if earlier is not language:
                self.error("duplicate-definition",
                           f"language `{language.value}` is listed twice", language.span,
                           hint="list each language once", labels=(
                               Label(earlier.span, "first given here"),))

    def lower_languages(self, tree: Tree) -> list[m.Name]:
        languages = self.name_list(tree.children[0])
        self.check_languages(languages)
        return languages

    # ---- values ------------------------------------------------------------------
    def date(self, token: Token) -> m.DateValue:
        text = str(token)
        return m.DateValue(span=self.span(token), text=text, value=calendar_date(text))

    def status(self, token: Token) -> m.Name:
        self.closed_word(token, STATUSES, "status")
        return self.name(token)

    def closed_word(self, token: Token, allowed: list[str], what: str) -> None:
        if str(token) in allowed:
            return
        self.error("syntax", f"unknown {what} `{token}`; expected "
                   f"{join_words(quoted(allowed), 'or')}", self.span(token),
                   hint=did_you_mean(str(token), allowed))

    def age_range(self, tree: Tree) -> m.AgeRange:
        low, high = (int(t) for t in tree.children)
        if low > high:
            self.error("syntax", f"the age range `{low} to {high}` runs backwards",
                       self.span(tree), hint=f"write `ages {high} to {low}`")
        return m.AgeRange(span=self.span(tree), low=low, high=high)

    def name_list(self, tree: Tree) -> list[m.Name]:
        return [self.name(t) for t in tree.children]

    def duration(self, tree: Tree) -> m.Duration:
        amount, unit_tree = tree.children
        unit = duration_unit([str(t) for t in unit_tree.children])
        return m.Duration(span=self.span(tree), amount=int(amount), unit=m.DurationUnit(unit))

    # ---- shared definitions --------------------------------------------------------
    def lower_levels(self, tree: Tree) -> m.Levels:
        levels = []
        for rank, level in enumerate(tree.children):
            ident, label, domain = level.children
            self.closed_word(domain, DOMAINS, "domain")
            levels.append(m.Level(span=self.span(level), id=self.name(ident),
                                  label=self.text(label), domain=self.name(domain), rank=rank))
        return m.Levels(span=self.span(tree), levels=levels)

    def lower_agency(self, tree: Tree) -> m.Agency:
        ident, name = tree.children
        return m.Agency(span=self.span(tree), id=self.name(ident), name=self.text(name))

    def lower_role(self, tree: Tree) -> m.Role:
        ident, name, *agency = tree.children
        return m.Role(span=self.span(tree), id=self.name(ident), name=self.text(name),
                      agency=self.name(agency[0]) if agency else None)

    def lower_evidence(self, tree: Tree) -> m.Evidence:
        ident, name, *items = tree.children
        fields: dict[str, Any] = {}
        for item in items:
            self.statement("evidence", fields, item)
        return m.Evidence(span=self.span(tree), id=self.name(ident), name=self.text(name),
                          **fields)

    def lower_variance(self, tree: Tree) -> m.Variance:
        codes = [m.VarianceCode(span=self.span(c), code=self.name(c.children[0]),
                                meaning=self.text(c.children[1])) for c in tree.children]
        return m.Variance(span=self.span(tree), codes=codes)

    def lower_algorithm(self, tree: Tree) -> m.Algorithm:
        ident, title, *questions = tree.children
        return m.Algorithm(span=self.span(tree), id=self.name(ident), title=self.text(title),
                           questions=[self.lower_question(q) for q in questions])

    def lower_question(self, tree: Tree) -> m.Question:
        ident, text, *answers = tree.children
        return m.Question(span=self.span(tree), id=self.name(ident), text=self.text(text),
                          answers=[self.lower_answer(a) for a in answers])

    def lower_answer(self, tree: Tree) -> m.Answer:
        answer, *rest = tree.children
        if not rest:  # `yes ->` with nothing after it: algorithm-incomplete reports it
            return m.Answer(span=self.span(tree), answer=self.name(answer), step=None)
        step = rest[0]
        kind = step.data.removeprefix("step_")
        value = step.children[0]
        step_model = (m.Step(span=self.span(step), kind=kind, action=self.text(value))
                      if kind == "do"
                      else m.Step(span=self.span(step), kind=kind, target=self.name(value)))
        return m.Answer(span=self.span(tree), answer=self.name(answer), step=step_model)

    # ---- the pathway -----------------------------------------------------------------
    def lower_use(self, tree: Tree) -> m.Use:
        return m.Use(span=self.span(tree), path=self.text(tree.children[0]))

    def lower_entry_decl(self, tree: Tree) -> m.Entry:
        ident, description, target = tree.children
        return m.Entry(span=self.span(tree), id=self.name(ident),
                       description=self.text(description), target=self.name(target))

    def lower_stage(self, tree: Tree) -> m.Stage:
        ident, title, *items = tree.children
        fields: dict[str, Any] = {key: [] for key in list_fields("stage")}
        for item in items:
            self.statement("stage", fields, item)
        return m.Stage(span=self.span(tree), id=self.name(ident), title=self.text(title),
                       **fields)

    def lower_stage_action(self, tree: Tree) -> m.Action:
        return self.lower_action(tree)

    def lower_stage_repeats(self, tree: Tree) -> m.Repeat:
        every, during = (self.duration(t) for t in tree.children)
        if every.approx_days > during.approx_days:
            self.error("syntax", f"a stage that repeats every {every} for {during} never "
                       "repeats", self.span(tree),
                       hint="write how often it happens, then for how long: "
                            "`repeats every 8 weeks for 12 months`")
        return m.Repeat(span=self.span(tree), every=every, during=during)

    def lower_action(self, tree: Tree) -> m.Action:
        text, *rest = tree.children
        fields: dict[str, Any] = {}
        for part in rest:
            if part.data == "action_by":
                fields["by"] = self.name(part.children[0])
            else:
                fields["within"] = self.duration(part.children[0])
        return m.Action(span=self.span(tree), text=self.text(text), **fields)

    def lower_transition(self, tree: Tree) -> m.Transition:
        kind_tree, target, *when = tree.children
        kind = transition_kind([str(t) for t in kind_tree.children])
        return m.Transition(span=self.span(tree), kind=kind, target=self.name(target),
                            when=self.text(when[0]) if when else None)

    def lower_family_block(self, tree: Tree) -> m.FamilyText:
        children = tree.children
        fields: dict[str, Any] = {}
        if children and isinstance(children[0], Token):
            fields["language"] = self.name(children[0])
            children = children[1:]
        for item in children:
            self.statement("family", fields, item)
        return m.FamilyText(span=self.span(tree), **fields)

    def lower_header_family(self, tree: Tree) -> m.PathwayFamily:
        children = tree.children
        fields: dict[str, Any] = {}
        if children and isinstance(children[0], Token):
            fields["language"] = self.name(children[0])
            children = children[1:]
        for item in children:
            self.statement("header family", fields, item)
        return m.PathwayFamily(span=self.span(tree), **fields)

    def lower_outcome(self, tree: Tree) -> m.Outcome:
        ident, title, *items = tree.children
        fields: dict[str, Any] = {key: [] for key in list_fields("outcome")}
        for item in items:
            self.statement("outcome", fields, item)
        return m.Outcome(span=self.span(tree), id=self.name(ident), title=self.text(title),
                         **fields)

    def lower_subpathway(self, tree: Tree) -> m.Subpathway:
        ident, title, *items = tree.children
        fields: dict[str, Any] = {}
        for item in items:
            self.statement("subpathway", fields, item)
        return m.Subpathway(span=self.span(tree), id=self.name(ident), title=self.text(title),
                            **fields)

    def lower_indicator(self, tree: Tree) -> m.Indicator:
        ident, name, *items = tree.children
        fields: dict[str, Any] = {}
        for item in items:
            self.statement("indicator", fields, item)
        return m.Indicator(span=self.span(tree), id=self.name(ident), name=self.text(name),
                           **fields)

    def lower_indicator_count(self, tree: Tree) -> m.IndicatorCount:
        rule = tree.children[0]
        if rule.data == "count_visits":
            stage, within = rule.children
            return m.IndicatorCount(span=self.span(tree), kind="within", stage=self.name(stage),
                                    within=self.duration(within))
        target, source, within = rule.children
        return m.IndicatorCount(span=self.span(tree), kind="reaching", stage=self.name(target),
                                source=self.name(source), within=self.duration(within))

    def percent(self, token: Token) -> m.Percent:
        value = float(str(token)[:-1])
        if value > 100:
            self.error("syntax", f"a target of `{token}` is more than 100%", self.span(token),
                       hint="targets are percentages from 0% to 100%")
        return m.Percent(span=self.span(token), text=str(token), value=value)


Lowerer.VALUES = {
    TEXT: Lowerer.text, NAME: Lowerer.name, NAMES: Lowerer.name_list, DATE: Lowerer.date,
    STATUS: Lowerer.status, AGES: Lowerer.age_range, DURATION: Lowerer.duration,
    PERCENT: Lowerer.percent,
}
"""How lowering reads each kind of value the statement table names."""


def lower(tree: Tree, file: str) -> tuple[m.PathwayFile, list[Diagnostic]]:
    """Lower one file's parse tree; findings about single statements come back with it."""
    lowerer = Lowerer(file)
    return lowerer.lower_start(tree), lowerer.diagnostics
