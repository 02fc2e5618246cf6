"""The ledger in the terminal (`handover actions`): an aligned table, JSON or CSV.

JSON objects and CSV columns are those of api/actions.json.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from generator.derive.ledger import Entry
from generator.render.exports import actions_csv
from generator.render.records import action_record, dump_json

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def _plain(value: str) -> str:
    """One line of text that cannot move the cursor or colour the terminal."""
    return _UNPRINTABLE.sub(" ", value)


def as_json(entries: Sequence[Entry]) -> str:
    return dump_json([action_record(e) for e in entries])


def as_csv(entries: Sequence[Entry]) -> str:
    return actions_csv(entries)


HEADER = ("ID", "DUE", "STATUS", "LATE", "OWNER", "TEAM", "WHAT")
_RIGHT = {3}  # columns aligned right: days late


def _row(entry: Entry) -> tuple[str, ...]:
    action = entry.action
    late = f"{entry.days_overdue}d" if entry.overdue else ""
    return (
        entry.gid,
        action.due.isoformat(),
        entry.status,
        late,
        action.owner,
        action.team,
        action.what,
    )


def _line(row: tuple[str, ...], widths: list[int]) -> str:
    cells = [
        cell.rjust(width) if i in _RIGHT else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(row[:-1], widths, strict=True))
    ]
    return "  ".join([*cells, _plain(row[-1])])


def as_text(entries: Sequence[Entry], today: dt.date) -> str:
    """An aligned table, one action a line; the free text comes last so columns stay put."""
    if not entries:
        return f"No actions match (as of {today.isoformat()}).\n"
    rows = [HEADER, *(_row(e) for e in entries)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER) - 1)]
    open_count = sum(1 for e in entries if e.is_open)
    overdue = sum(1 for e in entries if e.overdue)
    summary = (
        f"{len(entries)} actions, {open_count} open, {overdue} overdue as of {today.isoformat()}"
    )
    return "\n".join([*(_line(row, widths) for row in rows), "", summary]) + "\n"


def render_actions(entries: Sequence[Entry], fmt: str, today: dt.date) -> str:
    if fmt == "json":
        return as_json(entries)
    if fmt == "csv":
        return as_csv(entries)
    return as_text(entries, today)
