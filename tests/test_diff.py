"""`pwy diff`: every change between two versions is named, keyed by ids, with family flags."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from conftest import REPO
from pathwaylang.cli import load_commands

BASE = (REPO / "tests/fixtures/valid-spec-complete.pwy").read_text(encoding="utf-8")

EDITS = [
    # (description, old text, new text, expected (kind, what, subject), flag)
    ("level", "level statutory\n    lead social_worker",
     "level intensive\n    lead social_worker", ("changed", "level", "child_protection"), None),
    ("lead", "lead social_worker", "lead lead_professional",
     ("changed", "lead", "child_protection"), None),
    ("entry criterion", '"A child may be at risk of significant harm"',
     '"A child may be at serious risk"', ("added", "entry criterion", "child_protection"), None),
    ("action", '"Agree the family plan with the family" by family',
     '"Agree the plan with the family" by family', ("added", "action", "team_around_family"),
     None),
    ("timescale lengthened", "timescale 7 days", "timescale 3 weeks",
     ("changed", "timescale", "child_protection"), "timescale-lengthened"),
    ("timescale shortened", "timescale 7 days", "timescale 2 days",
     ("changed", "timescale", "child_protection"), None),
    ("route removed", '    exit to universal_support when "Needs can be met by a single universal service"\n', "",
     ("removed", "exit route", "identify"), "route-removed"),
    ("step down removed", '    step down to universal_support when "The family plan\'s goals are met"\n', "",
     ("removed", "step down route", "team_around_family"), "step-down-removed"),
    ("evidence", "    evidence jaff\n", "",
     ("removed", "evidence", "identify"), None),
    ("family text", '"Your team around the family"', '"The team that helps you"',
     ("changed", "family text (en) title", "team_around_family"), None),
    ("welsh family text", '"Eich tîm o amgylch y teulu"', '"Y tîm sy\'n eich helpu"',
     ("changed", "family text (cy) title", "team_around_family"), None),
    ("entry removed", '  entry school "A school raises a concern" -> identify\n', "",
     ("removed", "entry", "school"), "entry-removed"),
]


def _diff(tmp_path, new_text: str, *args: str):
    old, new = tmp_path / "old.pwy", tmp_path / "new.pwy"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    result = CliRunner().invoke(load_commands(), ["diff", str(old), str(new), "--today",
                                                  "2026-11-26", *args])
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout,
                           stderr=result.stderr)


@pytest.mark.parametrize("edit", EDITS, ids=[e[0] for e in EDITS])
def test_each_change_is_named(tmp_path, edit):
    _, before, after, (kind, what, subject), flag = edit
    assert before in BASE
    result = _diff(tmp_path, BASE.replace(before, after, 1), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    matching = [c for c in changes if (c["kind"], c["what"], c["subject"]) == (kind, what, subject)]
    assert matching, changes
    assert matching[0]["flag"] == flag


def test_added_and_removed_stages(tmp_path):
    start = BASE.index('  stage universal_support')
    end = BASE.index('  outcome ', start)
    removed = BASE[:start] + BASE[end:]
    renamed = BASE.replace("universal_support", "community_support")
    result = _diff(tmp_path, renamed, "--format", "json")
    changes = {(c["kind"], c["what"], c["subject"]) for c in json.loads(result.stdout)["changes"]}
    assert ("removed", "stage", "universal_support") in changes
    assert ("added", "stage", "community_support") in changes
    result = _diff(tmp_path, removed, "--format", "json")
    kinds = {c["flag"] for c in json.loads(result.stdout)["changes"]}
    assert "stage-removed" in kinds and "new-finding" in kinds  # dangling routes now fail


def test_no_changes(tmp_path):
    result = _diff(tmp_path, BASE)
    assert result.returncode == 0
    assert result.stdout.startswith("no changes")


def test_fail_on_chosen_kinds(tmp_path):
    new = BASE.replace("timescale 7 days", "timescale 3 weeks")
    assert _diff(tmp_path, new, "--fail-on", "timescale-lengthened").returncode == 1
    assert _diff(tmp_path, new, "--fail-on", "route-removed").returncode == 0
    assert _diff(tmp_path, new, "--fail-on", "flagged").returncode == 1
    bad = _diff(tmp_path, new, "--fail-on", "routes-removed")
    assert bad.returncode == 2 and "unknown kind" in bad.stderr


def test_markdown_escapes_pathway_text(tmp_path):
    new = BASE.replace('"Your team around the family"', '"<img src=x onerror=alert(1)> [x](javascript:y) | ok"')
    out = _diff(tmp_path, new, "--format", "markdown").stdout
    assert not re.search(r"(?<!\\)<img", out) and "\\<img" in out
    assert "\\[x\\](javascript:y) \\| ok" in out


def test_map_marks_added_changed_and_removed(tmp_path):
    import shutil
    import xml.etree.ElementTree as ET

    from pathwaylang.analysis.checker import check_file
    from pathwaylang.authoring.diff import diff_programs
    from pathwaylang.emit.diff_map import ADDED, CHANGED, REMOVED, diff_map_dot
    from pathwaylang.analysis.graph import build_graph

    new_text = (BASE.replace("timescale 7 days", "timescale 3 weeks")
                .replace('    step down to universal_support when "The family plan\'s goals are met"\n', "")
                .replace('  entry school "A school raises a concern" -> identify\n', "")
                .replace("<", "&lt;"))
    old, new = tmp_path / "old.pwy", tmp_path / "new.pwy"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    before, after = check_file(old), check_file(new)
    changes = diff_programs(before.program, after.program)
    dot = diff_map_dot(after.program, build_graph(after.program), changes)
    assert f'stage__child_protection [color="{CHANGED}"' in dot
    assert 'removed__school [shape=box' in dot and REMOVED in dot
    assert "stage__team_around_family -> stage__universal_support" in dot  # the removed route
    assert "What changed" in dot
    if shutil.which("dot"):
        svg = tmp_path / "map.svg"
        result = _diff(tmp_path, new_text, "--map", str(svg))
        assert result.returncode == 0
        ET.fromstring(svg.read_bytes())  # well-formed
        assert "Removed entry" in svg.read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.pwy"
    renamed.write_text(BASE.replace("universal_support", "community_support"), encoding="utf-8")
    third = check_file(renamed)
    dot = diff_map_dot(third.program, build_graph(third.program),
                       diff_programs(before.program, third.program))
    assert f'stage__community_support [color="{ADDED}", penwidth=4]' in dot
    assert "removed__universal_support" in dot
