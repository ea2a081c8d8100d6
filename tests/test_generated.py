"""Generated valid files: hypothesis builds pathways from the model's parts (any keyword as a
name, strings with escapes and Welsh letters, text blocks, statements in any order, any
spacing, comments, CRLF and a BOM), and each must parse with no `syntax` finding and lower to
exactly the values it was written with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathwaylang import model as m
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import parse, terminal_literals
from pathwaylang.core.source import SourceFile, decode_source

KEYWORDS = sorted({w for w in terminal_literals().values() if w.isidentifier()})
WELSH = "ŵŷâêîôûẁẃẅỳŴŶÂÊÎÔÛ"

names = st.one_of(st.sampled_from(KEYWORDS),
                  st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True))
# Any printable text, with the characters that need care: quotes, backslashes, braces, `#`.
_chars = st.one_of(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                   st.sampled_from(list('"\\{}#\t ' + WELSH)))
one_line = st.text(_chars, max_size=30)
words = st.text(st.one_of(st.sampled_from(list('"\\{}#' + WELSH)),
                          st.characters(blacklist_categories=("Cc", "Cs", "Z"))),
                min_size=1, max_size=12)
separators = st.sampled_from([" ", "  ", "\t", "\n", "\n    ", "\n\n  ", " # a note\n",
                              "\n# ŵ comment with \"quotes\" and { braces\n  "])


def escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@st.composite
def text_values(draw) -> tuple[str, str]:
    """(as written, value): a `"string"` with escapes, or a dedented `\"\"\"` text block."""
    if draw(st.booleans()):
        value = draw(one_line)
        return '"' + escaped(value) + '"', value
    lines = draw(st.lists(st.one_of(st.lists(words, min_size=1, max_size=4).map(" ".join),
                                    st.just("")), min_size=1, max_size=4))
    lines = [line.strip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    value = "\n".join(lines)
    indent = draw(st.sampled_from(["", "  ", "        ", "\t\t"]))
    body = "\n".join(indent + escaped(line) if line else "" for line in lines)
    return f'"""\n{body}\n{indent}"""', value


durations = st.tuples(st.integers(0, 400), st.sampled_from([
    ("day", "day"), ("days", "day"), ("working day", "working day"),
    ("working days", "working day"), ("week", "week"), ("weeks", "week"),
    ("month", "month"), ("months", "month"), ("year", "year"), ("years", "year")]))
ages = st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted)


class Writer:
    """Tokens joined by drawn spacing; a statement is a list of tokens."""

    def __init__(self, draw):
        self.draw = draw

    def join(self, tokens: list[str]) -> str:
        out = tokens[0]
        for token in tokens[1:]:
            out += self.draw(separators) + token
        return out

    def block(self, head: list[str], statements: list[list[str]]) -> list[str]:
        """Statements in a drawn order; those of one kind keep theirs."""
        groups: dict[str, list[list[str]]] = {}
        for statement in statements:
            kind = statement[0].split()[0]
            kind = "transition" if kind in ("exit", "step", "refer") else kind
            groups.setdefault(kind, []).append(statement)
        order = []
        while groups:
            kind = self.draw(st.sampled_from(sorted(groups)))
            order.append(groups[kind].pop(0))
            if not groups[kind]:
                del groups[kind]
        return head + ["{"] + [self.join(s) for s in order] + ["}"]


@st.composite
def stages(draw):
    w = Writer(draw)
    ident, (title_text, title) = draw(names), draw(text_values())
    expected = {"id": ident, "title": title, "actions": [], "transitions": [], "family": [],
                "lists": {}, "texts": {}}
    statements: list[list[str]] = []
    for key in ("level", "lead"):
        if draw(st.booleans()):
            expected[key] = draw(names)
            statements.append([key, expected[key]])
    for key, words_ in (("with_roles", ["with"]), ("uses", ["uses"]), ("evidence", ["evidence"])):
        items = draw(st.lists(names, max_size=3))
        if items:
            statements.append(words_ + [", ".join(items)])
        expected["lists"][key] = items
    for key, words_ in (("entry_criteria", ["entry", "when"]), ("exclusions", ["exclude", "when"]),
                        ("consent", ["consent"]), ("guidance", ["guidance"])):
        texts = draw(st.lists(text_values(), max_size=2))
        statements += [words_ + [written] for written, _ in texts]
        expected["texts"][key] = [value for _, value in texts]
    for _ in range(draw(st.integers(0, 2))):
        written, value = draw(text_values())
        tokens, by, within = ["action", written], None, None
        if draw(st.booleans()):
            by = draw(names)
            tokens += ["by", by]
        if draw(st.booleans()):
            amount, (unit_text, unit) = draw(durations)
            within = (amount, unit)
            tokens += ["within", str(amount), unit_text]
        statements.append(tokens)
        expected["actions"].append((value, by, within))
    if draw(st.booleans()):
        amount, (unit_text, unit) = draw(durations)
        statements.append(["timescale", str(amount), unit_text])
        expected["timescale"] = (amount, unit)
    if draw(st.booleans()):
        low, high = draw(ages)
        statements.append(["ages", str(low), "to", str(high)])
        expected["ages"] = (low, high)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["exit", "step up", "step down", "refer"]))
        target = draw(names)
        tokens = [*kind.split(), "to", target]
        when = None
        if draw(st.booleans()):
            written, when = draw(text_values())
            tokens += ["when", written]
        statements.append(tokens)
        expected["transitions"].append((kind, target, when))
    for _ in range(draw(st.integers(0, 2))):
        tokens, family = draw(family_blocks())
        statements.append(tokens)
        expected["family"].append(family)
    return w.block(["stage", ident, title_text], statements), expected


@st.composite
def family_blocks(draw):
    w = Writer(draw)
    language = draw(st.none() | names)
    fields, statements = {"language": language}, []
    for key in ("title", "text", "asked", "contact"):
        if draw(st.booleans()):
            written, fields[key] = draw(text_values())
            statements.append([key, written])
    if draw(st.booleans()):
        fields["icon"] = draw(names)
        statements.append(["icon", fields["icon"]])
    head = ["family"] + ([language] if language else [])
    return [w.join(w.block(head, statements))], fields


@st.composite
def pathways(draw):
    w = Writer(draw)
    ident, (title_text, title) = draw(names), draw(text_values())
    expected: dict = {"id": ident, "title": title, "header": {}}
    statements: list[list[str]] = []
    header = {
        "authority": text_values(), "version": text_values(), "owner": text_values(),
        "status": st.sampled_from([s.value for s in m.Status]),
        "developed": st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
        "review": st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    }
    for key, strategy in header.items():
        if draw(st.booleans()):
            value = draw(strategy)
            if isinstance(value, tuple):
                statements.append([key, value[0]])
                expected["header"][key] = value[1]
            else:
                written = value.isoformat() if isinstance(value, dt.date) else value
                statements.append([key, written])
                expected["header"][key] = value
    languages = draw(st.lists(names, max_size=3))
    if languages:
        statements.append(["languages", ", ".join(languages)])
    expected["languages"] = languages
    levels = draw(st.lists(st.tuples(names, text_values(),
                                     st.sampled_from([d.value for d in m.Domain])), max_size=3))
    if levels or draw(st.booleans()):
        statements.append(["levels", "{"] + [w.join([i, t[0], "domain", d]) for i, t, d in levels]
                          + ["}"])
        expected["levels"] = [(i, t[1], d) for i, t, d in levels]
    roles = draw(st.lists(st.tuples(names, text_values(), st.none() | names), max_size=3))
    for ident_, name, agency in roles:
        statements.append(["role", ident_, name[0]] + (["at", agency] if agency else []))
    expected["roles"] = [(i, n[1], a) for i, n, a in roles]
    entries = draw(st.lists(st.tuples(names, text_values(), names), max_size=2))
    statements += [["entry", i, d[0], "->", t] for i, d, t in entries]
    expected["entries"] = [(i, d[1], t) for i, d, t in entries]
    built = draw(st.lists(stages(), max_size=3))
    statements += [tokens for tokens, _ in built]
    expected["stages"] = [e for _, e in built]
    questions = draw(st.lists(st.tuples(names, text_values(), st.lists(
        st.tuples(names, st.sampled_from(["ask", "goto", "do"]), names, text_values()),
        max_size=3)), max_size=2))
    if questions:
        body = []
        for qid, qtext, answers in questions:
            steps = [[a, "->", k, t if k != "do" else d[0]] for a, k, t, d in answers]
            body.append(w.join(["ask", qid, qtext[0], "{"] + [w.join(s) for s in steps] + ["}"]))
        statements.append(["algorithm", "decide", '"Decide"', "{"] + body + ["}"])
    expected["questions"] = [(q, t[1], [(a, k, t_ if k != "do" else d[1]) for a, k, t_, d in ans])
                             for q, t, ans in questions]
    codes = draw(st.lists(st.tuples(st.one_of(names, st.integers(0, 99).map(str)),
                                    text_values()), max_size=3))
    if codes:
        statements.append(["variance", "{"] + [w.join([c, t[0]]) for c, t in codes] + ["}"])
    expected["variance"] = [(c, t[1]) for c, t in codes]
    target = draw(st.one_of(st.integers(0, 100).map(str),
                            st.tuples(st.integers(0, 99), st.integers(0, 9)).map(
                                lambda p: f"{p[0]}.{p[1]}")))
    statements.append(["indicator", "measured", '"Measured"', "{", "target", target + "%", "}"])
    expected["target"] = float(target)
    text = draw(st.sampled_from(["", "\n", "# generated\n"])) + w.join(
        w.block(["pathway", ident, title_text], statements)) + "\n"
    return text, expected


def project(f: m.PathwayFile) -> dict:
    """The lowered model in the shape the strategy wrote down."""
    header = {k: (getattr(f, k).value if k in ("developed", "review") and getattr(f, k)
                  else getattr(f, k).value)
              for k in ("authority", "version", "owner", "status", "developed", "review")
              if getattr(f, k) is not None}
    out = {
        "id": f.id.value, "title": f.title.value, "header": header,
        "languages": [n.value for n in f.languages],
        "roles": [(r.id.value, r.name.value, r.agency.value if r.agency else None)
                  for r in f.roles],
        "entries": [(e.id.value, e.description.value, e.target.value) for e in f.entries],
        "stages": [_stage(s) for s in f.stages],
        "questions": [(q.id.value, q.text.value,
                       [(a.answer.value, a.step.kind,
                         a.step.action.value if a.step.kind == "do" else a.step.target.value)
                        for a in q.answers])
                      for alg in f.algorithms for q in alg.questions],
        "variance": [(c.code.value, c.meaning.value) for c in f.variance.codes]
        if f.variance else [],
        "target": f.indicators[0].target.value,
    }
    if f.levels is not None:
        out["levels"] = [(lv.id.value, lv.label.value, lv.domain.value) for lv in f.levels.levels]
    return out


def _stage(s: m.Stage) -> dict:
    out = {
        "id": s.id.value, "title": s.title.value,
        "actions": [(a.text.value, a.by.value if a.by else None,
                     (a.within.amount, a.within.unit.value) if a.within else None)
                    for a in s.actions],
        "transitions": [(t.kind, t.target.value, t.when.value if t.when else None)
                        for t in s.transitions],
        "family": [{k: (v.value if hasattr(v, "value") else v)
                    for k, v in {"language": b.language, "title": b.title, "text": b.text,
                                 "asked": b.asked, "contact": b.contact, "icon": b.icon}.items()
                    if v is not None or k == "language"} for b in s.family],
        "lists": {k: [n.value for n in getattr(s, k)] for k in ("with_roles", "uses", "evidence")},
        "texts": {k: [t.value for t in getattr(s, k)]
                  for k in ("entry_criteria", "exclusions", "consent", "guidance")},
    }
    for key in ("level", "lead"):
        if getattr(s, key) is not None:
            out[key] = getattr(s, key).value
    if s.timescale is not None:
        out["timescale"] = (s.timescale.amount, s.timescale.unit.value)
    if s.ages is not None:
        out["ages"] = (s.ages.low, s.ages.high)
    return out


def lowered_from_bytes(data: bytes) -> tuple[m.PathwayFile, list]:
    source = decode_source(data, Path("gen.pwy"), "gen.pwy")
    assert isinstance(source, SourceFile), source
    result = parse(source)
    assert result.diagnostics == [], (source.text, [d.message for d in result.diagnostics])
    return lower(result.tree, "gen.pwy")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pathways(), st.booleans(), st.booleans())
def test_generated_files_parse_and_lower_to_what_was_written(generated, crlf, bom):
    text, expected = generated
    data = text.replace("\n", "\r\n").encode() if crlf else text.encode()
    file, findings = lowered_from_bytes(b"\xef\xbb\xbf" + data if bom else data)
    assert [d.rule for d in findings if d.rule == "syntax"] == []
    assert project(file) == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_line_endings_and_a_bom_change_only_nothing(generated):
    text, _ = generated
    plain, _ = lowered_from_bytes(text.encode())
    windows, _ = lowered_from_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert plain.model_dump() == windows.model_dump()  # spans too: columns count characters
