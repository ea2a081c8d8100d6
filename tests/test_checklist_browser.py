"""The checklist as a form, in real Chromium: fill it in, keep it, export the case record, read it back.

Fills two stages and a variance in dylanshire's checklist.html, exports the case record and
checks that its rows are exactly what was entered, that `pwy audit` reads every row of it,
that the entries survive a reload (kept in the browser), and that importing the file into a
cleared form gives the same record again.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, check_path
from pathwaylang.emit import checklist
from pathwaylang.emit.context import BuildContext, BuildOptions

EXAMPLE = REPO / "examples" / "dylanshire.pwy"
COLUMNS = ["case", "date", "event", "node", "code", "note", "agency"]


@pytest.fixture(scope="module")
def record_page(tmp_path_factory):
    report = check_path(EXAMPLE)
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=False))
    html = checklist.checklist_html(checklist.checklist_view(ctx))
    path = tmp_path_factory.mktemp("record") / "checklist.html"
    path.write_text(html, encoding="utf-8")
    agencies = {r.id.value: r.agency.value if r.agency else "" for r in ctx.program.roles}
    leads = {s.id.value: agencies.get(s.lead.value, "") for s in ctx.pathway.stages}
    return path, leads


def _fill(page) -> None:
    page.fill('[name="case"]', "DY-0042")
    page.fill('[name="service-user"]', "Not exported")
    page.check('input[name="entry"][value="family_asks"]')
    page.fill('[name="started"]', "2026-01-05")
    # stage 1: in, one action, on to stage 3 (a stage: its own date in says when)
    page.fill('#stage-family_information_service [name="family_information_service:in"]',
              "2026-01-05")
    page.check('[name="family_information_service:a2:done"]')
    page.fill('[name="family_information_service:a2:date"]', "2026-01-07")
    page.fill('[name="family_information_service:a2:by"]', "AB")
    page.check('input[name="family_information_service:exit"][value="universal_support"]')
    page.fill('#stage-family_information_service [name="family_information_service:out"]',
              "2026-01-08")
    page.check('[name="family_information_service:novariance"]')
    # stage 3: in (on the journey summary), two actions (one ticked without a date), an end
    page.fill('section.journey [name="universal_support:in"]', "2026-01-08")
    page.check('[name="universal_support:a1:done"]')
    page.fill('[name="universal_support:a1:date"]', "2026-01-09")
    page.check('[name="universal_support:a3:done"]')
    page.check('input[name="universal_support:exit"][value="needs_met"]')
    page.fill('#stage-universal_support [name="universal_support:out"]', "2026-02-20")
    # a recurring stage's first review
    page.fill('[name="taf_review:r1:date"]', "2026-03-02")
    page.fill('[name="taf_review:r1:note"]', "Carry on with the plan; next review in 8 weeks")
    page.fill('[name="taf_review:r1:by"]', "EF")
    # a variance, in the log
    page.fill('[name="v1:date"]', "2026-01-07")
    page.select_option('[name="v1:stage"]', "family_information_service")
    page.select_option('[name="v1:code"]', "P2")
    page.fill('[name="v1:what"]', "Called back a day late, after the \"2 working days\"")
    page.fill('[name="v1:why"]', "Adviser off sick; no cover")
    page.fill('[name="v1:action"]', "Rota changed, so calls are covered")
    page.fill('[name="v1:by"]', "AB")


def _expected(leads: dict[str, str]) -> list[dict[str, str]]:
    def row(date, event, node, code="", note="", agency=""):
        return dict(zip(COLUMNS, ["DY-0042", date, event, node, code, note, agency]))

    return [
        row("2026-01-05", "enter", "family_asks"),
        row("2026-01-05", "enter", "family_information_service",
            agency=leads["family_information_service"]),
        row("2026-01-07", "action", "family_information_service",
            note="Action 2 (AB): Call the family back and talk through what is happening",
            agency=leads["family_information_service"]),
        row("2026-01-07", "variance", "family_information_service", "P2",
            "What happened: Called back a day late, after the \"2 working days\"; "
            "Why: Adviser off sick; no cover; Action taken: Rota changed, so calls are "
            "covered; Initials: AB"),
        row("2026-01-08", "enter", "universal_support", agency=leads["universal_support"]),
        row("2026-01-09", "action", "universal_support",
            note="Action 1: Tell the family the name of the service and who to contact there",
            agency=leads["universal_support"]),
        row("2026-02-20", "enter", "needs_met"),
        row("2026-03-02", "action", "taf_review",
            note="Review 1 (EF): Carry on with the plan; next review in 8 weeks",
            agency=leads["taf_review"]),
    ]


def _export(page, folder: Path, name: str) -> Path:
    with page.expect_download() as download:
        page.click("#record-export")
    target = folder / name
    download.value.save_as(target)
    return target


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_fill_export_keep_and_import(browser_page, record_page, tmp_path):
    path, leads = record_page
    page = browser_page
    page.set_default_timeout(10000)
    page.goto(path.as_uri())
    page.evaluate("window.localStorage.clear()")
    page.reload()
    _fill(page)

    exported = _export(page, tmp_path, "first.csv")
    assert _rows(exported) == _expected(leads)
    assert "Not exported" not in exported.read_text(encoding="utf-8")
    assert "Exported 8 events of case DY-0042" in page.inner_text("#record-status")

    # kept in this browser: a reload shows what was entered
    page.reload()
    assert page.input_value('[name="v1:why"]') == "Adviser off sick; no cover"
    assert page.is_checked('[name="family_information_service:novariance"]')
    # a date entered in the stage shows on the journey summary too
    assert page.input_value('section.journey [name="family_information_service:in"]') == "2026-01-05"

    # cleared, then read back from the file: the same record again
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#record-clear")
    assert page.input_value('[name="case"]') == ""
    page.set_input_files("#record-import", str(exported))
    page.wait_for_function(
        "document.getElementById('record-status').textContent.startsWith('Read')")
    assert page.inner_text("#record-status") == "Read 8 events."
    assert page.input_value('[name="v1:what"]').startswith("Called back a day late")
    assert page.input_value('[name="family_information_service:a2:by"]') == "AB"
    assert page.input_value('[name="taf_review:r1:by"]') == "EF"
    again = _export(page, tmp_path, "again.csv")
    assert _rows(again) == _expected(leads)


def test_the_audit_reads_every_exported_row(browser_page, record_page, tmp_path):
    path, _ = record_page
    page = browser_page
    page.set_default_timeout(10000)
    page.goto(path.as_uri())
    page.evaluate("window.localStorage.clear()")
    page.reload()
    _fill(page)
    exported = _export(page, tmp_path, "case.csv")
    result = subprocess.run(
        [sys.executable, "-m", "pathwaylang", "audit", str(EXAMPLE), str(exported),
         "--format", "json", "--root", str(REPO)],
        capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    audit = json.loads(result.stdout)
    assert audit["rows_rejected"] == [] and audit["events"] == 8 and audit["cases"] == 1
    assert audit["variance"]["by_code"] == {"P2": 1}
    assert audit["unexpected_moves"] == []


def test_export_needs_the_identifier(browser_page, record_page):
    path, _ = record_page
    page = browser_page
    page.set_default_timeout(10000)
    page.goto(path.as_uri())
    page.evaluate("window.localStorage.clear()")
    page.reload()
    page.fill('[name="family_information_service:in"] >> nth=0', "2026-01-05")
    page.click("#record-export")
    assert "identifier" in page.inner_text("#record-status")

