"""One spreadsheet per session, beside its minutes: sessions/<YYYY>/<id>/<id>.xlsx.

Sheets: Session (the fields of api/sessions.json), Actions (those of api/actions.json),
RACI (one row per activity, role and party), Plan (the schedule with its computed
dates, slack and critical path) and Leads. A column named like a field of the JSON
exports holds the same value, built from the same records (generator/render/records.py),
with dates as dates; a column of person or team ids is followed by their names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator import addresses
from generator.content import SessionDoc
from generator.derive.facts import Facts
from generator.derive.ledger import Entry
from generator.procs import fork_map
from generator.render.cache import DiskCache
from generator.render.records import ACTION_FIELDS, action_record, session_record
from generator.render.xlsx import Sheet, Value, workbook_bytes

SESSION_FIELDS = ("id", "date", "title", "url", "facilitators", "minute_taker", "attendees")
ROLES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
ACTIONS_HEADER = (*ACTION_FIELDS[:5], "owner_name", *ACTION_FIELDS[5:])
PLAN_HEADER = (
    "id",
    "task",
    "owner",
    "owner_name",
    "days",
    "after",
    "start",
    "end",
    "slack",
    "critical",
)
LEADS_HEADER = (
    "source",
    "channel",
    "count",
    "ring",
    "momentum",
    "playbook",
    "ready_by",
    "assigned_to",
)


def workbook_path(session: SessionDoc) -> str:
    return addresses.workbook(session.year, session.id)


class _Names:
    """Person and team names by id (an unknown id stands for itself)."""

    def __init__(self, facts: Facts) -> None:
        content = facts.content
        self.names = {t.id: t.name for t in content.team.teams}
        self.names.update({p.id: p.name for p in content.team.people})

    def __call__(self, ids: str | Iterable[str]) -> str:
        refs = [ids] if isinstance(ids, str) else list(ids)
        return ", ".join(self.names.get(ref, ref) for ref in refs)


def _joined(value: Value | list[str] | tuple[str, ...]) -> Value:
    """A list of ids as one cell, 'ana, ben' (an empty list as an empty cell); anything
    else as it is."""
    if isinstance(value, list | tuple):
        return ", ".join(value) or None
    return value


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _session_sheet(record: Mapping[str, Any], name: _Names) -> Sheet:
    people = {"facilitators", "minute_taker", "attendees"}
    rows: list[tuple[Value, ...]] = []
    for field in SESSION_FIELDS:
        value = _date(record[field]) if field == "date" else _joined(record[field])
        rows.append((field, value, name(record[field]) if field in people else None))
    rows.append(("leads_total", record["leads_total"], None))
    return Sheet("Session", ("field", "value", "names"), tuple(rows))


def _actions_sheet(entries: Sequence[Entry], site_url: str, name: _Names) -> Sheet:
    rows = []
    for entry in entries:
        record: dict[str, Any] = action_record(entry, site_url)
        record["due"] = _date(record["due"])
        record["owner_name"] = name(record["owner"])
        rows.append(tuple(record[field] for field in ACTIONS_HEADER))
    return Sheet("Actions", ACTIONS_HEADER, tuple(rows))


def _raci_sheet(session: SessionDoc, name: _Names) -> Sheet:
    rows: list[tuple[Value, ...]] = []
    for row in session.model.raci:
        for letter, parties in row.roles():
            rows.extend((row.activity, letter, ROLES[letter], p, name(p)) for p in parties)
    header = ("activity", "role", "role_name", "party", "party_name")
    return Sheet("RACI", header, tuple(rows))


def _plan_sheet(
    facts: Facts, record: Mapping[str, Any], session: SessionDoc, name: _Names
) -> Sheet:
    rows = []
    for task, scheduled in zip(record["plan"], facts.schedules[session.id], strict=True):
        row: dict[str, Any] = {**task, "start": _date(task["start"]), "end": _date(task["end"])}
        row.update(owner_name=name(task["owner"]), days=scheduled.days)
        row["after"] = _joined(scheduled.after)
        rows.append(tuple(row[field] for field in PLAN_HEADER))
    return Sheet("Plan", PLAN_HEADER, tuple(rows))


def _leads_sheet(session: SessionDoc) -> Sheet:
    rows = []
    for group in session.model.leads:
        row = group.model_dump(include=set(LEADS_HEADER))
        rows.append(tuple(_joined(row[field]) for field in LEADS_HEADER))
    return Sheet("Leads", LEADS_HEADER, tuple(rows))


def session_sheets(
    facts: Facts,
    session: SessionDoc,
    entries: Sequence[Entry],
    name: _Names,
    site_url: str = "",
) -> list[Sheet]:
    """The sheets of ``session``, whose actions are ``entries`` (from the ledger)."""
    record = session_record(session, facts.schedules[session.id], site_url)
    return [
        _session_sheet(record, name),
        _actions_sheet(entries, site_url, name),
        _raci_sheet(session, name),
        _plan_sheet(facts, record, session, name),
        _leads_sheet(session),
    ]


def session_workbook(facts: Facts, session: SessionDoc, site_url: str = "") -> bytes:
    """The session's workbook, dated to the build's today (reproducible)."""
    sheets = session_sheets(facts, session, facts.actions_of(session), _Names(facts), site_url)
    return workbook_bytes(sheets, session.title, facts.today)


def render_workbooks(
    facts: Facts, site_url: str = "", cache: DiskCache | None = None, spread: bool = True
) -> dict[str, bytes]:
    """Every session's workbook, by path (kept in ``cache`` between runs, when given);
    ``spread``: on every core (procs.fork_map), else in this process."""
    name = _Names(facts)

    def books(sessions: Sequence[SessionDoc]) -> list[bytes]:
        return [
            workbook_bytes(
                session_sheets(facts, s, facts.actions_of(s), name, site_url),
                s.title,
                facts.today,
                cache,
            )
            for s in sessions
        ]

    sessions = facts.content.sessions
    made = fork_map(books, sessions) if spread else books(sessions)
    return dict(zip(map(workbook_path, sessions), made, strict=True))
