"""Output formats: SARIF 2.1.0 (validated against the schema), GitHub workflow commands
(escaped as GitHub reads them), and JSON (every key documented in docs/json-output.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathwaylang.core.diagnostics import Diagnostic, Label, Severity
from pathwaylang.report.github import annotation, escape_data, escape_property, render_github
from pathwaylang.report.json import diagnostic_dict, render_json
from pathwaylang.report.sarif import artifact_uri, render_sarif, sarif_document
from pathwaylang.rules import all_rules
from pathwaylang.core.span import Span
from samples import CLEAN, with_errors, without_criteria

REPO = Path(__file__).resolve().parents[1]
# The SARIF 2.1.0 schema as Microsoft's SARIF multitool ships it (npm, installed by set-up), so
# the suite needs nothing outside the repository; the multitool itself also runs SARIF's rules.
MULTITOOL = REPO / "node_modules" / "@microsoft" / "sarif-multitool-linux"
SCHEMA = MULTITOOL / "sarif-2.1.0.json"


def _messy(check_text):
    """Findings of every severity, with labels, hints and a library in a sub-folder."""
    report = check_text(with_errors().replace(
        '  role health_visitor "Health visitor"',
        '  role health_visitor "Health visitor"\n  role health_visitor "Health visitor again"'
        '  # pwy: ignore[missing-lead]'), "my pathway.pwy")
    assert {d.severity for d in report.diagnostics} == set(Severity)
    assert any(d.labels for d in report.diagnostics)
    return report.diagnostics


@pytest.fixture(scope="module")
def validator():
    assert SCHEMA.is_file(), (f"the SARIF schema should be at {SCHEMA}: run scripts/setup.sh "
                              "(npm install of @microsoft/sarif-multitool)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# ---- SARIF --------------------------------------------------------------------------


def test_sarif_is_valid_against_the_schema(check_text, validator):
    document = json.loads(render_sarif(_messy(check_text)))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_with_no_findings_is_valid_and_still_lists_the_rules(check_text, validator):
    document = sarif_document(check_text(CLEAN).diagnostics)
    validator.validate(document)
    run = document["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.name for r in all_rules()]


def test_sarif_rules_carry_their_pages(check_text):
    rules = sarif_document([])["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    lead = by_id["missing-lead"]
    assert lead["name"] == "MissingLead"
    assert lead["shortDescription"]["text"] == "A stage with no `lead`"
    assert lead["fullDescription"]["text"].startswith("Reports a stage that does not say")
    assert "## Why it matters" in lead["help"]["markdown"] and "```pwy" in lead["help"]["text"]
    assert lead["defaultConfiguration"]["level"] == "error"
    assert by_id["missing-criteria"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["unused-suppression"]["defaultConfiguration"]["level"] == "note"


def test_sarif_results_point_at_their_rule_and_place(check_text):
    diagnostics = _messy(check_text)
    run = sarif_document(diagnostics)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(diagnostics)
    for d, result in zip(diagnostics, run["results"]):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == d.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            d.severity.value]
        assert result["message"]["text"].startswith(d.message)
        if d.hint:
            assert result["message"]["text"].endswith(f"help: {d.hint}")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "my%20pathway.pwy"
        assert location["region"] == {"startLine": d.span.line, "startColumn": d.span.column,
                                      "endLine": d.span.end_line,
                                      "endColumn": d.span.end_column}
        related = result.get("relatedLocations", [])
        assert [r["message"]["text"] for r in related] == [label.message for label in d.labels]
        assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [
            label.span.line for label in d.labels]


def test_sarif_is_deterministic(check_text):
    assert render_sarif(_messy(check_text)) == render_sarif(_messy(check_text))


def test_sarif_lists_a_finding_no_rule_declares(validator):
    finding = Diagnostic("internal-error", Severity.ERROR, "boom", Span.point("a.pwy", 1, 1))
    document = sarif_document([finding])
    validator.validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    result = document["runs"][0]["results"][0]
    assert rules[result["ruleIndex"]]["id"] == "internal-error"
    assert "locations" in result


@pytest.mark.parametrize("file, uri", [
    ("pathways/dylanshire.pwy", "pathways/dylanshire.pwy"),
    ("a b/c%d#e.pwy", "a%20b/c%25d%23e.pwy"),
    ("/abs/path/x.pwy", "file:///abs/path/x.pwy"),
    ("llwybr/teulu-ŵyr.pwy", "llwybr/teulu-%C5%B5yr.pwy"),
])
def test_artifact_uris_are_relative_with_forward_slashes(file, uri):
    assert artifact_uri(file) == uri


# ---- GitHub workflow commands -------------------------------------------------------


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the Actions runner does."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    command, props, data = match.groups()
    unescape = lambda s: (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                          .replace("%2C", ",").replace("%25", "%"))
    properties = {}
    for pair in (props or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value)
    data = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return command, properties, data


def test_github_annotations_carry_place_rule_and_message(check_text):
    diagnostics = _messy(check_text)
    lines = render_github(diagnostics).split("\n")
    assert len(lines) == len(diagnostics)
    for d, line in zip(diagnostics, lines):
        command, props, data = _parse_command(line)
        assert command == {"error": "error", "warning": "warning", "info": "notice"}[
            d.severity.value]
        assert props["file"] == "my pathway.pwy" and props["title"] == d.rule
        assert props["line"] == str(d.span.line) and props["col"] == str(d.span.column)
        assert props["endColumn"] == str(d.span.end_column - 1)
        assert data == d.message + (f"\nhelp: {d.hint}" if d.hint else "")


def test_github_multi_line_spans_send_no_columns():
    d = Diagnostic("dead-end", Severity.ERROR, "m", Span(file="a.pwy", line=3, column=5,
                                                        end_line=7, end_column=2))
    _, props, _ = _parse_command(annotation(d))
    assert props == {"file": "a.pwy", "line": "3", "endLine": "7", "title": "dead-end"}


def test_github_escapes_properties_and_data():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    d = Diagnostic("syntax", Severity.WARNING, "bad: 100%, really\nyes",
                   Span.point("odd,name:x.pwy", 2, 3))
    line = annotation(d)
    assert "\n" not in line
    assert line == ("::warning file=odd%2Cname%3Ax.pwy,line=2,col=3,endLine=2,endColumn=3,"
                    "title=syntax::bad: 100%25, really%0Ayes")


@settings(max_examples=80, deadline=None)
@given(file=st.text(min_size=1, max_size=20), message=st.text(max_size=40))
def test_github_round_trips_any_text(file, message):
    d = Diagnostic("missing-lead", Severity.ERROR, message, Span.point(file, 1, 1))
    line = annotation(d)
    assert "\n" not in line and "\r" not in line
    _, props, data = _parse_command(line)
    assert props["file"] == PurePath(file).as_posix()
    assert data == message


# ---- JSON ---------------------------------------------------------------------------


def test_json_has_every_documented_key_and_no_other(check_text):
    doc = (REPO / "docs" / "json-output.md").read_text(encoding="utf-8")
    doc = doc[doc.index("\n## JSON\n"):doc.index("\n## SARIF")]
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", doc, re.M))
    diagnostics = _messy(check_text)
    document = json.loads(render_json(diagnostics, 1))
    keys = {f"summary.{k}" for k in document["summary"]}
    for d in document["diagnostics"]:
        keys |= set(d)
        keys |= {f"labels.{k}" for label in d["labels"] for k in label}
    assert keys == documented


def test_json_round_trips_the_findings(check_text):
    diagnostics = _messy(check_text) + check_text(without_criteria()).diagnostics
    document = json.loads(render_json(diagnostics, 2))
    assert document["diagnostics"] == [diagnostic_dict(d) for d in diagnostics]
    assert document["summary"]["files"] == 2
    assert document["summary"]["errors"] == sum(d.severity is Severity.ERROR for d in diagnostics)


def test_json_keeps_text_from_the_file_intact():
    d = Diagnostic("syntax", Severity.ERROR, 'a "quoted" \\ thing </script> ŵ',
                   Span.point("a.pwy", 1, 1), (Label(Span.point("b.pwy", 2, 2), "x\ny"),))
    loaded = json.loads(render_json([d], 1))["diagnostics"][0]
    assert loaded["message"] == d.message and loaded["labels"][0]["message"] == "x\ny"


def test_sarif_passes_the_sarif_multitool(check_text, tmp_path):
    """Microsoft's own validator: the schema and SARIF's rules; any `error` it reports fails."""
    import subprocess

    tool = MULTITOOL / "Sarif.Multitool"
    assert tool.is_file(), f"{tool} is missing: run scripts/setup.sh"
    log = tmp_path / "pwy.sarif"
    log.write_text(render_sarif(_messy(check_text)), encoding="utf-8")
    done = subprocess.run([str(tool), "validate", str(log), "-o", str(tmp_path / "out.sarif")],
                          capture_output=True, text=True, timeout=120,
                          env={"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "HOME": str(tmp_path)})
    errors = [line for line in done.stdout.splitlines() if ": error " in line]
    assert done.returncode == 0 and not errors, done.stdout + done.stderr


def test_the_sarif_multitool_can_fail(tmp_path):
    """The check above can fail: a result whose rule id no descriptor has is an error."""
    import subprocess

    document = sarif_document([Diagnostic("syntax", Severity.ERROR, "x", Span.point("a.pwy", 1, 1))])
    document["runs"][0]["results"][0]["ruleIndex"] = 999
    log = tmp_path / "broken.sarif"
    log.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run([str(MULTITOOL / "Sarif.Multitool"), "validate", str(log), "-o",
                           str(tmp_path / "out.sarif")], capture_output=True, text=True,
                          timeout=120, env={"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
                                            "HOME": str(tmp_path)})
    assert ": error " in done.stdout, done.stdout + done.stderr


def test_the_schema_can_fail(validator):
    document = sarif_document([Diagnostic("syntax", Severity.ERROR, "x", Span.point("a.pwy", 1, 1))])
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(document))
