"""Libraries and subpathways as the spec's Files section has them (its namespaces): a library
algorithm's `goto`s are resolved only where a stage `uses` it; a name a pathway and its
library both define is one `duplicate-definition` and nothing else; the summary line counts
the files with findings; turning `subpathway-unconnected` off hides only its own findings.
The rule fixtures (tests/rules/) hold each rule's side; these hold what is between rules."""

from __future__ import annotations

from pathlib import Path

from conftest import check_path, run_pwy

RULES = Path(__file__).parent / "rules"


def errors(report) -> list[tuple[str, str]]:
    return [(d.rule, d.span.file) for d in report.diagnostics if d.severity.value == "error"]


def test_a_name_defined_in_a_pathway_and_its_library_is_one_finding_alone():
    report = check_path(RULES / "duplicate-definition"
                        / "invalid-pathway-redefines-a-library-agency.pwy")
    assert errors(report) == [("duplicate-definition",
                               "invalid-pathway-redefines-a-library-agency.pwy")]


LIBRARY = '''library shared "Shared" {
  levels { universal "Universal services" domain prevention }
  role nurse "School nurse"
  algorithm triage "Triage" {
    ask worried "Is anyone worried?" {
      yes -> goto assess
      no  -> do "Carry on"
    }
  }
}
'''
PATHWAY = '''pathway p "P" {
  use "shared.pwy"
  owner "Someone"
  entry e "E" -> first
  stage first "First" {
    level universal
    lead nurse
USES    exit to done when "Done"
  }
  outcome done "Done"
}
'''


def test_library_gotos_are_resolved_only_where_a_stage_uses_the_algorithm(tmp_path):
    (tmp_path / "shared.pwy").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "unused.pwy").write_text(PATHWAY.replace("USES", ""), encoding="utf-8")
    (tmp_path / "used.pwy").write_text(PATHWAY.replace("USES", "    uses triage\n"),
                                       encoding="utf-8")
    assert errors(check_path(tmp_path / "shared.pwy")) == []  # the library alone
    assert errors(check_path(tmp_path / "unused.pwy")) == []
    assert errors(check_path(tmp_path / "used.pwy")) == [("undefined-reference", "shared.pwy")]


def test_the_summary_counts_the_files_with_findings(tmp_path):
    (tmp_path / "shared.pwy").write_text(LIBRARY, encoding="utf-8")
    text = PATHWAY.replace("USES", "    uses triage\n").replace("lead nurse", "lead nobody")
    (tmp_path / "used.pwy").write_text(text, encoding="utf-8")
    run = run_pwy("check", "used.pwy", "--today", "2026-01-01", cwd=tmp_path)
    assert run.stdout.count("error[") == 2  # `assess` in the library, `nobody` in the pathway
    assert run.stdout.rstrip().endswith(" in 2 files"), run.stdout
    (tmp_path / "clean.pwy").write_text(PATHWAY.replace("USES", ""), encoding="utf-8")
    (tmp_path / "other.pwy").write_text(PATHWAY.replace("USES", ""), encoding="utf-8")
    run = run_pwy("check", "clean.pwy", "other.pwy", "--today", "2026-01-01", cwd=tmp_path)
    assert run.stdout.rstrip().endswith("warnings in 2 files"), run.stdout  # both have some
    run = run_pwy("check", "shared.pwy", "--today", "2026-01-01", cwd=tmp_path)
    assert run.stdout.rstrip().endswith("in 1 file"), run.stdout


def test_subpathway_unconnected_off_hides_only_its_own_findings():
    path = RULES / "subpathway-unconnected" / "invalid-file-has-errors.pwy"
    on = check_path(path)
    off = check_path(path, severities={"subpathway-unconnected": "off"})
    own = [d for d in on.diagnostics if d.rule == "subpathway-unconnected"]
    assert own and [d for d in on.diagnostics if d not in own] == off.diagnostics
    assert ("missing-lead", "broken-parenting.pwy") in errors(off)
