"""Configuration: where it is found, what it may say, and a clear `bad-config` finding
(never a traceback) when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathwaylang.analysis.config import ConfigFinder, discover, load_config, readability_keys
from pathwaylang.rules import all_rules


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problem(path: Path) -> tuple[str, int, str | None]:
    result = load_config(path)
    assert result.config is None
    d = result.diagnostic
    assert d.rule == "bad-config" and d.fatal and d.severity.value == "error"
    return d.message, d.span.line, d.hint


# ---- finding the file --------------------------------------------------------------


def test_the_nearest_folder_with_a_configuration_wins(tmp_path):
    outer = _write(tmp_path / "pathwaylang.toml", "")
    inner = _write(tmp_path / "a" / "b" / "pathwaylang.toml", "")
    (tmp_path / "a" / "b" / "c").mkdir()
    assert discover(tmp_path / "a" / "b" / "c", cwd=tmp_path) == inner
    assert discover(tmp_path / "a", cwd=tmp_path) == outer


def test_pyproject_counts_only_with_a_pathwaylang_table(tmp_path):
    _write(tmp_path / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    (tmp_path / "p").mkdir()
    assert discover(tmp_path / "p", cwd=tmp_path) is None
    _write(tmp_path / "pyproject.toml", "[tool.pathwaylang.rules]\nreadability = \"off\"\n")
    assert discover(tmp_path / "p", cwd=tmp_path) == tmp_path / "pyproject.toml"


def test_pathwaylang_toml_beats_pyproject_in_one_folder(tmp_path):
    _write(tmp_path / "pyproject.toml", "[tool.pathwaylang]\nstrict = true\n")
    own = _write(tmp_path / "pathwaylang.toml", "strict = false\n")
    assert discover(tmp_path, cwd=tmp_path) == own


def test_the_search_stops_at_the_current_folder_and_at_a_repository(tmp_path):
    _write(tmp_path / "pathwaylang.toml", "")
    (tmp_path / "work" / "pathways").mkdir(parents=True)
    assert discover(tmp_path / "work" / "pathways", cwd=tmp_path / "work") is None
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "p").mkdir()
    assert discover(tmp_path / "repo" / "p", cwd=tmp_path / "elsewhere") is None
    assert discover(tmp_path / "work" / "pathways", cwd=tmp_path / "elsewhere") == \
        tmp_path / "pathwaylang.toml"


def test_an_explicit_file_beats_discovery_and_each_file_is_read_once(tmp_path):
    _write(tmp_path / "pathwaylang.toml", "strict = true\n")
    chosen = _write(tmp_path / "other.toml", "strict = false\n")
    finder = ConfigFinder(chosen, cwd=tmp_path)
    first = finder.for_file(tmp_path / "a.pwy")
    assert first.config.path == chosen and first.config.strict is False
    assert finder.for_file(tmp_path / "b.pwy") is first
    assert ConfigFinder(cwd=tmp_path).for_file(tmp_path / "a.pwy").config.strict is True


# ---- what it says -------------------------------------------------------------------


def test_a_full_configuration(tmp_path):
    path = _write(tmp_path / "conf" / "pathwaylang.toml", """\
root = ".."
strict = true

[rules]
readability = "off"
missing-criteria = "error"
unused-suppression = "warning"

[readability]
max_grade = 7
min_reading_ease = 55.5
""")
    config = load_config(path).config
    assert config.root == tmp_path.resolve()
    assert config.strict is True
    assert config.severities == {"readability": "off", "missing-criteria": "error",
                                 "unused-suppression": "warning"}
    assert config.readability == {"max_grade": 7, "min_reading_ease": 55.5}


def test_pyproject_settings_live_under_tool_pathwaylang(tmp_path):
    path = _write(tmp_path / "pyproject.toml", """\
[project]
name = "pathways"

[tool.pathwaylang.rules]
no-indicators = "info"
""")
    config = load_config(path).config
    assert config.severities == {"no-indicators": "info"} and config.root is None


def test_the_readability_settings_are_the_rules_own():
    rule = next(r for r in all_rules() if r.name == "readability")
    assert set(readability_keys()) == set(rule.options)
    assert {"min_reading_ease", "max_grade", "max_sentence_words"} <= set(readability_keys())


@pytest.mark.parametrize("name, text, message, line, hint", [
    ("pathwaylang.toml", '[rules]\nreadability = "off"\nmising-lead = "off"\n',
     "unknown setting `rules.mising-lead`", 3, "did you mean `missing-lead`?"),
    ("pathwaylang.toml", '\n[rules]\nmissing-lead = "warn"\n',
     "`missing-lead` is set to \"warn\"", 3, 'use one of "off", "info", "warning", "error"'),
    ("pathwaylang.toml", "[rules]\nmissing-lead = 1\n",
     "`missing-lead` is set to `1`", 2, None),
    ("pathwaylang.toml", '[rules]\nsyntax = "off"\n', "`syntax` cannot be configured", 2, None),
    ("pathwaylang.toml", '[rules]\nbad-include = "warning"\n',
     "`bad-include` cannot be configured", 2, None),
    ("pathwaylang.toml", 'rules = "off"\n',
     '`rules` must be a table of rule = "level"', 1, None),
    ("pathwaylang.toml", "strict = \"yes\"\n", "`strict` must be `true` or `false`", 1, None),
    ("pathwaylang.toml", "root = 3\n", "`root` must be a folder name in quotes", 1, None),
    ("pathwaylang.toml", "\n\nstrickt = true\n", "unknown setting `strickt`", 3,
     "did you mean `strict`?"),
    ("pathwaylang.toml", '[tool.pathwaylang.rules]\nreadability = "off"\n',
     "unknown setting `tool`", 1, "in `pathwaylang.toml` the settings are at the top level: "
     "write `[rules]`, not `[tool.pathwaylang.rules]`"),
    ("pathwaylang.toml", "[readability]\nmax_grde = 7\n",
     "unknown setting `readability.max_grde`", 2, "did you mean `max_grade`?"),
    ("pathwaylang.toml", '[readability]\nmax_grade = "seven"\n',
     '`readability.max_grade` must be a number, not "seven"', 2, None),
    ("pathwaylang.toml", "[readability]\nmax_grade = true\n",
     "`readability.max_grade` must be a number, not true", 2, None),
    ("pyproject.toml", '[tool.black]\nstrict = 1\n[tool.pathwaylang]\nstrict = 1\n',
     "`tool.pathwaylang.strict` must be `true` or `false`", 4, None),
    ("pyproject.toml", '[tool.pathwaylang.rules]\ndead-ends = "off"\n',
     "unknown setting `tool.pathwaylang.rules.dead-ends`", 2, "did you mean `dead-end`?"),
])
def test_a_bad_setting_says_what_and_where(tmp_path, name, text, message, line, hint):
    got_message, got_line, got_hint = _problem(_write(tmp_path / name, text))
    assert got_message == message
    assert got_line == line
    if hint is not None:
        assert got_hint == hint


def test_bad_toml_names_the_line_and_column(tmp_path):
    path = _write(tmp_path / "pathwaylang.toml", '[rules]\nreadability = off\n')
    result = load_config(path)
    d = result.diagnostic
    assert d.message.startswith("`") and "is not valid TOML: invalid value" in d.message
    assert (d.span.line, d.span.column) == (2, 15)
    assert result.source.display.endswith("pathwaylang.toml")


def test_unreadable_or_missing_configuration(tmp_path):
    message, _, _ = _problem(tmp_path / "nope.toml")
    assert message.startswith("cannot read configuration") and message.endswith("no such file")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"strict = true # caf\xe9\n")
    message, line, _ = _problem(path)
    assert "not UTF-8" in message and line == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('[]="\'.\n #tabcdefrulesoff-123truegxy')), max_size=80))
def test_any_text_gives_a_configuration_or_a_finding(tmp_path, text):
    path = tmp_path / "pathwaylang.toml"
    path.write_text(text, encoding="utf-8")
    result = load_config(path)
    assert (result.config is None) == (result.diagnostic is not None)
    if result.diagnostic is not None:
        assert result.diagnostic.rule == "bad-config" and result.diagnostic.span.line >= 1


def test_the_documented_readability_settings_are_the_rules_own():
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(
        encoding="utf-8")
    section = doc[doc.index("### Readability settings"):doc.index("## A bad configuration")]
    documented = {key: float(default) for key, default in
                  re.findall(r"^\| `(\w+)` \| ([\d.]+) \|", section, re.M)}
    rule = next(r for r in all_rules() if r.name == "readability")
    assert documented == {key: float(value) for key, value in rule.options.items()}
