"""What a new session or playbook starts with: pure functions of the content and a day.

The session draft is computed "as of" its date: only earlier sessions count for the
last attendees, the rotation and the open actions, so that a back-dated scaffold
follows up only actions that already existed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from generator.content import Content
from generator.derive.ledger import build_ledger
from generator.derive.rotation import next_minute_taker

HINT_LENGTH = 60
DEFAULT_SLUG = "handover"


@dataclass(frozen=True)
class FollowUpDraft:
    action: str
    status: str
    hint: str  # owner, due date and what, for a comment next to the entry


@dataclass(frozen=True)
class SessionDraft:
    date: dt.date
    title: str
    facilitators: list[str]
    minute_taker: str
    attendees: list[str]
    follow_up: list[FollowUpDraft]
    slug: str = DEFAULT_SLUG

    @property
    def path(self) -> str:
        return session_path(self.date, self.slug)


def session_path(day: dt.date, slug: str = DEFAULT_SLUG) -> str:
    """Where `handover new session` writes: sessions/<YYYY>/<date>-<slug>.yaml."""
    return f"sessions/{day.year:04d}/{day.isoformat()}-{slug}.yaml"


def before(content: Content, day: dt.date) -> Content:
    """The content as it stood before ``day``: sessions dated earlier only."""
    return dataclasses.replace(
        content, sessions=[s for s in content.sessions if s.model.date < day]
    )


def _hint(owner: str, due: dt.date, what: str) -> str:
    text = re.sub(r"\s+", " ", what).strip()
    if len(text) > HINT_LENGTH:
        text = text[: HINT_LENGTH - 3].rstrip() + "..."
    return f"{owner}, due {due.isoformat()}: {text}"


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def facilitators(content: Content) -> list[str]:
    """The team leads; else the last session's facilitators; else the first active person."""
    people = content.people
    leads = _unique([t.lead for t in content.team.teams if t.lead and t.lead in people])
    if leads:
        return leads
    sessions = content.sessions_by_date()
    if sessions:
        earlier = [p for p in sessions[-1].model.facilitators if p in people]
        if earlier:
            return _unique(earlier)
    active = [p.id for p in content.team.people if p.active]
    return active[:1]


def draft_session(content: Content, day: dt.date, slug: str = DEFAULT_SLUG) -> SessionDraft | None:
    """The scaffold of the session on ``day``; None when team.yaml names nobody."""
    past = before(content, day)
    people = past.people
    if not people:
        return None
    leads = facilitators(past)
    taker = next_minute_taker(past)
    if taker not in people:
        taker = leads[0] if leads else next(iter(people))
    sessions = past.sessions_by_date()
    if sessions:
        earlier = [p for p in sessions[-1].model.attendees if p in people and people[p].active]
    else:
        earlier = [p.id for p in past.team.people if p.active]
    follow_up = [
        FollowUpDraft(e.gid, e.status, _hint(e.action.owner, e.action.due, e.action.what))
        for e in build_ledger(past, day)
        if e.is_open
    ]
    return SessionDraft(
        date=day,
        title=f"Week {day.isocalendar().week} handover",
        facilitators=leads or [taker],
        minute_taker=taker,
        attendees=_unique([*leads, *earlier, taker]),
        follow_up=follow_up,
        slug=slug,
    )


def playbook_owner(content: Content) -> str | None:
    """A real default owner: the Sales lead, else the first active Sales person, else anyone."""
    people = content.people
    sales = [t for t in content.team.teams if "sales" in f"{t.id} {t.name}".casefold()]
    for team in sales:
        if team.lead in people:
            return team.lead
    for person in content.team.people:
        if person.active and any(person.team == t.id for t in sales):
            return person.id
    active = [p.id for p in content.team.people if p.active]
    return active[0] if active else next(iter(people), None)


def playbook_name(playbook_id: str) -> str:
    """A readable default name from the id: 'call-centre-saas' -> 'Call centre saas'."""
    return playbook_id.replace("-", " ").capitalize()
