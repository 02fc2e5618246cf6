"""What the site search knows beyond a page's words: the filters each page carries (kind,
team, year, client, tag), and the anchor of each action's row.

The filters are written into the page by the templates (``_page_end.md.j2``) as
Pagefind's ``data-pagefind-filter`` attributes, so any engine that builds the exported
tree and runs Pagefind gets them. Actions are not pages: each is a row of its session's
table that starts with an anchor (``action_anchor``); the search box opens the row that
holds the words it matched (assets/search.js). A session that agreed actions is of the
kinds ``session`` and ``action``, so the kind filter "action" finds it.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from generator.content import Content, PlaybookDoc, SessionDoc
from generator.models import Person

# The kinds of thing a reader looks for, as the filter shows them.
SESSION, ACTION, PLAYBOOK, PERSON, DEFINITION = (
    "session",
    "action",
    "playbook",
    "person",
    "definition",
)
# Pages of the shared understanding, besides the maintainers' free pages.
DEFINITIONS = ("mql.md", "funnel.md", "glossary.md")

Filters = dict[str, list[str]]


def action_anchor(local_id: str) -> str:
    """The id of an action's row in its session's table of actions."""
    return f"action-{local_id}"


def _team_name(content: Content, team_id: str) -> str:
    team = content.teams.get(team_id)
    return team.name if team else team_id


def _distinct(values: Iterable[str]) -> list[str]:
    """Values in first-seen order, blanks dropped, one per case-insensitive spelling (as
    the tags are counted)."""
    seen: dict[str, str] = {}
    for value in values:
        clean = " ".join(str(value).split())
        if clean:
            seen.setdefault(clean.casefold(), clean)
    return list(seen.values())


def _filters(kind: str | list[str], **values: Iterable[str]) -> Filters:
    out: Filters = {"kind": [kind] if isinstance(kind, str) else kind}
    for name, given in values.items():
        kept = _distinct(given)
        if kept:
            out[name] = kept
    return out


def session_filters(session: SessionDoc, content: Content) -> Filters:
    model = session.model
    people = content.people
    teams = [people[p].team for p in model.attendees if p in people]
    teams += [a.team for a in model.actions]
    playbooks = {p.id: p for p in content.playbooks}
    clients = [playbooks[g.playbook].meta.client for g in model.leads if g.playbook in playbooks]
    return _filters(
        [SESSION, ACTION] if model.actions else SESSION,
        team=(_team_name(content, t) for t in teams),
        year=[session.year],
        client=clients,
        tag=[*(g.channel for g in model.leads), *model.tags],
    )


def playbook_filters(playbook: PlaybookDoc, content: Content) -> Filters:
    owner = content.people.get(playbook.meta.owner)
    return _filters(
        PLAYBOOK,
        team=[_team_name(content, owner.team)] if owner else [],
        year=[f"{playbook.meta.reviewed.year:04d}"],
        client=[playbook.meta.client],
        tag=playbook.meta.tags,
    )


def person_filters(person: Person, content: Content) -> Filters:
    return _filters(PERSON, team=[_team_name(content, person.team)])


def page_filters(content: Content) -> dict[str, Filters]:
    """Docs path -> the search filters of that page; pages not listed have none."""
    out: dict[str, Filters] = {}
    for s in content.sessions:
        out[f"sessions/{s.year}/{s.id}.md"] = session_filters(s, content)
    for p in content.playbooks:
        out[f"playbooks/{p.id}.md"] = playbook_filters(p, content)
    for person in content.team.people:
        out[f"people/{person.id}.md"] = person_filters(person, content)
    for path in DEFINITIONS:
        out[path] = _filters(DEFINITION)
    for page in content.pages:
        if page.id not in {"index", "start"}:
            out[f"{page.id}.md"] = _filters(DEFINITION)
    return out


def filter_attributes(filters: Filters | None) -> list[Markup]:
    """Each filter value as the text of a ``data-pagefind-filter`` attribute, HTML-escaped
    (Pagefind reads ``name:value``; a value may hold commas, as it comes last)."""
    return [
        escape(f"{name}:{value}") for name, values in (filters or {}).items() for value in values
    ]
