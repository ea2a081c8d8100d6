"""`pwy fmt`: canonical files are fixed points, formatting is idempotent, keeps the model
and every comment, and copes with odd but valid layouts (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_pwy
from pathwaylang.syntax.fmt import format_source
from pathwaylang.syntax.lower import lower
from pathwaylang.syntax.lark_parser import _parser, parse
from pathwaylang.core.source import SourceFile, normalise

SAMPLES = sorted([*REPO.glob("tests/fixtures/valid-*.pwy"), *REPO.glob("examples/**/*.pwy")])


def source(text: str, name: str = "x.pwy") -> SourceFile:
    return SourceFile(path=Path(name), display=name, text=normalise(text))


def fmt(text: str) -> str:
    result = format_source(source(text))
    assert result.text is not None, result.diagnostics
    return result.text


def _strip_spans(value):
    if isinstance(value, dict):
        return {k: _strip_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [_strip_spans(v) for v in value]
    return value


def model_of(text: str) -> dict:
    result = parse(source(text))
    assert result.tree is not None, result.diagnostics
    pathway, findings = lower(result.tree, "x.pwy")
    return _strip_spans(pathway.model_dump(mode="json"))


def comments_of(text: str) -> list[str]:
    return [c.text.rstrip() for c in parse(source(text)).comments]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_formatting_keeps_model_and_comments_and_is_idempotent(path):
    original = path.read_text(encoding="utf-8")
    once = fmt(original)
    assert model_of(once) == model_of(original)
    assert comments_of(once) == comments_of(original)
    assert fmt(once) == once


CANONICAL = '''# A canonical file: formatting leaves it as it is
pathway tiny "Tiny" {
  version "1.0"  # trailing comment
  languages cy, en

  levels {
    low  "Low need"  domain prevention
    high "High need" domain protection
  }

  role worker "Worker"
  entry door "A door" -> first

  stage first "First" {  # pwy: ignore[missing-criteria]
    level low
    lead worker
    action "Say hello" by lead within 2 working days
    # before the transition
    step up to second when "Things get harder"
    family cy {
      text """
        Llinell un.
        Llinell dau.
        """
    }
  }

  stage second "Second" {
    level high
    lead worker
    step down to first when "Things get easier"
    exit to done
  }

  outcome done "Done"

  algorithm pick "Pick" {
    ask q "Yes or no?" {
      yes -> goto first
      no -> do "Nothing"
    }
  }

  variance {
    F  "Family"
    P  "Practitioner"
    S1 "System"
  }
  # a comment at the end of the block
}
'''


def test_canonical_file_formats_to_itself():
    assert fmt(CANONICAL) == CANONICAL


def test_syntax_error_is_reported_not_formatted():
    result = format_source(source('pathway p "P" {\n  stage s "S" {\n'))
    assert result.text is None
    assert result.diagnostics[0].rule == "syntax"


# ---- generated layouts ------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    return [str(t) for t in _parser().lex(text, dont_ignore=False)]


SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " \n\n  ", " # note\n",
                              "\n# own-line comment\n", "\u00a0".replace("\u00a0", " ")])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_layout_formats_to_the_same_model(data):
    text = (REPO / "tests/fixtures/valid-spec-complete.pwy").read_text(encoding="utf-8")
    tokens = _tokens(re.sub(r"#[^\n]*", "", text))
    separators = data.draw(st.lists(SEPARATORS, min_size=len(tokens), max_size=len(tokens)))
    messy = "".join(token + sep for token, sep in zip(tokens, separators))
    once = fmt(messy)
    assert model_of(once) == model_of(messy)
    assert comments_of(once) == comments_of(messy)
    assert fmt(once) == once


def test_cli_check_and_diff(tmp_path):
    path = tmp_path / "p.pwy"
    path.write_text(CANONICAL.replace("  version", "      version"), encoding="utf-8")
    run = lambda *args: run_pwy("fmt", *args)
    checked = run("--check", str(path))
    assert checked.returncode == 1 and "would reformat" in checked.stderr
    diffed = run("--diff", str(path))
    assert diffed.returncode == 1 and "-      version" in diffed.stdout
    assert run(str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert run("--check", str(path)).returncode == 0
