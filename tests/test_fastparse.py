"""The fast path (fastparse.py) reads a file to exactly the model lark and the lowering stage
read it to, every span included, with the same comments; it gives up wherever they make a
finding; and it reads every valid file (so it is really taken)."""

from __future__ import annotations

import re._parser

import pytest
from hypothesis import given

from conftest import REPO
from fuzzing import (fast_model, fuzz_settings, grammar_texts, models_agree, mutants, pathways,
                     reference_model)
from pathwaylang.syntax.reader_cursor import PUNCTUATION, TERMINALS, WHITESPACE
from pathwaylang.syntax.lark_parser import _parser
from pathwaylang.core.source import normalise

FILES = sorted(REPO.glob("examples/**/*.pwy")) + sorted(REPO.glob("tests/**/*.pwy"))


def _same_regex(a: str, b: str) -> bool:
    """Two patterns that parse to the same regular expression (`\\n` and a newline alike)."""
    return str(re._parser.parse(a).data) == str(re._parser.parse(b).data)


def test_terminals_are_the_grammars():
    lark = _parser()
    regexes = {t.name: t.pattern.to_regexp() for t in lark.terminals if t.pattern.type == "re"}
    ignored = {regexes[name] for name in lark.lexer_conf.ignore}
    assert {name for name in regexes if name not in lark.lexer_conf.ignore} | {"COMMENT"} \
        == set(TERMINALS)
    for name, pattern in TERMINALS.items():
        assert _same_regex(regexes[name], pattern), name
    assert any(_same_regex(regex, WHITESPACE + "+") for regex in ignored)
    punctuation = {t.pattern.value for t in lark.terminals
                   if t.pattern.type == "str" and not t.pattern.value.isidentifier()}
    assert punctuation == set(PUNCTUATION)


def test_the_regex_check_can_fail():
    assert not _same_regex("[0-9]{4}", "[0-9]{5}")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_file_in_the_repository(path):
    text = normalise(path.read_bytes().decode("utf-8", errors="replace"))
    models_agree(text, must_be_fast=True)


def test_the_examples_take_the_fast_path():
    for name in ("dylanshire", "kentigernshire", "mabinogion"):
        text = (REPO / "examples" / f"{name}.pwy").read_text(encoding="utf-8")
        assert fast_model(text) is not None, name


# Keywords used as names, optional parts present and absent, escapes, text blocks, comments.
READ_ALIKE = [
    'pathway p "x" { }',
    'library l { }',
    'library l "t" { use "a.pwy" }',
    'pathway stage "stage" { stage level "level" { level level lead lead } }',
    'pathway p "x" { role r "R" at a role at "at" agency at "A" }',
    'pathway p "x" { evidence e "E" evidence f "F" { ages 0 to 5 source "s" url "u" } }',
    'pathway p "x" { outcome o "O" outcome q "Q" { level l family cy { title "t" } } }',
    'pathway p "x" { algorithm a "A" { ask q "Q?" { yes -> no -> ask r goto -> goto s '
    'do -> do "d" } } }',
    'pathway p "x" { stage s "t" { action "a" by lead within 2 working days action "b" '
    'within 1 day timescale 6weeks } }',
    'pathway p "x" { stage s "t" { step up to u when "w" step down to d exit to e refer to r '
    'entry when "e" exclude when "x" with a, b ,c uses u evidence e ages 3 to 4 } }',
    'pathway p "x" { variance { F "f" 12 "twelve" } indicator i "I" { target 80.5% at s '
    'measure "m" } }',
    'pathway p "x" {\n  owner """\n    two\n      lines\n    """ # note\n}\n# end\n',
    'pathway p "x" { owner "a \\"quoted\\" \\\\ word\\n" }',
    'pathway p "x" { developed 2011-02-30 review 2020-01-01 status draft languages cy, en }',
    'pathway p "x" { levels { a "A" domain prevention b "B" domain remedial } }',
    'pathway p "x" { entry e "E" -> s subpathway sp "S" { file "f.pwy" rejoin s } }',
    'pathway p "x" { authority "A" family cy { authority "B" title "T" } family { } '
    'languages cy, en family en { title "t" } }',
    'library l { family { authority "A" } }',
    'pathway p "x" { indicator i "I" { count visits to to within 2 working days } '
    'indicator j "J" { at s count families reaching from from within within 6 weeks } }',
]
# Each is a finding or a syntax error for the reference: the fast path must give up.
GIVE_UP = [
    'pathway p "x" { review 2012-09-01 review 2012-09-01 }',
    'pathway p "x" { status ready }',
    'pathway p "x" { ages 9 to 3 }',
    'pathway p "x" { owner "\\q" }',
    'pathway p "x" { languages en, en }',
    'pathway p "x" { indicator i "n" { target 120% } }',
    'pathway p "x" { indicator i "n" { target 80 } }',
    'pathway p "x" { stage s "t" { levelup x } }',
    'pathway p "x" { stage s "t" { lead a lead b } }',
    'pathway p "x" { stage s "t" { action "a" within 2 days by lead } }',
    'pathway p "x" { levels { a "A" domain other } }',
    'pathway p "x" { \v }',
    'pathway p "x" { owner "unclosed }',
    'pathway p "x" { } extra',
    'library l { stage s "t" { } }',
    'pathway p "x" { variance { 2012-09-01 "date where a code goes" } }',
    'pathway p "x" { family cy { title "a" title "b" } }',
    'pathway p "x" { family cy { text "a" } }',
    'pathway p "x" { indicator i "n" { count visits to s within 2 days count visits to s '
    'within 3 days } }',
    'pathway p "x" { indicator i "n" { count stays at s within 2 days } }',
]


@pytest.mark.parametrize("text", READ_ALIKE)
def test_read_alike(text):
    assert fast_model(text) is not None
    models_agree(text)


@pytest.mark.parametrize("text", GIVE_UP)
def test_gives_up_where_the_reference_has_something_to_say(text):
    assert reference_model(text) is None
    assert fast_model(text) is None


FUZZ = fuzz_settings(40)


@FUZZ
@given(pathways())
def test_generated_pathways(text):
    models_agree(text, must_be_fast=True)


@FUZZ
@given(grammar_texts())
def test_text_from_the_grammar(text):
    models_agree(text)


@FUZZ
@given(mutants())
def test_mutated_examples(mutant):
    _, data = mutant
    models_agree(normalise(data.decode("utf-8", errors="replace")))
