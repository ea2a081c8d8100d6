"""The statement table (syntax/statements.py) against the grammar and the model: a statement
the grammar has and the table lacks, a keyword that differs, a field the model lacks or a
model field no statement fills all fail here, by name."""

from __future__ import annotations

import typing

import pytest
from lark.grammar import Terminal

from pathwaylang.syntax.lark_parser import _parser, terminal_literals
from pathwaylang.syntax.statements import (
    AGES, BLOCKS, DATE, DURATION, MODELS, NAME, NAMES, OWN, PERCENT, STATUS, TEXT, USAGE,
    by_rule, list_fields, usage,
)

# The grammar rule that holds each block's statements.
ITEM_RULES = {"pathway": "pathway_item", "library": "library_item", "stage": "stage_item",
              "outcome": "outcome_item", "family": "family_item",
              "header family": "header_family_item",
              "evidence": "evidence_item", "algorithm": "question",
              "subpathway": "subpathway_item", "indicator": "indicator_item"}
# The grammar symbol each kind of value is written as.
VALUE_SYMBOLS = {TEXT: "STRING", NAME: "NAME", NAMES: "name_list", DATE: "DATE",
                 STATUS: "NAME", AGES: "age_range", DURATION: "duration", PERCENT: "PERCENT"}
# Model fields no statement fills, and why.
NOT_STATEMENTS = {
    "span", "id", "title", "name", "kind",  # the block's own header (`stage ID "Title"`)
    "language",  # `family LANG { ... }`
}


def _rules():
    by_origin: dict[str, list] = {}
    for rule in _parser().rules:
        by_origin.setdefault(rule.origin.name, []).append(rule)
    return by_origin


def _statements_of(rule_name: str, rules) -> dict[str, list[list]]:
    """Statement name -> its expansions, through the grammar's inlined (`?`) rules."""
    found: dict[str, list[list]] = {}
    alternatives = rules[rule_name]
    if not alternatives[0].options.expand1:
        return {rule_name: [r.expansion for r in alternatives]}
    for rule in alternatives:
        if rule.alias:
            found.setdefault(rule.alias, []).append(rule.expansion)
        else:
            (only,) = rule.expansion
            found.update(_statements_of(only.name, rules))
    return found


def _first_words(expansion, rules) -> set[str]:
    first = expansion[0]
    if isinstance(first, Terminal):
        return {terminal_literals().get(first.name, first.name)}
    return {word for rule in rules[first.name] for word in _first_words(rule.expansion, rules)}


@pytest.mark.parametrize("block", sorted(ITEM_RULES))
def test_every_statement_of_the_grammar_is_in_the_table(block):
    rules = _rules()
    grammar = _statements_of(ITEM_RULES[block], rules)
    table = {s.rule for s in BLOCKS[block]}
    assert set(grammar) == table, (
        f"the {block} block: the grammar has {sorted(set(grammar) - table)} that the table "
        f"lacks; the table has {sorted(table - set(grammar))} that the grammar lacks")
    for rule, expansions in grammar.items():
        keywords = {s.keyword for s in BLOCKS[block] if s.rule == rule}
        grammar_words = {w for e in expansions for w in _first_words(e, rules)}
        assert keywords == grammar_words, f"{block} {rule}: keywords {keywords} != {grammar_words}"


@pytest.mark.parametrize("block", sorted(ITEM_RULES))
def test_values_and_words_are_as_the_grammar_writes_them(block):
    rules = _rules()
    grammar = _statements_of(ITEM_RULES[block], rules)
    literals = terminal_literals()
    for statement in BLOCKS[block]:
        if statement.value == OWN:
            continue
        (expansion,) = grammar[statement.rule]
        symbols = [literals.get(s.name, s.name) if isinstance(s, Terminal) else s.name
                   for s in expansion]
        assert symbols == [statement.keyword, *statement.words,
                           VALUE_SYMBOLS[statement.value]], statement


@pytest.mark.parametrize("block", sorted(MODELS))
def test_every_field_is_in_the_model_and_every_model_field_has_a_statement(block):
    model = MODELS[block].model_fields
    for statement in BLOCKS[block]:
        assert statement.field in model, f"{block}: no model field {statement.field!r}"
        is_list = typing.get_origin(model[statement.field].annotation) is list
        if statement.repeat:
            assert is_list, f"{block} {statement.keyword}: repeatable, but the field is no list"
        elif statement.value != OWN:
            assert model[statement.field].default is None, statement
    filled = {s.field for s in BLOCKS[block]}
    expected_blank = NOT_STATEMENTS | (
        {s.field for s in BLOCKS["pathway"]} - filled if block == "library" else set())
    missing = set(model) - filled - expected_blank
    assert not missing, f"{block}: the model's {sorted(missing)} have no statement in the table"


def test_list_fields_come_from_the_model():
    assert set(list_fields("stage")) == {s.field for s in BLOCKS["stage"] if s.repeat}
    assert "languages" in list_fields("pathway")


def test_usage_of_a_word_a_block_does_not_hold_is_where_it_is_first_listed():
    assert usage("stage", "entry") == 'entry when "..."'
    assert usage("outcome", "entry") == USAGE["entry"] == 'entry ID "How families arrive" -> STAGE'
    assert usage("", "pathway") == 'pathway ID "Title" { ... }'


def test_lowering_reads_each_statement_by_its_kind():
    """Every rule the table names lowers: no statement is left to a fallback."""
    from pathwaylang.syntax.lower import Lowerer

    for block in MODELS:
        for rule, statement in by_rule(block).items():
            if statement.value == OWN:
                assert hasattr(Lowerer, "lower_" + rule), f"no Lowerer.lower_{rule}"
            else:
                assert statement.value in Lowerer.VALUES


def test_the_fast_reader_has_a_method_for_each_statement_of_its_own_shape():
    from pathwaylang.syntax import reader, reader_cursor

    for block in MODELS:
        for rule, statement in by_rule(block).items():
            if statement.value == OWN and block != "algorithm":
                assert hasattr(reader._Reader, "read_" + rule), f"no _Reader.read_{rule}"
            elif statement.value != OWN:
                assert statement.value in reader_cursor.VALUES
