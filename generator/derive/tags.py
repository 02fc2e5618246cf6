"""The tags of sessions, playbooks and people, for the site's tag index.

A session is tagged with the channels of its leads, its own tags and the teams
involved (those of its attendees and of its actions); a playbook with its tags and its
client; a person with their team. Team ids become team names. Tags that differ only
in case or spacing are one tag (the first spelling wins).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.content import Content, PlaybookDoc, SessionDoc
from generator.models import Person


def unique(tags: Iterable[str]) -> list[str]:
    """Tags in first-seen order, blanks dropped, one per case-insensitive spelling."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        clean = " ".join(str(tag).split())
        key = clean.casefold()
        if clean and key not in seen:
            seen.add(key)
            out.append(clean)
    return out


def _team_name(content: Content, team_id: str) -> str:
    team = content.teams.get(team_id)
    return team.name if team else team_id


def session_tags(session: SessionDoc, content: Content) -> list[str]:
    model = session.model
    people = content.people
    team_ids = [people[p].team for p in model.attendees if p in people]
    team_ids += [a.team for a in model.actions]
    return unique(
        [
            *(g.channel for g in model.leads),
            *model.tags,
            *(_team_name(content, t) for t in team_ids),
        ]
    )


def playbook_tags(playbook: PlaybookDoc) -> list[str]:
    return unique([*playbook.meta.tags, playbook.meta.client])


def person_tags(person: Person, content: Content) -> list[str]:
    return unique([_team_name(content, person.team)])
