"""The graph rules against plain definitions on generated pathways, and subpathway checking.

The generated pathways are small, so the plain definitions (one `has_path` per pair) are a
fair oracle for the rules, which must stay linear and so work differently."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import check_path
from pathwaylang.analysis.checker import Checker, CheckOptions
from pathwaylang.rules import RuleOptions

KINDS = ("exit", "step up", "step down")


@st.composite
def pathways(draw):
    """(stages, outcomes, entries, transitions): transitions maps a stage to (kind, target)s."""
    stages = [f"s{i}" for i in range(draw(st.integers(1, 6)))]
    outcomes = [f"o{i}" for i in range(draw(st.integers(0, 2)))]
    entries = draw(st.lists(st.sampled_from(stages), max_size=2))
    targets = st.sampled_from(stages + outcomes)
    transitions = {s: draw(st.lists(st.tuples(st.sampled_from(KINDS), targets), max_size=3))
                   for s in stages}
    return stages, outcomes, entries, transitions


def _text(stages, outcomes, entries, transitions) -> str:
    lines = ['pathway generated "Generated" {',
             '  levels { low "Low" domain prevention  high "High" domain remedial }',
             '  role worker "Worker"']
    lines += [f'  entry e{i} "Door {i}" -> {target}' for i, target in enumerate(entries)]
    for stage in stages:
        lines += [f'  stage {stage} "Stage {stage}" {{', "    level low", "    lead worker"]
        lines += [f'    {kind} to {target} when "Criterion"' for kind, target in transitions[stage]]
        lines.append("  }")
    lines += [f'  outcome {o} "Outcome {o}"' for o in outcomes]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graph(stages, outcomes, entries, transitions) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(stages + outcomes)
    for i, target in enumerate(entries):
        graph.add_edge(f"e{i}", target, kind="entry")
    for stage, moves in transitions.items():
        for kind, target in moves:
            graph.add_edge(stage, target, kind=kind)
    return graph


def _findings(text: str, rule: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.pwy"
        path.write_text(text, encoding="utf-8")
        report = check_path(path)
    return [d for d in report.diagnostics if d.rule == rule]


def _named(message: str) -> set[str]:
    return set(re.findall(r"`(\w+)`", message))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_dead_end_reports_every_stuck_route_once_and_nothing_else(drawn):
    stages, outcomes, entries, transitions = drawn
    graph = _graph(*drawn)
    stuck = {s for s in stages if not any(nx.has_path(graph, s, o) for o in outcomes)}
    findings = _findings(_text(*drawn), "dead-end")
    reported: list[str] = []
    for finding in findings:
        reported += sorted(_named(finding.message) & set(stages))
    assert len(reported) == len(set(reported)), "a stage reported twice"
    assert set(reported) <= stuck, "a stage that can reach an outcome was reported"
    for stage in stuck:  # every stuck route ends at something reported
        assert any(nx.has_path(graph, stage, r) for r in reported), stage
    for stage in stages:
        no_moves = not transitions[stage]
        said = any(f"stage `{stage}` has no transitions" in f.message for f in findings)
        assert said == no_moves


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_unreachable_stage_matches_reachability_from_entries(drawn):
    stages, outcomes, entries, transitions = drawn
    graph = _graph(*drawn)
    doors = [f"e{i}" for i in range(len(entries))]
    expected = set() if not doors else {
        n for n in stages + outcomes if not any(nx.has_path(graph, d, n) for d in doors)}
    findings = _findings(_text(*drawn), "unreachable-stage")
    assert {next(iter(_named(f.message))) for f in findings} == expected
    assert len(findings) == len(expected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_no_step_down_matches_its_definition(drawn):
    stages, outcomes, entries, transitions = drawn
    graph = _graph(*drawn)
    doors = [f"e{i}" for i in range(len(entries))]
    downs = [s for s in stages if any(kind == "step down" for kind, _ in transitions[s])]
    stepped_up = {t for s in stages for kind, t in transitions[s]
                  if kind == "step up" and t in stages}
    expected = {t for t in stepped_up
                if any(nx.has_path(graph, d, t) for d in doors)
                and not any(nx.has_path(graph, t, d) for d in downs)}
    findings = _findings(_text(*drawn), "no-step-down")
    assert {re.search(r"to `(\w+)`", f.message).group(1) for f in findings} == expected
    assert len(findings) == len(expected)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MAIN = '''pathway main "Main" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry door "A door" -> start
  stage start "Start" {
    level low
    lead worker
    refer to extra when "More help"
  }
  subpathway extra "Extra help" { file "extra.pwy"  rejoin start_again }
  stage start_again "Back again" {
    level low
    lead worker
    exit to done when "Finished"
  }
  outcome done "Done"
}
'''

EXTRA = '''pathway extra "Extra help" {
  levels { low "Low" domain prevention }
  role worker "Worker"
  entry from_main "From the main pathway" -> help
  stage help "Help" {
    level low
    exit to finished when "Finished"
  }
  outcome finished "Finished"
  subpathway back "Back to main" { file "main.pwy"  rejoin help }
}
'''


def test_subpathway_findings_point_into_its_file_and_are_counted(tmp_path):
    _write(tmp_path, "extra.pwy", EXTRA)
    report = check_path(_write(tmp_path, "main.pwy", MAIN))
    in_extra = [d for d in report.diagnostics if d.span and d.span.file == "extra.pwy"]
    assert ("missing-lead", 5) in {(d.rule, d.span.line) for d in in_extra}
    summary = [d for d in report.diagnostics if d.rule == "subpathway-unconnected"
               and d.span.file == "main.pwy"]
    errors = sum(1 for d in in_extra if d.severity.value == "error")
    assert [d.message for d in summary] == [
        f"the file of subpathway `extra` has {errors} error{'s' * (errors != 1)}"]
    assert report.has_errors


def test_a_file_is_checked_as_a_subpathway_only_when_another_refers_to_it(tmp_path, monkeypatch):
    _write(tmp_path, "extra.pwy", EXTRA)
    seen: dict[str, bool] = {}
    original = Checker._run_rules

    def spy(self, loaded, is_subpathway):
        seen[loaded.program.root.id.value] = is_subpathway
        return original(self, loaded, is_subpathway)

    monkeypatch.setattr(Checker, "_run_rules", spy)
    check_path(_write(tmp_path, "main.pwy", MAIN))
    assert seen == {"main": False, "extra": True}


def test_checking_is_deterministic_with_subpathways(tmp_path):
    _write(tmp_path, "extra.pwy", EXTRA)
    main = _write(tmp_path, "main.pwy", MAIN)
    first = [(d.rule, d.span, d.message) for d in check_path(main).diagnostics]
    second = [(d.rule, d.span, d.message) for d in check_path(main).diagnostics]
    assert first == second


def test_rules_skip_graph_checks_for_a_library(tmp_path):
    library = _write(tmp_path, "shared.pwy", '''library shared "Shared" {
  algorithm choose "Choose" {
    ask first "First?" { yes -> goto somewhere  no -> goto elsewhere }
  }
}
''')
    checker = Checker(CheckOptions(root=tmp_path, rules=RuleOptions()))
    report = checker.check_file(library)
    assert [d.rule for d in report.diagnostics if d.rule in {
        "no-entry-point", "unreachable-stage", "dead-end", "algorithm-incomplete",
        "missing-header"}] == []
