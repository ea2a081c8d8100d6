"""Inputs for fuzzing `pwy`, shared by tests/test_fuzz.py (a few examples, in CI) and
benchmarks/fuzz.py (long runs), and the property every input must keep.

Three sources of input:

- `pathways()`: valid pathways drawn from the model's shape (levels, roles, agencies,
  evidence, entries, a chain of stages with every kind of statement, outcomes, algorithms,
  indicators, variance codes, subpathway-free), with any text in every text field;
- `grammar_texts()`: strings drawn from `grammar/pathway.lark` by `hypothesis.extra.lark`,
  each token followed by a space, so they follow the grammar but mean anything at all;
- `mutants()`: the example pathways with tokens and lines deleted, duplicated and swapped,
  truncated, and bytes injected (invalid UTF-8, NUL, BOM, CR, right-to-left overrides).

The property (`run_check`): `pwy check` ends with diagnostics and exit code 0, 1 or 2, with no
traceback and within a time bound; and a file that checks without errors builds. And
(`models_agree`): the fast reader reads only what lark and lowering read, to the same model.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from pathwaylang.core.links import link_problem

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.pwy"))
ICONS = ("conversation", "meeting", "form", "handshake", "review", "safety", "star",
         "home_visit", "health", "family", "school", "phone", "child", "house", "no_such_icon")
SECONDS_PER_INPUT = 20.0
"""CPU seconds one check may take before the property calls it a hang (a generous bound:
every input here is far smaller than the limits)."""

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</title></style></textarea><svg onload=alert(1)>",
    "javascript:alert(1)",
    '"]; node [shape=box, URL="javascript:alert(1)"]; x [label="',
    "a -> b; subgraph cluster_x { label=<<b>html</b>> }",
    '%%{init: {"securityLevel": "loose"}}%%',
    "click s0 call alert(1)",
    "end\nstyle s0 fill:#f00",
    "[link](javascript:alert(1)) ![image](http://x.invalid/i.png) <http://x.invalid>",
    "# heading\n- list\n> quote\n```code```\n| a | b |",
    "*stars* _underscores_ `backticks` ~~strike~~ \\*escaped\\*",
    "{{ 7*7 }} {% for x in y %}{% endfor %} {# comment #}",
    "\u202eright-to-left override\u202c \u2066isolate\u2069 \u200bzero\u200dwidth",
    "&amp; &lt; &#60; &#x3C; &nbsp; &bogus;",
    "<!-- comment --> <![CDATA[ x ]]> ]]>",
    "Dŵr ŷd — Welsh ŵ ŷ Ŵ Ŷ, emoji 👪🏽, combining e\u0301",
    "x" * 3000,
    "tab\there, 'single' and \"double\" quotes, back\\slash",
    "line one\nline two\n\n\nafter blank lines",
    "\u2028line separator\u2029paragraph separator\x0bvertical tab\x0cform feed",
    "\x7f\x1b[31mred\x1b[0m \x07bell",
]
"""Strings that become markup, directives, links or code if any artefact forgets to escape."""


def pwy_string(text: str) -> str:
    """`text` as a `.pwy` string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _readable(text: str) -> bool:
    # A carriage return becomes a line break when the file is read, which ends a string.
    return "\r" not in text and "\x00" not in text


TEXTS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
            min_size=1, max_size=60),
    st.text(alphabet="abcdefghij klmnop.,?!'", min_size=1, max_size=80),
).filter(_readable)


# ---- valid pathways from the model's shape ------------------------------------------------


LINKS = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["https://example.org/", "http://example.net/", "HTTPS://example.cymru",
                     "mailto:team@example.org?subject=", "tel:+44"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp")),
            max_size=40),
).filter(lambda url: link_problem(url) is None)
"""A `url` may only be a link (core/links.py): one of these, then any text a link holds."""


@st.composite
def pathways(draw, texts=TEXTS) -> str:
    """A pathway with no errors by construction: every stage is reached from an entry along
    a chain that ends in an outcome, every name it uses is defined."""
    s = lambda: pwy_string(draw(texts))  # noqa: E731
    n_levels = draw(st.integers(1, 4))
    n_roles = draw(st.integers(1, 3))
    n_stages = draw(st.integers(1, 7))
    languages = draw(st.sampled_from([["en"], ["en", "cy"], ["cy", "en"]]))
    lines = [f"pathway fuzz_{draw(st.integers(0, 999))} {s()} {{",
             f"  authority {s()}", f"  version {s()}", "  status draft",
             "  developed 2020-02-29", "  review 2099-12-31", f"  owner {s()}",
             f"  languages {', '.join(languages)}", "  ages 0 to 18", "  levels {"]
    domains = ("prevention", "protection", "remedial")
    lines += [f"    level_{i} {s()} domain {domains[min(i, 2)]}" for i in range(n_levels)]
    lines += ["  }", f"  agency agency_0 {s()}"]
    lines += [f"  role role_{i} {s()}" + (" at agency_0" if i % 2 else "")
              for i in range(n_roles)]
    lines += [f"  evidence ev_0 {s()} {{ ages 0 to 25 source {s()} "
              f"url {pwy_string(draw(LINKS))} }}"]
    lines += [f"  entry door_{i} {s()} -> s0" for i in range(draw(st.integers(1, 3)))]
    for i in range(n_stages):
        lines += _stage(draw, s, i, n_stages, n_levels, n_roles, languages)
    lines += [f"  outcome done {s()} {{", "    level level_0",
              *_family(draw, s, languages), "  }"]
    lines += [f"  algorithm algo {s()} {{", f"    ask first {s()} {{",
              f"      yes -> do {s()}", "      no -> ask second", "    }",
              f"    ask second {s()} {{", "      yes -> goto s0", "      no -> goto done",
              f"      unsure -> do {s()}", "    }", "  }"]
    lines += [f"  indicator measured {s()} {{ measure {s()} target 75% at s0 }}"]
    lines += ["  variance {", f"    F {s()}", f"    P {s()}", "  }", "}"]
    return "\n".join(lines) + "\n"


def _stage(draw, s, i, count, n_levels, n_roles, languages) -> list[str]:
    onward = f"s{i + 1}" if i + 1 < count else "done"
    lines = [f"  stage s{i} {s()} {{", f"    level level_{draw(st.integers(0, n_levels - 1))}",
             f"    lead role_{draw(st.integers(0, n_roles - 1))}",
             f"    with role_{draw(st.integers(0, n_roles - 1))}",
             f"    entry when {s()}", f"    exclude when {s()}", f"    consent {s()}",
             f"    action {s()} by lead within 2 weeks", f"    action {s()} by family",
             "    timescale 20 working days", "    uses algo", "    evidence ev_0",
             f"    guidance {s()}", f"    exit to {onward} when {s()}"]
    if draw(st.booleans()):
        lines.append(f"    exit to s{draw(st.integers(0, count - 1))} when {s()}")
    if draw(st.integers(0, 3)) == 0:  # a recurring stage (an extension)
        every, span = draw(st.sampled_from([("2 weeks", "3 months"), ("8 weeks", "12 months"),
                                             ("1 month", "1 year")]))
        lines.append(f"    repeats every {every} for {span}")
    lines += _family(draw, s, languages)
    return lines + ["  }"]


def _family(draw, s, languages) -> list[str]:
    lines = []
    for language in languages:
        if draw(st.integers(0, 3)) == 0:
            continue
        icon = draw(st.sampled_from(ICONS))
        lines += [f"    family {language} {{", f"      title {s()}", f"      text {s()}",
                  f"      asked {s()}", f"      contact {s()}", f"      icon {icon}", "    }"]
    return lines


def fuzz_settings(examples: int):
    """The property tests' hypothesis settings: `examples` inputs, no deadline or database
    (CI runs on a fresh machine), health checks about slow or large inputs off."""
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])


# ---- strings from the grammar ----------------------------------------------------------------


def grammar_texts():
    """Strings the grammar derives, with a space after each token so the lexer splits them
    as the grammar did."""
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    from pathwaylang.syntax.lark_parser import grammar_path

    grammar = Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr",
                   lexer="contextual")
    explicit = {}
    for terminal in grammar.terminals:
        pattern = terminal.pattern
        if pattern.type == "str":
            explicit[terminal.name] = st.just(pattern.value + " ")
    explicit["NAME"] = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).map(
        lambda word: word + " ")
    explicit["STRING"] = TEXTS.map(lambda text: pwy_string(text) + " ")
    explicit["INT"] = st.integers(0, 120).map(lambda n: f"{n} ")
    explicit["DATE"] = st.dates().map(lambda d: f"{d.year:04}-{d.month:02}-{d.day:02} ")
    explicit["PERCENT"] = st.integers(0, 130).map(lambda n: f"{n}% ")
    explicit["COMMENT"] = st.just("# a comment\n")
    return from_lark(grammar, start="start", explicit=explicit)


# ---- mutations of the examples ----------------------------------------------------------------

TOKEN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d+%?|\S')
INJECTED = [b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\r\n",
            b"\xe2\x80\xae", b'"', b'"""', b"{", b"}", b"\\", b"#", b"->", b"\t", b"\x1b[2J"]


def mutate(data: bytes, draw) -> bytes:
    """Apply one random mutation (of the kinds in the module docstring) to `data`."""
    kind = draw(st.sampled_from(["delete-token", "duplicate-token", "swap-tokens",
                                 "delete-line", "duplicate-line", "swap-lines", "truncate",
                                 "inject"]))
    if kind == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    if kind == "inject":
        at = draw(st.integers(0, len(data)))
        insert = draw(st.one_of(st.sampled_from(INJECTED), st.binary(min_size=1, max_size=4)))
        return data[:at] + insert + data[at:]
    text = data.decode("utf-8", errors="surrogateescape")
    if kind.endswith("line") or kind.endswith("lines"):
        pieces = text.split("\n")
    else:
        pieces = [m.group(0) for m in TOKEN.finditer(text)]
        text = None
    if not pieces:
        return data
    i = draw(st.integers(0, len(pieces) - 1))
    j = draw(st.integers(0, len(pieces) - 1))
    if kind.startswith("delete"):
        del pieces[i]
    elif kind.startswith("duplicate"):
        pieces.insert(i, pieces[i])
    else:
        pieces[i], pieces[j] = pieces[j], pieces[i]
    joined = ("\n" if text is not None else " ").join(pieces)
    return joined.encode("utf-8", errors="surrogateescape")


@st.composite
def mutants(draw) -> tuple[str, bytes]:
    """(an example's path inside examples/, its bytes after one to four mutations)."""
    path = draw(st.sampled_from(EXAMPLE_FILES))
    data = path.read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        data = mutate(data, draw)
    return path.relative_to(EXAMPLES).as_posix(), data


def copy_examples(folder: Path) -> Path:
    """The examples (with their libraries and subpathways) copied into `folder`."""
    import shutil

    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    return folder


# ---- paths of every kind ---------------------------------------------------------------------

PATH_KINDS = ("missing", "folder", "symlink-loop", "fifo", "dev-zero", "dev-urandom", "socket",
              "no-permission", "too-large")
"""What a path can name besides a readable file (tests/test_path_kinds.py says what each
gets); the fuzzing puts them where a path goes: an argument, a `use`, a subpathway `file`."""


def make_path_of_kind(folder: Path, kind: str, content: str = "") -> str:
    """Make a path of `kind` in `folder`; returns it as an argument (relative when it can be).
    `content`: what the file that may not be read holds."""
    import socket

    from pathwaylang.core.limits import MAX_FILE_BYTES

    name = f"{kind}.pwy"
    path = folder / name
    if kind == "folder":
        path.mkdir()
    elif kind == "symlink-loop":
        path.symlink_to(name)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))  # the socket file stays after closing; nothing listens
        sock.close()
    elif kind == "no-permission":
        path.write_text(content, encoding="utf-8")
        path.chmod(0)
    elif kind == "too-large":
        with open(path, "wb") as out:
            out.truncate(MAX_FILE_BYTES + 1)  # sparse: quick to make
    elif kind.startswith("dev-"):
        return "/dev/" + kind.removeprefix("dev-")
    return name


# ---- the property ----------------------------------------------------------------------------


@dataclass
class Outcome:
    exit_code: int
    output: str
    seconds: float


def run_cli(args: list[str], cwd: Path) -> Outcome:
    """`pwy ARGS` in-process; an exception escaping the command fails the property."""
    from click.testing import CliRunner

    from pathwaylang.cli import load_commands

    here = Path.cwd()
    os.chdir(cwd)
    start = time.process_time()
    try:
        result = CliRunner().invoke(load_commands(), args, catch_exceptions=True)
    finally:
        os.chdir(here)
    seconds = time.process_time() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"pwy {' '.join(args)} raised {result.exception!r}") \
            from result.exception
    return Outcome(result.exit_code, result.output, seconds)


def run_check(folder: Path, name: str, data: bytes, output_format: str = "text") -> Outcome:
    """Write `data` to `folder/name`, check it, and hold it to the property."""
    (folder / name).write_bytes(data)
    outcome = run_cli(["check", "--today", "2026-01-05", "--format", output_format, name],
                      folder)
    assert outcome.exit_code in (0, 1, 2), outcome
    assert "Traceback" not in outcome.output, outcome.output
    assert "internal-error" not in outcome.output, outcome.output
    assert outcome.seconds < SECONDS_PER_INPUT, f"check took {outcome.seconds:.1f}s"
    if outcome.exit_code == 2:
        assert outcome.output.strip(), "exit code 2 without saying why"
    return outcome


def build_clean(folder: Path, name: str, render: bool = False) -> dict[str, bytes]:
    """Check `folder/name` (which must have no errors) and make its artefacts."""
    from pathwaylang.cli.atomic import write_atomically
    from pathwaylang.emit.build import make_artefacts
    from pathwaylang.emit.context import BuildContext, BuildOptions
    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.rules import RuleOptions
    import datetime as dt

    checker = Checker(CheckOptions(root=folder, rules=RuleOptions(today=dt.date(2026, 1, 5))))
    report = checker.check_file(folder / name)
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    assert not errors and report.program is not None, errors
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=render), diagnostics=report.diagnostics)
    artefacts = make_artefacts(ctx)
    write_atomically(folder / "out", report.program.root.id.value, artefacts)
    return artefacts


# ---- the fast path reads what the reference reads (tests/test_fastparse.py) -----------------


def reference_model(text: str):
    """(the model, comments) by lark and the lowering stage, or None when they make a finding."""
    from pathwaylang.syntax.lower import lower
    from pathwaylang.syntax.lark_parser import parse
    from pathwaylang.core.source import SourceFile

    result = parse(SourceFile(Path("f.pwy"), "f.pwy", text))
    if result.tree is None:
        return None
    model, findings = lower(result.tree, "f.pwy")
    if findings:
        return None
    return model, [(c.line, c.column, c.text) for c in result.comments]


def fast_model(text: str):
    """(the model, comments) by the fast path, or None when it gives up."""
    from pathwaylang.syntax.reader import GiveUp, read_model

    try:
        model, comments = read_model(text, "f.pwy")
        return model, [(c.line, c.column, c.text) for c in comments]
    except GiveUp:
        return None


def models_agree(text: str, must_be_fast: bool = False) -> None:
    """The fast path reads only what the reference reads without a finding, to the same model
    (every span) and the same comments; with `must_be_fast`, it reads every such file."""
    fast, reference = fast_model(text), reference_model(text)
    if fast is not None:
        assert reference is not None, "the fast path read a file the reference has findings in"
        assert fast[0] == reference[0], "the fast path's model differs from the reference's"
        assert fast[1] == reference[1], "the fast path's comments differ from the reference's"
    elif must_be_fast:
        assert reference is None, "the fast path gave up on a file the reference reads cleanly"
