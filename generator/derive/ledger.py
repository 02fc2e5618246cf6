"""The action ledger: every action with its effective status across sessions.

An action's effective status is the status from the latest-dated session that
follows it up, else its own. It is overdue when still open, in progress or blocked
and its due date is before today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content import Content, SessionDoc
from generator.models import Action
from generator.vocabulary import OPEN_STATUSES, STATUSES


@dataclass(frozen=True)
class Update:
    """One follow-up of an action in a later session."""

    session: SessionDoc
    status: str
    note: str | None


@dataclass(frozen=True)
class Entry:
    gid: str
    local_id: str
    session: SessionDoc
    action: Action
    updates: tuple[Update, ...] = field(default_factory=tuple)
    today: dt.date = dt.date.min

    @property
    def status(self) -> str:
        return self.updates[-1].status if self.updates else self.action.status

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def overdue(self) -> bool:
        return self.is_open and self.action.due < self.today

    @property
    def days_overdue(self) -> int:
        return (self.today - self.action.due).days if self.overdue else 0

    @property
    def url(self) -> str:
        return self.session.url


def build_ledger(content: Content, today: dt.date) -> list[Entry]:
    """Every action of every session, oldest session first, follow-ups applied in date order."""
    sessions = content.sessions_by_date()
    updates: dict[str, list[Update]] = {}
    for session in sessions:
        for follow in session.model.follow_up:
            updates.setdefault(follow.action, []).append(
                Update(session=session, status=follow.status, note=follow.note)
            )
    entries: list[Entry] = []
    for session in sessions:
        for local_id, action in session.actions():
            gid = f"{session.id}/{local_id}"
            entries.append(
                Entry(
                    gid=gid,
                    local_id=local_id,
                    session=session,
                    action=action,
                    updates=tuple(updates.get(gid, [])),
                    today=today,
                )
            )
    return entries


def by_session(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Session id -> the entries agreed in it, in the given order."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.session.id, []).append(entry)
    return grouped


def select(
    entries: list[Entry],
    *,
    owner: str | None = None,
    team: str | None = None,
    overdue_only: bool = False,
) -> list[Entry]:
    """The entries of one owner and/or team, optionally only the overdue ones."""
    return [
        e
        for e in entries
        if (owner is None or e.action.owner == owner)
        and (team is None or e.action.team == team)
        and (e.overdue or not overdue_only)
    ]


def sort_for_board(entries: list[Entry]) -> list[Entry]:
    """Overdue first (most overdue first), then open, in progress, blocked; then the rest."""
    rank = {status: i for i, status in enumerate(STATUSES, start=1)}
    return sorted(
        entries,
        key=lambda e: (0 if e.overdue else rank[e.status], e.action.due, e.gid),
    )
