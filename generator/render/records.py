"""The records of the contract's exports: one action, one session, one plan task.

api/actions.json, api/sessions.json, api/actions.csv and the session workbooks are all
made of these, so that they carry the same fields with the same values. Dates are ISO;
URLs are absolute when the configuration has a `site_url`, else directory URLs relative
to the site's root.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from generator.content import SessionDoc
from generator.derive.ledger import Entry
from generator.derive.schedule import Scheduled

ACTION_FIELDS = ("id", "session", "what", "team", "owner", "due", "status", "overdue", "url")


def absolute(site_url: str, path: str) -> str | None:
    return f"{site_url.rstrip('/')}/{path}" if site_url else None


def action_record(entry: Entry, site_url: str = "") -> dict[str, Any]:
    """One action as in api/actions.json (status is the effective one)."""
    return {
        "id": entry.gid,
        "session": entry.session.id,
        "what": entry.action.what,
        "team": entry.action.team,
        "owner": entry.action.owner,
        "due": entry.action.due.isoformat(),
        "status": entry.status,
        "overdue": entry.overdue,
        "url": absolute(site_url, entry.url) or entry.url,
    }


def task_record(task: Scheduled) -> dict[str, Any]:
    """One scheduled plan task as in the `plan` of api/sessions.json."""
    return {
        "id": task.id,
        "task": task.task,
        "owner": task.owner,
        "start": task.start.isoformat(),
        "end": task.end.isoformat(),
        "slack": task.slack,
        "critical": task.critical,
    }


def session_record(
    session: SessionDoc, plan: Sequence[Scheduled], site_url: str = ""
) -> dict[str, Any]:
    """One session as in api/sessions.json, with its scheduled plan."""
    model = session.model
    return {
        "id": session.id,
        "date": model.date.isoformat(),
        "title": session.title,
        "url": absolute(site_url, session.url) or session.url,
        "facilitators": list(model.facilitators),
        "minute_taker": model.minute_taker,
        "attendees": list(model.attendees),
        "leads_total": sum(group.count for group in model.leads),
        "plan": [task_record(task) for task in plan],
    }


def dump_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text kept as is, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
