"""Exports for other tools: the ledger and the sessions as JSON, the ledger as CSV, a
workbook per session (.xlsx), calendars of open actions (ICS) and the Atom feed, as
{path: text or bytes} beside the pages.

The JSON objects carry exactly the fields of the content contract ("Site
addresses"), made by generator/render/records.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit

from generator import addresses as at
from generator.derive.facts import Facts
from generator.derive.ledger import Entry
from generator.render import ical
from generator.render.cache import DiskCache
from generator.render.feed import render_feed
from generator.render.records import (
    ACTION_FIELDS,
    absolute,
    action_record,
    dump_json,
    session_record,
)
from generator.render.session_workbook import render_workbooks
from generator.render.spreadsheet import csv_text

# The export files' addresses (addresses.py), by the names they had here.
ACTIONS_JSON, ACTIONS_CSV, SESSIONS_JSON = at.ACTIONS_JSON, at.ACTIONS_CSV, at.SESSIONS_JSON
ALL_CALENDAR, FEED = at.ALL_CALENDAR, at.FEED
person_calendar = at.calendar


def actions_csv(entries: Sequence[Entry], site_url: str = "") -> str:
    """The actions as CSV: the columns and values of api/actions.json, in its order."""
    return csv_text(ACTION_FIELDS, (action_record(e, site_url) for e in entries))


def uid_domain(site_url: str) -> str:
    """The right-hand side of event UIDs: the site's host, so that two sites' calendars
    never share a UID; 'handover' when the site has no `site_url`."""
    return urlsplit(site_url).hostname or "handover" if site_url else "handover"


def _event(entry: Entry, facts: Facts, site_url: str) -> ical.Event:
    owner = facts.directory.person(entry.action.owner)
    team = facts.directory.team(entry.action.team)
    status = f"{entry.status}, overdue" if entry.overdue else entry.status
    lines = [
        f"Owner: {owner}",
        f"Team: {team}",
        f"Status: {status}",
        f"Agreed in: {entry.session.title} ({entry.session.model.date.isoformat()})",
    ]
    if entry.updates:
        last = entry.updates[-1]
        note = f": {last.note}" if last.note else ""
        lines.append(f"Last follow-up: {last.session.title}, {last.status}{note}")
    lines.append(f"Action {entry.gid}")
    return ical.Event(
        uid=f"{entry.session.id}.{entry.local_id}@{uid_domain(site_url)}",
        day=entry.action.due,
        summary=entry.action.what,
        description="\n".join(lines),
        url=absolute(site_url, entry.url),
    )


def calendars(facts: Facts, site_name: str, site_url: str = "") -> dict[str, str]:
    """One calendar of every open action, and one per person (empty when nothing is open)."""
    open_entries = sorted(facts.open_actions, key=lambda e: (e.action.due, e.gid))
    events = {e.gid: _event(e, facts, site_url) for e in open_entries}
    out = {
        ALL_CALENDAR: ical.calendar(
            f"{site_name}: open actions", list(events.values()), facts.today
        )
    }
    for person in facts.content.team.people:
        mine = [events[e.gid] for e in open_entries if e.action.owner == person.id]
        name = f"{site_name}: open actions of {person.name}"
        out[person_calendar(person.id)] = ical.calendar(name, mine, facts.today)
    return out


def render_exports(
    facts: Facts,
    site_name: str,
    site_url: str = "",
    cache: DiskCache | None = None,
    workbooks: Callable[[], Mapping[str, bytes]] | None = None,
) -> dict[str, str | bytes]:
    """Every export file of the site, keyed by its path in the docs tree; the workbooks
    kept in ``cache`` between runs, when given, or given by ``workbooks`` (made meanwhile,
    see render/pages.py)."""
    out = data_exports(facts, site_name, site_url)
    out.update(workbooks() if workbooks else render_workbooks(facts, site_url, cache))
    return out


def data_exports(facts: Facts, site_name: str, site_url: str = "") -> dict[str, str | bytes]:
    """The exports but the workbooks: the actions and sessions as data, the feed and
    the calendars."""
    sessions = facts.content.sessions_by_date()
    out: dict[str, str | bytes] = {
        ACTIONS_JSON: dump_json([action_record(e, site_url) for e in facts.ledger]),
        ACTIONS_CSV: actions_csv(facts.ledger, site_url),
        SESSIONS_JSON: dump_json(
            [session_record(s, facts.schedules[s.id], site_url) for s in sessions]
        ),
        FEED: render_feed(facts, site_name, site_url),
    }
    out.update(calendars(facts, site_name, site_url))
    return out
