"""The fast lexer (fastlex.py) gives lark's parser exactly the tokens lark's own contextual
lexer would: wherever it parses a file, the tree, every position in it and the comments are
the same as lark's; and it parses every valid file (so the fast path is really taken)."""

from __future__ import annotations

import pytest
from hypothesis import given

from conftest import REPO
from fuzzing import agree, both, fuzz_settings, grammar_texts, mutants, pathways, shape
from pathwaylang.core.source import normalise

FILES = sorted(REPO.glob("examples/**/*.pwy")) + sorted(REPO.glob("tests/**/*.pwy"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_file_in_the_repository(path):
    text = normalise(path.read_bytes().decode("utf-8", errors="replace"))
    agree(text, must_be_fast=True)


def test_the_fast_path_is_taken_and_gives_the_same_tree():
    text = (REPO / "examples" / "dylanshire.pwy").read_text(encoding="utf-8")
    (fast, _), (slow, _) = both(text)
    assert fast is not None and shape(fast) == shape(slow)


@pytest.mark.parametrize("text", [
    'pathway p "x" { review 2012-09-01 }',
    'pathway p "x" { variance { 2012-09-01 "date where a code goes" } }',
    'pathway p "x" { indicator i "n" { target 80 } }',
    'pathway p "x" { stage level "level" { level level lead lead } }',
    'pathway p "x" { stage s "t" { levelup x } }',
    'pathway p "x" { stage s "t" { action "a" by lead within 2 working days } }',
    'pathway p "x" {\n  owner """\n    two\n    lines\n    """ # note\n}',
    'pathway p "x" { \v }',
    'pathway p "x" { owner "unclosed }',
    'library l { }',
])
def test_awkward_corners(text):
    agree(text)


FUZZ = fuzz_settings(40)


@FUZZ
@given(pathways())
def test_generated_pathways(text):
    agree(text, must_be_fast=True)


@FUZZ
@given(grammar_texts())
def test_text_from_the_grammar(text):
    agree(text)


@FUZZ
@given(mutants())
def test_mutated_examples(mutant):
    _, data = mutant
    agree(normalise(data.decode("utf-8", errors="replace")))
