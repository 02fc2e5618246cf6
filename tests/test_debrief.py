"""Each team's debrief of a session: own actions, what involves it, leads, carried over."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.content import Content, SessionDoc
from generator.derive.debrief import CARRIED_SHOWN, Debrief, all_debriefs
from generator.derive.ledger import build_ledger
from generator.loader import Source
from generator.models import Session, TeamFile
from generator.pipeline import Result

D = dt.date
TODAY = D(2026, 11, 23)
DUE = D(2026, 12, 1)
TEAM = TeamFile.model_validate(
    {
        "teams": [
            {"id": "marketing", "name": "Marketing"},
            {"id": "sales", "name": "Sales"},
            {"id": "partners", "name": "Partners"},
        ],
        "people": [
            {"id": "ana", "name": "Ana", "team": "marketing"},
            {"id": "carla", "name": "Carla", "team": "marketing"},
            {"id": "ben", "name": "Ben", "team": "sales"},
            {"id": "gus", "name": "Gus", "team": "sales"},
            {"id": "pia", "name": "Pia", "team": "partners"},
        ],
    }
)


def session(sid: str, **fields: Any) -> SessionDoc:
    """A session whose date is the date prefix of its id."""
    model = Session.model_validate(
        {
            "date": D.fromisoformat(sid[:10]),
            "facilitators": ["ana"],
            "minute_taker": "ana",
            "attendees": ["ana"],
            **fields,
        }
    )
    return SessionDoc(sid, model, Source(path=f"sessions/{sid[:4]}/{sid}.yaml", kind="session"))


def act(aid: str, team: str, owner: str, due: D = DUE, status: str = "open") -> Any:
    return {"id": aid, "what": aid, "team": team, "owner": owner, "due": due, "status": status}


def raci(activity: str, R: list[str], A: str, C: Any = (), I: Any = ()) -> Any:  # noqa: E741
    return {"activity": activity, "R": R, "A": A, "C": list(C), "I": list(I)}


def following(sid: str, target: str, status: str, *actions: Any) -> SessionDoc:
    """A session with these actions that sets the status of one earlier action."""
    return session(sid, actions=list(actions), follow_up=[{"action": target, "status": status}])


def debriefs(*sessions: SessionDoc) -> dict[str, dict[str, Debrief]]:
    content = Content(team=TEAM, sessions=list(sessions))
    found = all_debriefs(content, build_ledger(content, TODAY))
    return {sid: {d.team: d for d in items} for sid, items in found.items()}


def ids(entries: Any) -> list[str]:
    return [e.local_id for e in entries]


# --- the example session -------------------------------------------------------------


def example(result: Result, session_id: str) -> dict[str, Debrief]:
    assert result.facts is not None
    return {d.team: d for d in result.facts.debriefs[session_id]}


def test_each_team_of_the_example_session_gets_exactly_its_own_and_involving_actions(
    example_result: Result,
) -> None:
    """Week 47: Gus's holiday rota (R of a row Marketing is consulted and informed on)
    involves Marketing; Ana's MQL sign-off and Carla's webinar (R of rows where Sales is
    consulted and informed) involve Sales; Dev's events budget, in no RACI row, does not."""
    week47 = example(example_result, "2026-11-16-weekly")
    assert list(week47) == ["marketing", "sales"]
    marketing, sales = week47["marketing"], week47["sales"]
    assert (ids(marketing.own), ids(marketing.helping)) == (["a2", "a3", "a4"], ["a1"])
    assert (ids(sales.own), ids(sales.helping)) == (["a1"], ["a2", "a4"])
    # Every row names both teams (Marketing responsible or accountable for two of them).
    every_row = [
        "January-intake holiday cover",
        "Sign-off of the January MQL version",
        "December webinar",
    ]
    assert [r.activity for r in marketing.raci] == every_row
    assert [r.activity for r in sales.raci] == every_row
    assert [(r.consulted, r.informed) for r in sales.raci] == [
        ((), ()),
        (("hana",), ("sales",)),
        (("hana",), ("sales",)),
    ]
    # Sales is responsible (Gus and Ivo) and accountable (Ben) for the holiday cover.
    assert sales.raci[0].part == (("R", ("gus", "ivo")), ("A", ("ben",)))
    assert marketing.leads == ()
    assert [g.source for g in sales.leads] == [
        "January-intake enquiries",
        "Contact Centre Expo Tier 1 follow-ups",
    ]
    assert [e.gid for e in marketing.carried] == ["2026-11-09-expo-debrief/a2"]
    assert [e.gid for e in sales.carried] == ["2026-09-28-weekly/a5", "2026-11-02-weekly/a3"]


def test_the_first_example_session_ties_actions_through_the_responsible_only(
    example_result: Result,
) -> None:
    """Week 40: Ben is responsible for splitting the webinar leads (Carla consulted) and
    Hana for the Q&A sheet (Dev consulted, Marketing informed): all their actions
    involve Marketing. Carla's conversion involves Sales (Ben consulted, Sales informed);
    Ana is only accountable there, and Dev's and Elif's actions are in no row."""
    week40 = example(example_result, "2026-09-28-weekly")
    assert (ids(week40["marketing"].own), ids(week40["marketing"].helping)) == (
        ["a1", "a2", "a6"],
        ["a3", "a4", "a5"],
    )
    assert (ids(week40["sales"].own), ids(week40["sales"].helping)) == (["a3", "a4", "a5"], ["a1"])
    assert week40["marketing"].carried == () and week40["sales"].carried_total == 0


# --- who is involved ---------------------------------------------------------------


def test_an_action_owned_by_one_of_the_teams_people_involves_that_team() -> None:
    got = debriefs(session("2026-11-16-s", actions=[act("a1", "sales", "ana")]))
    week = got["2026-11-16-s"]
    assert ids(week["sales"].own) == ["a1"] and ids(week["marketing"].helping) == ["a1"]
    assert week["marketing"].own == () and week["sales"].helping == ()


@pytest.mark.parametrize(
    ("row", "involved"),
    [
        (raci("x", R=["gus"], A="ben", C=["carla"]), True),  # consulted person
        (raci("x", R=["gus"], A="ben", I=["marketing"]), True),  # informed team
        (raci("x", R=["gus", "ana"], A="ben"), True),  # responsible together
        (raci("x", R=["ben"], A="gus", I=["marketing"]), False),  # gus only accountable
        (raci("x", R=["gus"], A="ben", I=["sales"]), False),  # marketing not named
        (raci("x", R=["sales"], A="ben", I=["marketing"]), False),  # gus only via his team
    ],
)
def test_another_teams_action_involves_a_team_named_in_a_row_its_owner_is_responsible_for(
    row: Any, involved: bool
) -> None:
    got = debriefs(
        session(
            "2026-11-16-s",
            actions=[act("a1", "sales", "gus"), act("a2", "marketing", "ana")],
            raci=[row],
        )
    )
    marketing = got["2026-11-16-s"]["marketing"]
    assert ids(marketing.helping) == (["a1"] if involved else [])


def test_rows_where_the_team_holds_any_role_are_listed_with_its_part() -> None:
    rows = [
        raci("ours", R=["ana"], A="ana", C=["ben"]),
        raci("asked", R=["gus"], A="ben", C=["carla", "gus"], I=["sales"]),
        raci("told", R=["gus"], A="ben", I=["marketing", "partners"]),
    ]
    got = debriefs(session("2026-11-16-s", raci=rows))["2026-11-16-s"]
    assert [(r.activity, r.consulted, r.informed) for r in got["marketing"].raci] == [
        ("ours", (), ()),  # Ana is responsible and accountable
        ("asked", ("carla",), ()),
        ("told", (), ("marketing",)),
    ]
    assert got["marketing"].raci[0].part == (("R", ("ana",)), ("A", ("ana",)))
    assert [r.activity for r in got["sales"].raci] == ["ours", "asked", "told"]
    assert [r.activity for r in got["partners"].raci] == ["told"]
    assert [r.part for r in got["sales"].raci] == [
        (("C", ("ben",)),),
        (("R", ("gus",)), ("A", ("ben",)), ("C", ("gus",)), ("I", ("sales",))),
        (("R", ("gus",)), ("A", ("ben",))),
    ]


def test_leads_are_handed_to_the_teams_of_the_people_they_are_assigned_to() -> None:
    def lead(source: str, assigned: list[str]) -> Any:
        return {
            "source": source,
            "channel": "events",
            "count": 3,
            "ring": "core",
            **({"assigned_to": assigned} if assigned else {}),
        }

    got = debriefs(
        session(
            "2026-11-16-s",
            leads=[lead("both", ["ana", "gus"]), lead("sales", ["ben"]), lead("nobody", [])],
        )
    )["2026-11-16-s"]
    assert [g.source for g in got["marketing"].leads] == ["both"]
    assert [g.source for g in got["sales"].leads] == ["both", "sales"]
    assert "partners" not in got


def test_a_team_without_a_part_in_the_session_has_no_debrief() -> None:
    """Own or involving actions, a RACI role of any letter, or leads give a team a part;
    open actions from earlier sessions alone do not."""
    got = debriefs(
        session("2026-11-09-s", actions=[act("a1", "partners", "pia")]),
        session("2026-11-16-s", actions=[act("a1", "sales", "gus")]),
        session("2026-11-23-s", raci=[raci("x", R=["gus"], A="ben", I=["pia"])]),
    )
    assert list(got["2026-11-09-s"]) == ["partners"]
    assert list(got["2026-11-16-s"]) == ["sales"]
    assert list(got["2026-11-23-s"]) == ["sales", "partners"]


# --- carried over --------------------------------------------------------------------


def test_carried_over_are_the_teams_actions_still_open_after_the_sessions_follow_ups() -> None:
    got = debriefs(
        session(
            "2026-11-02-s",
            actions=[
                act("a1", "sales", "gus"),
                act("a2", "sales", "gus", status="blocked"),
                act("a3", "sales", "gus", status="done"),
                act("a4", "marketing", "ana"),
            ],
        ),
        following("2026-11-09-s", "2026-11-02-s/a1", "done", act("a1", "sales", "ben")),
        following("2026-11-16-s", "2026-11-02-s/a2", "dropped", act("a1", "sales", "ben")),
    )
    assert [e.gid for e in got["2026-11-09-s"]["sales"].carried] == ["2026-11-02-s/a2"]
    assert [e.gid for e in got["2026-11-16-s"]["sales"].carried] == ["2026-11-09-s/a1"]
    # what was open then, even though a later session closes it
    assert got["2026-11-09-s"]["sales"].carried[0].status == "dropped"


def test_a_closed_action_that_is_reopened_is_carried_again() -> None:
    got = debriefs(
        session("2026-11-02-s", actions=[act("a1", "sales", "gus")]),
        following("2026-11-09-s", "2026-11-02-s/a1", "done", act("a1", "sales", "ben")),
        following(
            "2026-11-16-s",
            "2026-11-02-s/a1",
            "in-progress",
            act("a2", "sales", "ben", status="done"),
        ),
    )
    assert [e.gid for e in got["2026-11-16-s"]["sales"].carried] == [
        "2026-11-02-s/a1",
        "2026-11-09-s/a1",
    ]


def test_carried_over_shows_the_first_due_and_counts_them_all() -> None:
    many = [
        act(f"a{i}", "sales", "gus", due=D(2026, 12, 31) - dt.timedelta(days=i)) for i in range(25)
    ]
    got = debriefs(
        session("2026-11-02-s", actions=many),
        session("2026-11-09-s", actions=[act("x", "sales", "ben")]),
    )["2026-11-09-s"]["sales"]
    assert got.carried_total == 25 and len(got.carried) == CARRIED_SHOWN
    assert ids(got.carried) == [f"a{i}" for i in range(24, 24 - CARRIED_SHOWN, -1)]
    assert [e.action.due for e in got.carried] == sorted(e.action.due for e in got.carried)


def test_the_debrief_address_is_under_its_session() -> None:
    got = debriefs(session("2026-11-16-s", actions=[act("a1", "sales", "gus")]))
    debrief = got["2026-11-16-s"]["sales"]
    assert debrief.url == "sessions/2026/2026-11-16-s/debrief/sales/"
    assert debrief.path == "sessions/2026/2026-11-16-s/debrief/sales.md"
