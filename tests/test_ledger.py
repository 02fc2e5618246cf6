"""The action ledger: effective status across sessions, overdue, board order, filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.content import Content, SessionDoc
from generator.derive.ledger import Entry, build_ledger, select, sort_for_board
from generator.derive.rotation import sessions_until_turn
from generator.diagnostics import Collector
from generator.loader import Source
from generator.models import Session
from generator.validate import validate_root

D = dt.date
TODAY = D(2026, 11, 23)
LATER = D(2026, 11, 30)


def session(
    sid: str,
    actions: list[dict[str, Any]] | None = None,
    follow_up: list[dict[str, Any]] | None = None,
) -> SessionDoc:
    """A session whose date is the date prefix of its id."""
    model = Session.model_validate(
        {
            "date": D.fromisoformat(sid[:10]),
            "facilitators": ["ana"],
            "minute_taker": "ana",
            "attendees": ["ana"],
            "actions": actions or [],
            "follow_up": follow_up or [],
        }
    )
    return SessionDoc(sid, model, Source(path=f"sessions/{sid[:4]}/{sid}.yaml", kind="session"))


def action(
    due: D = LATER, status: str = "open", owner: str = "ana", team: str = "marketing"
) -> dict[str, Any]:
    return {"what": "Do it", "team": team, "owner": owner, "due": due, "status": status}


def ledger(*sessions: SessionDoc, today: D = TODAY) -> dict[str, Entry]:
    return {e.gid: e for e in build_ledger(Content(sessions=list(sessions)), today)}


def test_a_later_follow_up_overrides_the_actions_own_status() -> None:
    got = ledger(
        session("2026-11-02-weekly", actions=[action(status="in-progress")]),
        session(
            "2026-11-09-weekly", follow_up=[{"action": "2026-11-02-weekly/a1", "status": "done"}]
        ),
    )
    entry = got["2026-11-02-weekly/a1"]
    assert entry.action.status == "in-progress"
    assert entry.status == "done" and not entry.is_open


def test_without_follow_ups_the_own_status_counts() -> None:
    got = ledger(session("2026-11-02-weekly", actions=[action(status="blocked")]))
    assert got["2026-11-02-weekly/a1"].status == "blocked"
    assert got["2026-11-02-weekly/a1"].updates == ()


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_follow_ups_apply_in_session_date_order_whatever_the_file_order(
    order: tuple[int, int, int],
) -> None:
    made = [
        session("2026-10-05-weekly", actions=[action()]),
        session(
            "2026-10-12-weekly",
            follow_up=[{"action": "2026-10-05-weekly/a1", "status": "done", "note": "early"}],
        ),
        session(
            "2026-10-19-weekly",
            follow_up=[{"action": "2026-10-05-weekly/a1", "status": "blocked", "note": "reopened"}],
        ),
    ]
    entry = ledger(*(made[i] for i in order))["2026-10-05-weekly/a1"]
    assert entry.status == "blocked"
    assert [u.session.id for u in entry.updates] == ["2026-10-12-weekly", "2026-10-19-weekly"]
    assert [u.note for u in entry.updates] == ["early", "reopened"]


def test_same_day_sessions_apply_by_session_id() -> None:
    entry = ledger(
        session("2026-10-20-b", follow_up=[{"action": "2026-10-05-x/a1", "status": "done"}]),
        session("2026-10-20-a", follow_up=[{"action": "2026-10-05-x/a1", "status": "dropped"}]),
        session("2026-10-05-x", actions=[action()]),
    )["2026-10-05-x/a1"]
    assert entry.status == "done"


def test_an_action_due_today_is_not_overdue_and_due_yesterday_is() -> None:
    got = ledger(
        session(
            "2026-11-16-weekly",
            actions=[action(due=TODAY), action(due=TODAY - dt.timedelta(days=1))],
        )
    )
    assert not got["2026-11-16-weekly/a1"].overdue
    assert got["2026-11-16-weekly/a1"].days_overdue == 0
    assert got["2026-11-16-weekly/a2"].overdue
    assert got["2026-11-16-weekly/a2"].days_overdue == 1


@pytest.mark.parametrize("status", ["open", "in-progress", "blocked"])
def test_open_statuses_past_their_due_date_are_overdue(status: str) -> None:
    got = ledger(session("2026-10-05-weekly", actions=[action(due=D(2026, 10, 9), status=status)]))
    assert got["2026-10-05-weekly/a1"].overdue


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_and_dropped_are_never_overdue(status: str) -> None:
    got = ledger(
        session("2026-01-05-weekly", actions=[action(due=D(2026, 1, 9), status=status), action()]),
        session(
            "2026-02-02-weekly",
            follow_up=[{"action": "2026-01-05-weekly/a2", "status": status}],
        ),
    )
    for entry in got.values():
        assert entry.status == status
        assert not entry.overdue and entry.days_overdue == 0 and not entry.is_open


def test_a_follow_up_can_reopen_a_done_action_and_make_it_overdue() -> None:
    got = ledger(
        session("2026-10-05-weekly", actions=[action(due=D(2026, 10, 9), status="done")]),
        session(
            "2026-10-12-weekly", follow_up=[{"action": "2026-10-05-weekly/a1", "status": "open"}]
        ),
    )
    assert got["2026-10-05-weekly/a1"].overdue


def test_default_action_ids_are_positions() -> None:
    got = ledger(
        session("2026-10-05-weekly", actions=[action(), {**action(), "id": "x"}, action()])
    )
    assert sorted(got) == ["2026-10-05-weekly/a1", "2026-10-05-weekly/a3", "2026-10-05-weekly/x"]


def test_board_order_is_overdue_first_then_open_in_progress_blocked_then_closed() -> None:
    got = ledger(
        session(
            "2026-11-16-weekly",
            actions=[
                {**action(status="done"), "id": "done"},
                {**action(status="blocked"), "id": "blocked"},
                {**action(status="in-progress"), "id": "progress"},
                {**action(status="open"), "id": "open"},
                {**action(due=D(2026, 11, 20), status="blocked"), "id": "late-3"},
                {**action(due=D(2026, 11, 1), status="open"), "id": "late-22"},
                {**action(status="dropped"), "id": "dropped"},
            ],
        )
    )
    board = [e.local_id for e in sort_for_board(list(got.values()))]
    assert board == ["late-22", "late-3", "open", "progress", "blocked", "done", "dropped"]


def test_select_by_owner_team_and_overdue() -> None:
    entries = list(
        ledger(
            session(
                "2026-11-02-weekly",
                actions=[
                    action(owner="ana", team="marketing", due=D(2026, 11, 6)),
                    action(owner="ana", team="sales"),
                    action(owner="ben", team="sales", due=D(2026, 11, 6)),
                ],
            )
        ).values()
    )
    assert [e.local_id for e in select(entries, owner="ana")] == ["a1", "a2"]
    assert [e.local_id for e in select(entries, team="sales")] == ["a2", "a3"]
    assert [e.local_id for e in select(entries, owner="ana", team="sales")] == ["a2"]
    assert [e.local_id for e in select(entries, overdue_only=True)] == ["a1", "a3"]


def test_sessions_until_turn() -> None:
    rotation = ["ana", "ben", "carla", "gus"]
    assert sessions_until_turn(rotation, "carla", "carla") == 0
    assert sessions_until_turn(rotation, "carla", "gus") == 1
    assert sessions_until_turn(rotation, "carla", "ben") == 3
    assert sessions_until_turn(rotation, "carla", "hana") is None
    assert sessions_until_turn(rotation, None, "ana") is None


# --- follow-ups that cannot be applied are content errors ------------------------------

TEAM = """\
teams:
  - id: marketing
    name: Marketing
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
"""

SESSION = """\
date: {date}
facilitators: [ana]
minute_taker: ana
attendees: [ana]
actions:
  - what: Do it
    team: marketing
    owner: ana
    due: {date}
"""
FOLLOW_UP = """\
follow_up:
  - action: {target}
    status: done
"""


def errors_of(tmp_path: Path, target: str) -> list[str]:
    """Errors of a root of three sessions whose middle one follows up ``target``."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "team.yaml").write_text(TEAM)
    folder = tmp_path / "sessions" / "2026"
    folder.mkdir(parents=True)
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        text = SESSION.format(date=day)
        if day == "2026-11-09":
            text += FOLLOW_UP.format(target=target)
        (folder / f"{day}-weekly.yaml").write_text(text)
    diags = Collector()
    validate_root(tmp_path, diags, TODAY)
    return [d.text() for d in diags.sorted() if d.severity == "error"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("2026-11-16-weekly/a1", "is not from an earlier session"),
        ("2026-11-09-weekly/a1", "is not from an earlier session"),
        ("2026-10-26-weekly/a1", "unknown session '2026-10-26-weekly'"),
        ("2026-11-02-weekly/a11", "has no action 'a11' (did you mean 'a1'?)"),
        ("2026-11-02-weekly", "must be <session id>/<action id>"),
    ],
)
def test_follow_ups_of_later_same_or_unknown_actions_are_errors(
    tmp_path: Path, target: str, message: str
) -> None:
    errors = errors_of(tmp_path, target)
    assert len(errors) == 1
    assert errors[0].startswith("sessions/2026/2026-11-09-weekly.yaml:11:")
    assert message in errors[0]


def test_a_follow_up_of_an_earlier_action_is_valid(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "2026-11-02-weekly/a1") == []
