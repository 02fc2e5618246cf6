"""The debrief of each team after a session (step 5): what the team lead tells the team.

For a session S and a team T, where T's *parties* are T itself and the people whose
``team`` is T:

- **own**: the actions of S whose ``team`` is T.
- **helping**: the actions of S of another team that involve T: their owner is one of
  T's people, or their owner is responsible (named in ``R``) for a RACI row of S in
  which one of T's parties holds any role (R, A, C or I). The RACI names people, not
  actions: every action of that owner in S counts.
- **raci**: the RACI rows of S in which one of T's parties holds a role: responsible
  (R), accountable (A), consulted (C) or informed (I).
- **leads**: the lead groups of S with one of T's people in ``assigned_to``.
- **carried**: T's actions from earlier sessions (by date, then id) that were still
  open, in progress or blocked once S's follow-ups were applied; due date first, at
  most CARRIED_SHOWN of them, with the total.

A team has a debrief in S when it has own or helping actions there, leads handed to
it, or one of its parties holds any RACI role there. Teams come in team.yaml order.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from generator import addresses
from generator.content import Content, SessionDoc
from generator.derive.ledger import Entry, by_session
from generator.models import LeadGroup, RaciRow
from generator.policies import CARRIED_SHOWN  # the earliest due; /actions/ lists all
from generator.vocabulary import OPEN_STATUSES


@dataclass(frozen=True)
class RaciHelp:
    """A RACI row of the session seen by one team: who does it, and the team's part in it."""

    activity: str
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...]  # the team's parties among C
    informed: tuple[str, ...]  # the team's parties among I
    part: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, the team's parties), R A C I


@dataclass(frozen=True)
class Debrief:
    session: SessionDoc
    team: str
    own: tuple[Entry, ...] = ()
    helping: tuple[Entry, ...] = ()
    raci: tuple[RaciHelp, ...] = ()
    leads: tuple[LeadGroup, ...] = ()
    carried: tuple[Entry, ...] = ()  # the first CARRIED_SHOWN, due date first
    carried_total: int = 0

    @property
    def path(self) -> str:
        """The standalone page, as a docs path."""
        return addresses.debrief(self.session.year, self.session.id, self.team)

    @property
    def url(self) -> str:
        return addresses.url(self.path)

    @property
    def redirect(self) -> str:
        """The redirect that answers ``url`` when the debrief has no page of its own."""
        return addresses.redirect(self.path)


def team_parties(content: Content, team: str) -> frozenset[str]:
    """The team itself and its people (active or not)."""
    return frozenset({team, *(p.id for p in content.team.people if p.team == team)})


def _named(row: RaciRow) -> set[str]:
    return row.named()


def involves(entry: Entry, parties: frozenset[str], rows: Sequence[RaciRow]) -> bool:
    """Whether another team's action involves the team with these parties (see module)."""
    owner = entry.action.owner
    if owner in parties:
        return True
    return any(owner in row.R and _named(row) & parties for row in rows)


def raci_help(rows: Sequence[RaciRow], parties: frozenset[str]) -> list[RaciHelp]:
    """The rows in which one of the team's parties holds any role, in session order."""
    found = []
    for row in rows:
        part = tuple(
            (letter, ours)
            for letter, members in row.roles()
            if (ours := tuple(p for p in members if p in parties))
        )
        if part:
            consulted = tuple(p for p in row.C if p in parties)
            informed = tuple(p for p in row.I if p in parties)
            found.append(RaciHelp(row.activity, tuple(row.R), row.A, consulted, informed, part))
    return found


def session_debrief(
    session: SessionDoc, team: str, parties: frozenset[str], entries: Sequence[Entry]
) -> Debrief | None:
    """The team's debrief of the session without carried-over actions; None when the
    team has no part in it."""
    rows = session.model.raci
    own = tuple(e for e in entries if e.action.team == team)
    helping = tuple(e for e in entries if e.action.team != team and involves(e, parties, rows))
    leads = tuple(g for g in session.model.leads if parties.intersection(g.assigned_to))
    has_role = any(_named(row) & parties for row in rows)
    if not (own or helping or leads or has_role):
        return None
    return Debrief(session, team, own, helping, tuple(raci_help(rows, parties)), leads)


@dataclass
class _OpenActions:
    """One team's open actions during the sweep, kept sorted by (due, gid)."""

    keys: list[tuple[str, str]] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)

    def set(self, entry: Entry, status: str) -> None:
        key = (entry.action.due.isoformat(), entry.gid)
        if status in OPEN_STATUSES and entry.gid not in self.entries:
            bisect.insort(self.keys, key)
            self.entries[entry.gid] = entry
        elif status not in OPEN_STATUSES and self.entries.pop(entry.gid, None) is not None:
            del self.keys[bisect.bisect_left(self.keys, key)]

    def first(self, count: int) -> tuple[Entry, ...]:
        return tuple(self.entries[gid] for _, gid in self.keys[:count])


def all_debriefs(content: Content, ledger: Iterable[Entry]) -> dict[str, list[Debrief]]:
    """Session id -> the debriefs of the teams that have a part in it (team.yaml order).

    One sweep through the sessions in date order keeps each team's open actions, so
    that the carried-over actions of every session cost no more than its follow-ups.
    """
    ledger = list(ledger)
    agreed_in = by_session(ledger)
    by_gid = {entry.gid: entry for entry in ledger}
    parties = {t.id: team_parties(content, t.id) for t in content.team.teams}
    open_now: dict[str, _OpenActions] = {}
    result: dict[str, list[Debrief]] = {}
    for session in content.sessions_by_date():
        for follow in session.model.follow_up:
            target = by_gid.get(follow.action)
            if target is not None:
                open_now.setdefault(target.action.team, _OpenActions()).set(target, follow.status)
        entries = agreed_in.get(session.id, [])
        result[session.id] = [
            _with_carried(debrief, open_now.get(debrief.team))
            for team, members in parties.items()
            if (debrief := session_debrief(session, team, members, entries)) is not None
        ]
        for entry in entries:
            open_now.setdefault(entry.action.team, _OpenActions()).set(entry, entry.action.status)
    return result


def _with_carried(debrief: Debrief, carried: _OpenActions | None) -> Debrief:
    if carried is None:
        return debrief
    return replace(
        debrief, carried=carried.first(CARRIED_SHOWN), carried_total=len(carried.entries)
    )
