"""The navigation handed to the engine: sessions by year, and by month in a busy year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator import addresses as at
from generator.content import Content, SessionDoc
from generator.engine.config import navigation
from generator.engine.nav_views import views
from generator.loader import Source
from generator.models import Session, TeamFile
from generator.policies import MONTHS_AFTER

TEAM = TeamFile.model_validate(
    {
        "teams": [{"id": "sales", "name": "Sales"}],
        "people": [{"id": "ana", "name": "A", "team": "sales"}],
    }
)


def doc(day: dt.date, title: str | None = None) -> SessionDoc:
    sid = f"{day.isoformat()}-s"
    model = Session.model_validate(
        {
            "date": day.isoformat(),
            "title": title or f"Session {day.isoformat()}",
            "facilitators": ["ana"],
            "minute_taker": "ana",
            "attendees": ["ana"],
        }
    )
    return SessionDoc(sid, model, Source(path=f"sessions/{day.year}/{sid}.yaml", kind="session"))


def sessions_section(sessions: list[SessionDoc]) -> list[Any]:
    nav = navigation(Content(team=TEAM, sessions=sessions))
    return next(item["Sessions"] for item in nav if isinstance(item, dict) and "Sessions" in item)


def test_a_quiet_year_is_one_list_newest_first() -> None:
    days = [dt.date(2026, 1, 5) + dt.timedelta(days=5 * n) for n in range(MONTHS_AFTER)]
    section = sessions_section([doc(d) for d in days])
    assert section[0] == "sessions/index.md"
    (year,) = section[1:]
    items = year["2026"]
    assert items[0] == "sessions/2026/index.md"
    assert len(items) == MONTHS_AFTER + 1
    assert items[1] == {f"Session {days[-1].isoformat()}": f"sessions/2026/{days[-1]}-s.md"}


def test_a_busy_year_is_split_by_month_newest_first() -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=3 * n) for n in range(MONTHS_AFTER + 1)]
    section = sessions_section([doc(d) for d in days])
    items = section[1]["2026"]
    assert items[0] == "sessions/2026/index.md"
    months = [next(iter(m)) for m in items[1:]]
    assert months[0] == "June" and months[-1] == "January"
    # each month's first page is its index (the section's own link), then its sessions
    groups = [next(iter(m.values())) for m in items[1:]]
    assert [g[0] for g in groups] == [f"sessions/2026/{n:02d}/index.md" for n in range(6, 0, -1)]
    assert sum(len(g) - 1 for g in groups) == MONTHS_AFTER + 1


def _views(sessions: list[SessionDoc]) -> dict[str, str]:
    """Each page's view of the navigation (what a partial build compares)."""
    nav = navigation(Content(team=TEAM, sessions=sessions))
    months = {at.month(s.year, s.model.date.month) for s in sessions}
    pages = [s.page for s in sessions] + sorted(months) + ["sessions/2026/index.md"]
    return views(nav, {}, pages)


def test_a_new_session_in_a_busy_year_changes_the_navigation_of_its_month_only() -> None:
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=2 * n) for n in range(MONTHS_AFTER + 1)]
    sessions = [doc(d) for d in days]  # the newest on 1 May
    added = doc(days[-1] + dt.timedelta(days=1))  # this week's, in the newest month
    before, after = _views(sessions), _views([*sessions, added])
    changed = {path for path, view in before.items() if after[path] != view}
    month = days[-1].month
    assert changed == {
        at.month("2026", month),  # its footer links the new session as the next page
        *(s.page for s in sessions if s.model.date.month == month),
    }
    # the same after the deletion: the other months' pages keep their navigation
    assert _views(sessions) == before


def test_titles_are_html_escaped() -> None:
    section = sessions_section([doc(dt.date(2026, 1, 5), "Q&A <b>")])
    assert section[1]["2026"][1] == {"Q&amp;A &lt;b&gt;": "sessions/2026/2026-01-05-s.md"}
