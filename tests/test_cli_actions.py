"""`handover actions`: the ledger in the terminal as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.pipeline import Result as Built
from generator.render.spreadsheet import spreadsheet_safe
from tests.conftest import REPO

TODAY = ["--today", "2026-11-23"]
OVERDUE = ["2026-09-28-weekly/a5", "2026-11-02-weekly/a3", "2026-11-09-expo-debrief/a2"]


def run(*args: str, root: Path = REPO) -> Result:
    return CliRunner().invoke(main, ["actions", "--root", str(root), *TODAY, *args])


def test_text_is_an_aligned_table_overdue_first() -> None:
    result = run()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header, rows = lines[0], lines[1:-2]
    assert header.split() == ["ID", "DUE", "STATUS", "LATE", "OWNER", "TEAM", "WHAT"]
    assert len(rows) == 34
    assert [row.split()[0] for row in rows[:3]] == OVERDUE  # most overdue first
    assert "38d" in rows[0] and "in-progress" in rows[0]
    for column in ("DUE", "OWNER", "WHAT"):
        start = header.index(column)
        assert all(row[start - 1] == " " and row[start] != " " for row in rows), column
    statuses = [row.split()[2] for row in rows[3:]]
    assert statuses[:4] == ["open", "open", "open", "in-progress"]
    assert statuses[-1] == "dropped"
    assert lines[-1] == "34 actions, 7 open, 3 overdue as of 2026-11-23"


def test_overdue_filter() -> None:
    result = run("--overdue")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[1:-2]] == OVERDUE


def test_json_is_the_same_objects_as_api_actions_json(example_result: Built) -> None:
    published = {a["id"]: a for a in json.loads(str(example_result.pages["api/actions.json"]))}
    result = run("--owner", "hana", "--format", "json")
    assert result.exit_code == 0
    got = json.loads(result.stdout)
    assert [a["id"] for a in got][:2] == OVERDUE[:2]
    assert {a["owner"] for a in got} == {"hana"} and len(got) == 5
    assert all(item == published[item["id"]] for item in got)


def test_csv_has_a_header_row_and_one_row_per_action() -> None:
    result = run("--team", "sales", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == [
        "id",
        "session",
        "what",
        "team",
        "owner",
        "due",
        "status",
        "overdue",
        "url",
    ]
    assert {r["team"] for r in rows} == {"sales"}
    comma = next(r for r in rows if r["id"] == "2026-11-02-weekly/a3")
    assert comma["what"] == "Review the call-centre playbook, last reviewed in March"
    assert comma["overdue"] == "true" and comma["status"] == "in-progress"


def test_filters_combine_and_say_when_nothing_matches() -> None:
    result = run("--owner", "ana", "--team", "sales")
    assert result.exit_code == 0
    assert result.stdout == "No actions match (as of 2026-11-23).\n"
    assert run("--owner", "ana", "--overdue", "--format", "json").stdout == "[]\n"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--owner", "anna", "unknown person 'anna' (did you mean 'ana'?)"),
        ("--team", "sale", "unknown team 'sale' (did you mean 'sales'?)"),
        ("--owner", "sales", "unknown person 'sales'"),
    ],
)
def test_unknown_owner_or_team_is_a_usage_error(option: str, value: str, message: str) -> None:
    result = run(option, value)
    assert result.exit_code == 2
    assert message in result.stderr and option in result.stderr
    assert result.stdout == ""


def test_today_decides_what_is_overdue() -> None:
    result = CliRunner().invoke(
        main, ["actions", "--root", str(REPO), "--today", "2026-11-14", "--overdue"]
    )
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[1:-2]] == OVERDUE[:2]


def test_content_errors_print_diagnostics_and_exit_1(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "sessions", root / "sessions")
    target = root / "sessions" / "2026" / "2026-11-16-weekly.yaml"
    target.write_text(target.read_text().replace("owner: gus", "owner: guss", 1))
    result = run(root=root)
    assert result.exit_code == 1
    assert "sessions/2026/2026-11-16-weekly.yaml:" in result.stderr
    assert "unknown person 'guss' (did you mean 'gus'?)" in result.stderr
    assert result.stdout == ""


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    assert run(root=tmp_path / "nowhere").exit_code == 2


@pytest.mark.parametrize("what", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_start_a_spreadsheet_formula(what: str) -> None:
    assert spreadsheet_safe(what) == f"'{what}"
    assert spreadsheet_safe("Call back") == "Call back"
