"""All derived facts of a root, computed once and handed to the renderer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from generator.content import Content, Directory, PlaybookDoc, SessionDoc
from generator.derive import first_contact, leads, tags
from generator.derive.agenda import TeamTime, team_times
from generator.derive.debrief import Debrief, all_debriefs
from generator.derive.first_contact import AssignedLeads, FirstContact
from generator.derive.ledger import Entry, build_ledger, sort_for_board
from generator.derive.ledger import by_session as entries_by_session
from generator.derive.mql import MqlChanges, MqlTimeline, timeline
from generator.derive.mql import history as mql_history
from generator.derive.rotation import next_minute_taker, rotation_order, sessions_until_turn
from generator.derive.schedule import Scheduled, schedule
from generator.models import LeadGroup, Person, RaciRow
from generator.policies import TEAM_ROLE_SESSIONS, YOUR_LEADS_SESSIONS, Policies


@dataclass(frozen=True)
class Held:
    role: str  # R, A, C or I
    via: str | None = None  # the team through which the person holds the role


@dataclass(frozen=True)
class RaciRole:
    """One RACI row of a session, with every role the person holds in it."""

    session: SessionDoc
    activity: str
    held: tuple[Held, ...]  # in R, A, C, I order


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

    # What the pages show, derived here so that render reads only Facts.

    @staticmethod
    def board(entries: Iterable[Entry]) -> list[Entry]:
        """Entries in the actions board's order (derive.ledger.sort_for_board)."""
        return sort_for_board(list(entries))

    @cached_property
    def mql_changes(self) -> dict[dt.date, MqlChanges]:
        """For every MQL version but the first: what changed from the one before."""
        return mql_history(self.content.mql)

    def agenda_times(self, session: SessionDoc) -> list[TeamTime]:
        """Each team's minutes in the session's agenda, against the policy's time box."""
        items = ((item.team, item.minutes) for item in session.model.agenda)
        return team_times(items, self.policies.time_box_minutes)

    def sessions_until_turn(self, person: str) -> int | None:
        """How many sessions pass before ``person`` takes the minutes (0: the next one)."""
        return sessions_until_turn(self.rotation, self.next_minute_taker, person)

    @cached_property
    def channels(self) -> list[str]:
        """Every channel, in order of first appearance."""
        return leads.channel_order(self.content.sessions)

    def rings(self, session: SessionDoc, order: Sequence[str]) -> list[leads.RingLeads]:
        return leads.by_ring(session.model.leads, order)

    @cached_property
    def leads_by_week(self) -> leads.LeadsTable:
        return leads.by_week(self.content.sessions)

    @cached_property
    def leads_by_year(self) -> leads.LeadsTable:
        return leads.by_year(self.content.sessions)

    def leads_before(self, first: dt.date) -> bool:
        """Whether a session falls in a week before ``first`` (a Monday)."""
        return any(leads.monday(s.model.date) < first for s in self.content.sessions)

    def session_tags(self, session: SessionDoc) -> list[str]:
        return tags.session_tags(session, self.content)

    def playbook_tags(self, playbook: PlaybookDoc) -> list[str]:
        return tags.playbook_tags(playbook)

    def person_tags(self, person: Person) -> list[str]:
        return tags.person_tags(person, self.content)

    def raci_roles(self, party: str, team: str | None = None) -> list[RaciRole]:
        """The roles ``party`` holds, newest session first; with ``team``, also those
        held through that team in the latest TEAM_ROLE_SESSIONS sessions (a team is in
        most rows: listing them all would bury the person's own roles). A person named
        in their own right is not listed twice. Only the rows that name the party or
        the team are looked at (``_raci_rows``), not every row for every person."""
        index = self._raci_rows
        rows = {found[0]: found for found in index.get(party, ())}
        if team is not None:
            for found in index.get(team, ()):
                if found[1] >= TEAM_ROLE_SESSIONS:
                    break
                rows.setdefault(found[0], found)
        roles: list[RaciRole] = []
        for place in sorted(rows):
            _, number, session, row = rows[place]
            through = team if number < TEAM_ROLE_SESSIONS else None
            held: list[Held] = []
            for letter, members in row.roles():
                if party in members:
                    held.append(Held(letter))
                elif through is not None and through in members:
                    held.append(Held(letter, via=through))
            if held:
                roles.append(RaciRole(session, row.activity, tuple(held)))
        return roles

    @cached_property
    def _raci_rows(self) -> dict[str, list[tuple[int, int, SessionDoc, RaciRow]]]:
        """Each party named in a RACI row: (place of the row, newest session first;
        number of its session in that order; the session; the row), in that order."""
        index: dict[str, list[tuple[int, int, SessionDoc, RaciRow]]] = {}
        place = 0
        for number, session in enumerate(self.sessions_newest):
            for row in session.model.raci:
                for party in row.named():
                    index.setdefault(party, []).append((place, number, session, row))
                place += 1
        return index

    @cached_property
    def playbooks(self) -> dict[str, PlaybookDoc]:
        return {p.id: p for p in self.content.playbooks}

    def leads_of(self, person: str) -> list[AssignedLeads]:
        """The lead groups assigned to ``person`` in the latest YOUR_LEADS_SESSIONS
        sessions, newest first, each with the first-contact rule that applies."""
        latest = self.sessions_newest[:YOUR_LEADS_SESSIONS]
        return first_contact.assigned(person, latest, self.content.mql, self.playbooks)

    def lead_rule(self, session: SessionDoc, group: LeadGroup) -> FirstContact:
        """The first-contact rule of a lead group handed over in ``session``."""
        version = first_contact.in_force(self.content.mql, session.model.date)
        playbook = self.playbooks.get(group.playbook) if group.playbook else None
        return first_contact.first_contact(version, playbook)

    @cached_property
    def handoff(self) -> first_contact.Handoff:
        """Where leads change hands in the funnel, and the teams that receive them."""
        return first_contact.handoff(self.content)

    @cached_property
    def current_rules(self) -> list[FirstContact]:
        """Each playbook's tiers (by name) against the MQL definition in force today."""
        ordered = sorted(self.content.playbooks, key=lambda p: p.meta.name.casefold())
        return [first_contact.first_contact(self.mql.current, p) for p in ordered]


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
