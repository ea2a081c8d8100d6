"""Quick builds (`pwy build --formats html,svg`) do no work twice and none for files they do
not write, and what they write is byte for byte what a build of more kinds writes
(benchmarks/quick_build.py times them against `pwy check`)."""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter

import pytest

from conftest import REPO, check_path
from pathwaylang.emit import build as build_module
from pathwaylang.emit import graphviz_render
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit.leaflet import glossary_keys
from pathwaylang.emit.map_view import clean

EXAMPLE = REPO / "examples" / "dylanshire.pwy"
QUICK = frozenset({"html", "svg"})


def _context(**options) -> BuildContext:
    report = check_path(EXAMPLE)
    assert report.program is not None and not report.has_errors
    return BuildContext(program=report.program, subpathways=report.subpathways,
                        options=BuildOptions(**options), diagnostics=report.diagnostics)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_a_quick_build_lays_each_graph_out_once(monkeypatch):
    """The map used to be laid out twice (`-Tjson` for its bands, `-Tdot` for its sheet)."""
    from pathwaylang.emit import graphviz_session, map_layout, map_sheet

    map_layout.map_geometry.cache_clear()  # as in a fresh process
    for remembered in (map_sheet._laid_part, map_sheet.title_part, map_sheet.key_part,
                       map_sheet._criteria_parts):
        remembered.cache_clear()
    alone, shared = [], []
    run_alone = graphviz_render._alone
    monkeypatch.setattr(graphviz_render, "_alone", lambda engine, fmt, source, no_op:
                        alone.append((engine, no_op, source)) or run_alone(engine, fmt, source,
                                                                          no_op))
    lay_out = graphviz_session._Server.lay_out
    monkeypatch.setattr(graphviz_session._Server, "lay_out", lambda server, source:
                        shared.append(source) or lay_out(server, source))
    made = build_module.make_artefacts(_context(formats=QUICK))
    assert {name.rsplit(".", 1)[1] for name in made} == {"html", "svg"}
    graphs = Counter([source for _, _, source in alone] + shared)
    assert graphs and max(graphs.values()) == 1, "a graph was laid out twice"
    assert len(shared) >= 5, "the sheet's small pieces are laid out in one process"


def test_a_quick_build_writes_what_a_fuller_build_writes():
    quick = build_module.make_artefacts(_context(formats=QUICK))
    fuller = build_module.make_artefacts(
        _context(formats=frozenset({"html", "svg", "md", "dot", "mmd", "json"})))
    assert set(quick) == {name for name in fuller if name.rsplit(".", 1)[1] in QUICK}
    for name, content in quick.items():
        assert content == fuller[name], name


def test_clean_replaces_exactly_the_unicode_control_characters():
    """clean() by one regular expression, against its definition by Unicode category, on
    every code point."""
    every = "".join(map(chr, range(0x110000)))
    by_category = "".join(
        "\n" if c == "\n" else " " if c == "\t"
        else "\ufffd" if unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029" else c
        for c in every)
    assert clean(every) == by_category


def _glossary_one_string_at_a_time(texts: dict[str, list[str]]) -> list[str]:
    """glossary_keys as it was: every term searched in every string alone."""
    from pathwaylang.emit import leaflet_glossary as lg
    from pathwaylang.emit import leaflet_words as lw

    found = []
    for entry in lg.GLOSSARY:
        for lang, strings in texts.items():
            if lw.words_for(lang).fallback:
                continue
            code = lw.primary(lang)
            patterns = [lg.term_pattern(code, term) for term in entry.terms[code]]
            if any(p.search(s) for p in patterns for s in strings):
                found.append(entry.key)
                break
    return found


@pytest.mark.parametrize("texts", [
    {"en": ["We use a joint assessment."]},
    {"en": ["a joint", "assessment"], "cy": ["asesiad ar y", "cyd"]},
    {"en": ["joint", "JAFF"], "cy": ["Mae'r JAFF yma"]},
    {"en": ["Joint Assessment Family\nFramework", "x"]},
    {"en": []},
])
def test_glossary_terms_are_found_within_one_text_never_across_two(texts):
    assert glossary_keys(texts) == _glossary_one_string_at_a_time(texts)


def test_the_glossary_finds_a_term_and_not_its_halves():
    assert "jaff" in glossary_keys({"en": ["the JAFF"]})
    assert "jaff" not in glossary_keys({"en": ["the JA", "FF"]})
