"""All derived facts of a root, computed once and handed to the renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from generator.content import Content, Directory, SessionDoc
from generator.derive.debrief import Debrief, all_debriefs
from generator.derive.ledger import Entry, build_ledger
from generator.derive.ledger import by_session as entries_by_session
from generator.derive.mql import MqlTimeline, timeline
from generator.derive.rotation import next_minute_taker, rotation_order
from generator.derive.schedule import Scheduled, schedule
from generator.policies import TEAM_ROLE_SESSIONS, Policies


@dataclass(frozen=True)
class RaciRole:
    session: SessionDoc
    activity: str
    role: str
    via: str | None = None  # the team through which the person holds the role


@dataclass
class Facts:
    content: Content
    today: dt.date
    ledger: list[Entry]
    mql: MqlTimeline
    next_minute_taker: str | None
    rotation: list[str]
    schedules: dict[str, list[Scheduled]]
    by_gid: dict[str, Entry] = field(default_factory=dict)
    policies: Policies = field(default_factory=Policies)

    @cached_property
    def directory(self) -> Directory:
        """People and teams by id, and their names (built once)."""
        return Directory.of(self.content)

    @cached_property
    def stale_playbooks(self) -> frozenset[str]:
        """Ids of the playbooks whose review is older than the policy allows."""
        return frozenset(
            p.id
            for p in self.content.playbooks
            if self.policies.is_stale((self.today - p.meta.reviewed).days)
        )

    @cached_property
    def sessions_newest(self) -> list[SessionDoc]:
        return list(reversed(self.content.sessions_by_date()))

    @property
    def open_actions(self) -> list[Entry]:
        return [e for e in self.ledger if e.is_open]

    @property
    def overdue_actions(self) -> list[Entry]:
        return [e for e in self.ledger if e.overdue]

    @cached_property
    def debriefs(self) -> dict[str, list[Debrief]]:
        """Session id -> each team's debrief (derive.debrief), computed on first use."""
        return all_debriefs(self.content, self.ledger)

    @cached_property
    def by_session(self) -> dict[str, list[Entry]]:
        return entries_by_session(self.ledger)

    def actions_of(self, session: SessionDoc) -> list[Entry]:
        """The entries agreed in ``session``, in the ledger's order."""
        return list(self.by_session.get(session.id, []))

    def raci_roles(self, party: str, team: str | None = None) -> list[RaciRole]:
        """The roles ``party`` holds, newest session first; with ``team``, also those
        held through that team in the latest TEAM_ROLE_SESSIONS sessions (a team is in
        most rows: listing them all would bury the person's own roles). A person named
        in their own right is not listed twice."""
        roles: list[RaciRole] = []
        for number, session in enumerate(self.sessions_newest):
            through = team if number < TEAM_ROLE_SESSIONS else None
            for row in session.model.raci:
                for letter, members in row.roles():
                    if party in members:
                        roles.append(RaciRole(session, row.activity, letter))
                    elif through is not None and through in members:
                        roles.append(RaciRole(session, row.activity, letter, via=through))
        return roles


def derive(
    content: Content,
    today: dt.date,
    ledger: list[Entry] | None = None,
    policies: Policies | None = None,
) -> Facts:
    """Facts of a valid content root (no errors) as of ``today``; ``ledger``: the one
    validation built as of the same day, when there is one (it is not built twice)."""
    ledger = ledger if ledger is not None else build_ledger(content, today)
    return Facts(
        content=content,
        today=today,
        ledger=ledger,
        mql=timeline(content.mql, today),
        next_minute_taker=next_minute_taker(content),
        rotation=rotation_order(content),
        schedules={s.id: schedule(s.model.plan) for s in content.sessions},
        by_gid={e.gid: e for e in ledger},
        policies=policies or Policies(),
    )
