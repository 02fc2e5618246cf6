"""The pages built on the action ledger: /actions/ (the open ones), /actions/<YYYY>/ (those
closed that year), /people/ and /people/<id>/."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import groupby
from typing import Any

from generator import addresses as at
from generator.content import SessionDoc
from generator.derive.facts import Facts
from generator.derive.ledger import Entry
from generator.models import Person
from generator.policies import BOARD_LISTED, LISTED, TEAM_ROLE_SESSIONS, YOUR_LEADS_SESSIONS

PageFn = Callable[..., Any]
Groups = list[tuple[str, list[tuple[str, list[Entry]]]]]


def by_team_and_owner(entries: list[Entry], facts: Facts) -> Groups:
    """Entries grouped by team (team.yaml order), then owner (by name), board order inside."""
    team_rank = {t.id: i for i, t in enumerate(facts.content.team.teams)}
    people = facts.content.people

    def owner_name(entry: Entry) -> str:
        person = people.get(entry.action.owner)
        return person.name.casefold() if person else entry.action.owner

    ordered = sorted(
        entries,
        key=lambda e: (team_rank.get(e.action.team, len(team_rank)), e.action.team, owner_name(e)),
    )
    groups: Groups = []
    for team_id, team_group in groupby(ordered, key=lambda e: e.action.team):
        owners = [
            (owner, Facts.board(group))
            for owner, group in groupby(team_group, key=lambda e: e.action.owner)
        ]
        groups.append((team_id, owners))
    return groups


def overdue_by_owner(entries: list[Entry]) -> list[tuple[str, int]]:
    """(owner, number of overdue actions), most first."""
    counts = Counter(e.action.owner for e in entries if e.overdue)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def closed_year(entry: Entry) -> str:
    """The year an action was closed: that of the session that set its last status, or of
    the session that agreed it, if it was recorded done or dropped."""
    return entry.updates[-1].session.year if entry.updates else entry.session.year


def closed_by_year(facts: Facts) -> list[tuple[str, list[Entry]]]:
    """The done and dropped actions by the year they were closed, newest year first, each
    year's newest session first."""
    years: dict[str, list[Entry]] = {}
    for entry in reversed(facts.ledger):
        if not entry.is_open:
            years.setdefault(closed_year(entry), []).append(entry)
    return sorted(years.items(), reverse=True)


def render_ledger_pages(facts: Facts, page: PageFn) -> None:
    open_entries = facts.open_actions
    closed = closed_by_year(facts)
    page(
        at.ACTIONS,
        "actions.md.j2",
        open=open_entries,
        overdue=facts.overdue_actions,
        overdue_owners=overdue_by_owner(open_entries),
        open_by_team=by_team_and_owner(open_entries, facts),
        closed_years=[(year, len(entries)) for year, entries in closed],
        board_listed=BOARD_LISTED,
        calendars={"all": at.ALL_CALENDAR},
        feed=at.FEED,
        actions_json=at.ACTIONS_JSON,
        actions_csv=at.ACTIONS_CSV,
    )
    for year, entries in closed:
        page(at.actions_year(year), "actions_year.md.j2", year=year, closed=entries)
    content = facts.content
    open_counts = Counter(e.action.owner for e in open_entries)
    members = {t.id: [p for p in content.team.people if p.team == t.id] for t in content.team.teams}
    page(
        at.PEOPLE,
        "people_index.md.j2",
        team_list=content.team.teams,
        members=members,
        open_counts=open_counts,
    )
    by_person = _ByPerson(facts)
    for person in content.team.people:
        _person_page(facts, person, page, by_person)


def _ahead(rotation: list[str], next_taker: str | None, count: int) -> list[str]:
    """The people who take the minutes before the next ``count`` sessions are done."""
    if next_taker is None or next_taker not in rotation:
        return []
    start = rotation.index(next_taker)
    return [rotation[(start + i) % len(rotation)] for i in range(count)]


class _ByPerson:
    """Each person's actions (ledger order), and the sessions they attended and took the
    minutes of (newest first): sorted out in one pass over the ledger and the sessions,
    not one per person (40 people of 2,000 sessions read 120,000 records)."""

    def __init__(self, facts: Facts) -> None:
        self.owned: dict[str, list[Entry]] = defaultdict(list)
        self.attended: dict[str, list[SessionDoc]] = defaultdict(list)
        self.minuted: dict[str, list[SessionDoc]] = defaultdict(list)
        for entry in facts.ledger:
            self.owned[entry.action.owner].append(entry)
        for session in facts.sessions_newest:
            for who in dict.fromkeys(session.model.attendees):
                self.attended[who].append(session)
            self.minuted[session.model.minute_taker].append(session)


def _latest(items: list[Any], sessions_of: Callable[[Any], SessionDoc]) -> dict[str, Any]:
    """The items of the latest LISTED sessions (newest first), and how many are left out:
    a facilitator of every session would otherwise list thousands, on a page nobody reads
    that far down. The sessions pages list every session."""
    kept: list[Any] = []
    seen: set[str] = set()
    for item in items:
        sid = sessions_of(item).id
        if sid not in seen and len(seen) == LISTED:
            break
        seen.add(sid)
        kept.append(item)
    return {"items": kept, "more": len(items) - len(kept)}


def _person_page(facts: Facts, person: Person, page: PageFn, by_person: _ByPerson) -> None:
    mine = by_person.owned.get(person.id, [])
    next_turn = facts.sessions_until_turn(person.id)
    roles = facts.raci_roles(person.id, person.team if person.active else None)
    attended = by_person.attended.get(person.id, [])
    listed_roles = _latest(roles, lambda r: r.session)
    page(
        at.person(person.id),
        "person.md.j2",
        p=person,
        open=facts.board(e for e in mine if e.is_open),
        overdue_count=sum(1 for e in mine if e.overdue),
        other_teams=any(e.action.team != person.team for e in mine),
        closed=[e for e in reversed(mine) if not e.is_open],
        roles=listed_roles,
        roles_via=any(h.via for r in listed_roles["items"] for h in r.held),
        leads=facts.leads_of(person.id),
        leads_sessions=YOUR_LEADS_SESSIONS,
        sales_teams=facts.handoff.receiving,
        team_role_sessions=TEAM_ROLE_SESSIONS,
        turns=_latest(by_person.minuted.get(person.id, []), lambda s: s),
        attended=_latest(attended, lambda s: s),
        listed=LISTED,
        next_turn=next_turn,
        ahead=_ahead(facts.rotation, facts.next_minute_taker, next_turn or 0),
        rotation=facts.rotation,
        calendar=at.calendar(person.id),
    )
