"""The session workbooks (.xlsx), read back with openpyxl: the same values as the JSON
exports, typed cells, no formulas, the same bytes on every build."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from generator.content import Content
from generator.derive.facts import Facts, derive
from generator.pipeline import Result, generate
from generator.render import xlsx
from generator.render.exports import render_exports
from generator.render.session_workbook import session_workbook, workbook_path
from generator.render.xlsx import CELL_LIMIT, Sheet, workbook_bytes
from tests.conftest import CHANGED, REPO, TODAY
from tests.test_exports import TEAM, session

SHEETS = ["Session", "Actions", "RACI", "Plan", "Leads"]


def load(data: str | bytes) -> Any:
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def table(ws: Worksheet) -> list[dict[str, Any]]:
    """The rows of a sheet as dicts keyed by the header row."""
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def day(value: Any) -> str:
    """A date cell as ISO text (openpyxl reads Excel dates back as datetimes)."""
    assert isinstance(value, dt.datetime) and value.time() == dt.time()
    return value.date().isoformat()


def ids(cell: Any) -> list[str]:
    return cell.split(", ") if cell else []


@pytest.fixture(scope="module")
def published(example_result: Result) -> dict[str, Any]:
    pages = example_result.pages
    return {
        "sessions": json.loads(str(pages["api/sessions.json"])),
        "actions": json.loads(str(pages["api/actions.json"])),
    }


def example_workbooks(result: Result) -> dict[str, Any]:
    return {s.id: load(result.pages[workbook_path(s)]) for s in result.content.sessions}


@pytest.fixture(scope="module")
def workbooks(example_result: Result) -> dict[str, Any]:
    return example_workbooks(example_result)


# --- the same values as api/sessions.json and api/actions.json --------------------------


def test_every_session_has_a_workbook_beside_its_minutes(example_result: Result) -> None:
    paths = sorted(p for p in example_result.pages if p.endswith(".xlsx"))
    sessions = example_result.content.sessions
    assert len(paths) == len(sessions) == 8
    assert paths == sorted(f"sessions/{s.year}/{s.id}/{s.id}.xlsx" for s in sessions)


def test_sheets_are_session_actions_raci_plan_leads(workbooks: dict[str, Any]) -> None:
    for wb in workbooks.values():
        assert wb.sheetnames == SHEETS


def test_session_sheet_reads_back_as_sessions_json(
    workbooks: dict[str, Any], published: dict[str, Any], example_result: Result
) -> None:
    people = example_result.content.people
    for record in published["sessions"]:
        fields = {row["field"]: row for row in table(workbooks[record["id"]]["Session"])}
        assert set(fields) == set(record) - {"plan"}
        value = {name: row["value"] for name, row in fields.items()}
        assert day(value["date"]) == record["date"]
        for name in ("id", "title", "url", "minute_taker", "leads_total"):
            assert value[name] == record[name], name
        for name in ("facilitators", "attendees"):
            assert ids(value[name]) == record[name], name
            names = [people[p].name for p in record[name]]
            assert fields[name]["names"] == ", ".join(names)
        assert fields["minute_taker"]["names"] == people[record["minute_taker"]].name


def test_plan_sheet_has_the_computed_dates_slack_and_critical_path(
    workbooks: dict[str, Any], published: dict[str, Any], example_result: Result
) -> None:
    plans = {s.id: s.model.plan for s in example_result.content.sessions}
    checked = 0
    for record in published["sessions"]:
        rows = table(workbooks[record["id"]]["Plan"])
        assert len(rows) == len(record["plan"]) == len(plans[record["id"]])
        for row, task, given in zip(rows, record["plan"], plans[record["id"]], strict=True):
            for name in ("id", "task", "owner", "slack", "critical"):
                assert row[name] == task[name], name
            assert (day(row["start"]), day(row["end"])) == (task["start"], task["end"])
            assert row["days"] == given.days and ids(row["after"]) == given.after
            assert isinstance(row["slack"], int) and isinstance(row["critical"], bool)
            checked += 1
    assert checked > 10


def test_leads_sheet_adds_up_to_leads_total(
    workbooks: dict[str, Any], published: dict[str, Any], example_result: Result
) -> None:
    leads = {s.id: s.model.leads for s in example_result.content.sessions}
    for record in published["sessions"]:
        rows = table(workbooks[record["id"]]["Leads"])
        assert sum(row["count"] for row in rows) == record["leads_total"]
        for row, group in zip(rows, leads[record["id"]], strict=True):
            assert (row["source"], row["channel"], row["ring"]) == (
                group.source,
                group.channel,
                group.ring,
            )
            assert (
                row["playbook"] == group.playbook and ids(row["assigned_to"]) == group.assigned_to
            )
            assert (day(row["ready_by"]) if row["ready_by"] else None) == (
                group.ready_by.isoformat() if group.ready_by else None
            )
    assert any(table(wb["Leads"]) for wb in workbooks.values())


def test_actions_sheet_reads_back_as_actions_json(
    workbooks: dict[str, Any], published: dict[str, Any], example_result: Result
) -> None:
    people = example_result.content.people
    for sid, wb in workbooks.items():
        expected = [a for a in published["actions"] if a["session"] == sid]
        rows = table(wb["Actions"])
        assert len(rows) == len(expected)
        for row, action in zip(rows, expected, strict=True):
            assert {**row, "due": day(row["due"])} == {
                **action,
                "owner_name": people[action["owner"]].name,
            }
    overdue = [r["id"] for wb in workbooks.values() for r in table(wb["Actions"]) if r["overdue"]]
    assert len(overdue) == 3


def test_raci_sheet_has_a_row_per_activity_role_and_party(
    workbooks: dict[str, Any], example_result: Result
) -> None:
    names = {t.id: t.name for t in example_result.content.team.teams}
    names.update({p.id: p.name for p in example_result.content.team.people})
    for s in example_result.content.sessions:
        expected = [
            (row.activity, letter, party)
            for row in s.model.raci
            for letter, parties in (("R", row.R), ("A", [row.A]), ("C", row.C), ("I", row.I))
            for party in parties
        ]
        rows = table(workbooks[s.id]["RACI"])
        assert [(r["activity"], r["role"], r["party"]) for r in rows] == expected
        assert all(r["party_name"] == names[r["party"]] for r in rows)
        assert {r["role_name"] for r in rows} <= {
            "Responsible",
            "Accountable",
            "Consulted",
            "Informed",
        }


# --- cells -------------------------------------------------------------------------------


def test_cells_are_typed_with_a_bold_frozen_header_and_real_dates(
    workbooks: dict[str, Any],
) -> None:
    ws = workbooks["2026-11-16-weekly"]["Plan"]
    assert ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    header = [cell.value for cell in ws[1]]
    start = ws.cell(row=2, column=header.index("start") + 1)
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    assert ws.cell(row=2, column=header.index("days") + 1).data_type == "n"
    assert ws.cell(row=2, column=header.index("critical") + 1).data_type == "b"
    assert ws.auto_filter.ref == f"A1:J{ws.max_row}"
    widths = {cell.column_letter: ws.column_dimensions[cell.column_letter].width for cell in ws[1]}
    task = header.index("task")
    assert widths["B"] > widths["A"] and task == 1  # the task names get the room
    assert all(6 <= width <= 60 for width in widths.values())


HOSTILE = ['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "#N/A", "=1"]


@pytest.mark.parametrize("what", HOSTILE)
def test_text_is_never_a_formula_nor_an_error(what: str) -> None:
    facts = small_facts(what)
    data = session_workbook(facts, facts.content.sessions[0])
    ws = load(data)["Actions"]
    cell = ws.cell(row=2, column=3)
    text = what.replace("\r", "\n")  # a cell's line break is LF
    assert (ws.cell(row=1, column=3).value, cell.value, cell.data_type) == ("what", text, "s")
    assert cell.quotePrefix == (what[0] in "=+-@\t")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert all(b"<f>" not in xml and b"<f " not in xml for xml in sheets)


def test_characters_xml_cannot_carry_are_dropped_line_breaks_are_lf_text_is_clipped() -> None:
    text = "bell\x07 and\x00 nul\r\nCR\rend"
    sheet = Sheet("S", ("a", "b"), ((text, "x" * (CELL_LIMIT + 5)),))
    ws = load(workbook_bytes([sheet], "T", TODAY))["S"]
    assert ws["A2"].value == "bell and nul\nCR\nend"
    assert len(ws["B2"].value) == CELL_LIMIT


def test_a_session_with_nothing_recorded_has_every_sheet_with_its_header_only() -> None:
    facts = derive(Content(team=TEAM, sessions=[session("2026-11-16-weekly")]), TODAY)
    wb = load(session_workbook(facts, facts.content.sessions[0]))
    assert wb.sheetnames == SHEETS
    for title in SHEETS[1:]:
        ws = wb[title]
        assert ws.max_row == 1 and ws["A1"].value and ws.auto_filter.ref is None, title
    assert {r["field"]: r["value"] for r in table(wb["Session"])}["leads_total"] == 0


# --- reproducible -----------------------------------------------------------------------


def small_facts(what: str = "Call back", today: dt.date = TODAY) -> Facts:
    first = session(
        "2026-11-16-weekly",
        actions=[{"what": what, "team": "sales", "owner": "ben", "due": "2026-11-20"}],
        raci=[{"activity": what, "R": ["ben"], "A": "ana", "I": ["sales"]}],
        plan=[
            {"id": "rota", "task": what, "owner": "ben", "days": 2, "start": "2026-11-17"},
            {"id": "brief", "task": "Brief", "owner": "ana", "days": 1, "after": ["rota"]},
        ],
        leads=[{"source": what, "channel": "events", "count": 3, "ring": "core"}],
    )
    return derive(Content(team=TEAM, sessions=[first]), today)


def test_the_same_content_and_day_give_the_same_bytes_whatever_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = small_facts()
    first = session_workbook(facts, facts.content.sessions[0])
    later = time.time() + 3 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    xlsx._workbook.cache_clear()  # write it again, not from memory
    assert session_workbook(facts, facts.content.sessions[0]) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        # a fixed date, whatever the day: the day is in the document's properties
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = load(first).properties
    assert props.created == props.modified == dt.datetime(2026, 11, 23)
    assert props.creator == "handover" and props.title == "Week 47"


def test_another_day_dates_the_document_to_it_and_the_zip_entries_stay_fixed() -> None:
    facts = small_facts(today=dt.date(2027, 1, 4))
    props = load(session_workbook(facts, facts.content.sessions[0])).properties
    assert props.modified == dt.datetime(2027, 1, 4)
    early = workbook_bytes([Sheet("S", ("a",), ())], "T", dt.date(1970, 1, 2))
    with zipfile.ZipFile(io.BytesIO(early)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_two_builds_of_the_example_give_identical_workbooks(example_result: Result) -> None:
    again = generate(REPO, TODAY, history=lambda _root: CHANGED)
    paths = [p for p in example_result.pages if p.endswith(".xlsx")]
    assert paths and all(again.pages[p] == example_result.pages[p] for p in paths)


def test_workbook_urls_are_absolute_with_a_site_url() -> None:
    out = render_exports(small_facts(), "H", "https://handover.example.org/team/")
    wb = load(out["sessions/2026/2026-11-16-weekly/2026-11-16-weekly.xlsx"])
    url = "https://handover.example.org/team/sessions/2026/2026-11-16-weekly/"
    assert {row["field"]: row["value"] for row in table(wb["Session"])}["url"] == url
    assert table(wb["Actions"])[0]["url"] == url


# --- on the site --------------------------------------------------------------------------


def test_the_built_session_page_links_its_workbook(
    built_site: Path, example_result: Result
) -> None:
    for s in example_result.content.sessions:
        folder = built_site / "sessions" / s.year / s.id
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert f'href="{s.id}.xlsx"' in html
        assert (folder / f"{s.id}.xlsx").read_bytes() == example_result.pages[workbook_path(s)]


def test_the_export_tree_holds_the_workbooks(tmp_path: Path, example_result: Result) -> None:
    from generator.engine.export import export_tree

    export_tree(example_result, tmp_path / "out")
    for s in example_result.content.sessions:
        written = tmp_path / "out" / "docs" / workbook_path(s)
        assert written.read_bytes() == example_result.pages[workbook_path(s)]


def test_a_workbook_is_written_once_for_the_same_inputs() -> None:
    sheets = [Sheet("S", ("a",), (("x",),))]
    xlsx._workbook.cache_clear()
    first = workbook_bytes(sheets, "T", TODAY)
    assert workbook_bytes(list(sheets), "T", TODAY) is first
    assert xlsx._workbook.cache_info().hits == 1
    other = workbook_bytes([Sheet("S", ("a",), (("y",),))], "T", TODAY)
    assert other != first and load(other)["S"]["A2"].value == "y"
