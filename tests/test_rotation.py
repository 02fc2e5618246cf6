"""The next minute-taker: the person after the latest minute-taker in the rotation."""

from __future__ import annotations

import datetime as dt

from generator.content import Content, SessionDoc
from generator.derive.rotation import next_minute_taker
from generator.loader import Source
from generator.models import Person, Session, Team, TeamFile

PEOPLE = ["ana", "ben", "carla", "dev", "gus"]


def content(takers: list[str], rotation: list[str] | None = None) -> Content:
    """Sessions a week apart, oldest first, minuted by ``takers``."""
    team = TeamFile(
        teams=[Team(id="sales", name="Sales")],
        people=[Person(id=p, name=p.title(), team="sales") for p in PEOPLE],
        rotation=rotation,
    )
    sessions = []
    for i, taker in enumerate(takers):
        day = dt.date(2026, 9, 7) + dt.timedelta(weeks=i)
        model = Session(date=day, facilitators=["ana"], minute_taker=taker, attendees=PEOPLE)
        sid = day.isoformat()
        sessions.append(SessionDoc(sid, model, Source(f"sessions/2026/{sid}.yaml", "session")))
    return Content(team=team, sessions=list(reversed(sessions)))  # any order in, by date out


def test_the_person_after_the_latest_minute_taker() -> None:
    assert next_minute_taker(content(["carla", "ana"], ["carla", "ana", "ben"])) == "ben"


def test_the_rotation_wraps_around() -> None:
    assert next_minute_taker(content(["ana", "ben"], ["carla", "ana", "ben"])) == "carla"


def test_a_stand_in_does_not_restart_the_rotation() -> None:
    # gus stood in last; the latest minute-taker in the rotation is ana, so ben is next
    takers = ["carla", "ana", "gus"]
    assert next_minute_taker(content(takers, ["carla", "ana", "ben"])) == "ben"


def test_several_stand_ins_in_a_row_are_all_skipped() -> None:
    takers = ["carla", "ana", "gus", "dev"]
    assert next_minute_taker(content(takers, ["carla", "ana", "ben"])) == "ben"


def test_with_only_stand_ins_the_first_of_the_rotation_is_next() -> None:
    assert next_minute_taker(content(["gus", "dev"], ["carla", "ana", "ben"])) == "carla"


def test_without_sessions_the_first_of_the_rotation_is_next() -> None:
    assert next_minute_taker(content([], ["carla", "ana", "ben"])) == "carla"


def test_without_a_rotation_every_active_person_takes_a_turn_in_file_order() -> None:
    assert next_minute_taker(content(["ben"])) == "carla"
