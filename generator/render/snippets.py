"""The snippets every page shares: links to people and sessions, status badges, action tables.

They run for every cell of every table (a 2,000-session site calls them millions of
times), so they are Python rather than Jinja macros; ``_macros.md.j2`` re-exports them
under their old names, so templates import them as before. Each takes the calling
template's context (``people``, ``teams`` and the page's ``link``) and returns Markup:
record text goes through ``text.inline``/``text.cell`` exactly as ``{{ value }}`` would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from generator import addresses
from generator.render import html
from generator.render.text import cell, classname, day, inline


def _link(ctx: Context, target: str) -> str:
    return str(ctx["link"](target))


@jinja2.pass_context
def person(ctx: Context, id: str) -> Markup:
    """A person's name linked to their page; a team's name; else the id, as text."""
    found = ctx["people"].get(id)
    if found:
        return Markup(f"[{inline(found.name)}]({_link(ctx, addresses.person(str(id)))})")
    team_found = ctx["teams"].get(id)
    return inline(team_found.name if team_found else id)


@jinja2.pass_context
def party(ctx: Context, id: str) -> Markup:
    """A RACI party: a person as with ``person``, a team's name in bold."""
    if ctx["people"].get(id):
        return person(ctx, id)
    found = ctx["teams"].get(id)
    return Markup(f"**{inline(found.name)}**") if found else inline(id)


@jinja2.pass_context
def parties(ctx: Context, ids: Iterable[str]) -> Markup:
    return Markup(", ").join(party(ctx, id) for id in ids)


@jinja2.pass_context
def team(ctx: Context, id: str) -> Markup:
    found = ctx["teams"].get(id)
    return inline(found.name if found else id)


def status_badge(value: str) -> Markup:
    return Markup(f'<span class="ho-status ho-{classname(value)}">{inline(value)}</span>')


def status(entry: Any) -> Markup:
    """An entry's effective status, and how many days it is overdue."""
    badge = status_badge(entry.status)
    if entry.overdue:
        late = inline(entry.days_overdue)
        return Markup(f'{badge} <span class="ho-status ho-overdue">overdue {late}d</span>')
    return badge


@jinja2.pass_context
def session_link(ctx: Context, session: Any) -> Markup:
    return Markup(f"[{inline(session.title)}]({_link(ctx, session.page)})")


@jinja2.pass_context
def follow_ups(ctx: Context, entry: Any) -> Markup:
    """The follow-ups of an entry, oldest first, in one table cell."""
    parts = []
    for update in entry.updates:
        where = _link(ctx, update.session.page)
        when = day(update.session.model.date)
        part = f'<span class="ho-when">{status_badge(update.status)} [{when}]({where})</span>'
        if update.note:
            part += f": {cell(update.note)}"
        parts.append(part)
    return Markup("<br>".join(parts))


@jinja2.pass_context
def actions_table(
    ctx: Context,
    entries: Iterable[Any],
    show_team: bool = True,
    show_owner: bool = True,
    progress: bool = False,
    searched: bool = True,
) -> Markup:
    """A table of ledger entries, as HTML (html.py). ``show_team``/``show_owner``: show those
    columns (off where the page is already about one owner); ``progress``: the follow-ups
    of each action; ``searched``: in the search index (see the template)."""
    return html.block(
        ctx,
        "actions_table.html.j2",
        entries=entries,
        show_team=show_team,
        show_owner=show_owner,
        progress=progress,
        searched=searched,
    )


SNIPPETS = {
    "person": person,
    "party": party,
    "parties": parties,
    "team": team,
    "status_badge": status_badge,
    "status": status,
    "session_link": session_link,
    "follow_ups": follow_ups,
    "actions_table": actions_table,
}
