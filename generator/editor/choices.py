"""The form's choices and defaults, computed from the content on the build's today.

People are offered by name and stored by id; the open actions a session can follow up
are labelled with their owner and due date; the defaults of a new session are the ones
`handover new session` writes (the scaffold's own code computes them).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.authoring.draft import DEFAULT_SLUG, draft_session
from generator.derive.facts import Facts
from generator.derive.leads import channel_order
from generator.vocabulary import STATUSES

Option = dict[str, str]
WHAT_LENGTH = 70


@dataclass(frozen=True)
class Choices:
    """Every list of options the form offers, as Decap's select options."""

    people: list[Option]
    teams: list[Option]
    parties: list[Option]
    playbooks: list[Option]
    channels: list[Option]
    open_actions: list[Option]


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= WHAT_LENGTH else text[: WHAT_LENGTH - 3].rstrip() + "..."


def due_label(day: dt.date) -> str:
    """'20 Nov', or '20 Nov 2027' outside the build's year is not needed: ids carry it."""
    return f"{day.day} {day.strftime('%b')}"


def choices(facts: Facts) -> Choices:
    content = facts.content
    names = {p.id: p.name for p in content.team.people}
    people = [
        {"label": p.name if p.active else f"{p.name} (inactive)", "value": p.id}
        for p in content.team.people
    ]
    teams = [{"label": t.name, "value": t.id} for t in content.team.teams]
    open_actions = [
        {
            "label": f"{e.gid}: {_short(e.action.what)} "
            f"({names.get(e.action.owner, e.action.owner)}, due {due_label(e.action.due)})",
            "value": e.gid,
        }
        for e in facts.ledger
        if e.is_open
    ]
    return Choices(
        people=people,
        teams=teams,
        parties=[*people, *({"label": f"{t['label']} (team)", "value": t["value"]} for t in teams)],
        playbooks=[{"label": p.meta.name, "value": p.id} for p in content.playbooks],
        channels=[{"label": c, "value": c} for c in channel_order(content.sessions)],
        open_actions=open_actions,
    )


def statuses() -> list[Option]:
    return [{"label": s.replace("-", " ").capitalize(), "value": s} for s in STATUSES]


def session_defaults(facts: Facts) -> dict[str, Any]:
    """What a new session starts with in the form, as `handover new session` on today."""
    draft = draft_session(facts.content, facts.today)
    if draft is None:
        return {"date": facts.today.isoformat(), "slug": DEFAULT_SLUG}
    return {
        "date": draft.date.isoformat(),
        "slug": draft.slug,
        "title": draft.title,
        "facilitators": draft.facilitators,
        "minute_taker": draft.minute_taker,
        "attendees": draft.attendees,
        "follow_up": [{"action": f.action, "status": f.status} for f in draft.follow_up],
    }
