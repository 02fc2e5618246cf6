"""Rules within and between session files: file name and date, minute-taker, action
ids, plan, follow-ups.

They are judged on each file's raw data, like the refs in ``rules.REF_PATHS``, so that
one bad field (a typo, ``days: 0``) does not hide them. Each rule looks only at the
fields it needs and skips a field that cannot be read: that field's own error is
reported by the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.content import Content, stem
from generator.derive.schedule import plan_problems
from generator.diagnostics import Collector, did_you_mean
from generator.loader import Loc, Source
from generator.models import PlanTask, as_date

# Stands in for a `start` that is given but invalid: it is reported as invalid, so it
# must not also be reported as missing.
_GIVEN = dt.date(2000, 1, 3)


@dataclass(frozen=True)
class RawSession:
    """What the rules need of one session file, as far as it can be read."""

    id: str
    src: Source
    data: dict[str, Any]
    date: dt.date | None
    action_ids: list[str | None] | None  # None: the actions cannot be read

    @property
    def known_action_ids(self) -> list[str]:
        return [a for a in self.action_ids or [] if a is not None]


def _action_ids(actions: Any) -> list[str | None] | None:
    """Local action ids with the contract's defaults a1, a2...; None where unreadable."""
    if actions is None:
        return []
    if not isinstance(actions, list):
        return None
    ids: list[str | None] = []
    for i, item in enumerate(actions, start=1):
        given = item.get("id") if isinstance(item, dict) else None
        if isinstance(item, dict) and (given is None or given == ""):
            ids.append(f"a{i}")
        else:
            ids.append(given if isinstance(given, str) else None)
    return ids


def raw_sessions(content: Content) -> list[RawSession]:
    """Every session file that could be parsed into a mapping, in path order."""
    found = []
    for src in sorted(content.sources.values(), key=lambda s: s.path):
        if src.kind == "session" and src.ok and isinstance(src.data, dict):
            data = src.data
            found.append(
                RawSession(
                    stem(src.path),
                    src,
                    data,
                    as_date(data.get("date")),
                    _action_ids(data.get("actions")),
                )
            )
    return found


def check_sessions(content: Content, diags: Collector) -> None:
    _unique_ids(content, diags)
    sessions = raw_sessions(content)
    for session in sessions:
        _file_name(session, diags)
        _minute_taker(session, diags)
        _unique_actions(session, diags)
        _plan(session, diags)
    by_id: dict[str, RawSession] = {}
    for session in sessions:
        by_id.setdefault(session.id, session)
    known = {stem(s.path) for s in content.sources.values() if s.kind == "session"}
    for session in sessions:
        _follow_ups(session, by_id, known, diags)


def _unique_ids(content: Content, diags: Collector) -> None:
    """One file per session id: 2026-11-16-weekly.yaml and .yml would both be that id."""
    first: dict[str, str] = {}
    paths = sorted(s.path for s in content.sources.values() if s.kind == "session")
    for path in paths:
        session_id = stem(path)
        if session_id in first:
            diags.error(
                path, 1, 1, f"duplicate session id '{session_id}' (also in {first[session_id]})"
            )
        first.setdefault(session_id, path)


def _error(session: RawSession, loc: Loc, message: str, diags: Collector) -> None:
    line, col = session.src.pos.at(loc)
    diags.error(session.src.path, line, col, message)


def _file_name(session: RawSession, diags: Collector) -> None:
    if session.date is None:
        return
    date_text = session.date.isoformat()
    year = f"{session.date.year:04d}"
    if not session.id.startswith(date_text) or session.src.path.split("/")[1] != year:
        expected = f"sessions/{year}/{date_text}[-<slug>].yaml"
        _error(
            session,
            ("date",),
            f"date {date_text} does not match the file name and folder: expected {expected}",
            diags,
        )


def _minute_taker(session: RawSession, diags: Collector) -> None:
    taker, attendees = session.data.get("minute_taker"), session.data.get("attendees")
    if isinstance(taker, str) and isinstance(attendees, list) and taker not in attendees:
        _error(
            session,
            ("minute_taker",),
            f"minute-taker '{taker}' is not among the attendees",
            diags,
        )


def _unique_actions(session: RawSession, diags: Collector) -> None:
    seen: set[str] = set()
    for i, local_id in enumerate(session.action_ids or []):
        if local_id is None:
            continue
        if local_id in seen:
            _error(
                session,
                ("actions", i, "id"),
                f"duplicate action id '{local_id}' in this session",
                diags,
            )
        seen.add(local_id)


def _plan_tasks(plan: Any) -> Iterator[tuple[int, PlanTask]]:
    """(index, task) of every task whose id can be read; only id, after and start count."""
    for i, item in enumerate(plan if isinstance(plan, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        after = item.get("after", [])
        start = as_date(item.get("start"))
        if item.get("start") is not None and start is None:
            start = _GIVEN
        if not (isinstance(after, list) and all(isinstance(a, str) for a in after)):
            after, start = [], start or _GIVEN  # an unreadable `after` is reported on its own
        yield (
            i,
            PlanTask.model_construct(
                id=item["id"], task="", owner="", days=1, after=after, start=start
            ),
        )


def _plan(session: RawSession, diags: Collector) -> None:
    indexed = list(_plan_tasks(session.data.get("plan")))
    for problem in plan_problems([task for _, task in indexed]):
        parts = (int(p) if p.isdigit() else p for p in problem.field.split("."))
        _error(session, ("plan", indexed[problem.index][0], *parts), problem.message, diags)


def _follow_ups(
    session: RawSession, by_id: dict[str, RawSession], known: set[str], diags: Collector
) -> None:
    follow_up = session.data.get("follow_up")
    for i, item in enumerate(follow_up if isinstance(follow_up, list) else []):
        action = item.get("action") if isinstance(item, dict) else None
        if not isinstance(action, str):
            continue
        loc: Loc = ("follow_up", i, "action")
        sid, _, aid = action.partition("/")
        if not aid:
            _error(session, loc, f"'{action}' must be <session id>/<action id>", diags)
            continue
        target = by_id.get(sid)
        if target is None:
            if sid not in known:  # a file that cannot be read is reported on its own
                _error(session, loc, f"unknown session '{sid}'{did_you_mean(sid, known)}", diags)
            continue
        if target.action_ids is None or None in target.action_ids:
            continue  # an action whose id cannot be read might be the one
        if aid not in target.known_action_ids:
            hint = did_you_mean(aid, target.known_action_ids)
            _error(session, loc, f"session '{sid}' has no action '{aid}'{hint}", diags)
        elif _not_earlier(target, session):
            _error(
                session,
                loc,
                f"'{action}' is not from an earlier session: follow up only earlier actions",
                diags,
            )


def _not_earlier(target: RawSession, session: RawSession) -> bool:
    if target.date is None or session.date is None:
        return False  # a date that cannot be read is reported on its own
    return (target.date, target.id) >= (session.date, session.id)
