"""`pwy diff`: what changed between two versions of a pathway, keyed by ids, not by lines.

The result is a list of `Change`s. Each has a `kind` (stable words that `--fail-on`
uses), the id it is about, and old and new values in words. Changes that matter for
families carry a `flag`: a route removed, a step-down removed, a timescale lengthened,
a new error finding (a new dead end, an unreachable stage, ...).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Iterator

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.syntax.statements import BLOCKS, OWN

# Flags: the changes a reviewer must see first, and that `--fail-on` can name.
FLAGS = ("route-removed", "step-down-removed", "timescale-lengthened", "new-finding",
         "stage-removed", "entry-removed")


@dataclass(frozen=True)
class Change:
    kind: str
    """`added`, `removed` or `changed`."""
    what: str
    """What changed: `stage`, `entry`, `transition`, `timescale`, `family text (cy)` ..."""
    subject: str
    """The id of the stage (or entry, outcome, ...) it belongs to."""
    old: str | None = None
    new: str | None = None
    flag: str | None = None
    """Set for changes that matter for families (see FLAGS)."""
    line: int | None = None
    """Where in NEW (or OLD, for removals) to look."""
    target: str | None = None
    """For a route: the id it leads to (with `subject`, the stage it leaves)."""

    def as_dict(self) -> dict:
        return asdict(self)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (m.Name, m.Text)):
        return value.value
    if isinstance(value, m.DateValue):
        return value.text
    if isinstance(value, m.Percent):
        return value.text
    return str(value)


def _by_id(items: Iterable) -> dict[str, object]:
    found: dict[str, object] = {}
    for item in items:
        found.setdefault(item.id.value, item)
    return found


def diff_programs(old: m.Program, new: m.Program, old_findings: list[Diagnostic] = (),
                  new_findings: list[Diagnostic] = ()) -> list[Change]:
    """Every change from `old` to `new`, in a stable order (header, definitions, stages, findings)."""
    language = new.root.language_codes()[0]  # the language of `family { }` with none given
    changes = list(_header(old.root, new.root))
    for what, attribute in (("entry", "entries"), ("stage", "stages"), ("outcome", "outcomes"),
                            ("subpathway", "subpathways"), ("algorithm", "algorithms"),
                            ("indicator", "indicators"), ("role", "roles"),
                            ("agency", "agencies"), ("evidence", "evidence")):
        changes += _definitions(what, _by_id(getattr(old.root, attribute)),
                                _by_id(getattr(new.root, attribute)), language)
    changes += _levels(old, new)
    changes += _findings(old_findings, new_findings)
    return changes


# The header's single-valued statements, from the statement table.
_HEADER_FIELDS = ("title", *(s.field for s in BLOCKS["pathway"] if s.value != OWN and not s.repeat))


def _header(old: m.PathwayFile, new: m.PathwayFile) -> Iterator[Change]:
    for field in _HEADER_FIELDS:
        before, after = _text(getattr(old, field)), _text(getattr(new, field))
        if before != after:
            yield Change("changed", field, new.id.value, before, after,
                         line=_line(getattr(new, field)))
    yield from _header_family(old, new)
    before, after = ", ".join(old.language_codes()), ", ".join(new.language_codes())
    if before != after:
        yield Change("changed", "languages", new.id.value, before, after)
    yield from _set_changes(new.id.value, "use", [u.path.value for u in old.uses],
                            [u.path.value for u in new.uses], new.span.line)
    before, after = _plain(old.variance) if old.variance else None, \
        _plain(new.variance) if new.variance else None
    if before != after:
        yield Change("changed", "variance", new.id.value, _short(before), _short(after),
                     line=_line(new.variance))


def _header_family(old: m.PathwayFile, new: m.PathwayFile) -> Iterator[Change]:
    """The title and authority as families read them, per language (`family LANG` blocks in
    the header)."""
    codes = {b.language.value if b.language else f.language_codes()[0]
             for f in (old, new) for b in f.family}
    for code in sorted(codes):
        before_block, after_block = old.family_names(code), new.family_names(code)
        for field in ("title", "authority"):
            before = _text(getattr(before_block, field, None))
            after = _text(getattr(after_block, field, None))
            if before != after:
                yield Change("changed", f"{field} ({code})", new.id.value, before, after,
                             line=_line(getattr(after_block, field, None)))


def _line(node) -> int | None:
    return node.span.line if node is not None else None


def _definitions(what: str, old: dict, new: dict, language: str) -> Iterator[Change]:
    for ident in sorted(old.keys() - new.keys()):
        flag = {"stage": "stage-removed", "entry": "entry-removed"}.get(what)
        yield Change("removed", what, ident, _describe(old[ident]), None, flag,
                     line=old[ident].span.line)
    for ident in sorted(new.keys() - old.keys()):
        yield Change("added", what, ident, None, _describe(new[ident]), line=new[ident].span.line)
    for ident in sorted(old.keys() & new.keys()):
        compare = _COMPARERS.get(what, _compare_plain)
        yield from compare(ident, old[ident], new[ident], language)


def _describe(node) -> str:
    title = getattr(node, "title", None) or getattr(node, "name", None) or \
        getattr(node, "description", None)
    return title.value if title is not None else node.id.value


def _compare_plain(ident: str, old, new, language: str) -> Iterator[Change]:
    """Definitions other than stages: any change of content, in words."""
    before, after = _plain(old), _plain(new)
    what = type(new).__name__.lower()
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            yield Change("changed", f"{what} {key}", ident, _short(before.get(key)),
                         _short(after.get(key)), line=new.span.line)


def _plain(node) -> dict:
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "span"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = strip(node.model_dump(mode="json"))
    data.pop("id", None)
    return data


def _short(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict) and set(value) == {"value"}:
        return str(value["value"])
    return str(value)


# ---- stages ---------------------------------------------------------------------------


def _compare_stage(ident: str, old: m.Stage, new: m.Stage, language: str) -> Iterator[Change]:
    line = new.span.line
    for field in ("title", "level", "lead"):
        before, after = _text(getattr(old, field)), _text(getattr(new, field))
        if before != after:
            yield Change("changed", field, ident, before, after, line=line)
    yield from _timescale(ident, old.timescale, new.timescale, line)
    for what, attribute in (("entry criterion", "entry_criteria"), ("exclusion", "exclusions"),
                            ("consent", "consent"), ("guidance", "guidance"),
                            ("role involved", "with_roles"), ("algorithm used", "uses"),
                            ("evidence", "evidence")):
        yield from _set_changes(ident, what, [_text(v) for v in getattr(old, attribute)],
                                [_text(v) for v in getattr(new, attribute)], line)
    yield from _set_changes(ident, "action", [_action(a) for a in old.actions],
                            [_action(a) for a in new.actions], line)
    if _text(old.ages) != _text(new.ages):
        yield Change("changed", "ages", ident, _text(old.ages), _text(new.ages), line=line)
    yield from _transitions(ident, old, new)
    yield from _family(ident, old.family, new.family, line, language)
    yield from _other_statements(ident, old, new, line)


# The stage fields compared above, each in its own words; `_other_statements` compares the rest.
_STAGE_COMPARED = {"span", "id", "title", "level", "lead", "timescale", "entry_criteria",
                   "exclusions", "consent", "guidance", "with_roles", "uses", "evidence",
                   "actions", "ages", "transitions", "family"}


def _other_statements(ident: str, old: m.Stage, new: m.Stage, line: int) -> Iterator[Change]:
    """Every other stage statement in the statement table, named by its keyword, so a statement
    added to the language is compared without a change here."""
    seen = set(_STAGE_COMPARED)
    for statement in BLOCKS["stage"]:
        if statement.field in seen:
            continue
        seen.add(statement.field)
        before, after = getattr(old, statement.field), getattr(new, statement.field)
        if statement.repeat:
            yield from _set_changes(ident, statement.keyword, [_value(v) for v in before],
                                    [_value(v) for v in after], line)
        elif _value(before) != _value(after):
            yield Change("changed", statement.keyword, ident, _value(before), _value(after),
                         line=line)


def _value(node) -> str | None:
    """A value in words: its text, or its content without positions."""
    if node is None or isinstance(node, (m.Name, m.Text, m.DateValue, m.Percent, m.Repeat)):
        return _text(node)
    return _short(_plain(node)) if isinstance(node, m.Node) else str(node)


def _compare_outcome(ident: str, old: m.Outcome, new: m.Outcome,
                     language: str) -> Iterator[Change]:
    line = new.span.line
    for field in ("title", "level"):
        before, after = _text(getattr(old, field)), _text(getattr(new, field))
        if before != after:
            yield Change("changed", field, ident, before, after, line=line)
    yield from _family(ident, old.family, new.family, line, language)


def _timescale(ident: str, old: m.Duration | None, new: m.Duration | None, line: int):
    if _text(old) == _text(new):
        return
    longer = old is not None and new is not None and new.approx_days > old.approx_days
    yield Change("changed", "timescale", ident, _text(old), _text(new),
                 "timescale-lengthened" if longer else None, line=line)


def _action(action: m.Action) -> str:
    text = action.text.value
    if action.by is not None:
        text += f" (by {action.by.value})"
    if action.within is not None:
        text += f" (within {action.within})"
    return text


def _set_changes(ident: str, what: str, old: list, new: list, line: int) -> Iterator[Change]:
    for value in old:
        if value not in new:
            yield Change("removed", what, ident, value, None, line=line)
    for value in new:
        if value not in old:
            yield Change("added", what, ident, None, value, line=line)


def _transitions(ident: str, old: m.Stage, new: m.Stage) -> Iterator[Change]:
    before = {t.target.value: t for t in old.transitions}
    after = {t.target.value: t for t in new.transitions}
    for target in sorted(before.keys() - after.keys()):
        t = before[target]
        flag = "step-down-removed" if t.kind == "step down" else "route-removed"
        yield Change("removed", f"{t.kind} route", ident, _route(t), None, flag,
                     line=new.span.line, target=target)
    for target in sorted(after.keys() - before.keys()):
        t = after[target]
        yield Change("added", f"{t.kind} route", ident, None, _route(t), line=t.span.line,
                     target=target)
    for target in sorted(before.keys() & after.keys()):
        b, a = before[target], after[target]
        if b.kind != a.kind:
            flag = "step-down-removed" if b.kind == "step down" else None
            yield Change("changed", "route kind", ident, _route(b), _route(a), flag,
                         line=a.span.line, target=target)
        elif _text(b.when) != _text(a.when):
            yield Change("changed", "route criterion", ident, _route(b), _route(a),
                         line=a.span.line, target=target)


def _route(t: m.Transition) -> str:
    text = f"{t.kind} to {t.target.value}"
    return text + (f" when \"{t.when.value}\"" if t.when else "")


def _family(ident: str, old: list[m.FamilyText], new: list[m.FamilyText], line: int,
            language: str):
    def by_language(blocks):
        return {(b.language.value if b.language else language): b for b in blocks}

    before, after = by_language(old), by_language(new)
    for language in sorted(set(before) | set(after)):
        label = f"family text ({language})"
        b, a = before.get(language), after.get(language)
        if b is None or a is None:
            yield Change("added" if b is None else "removed", label, ident, line=line)
            continue
        for field in _FAMILY_FIELDS:
            bt, at = _text(getattr(b, field)), _text(getattr(a, field))
            if bt != at:
                yield Change("changed", f"{label} {field}", ident, bt, at, line=a.span.line)


_FAMILY_FIELDS = tuple(s.field for s in BLOCKS["family"])
_COMPARERS = {"stage": _compare_stage, "outcome": _compare_outcome}


def _levels(old: m.Program, new: m.Program) -> Iterator[Change]:
    before = [f"{lv.id.value} ({lv.domain.value})" for lv in old.levels]
    after = [f"{lv.id.value} ({lv.domain.value})" for lv in new.levels]
    if before != after:
        yield Change("changed", "levels", new.root.id.value, ", ".join(before), ", ".join(after))


def _findings(old: list[Diagnostic], new: list[Diagnostic]) -> Iterator[Change]:
    """Error findings in NEW that OLD did not have (compared by rule and message, not line)."""
    seen = {(d.rule, d.message) for d in old}
    for d in new:
        if d.severity is Severity.ERROR and (d.rule, d.message) not in seen:
            yield Change("added", f"finding {d.rule}", d.span.file if d.span else "", None,
                         d.message, "new-finding", line=d.span.line if d.span else None)
