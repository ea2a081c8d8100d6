"""Fuzzing in CI: a modest number of generated, grammar-derived and mutated inputs, each held
to the property in tests/fuzzing.py (exit code 0/1/2, findings, no traceback, bounded time;
a file that checks without errors builds). `benchmarks/fuzz.py --minutes N` runs the same
for longer; docs/robustness.md lists what it found.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import (PATH_KINDS, build_clean, copy_examples, fuzz_settings, grammar_texts,
                     make_path_of_kind, mutants, pathways, run_check)

FUZZ = fuzz_settings(20)


@FUZZ
@given(pathways())
def test_generated_pathways_check_clean_and_build(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        outcome = run_check(folder, "generated.pwy", text.encode("utf-8"), "json")
        findings = json.loads(outcome.output)["diagnostics"]
        errors = [f for f in findings if f["severity"] == "error"]
        assert errors == [] and outcome.exit_code == 0, errors
        artefacts = build_clean(folder, "generated.pwy")
        assert "pathway.json" in artefacts and "checklist.html" in artefacts
        built = sorted(p.name for p in (folder / "out").iterdir())
        assert len(built) == 1 and not built[0].startswith(".")


@settings(FUZZ, max_examples=40)
@given(grammar_texts())
def test_text_from_the_grammar_never_crashes(text):
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run_check(Path(tmp), "grammar.pwy", text.encode("utf-8"))
        if outcome.exit_code == 0:
            build_clean(Path(tmp), "grammar.pwy")


@settings(FUZZ, max_examples=40)
@given(mutants(), st.sampled_from(["text", "json", "sarif", "github"]))
def test_mutated_examples_never_crash(mutant, output_format):
    name, data = mutant
    with tempfile.TemporaryDirectory() as tmp:
        folder = copy_examples(Path(tmp))
        outcome = run_check(folder, name, data, output_format)
        if outcome.exit_code == 0:
            build_clean(folder, name)


def test_every_mutation_kind_runs():
    """Each mutation is exercised: deleting, duplicating and swapping change the text."""
    from fuzzing import EXAMPLE_FILES, mutate

    data = EXAMPLE_FILES[0].read_bytes()
    seen = set()

    @settings(max_examples=60, database=None, deadline=None)
    @given(st.data())
    def one(drawn):
        mutated = mutate(data, drawn.draw)
        seen.add(mutated == data)

    one()
    assert False in seen  # at least some mutations changed the file


# ---- what fuzzing found: each fixed, each kept as a test -------------------------------------

LONG = "x" * 5000


def test_found_a_use_path_too_long_for_the_system(tmp_path):
    text = f'library lib "Library" {{\n  use "{LONG}.pwy"\n}}\n'
    outcome = run_check(tmp_path, "lib.pwy", text.encode())
    assert outcome.exit_code == 1 and "bad-include" in outcome.output
    assert "the name is too long for the system" in outcome.output


def test_found_a_subpathway_path_too_long_for_the_system(tmp_path):
    from fuzzing import EXAMPLES

    text = (EXAMPLES / "kentigernshire.pwy").read_text(encoding="utf-8")
    assert 'file "subpathways/kentigernshire-housing-support.pwy"' in text
    text = text.replace('file "subpathways/kentigernshire-housing-support.pwy"',
                        f'file "{LONG}.pwy"')
    copy_examples(tmp_path)
    outcome = run_check(tmp_path, "kentigernshire.pwy", text.encode())
    assert outcome.exit_code == 1 and "subpathway-unconnected" in outcome.output


def test_found_a_command_line_name_too_long_for_the_system(tmp_path):
    from fuzzing import run_cli

    outcome = run_cli(["check", LONG], tmp_path)
    assert outcome.exit_code == 2 and "unreadable-file" in outcome.output


def test_found_a_language_listed_twice(tmp_path):
    """`languages cy, en, cy` checked clean, then the build failed: two producers made
    `leaflet.cy.html`. Now it is a `duplicate-definition`, and nothing is built."""
    from fuzzing import EXAMPLES

    text = (EXAMPLES / "dylanshire.pwy").read_text(encoding="utf-8")
    assert "  languages cy, en\n" in text
    copy_examples(tmp_path)
    outcome = run_check(tmp_path, "dylanshire.pwy",
                        text.replace("  languages cy, en\n", "  languages cy, en, cy\n").encode())
    assert outcome.exit_code == 1
    assert "error[duplicate-definition]: language `cy` is listed twice" in outcome.output


# ---- paths of every kind, where a path goes ----------------------------------------------------

PLACES = {
    "check": lambda p: ["check", p], "build": lambda p: ["build", p, "-o", "out"],
    "fmt": lambda p: ["fmt", p], "fmt --check": lambda p: ["fmt", "--check", p],
    "diff OLD": lambda p: ["diff", p, "dylanshire.pwy"],
    "diff NEW": lambda p: ["diff", "dylanshire.pwy", p],
    "use": None, "subpathway file": None,
}
"""Where a path goes: an argument of each command that takes one, or inside a pathway."""


@settings(FUZZ, max_examples=20)
@given(st.sampled_from(PATH_KINDS), st.sampled_from(sorted(PLACES)),
       st.sampled_from(["text", "json", "sarif", "github"]))
def test_paths_of_every_kind_never_crash_or_hang(kind, place, output_format):
    """A path of any kind, anywhere a path goes: a finding that names it, exit 1 or 2, no
    traceback, and soon (a separate process with a wall-clock limit: a read waiting on a pipe
    or a device would use no CPU, so the in-process bound could not see it)."""
    from test_path_kinds import run_as_user

    with tempfile.TemporaryDirectory() as tmp:
        folder = copy_examples(Path(tmp))
        path = make_path_of_kind(folder, kind, "pathway p \"P\" {}\n")
        if PLACES[place] is not None:
            args = PLACES[place](path)
        else:
            name = "dylanshire.pwy" if place == "use" else "kentigernshire.pwy"
            old = ('"common/families-first-common.pwy"' if place == "use"
                   else '"subpathways/kentigernshire-housing-support.pwy"')
            text = (folder / name).read_text(encoding="utf-8")
            (folder / name).write_text(text.replace(old, f'"{path}"'), encoding="utf-8")
            args = ["check", "--root", "/", "--format", output_format, name]
        run = run_as_user(kind, *args, cwd=folder)
    assert run.code in (1, 2), run.text
    assert path in run.text or path.replace('"', '\\"') in run.text, run.text
