"""One team's debrief of a session, as HTML (generator/derive/debrief.py says what goes
where): its parts in the order and under the headings of DEBRIEF_PARTS
(render/debrief_pages.py). The session page shows them in a tab with bold labels
(site_templates/html/debrief_tabs.html.j2: headings would crowd its table of contents);
the team's own page under Markdown headings, one part per block (debrief_part.html.j2).

Written in Python rather than as a Jinja macro: a big site has a few debriefs per
session and some ten rows in each, and a macro's call and every cell's filter cost
several times what building the string does (issue 15). The markup is the one the
tables of render/html.py write; prose goes through ``gloss`` as record text does, so
the glossary's tooltips reach every word, as the page's abbreviations would give them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator import addresses, vocabulary
from generator.render.html import (
    action_anchor,
    glosser,
    parties,
    person,
    raci_badge,
    session_link,
    status,
    team,
    url,
)
from generator.render.text import contact_rule, day

Gloss = Callable[[object], Markup]

_ACTIONS_HEAD = ("#", "Action", "Team", "Owner", "Due", "Status now")
_LEADS_HEAD = (
    "Source",
    "Channel",
    "Leads",
    "Ring",
    "Playbook",
    "Ready by",
    "First contact",
    "Assigned to",
)
_CARRIED_HEAD = ("Action", "Owner", "Due", "Status now", "Agreed in")


def _say(g: Gloss, text: str, name: Markup | str = "") -> Markup:
    """Prose with ``{team}`` standing for the team's name (already HTML)."""
    return Markup(name).join([g(piece) for piece in text.split("{team}")])


@jinja2.pass_context
def heading(ctx: Context, label: str, d: Any) -> Markup:
    """A part's heading (DEBRIEF_PARTS) with the team's name in it."""
    return _say(_glosser(ctx), label, team(ctx, d.team))


def _glosser(ctx: Context) -> Gloss:
    return glosser(ctx.get("glossary_terms"))


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    """A table's lines: ``head``, its header cells (each a whole ``<th>``); ``rows``, the
    contents of each row's cells (HTML)."""
    out = ["<table>", "<thead>", "<tr>", *head, "</tr>", "</thead>", "<tbody>"]
    for cells in rows:
        out += ["<tr>", *(f"<td>{cell}</td>" for cell in cells), "</tr>"]
    out += ["</tbody>", "</table>"]
    return out


def _th(g: Gloss, names: Iterable[str]) -> list[str]:
    return [f"<th>{g(n)}</th>" for n in names]


def _when(value: Any) -> str:
    return f'<span class="ho-when">{day(value)}</span>'


def _actions(ctx: Context, g: Gloss, entries: Iterable[Any], show_team: bool) -> list[str]:
    names = _ACTIONS_HEAD if show_team else tuple(n for n in _ACTIONS_HEAD if n != "Team")

    def cells(e: Any) -> list[object]:
        action = e.action
        owner, due = person(ctx, action.owner), _when(action.due)
        if show_team:
            return [
                escape(e.local_id),
                g(action.what),
                team(ctx, action.team),
                owner,
                due,
                status(e),
            ]
        return [escape(e.local_id), g(action.what), owner, due, status(e)]

    return _table(_th(g, names), map(cells, entries))


def _none(g: Gloss, text: str, name: Markup) -> list[str]:
    return [f"<p><em>{_say(g, text, name)}</em></p>"]


def _helping(ctx: Context, g: Gloss, d: Any, name: Markup) -> list[str]:
    if d.helping:
        out = _actions(ctx, g, d.helping, True)
    else:
        out = _none(g, "No action of another team involves {team}.", name)
    if not d.raci:
        return out + _none(g, "{team} has no part in any activity of this session.", name)
    text = (
        "Activities in which {team} has a part: responsible (does the work), accountable"
        " (signs it off), consulted (asked before) or informed (told after):"
    )
    out.append(f"<p>{_say(g, text, name)}</p>")
    head = _th(g, ("Activity", "Part of {team}", "Responsible", "Accountable"))
    head[1] = f"<th>{_say(g, 'Part of {team}', name)}</th>"

    def cells(r: Any) -> list[object]:
        names = vocabulary.RACI_NAMES
        part = "; ".join(f"{g(names[letter])}: {parties(ctx, who)}" for letter, who in r.part)
        return [g(r.activity), part, parties(ctx, r.responsible), person(ctx, r.accountable)]

    return out + _table(head, map(cells, d.raci))


def _leads(ctx: Context, g: Gloss, d: Any, name: Markup) -> list[str]:
    if not d.leads:
        return _none(g, "No leads were handed to {team}.", name)
    lead_rule = ctx["lead_rule"]
    right = ' style="text-align: right;"'
    head = [f"<th{right if n == 'Leads' else ''}>{g(n)}</th>" for n in _LEADS_HEAD]
    out = ["<table>", "<thead>", "<tr>", *head, "</tr>", "</thead>", "<tbody>"]
    for group in d.leads:
        rule = lead_rule(d.session, group)
        book = rule.playbook
        if book:
            book = f'<a href="{escape(url(ctx, book.page))}">{g(book.meta.name)}</a>'
        out += [
            "<tr>",
            f"<td>{g(group.source)}</td>",
            f"<td>{g(group.channel)}</td>",
            f"<td{right}>{escape(group.count)}</td>",
            f"<td>{g(group.ring)}</td>",
            f"<td>{book or 'none'}</td>",
            f"<td>{day(group.ready_by)}</td>",
            f"<td>{g(contact_rule(rule))}</td>",
            f"<td>{parties(ctx, group.assigned_to)}</td>",
            "</tr>",
        ]
    out += ["</tbody>", "</table>"]
    first = _say(
        g, "First contact: the tighter of the MQL definition's time and the playbook tier's wins; "
    )
    arrives = escape(url(ctx, addresses.LEAD_ARRIVES))
    out.append(
        f'<p>{first}<a href="{arrives}">{g("When a lead arrives")}</a>{g(" has every tier.")}</p>'
    )
    return out


def _carried(ctx: Context, g: Gloss, d: Any, name: Markup) -> list[str]:
    if not d.carried:
        return _none(g, "{team} had no actions still open from earlier sessions.", name)
    shown = len(d.carried)
    if d.carried_total > shown:
        text = (
            "The %d due first of %d actions of {team} that were still open after this"
            " session; all of them are on the "
        )
        link = escape(url(ctx, addresses.ACTIONS))
        out = [
            f"<p>{_say(g, text % (shown, d.carried_total), name)}"
            f'<a href="{link}">{g("actions page")}</a>.</p>'
        ]
    else:
        text = (
            "The actions of {team} that were still open after this session, due first at the top."
        )
        out = [f"<p>{_say(g, text, name)}</p>"]

    def cells(e: Any) -> list[object]:
        action = e.action
        owner, due = person(ctx, action.owner), _when(action.due)
        return [g(action.what), owner, due, status(e), session_link(ctx, e.session)]

    return out + _table(_th(g, _CARRIED_HEAD), map(cells, d.carried))


@jinja2.pass_context
def part(ctx: Context, d: Any, key: str) -> Markup:
    """One part (``key`` of DEBRIEF_PARTS) of the team debrief ``d``, as lines of HTML;
    the page's ``lead_rule`` (a lead group's first-contact rule) writes the leads."""
    g = _glosser(ctx)
    name = team(ctx, d.team)
    if key == "own":
        if d.own:
            lines = _actions(ctx, g, d.own, False)
        else:
            lines = _none(g, "No actions for {team} in this session.", name)
    elif key == "helping":
        lines = _helping(ctx, g, d, name)
    elif key == "leads":
        lines = _leads(ctx, g, d, name)
    elif key == "carried":
        lines = _carried(ctx, g, d, name)
    else:
        lines = []
    return Markup("\n".join(lines))


@jinja2.pass_context
def team_parts(ctx: Context, parts: Iterable[Any]) -> Markup:
    """Each team's part in a session, in short, at the top of its page
    (site_templates/html/team_parts.html.j2 says what and why)."""
    out = ['<div class="ho-team-parts">']
    for part in parts:
        d = part.debrief
        who = escape(d.team)
        out += [
            f'<section class="ho-team-part" id="team-{who}" data-ho-team="{who}"'
            f' aria-labelledby="ho-part-{who}">',
            f'<p class="ho-team-part__head"><strong id="ho-part-{who}">{team(ctx, d.team)}</strong>'
            f' <a href="#debrief-per-team" data-ho-tab="{who}">Debrief</a></p>',
            '<p class="ho-team-part__what">Actions</p>',
        ]
        if d.own:
            out.append("<ul>")
            for e in d.own:
                action = e.action
                out.append(
                    f'<li>{status(e)} <a href="#{action_anchor(e.local_id)}">'
                    f"{escape(action.what)}</a>: {person(ctx, action.owner)}, due"
                    f" {_when(action.due)}</li>"
                )
            out.append("</ul>")
        else:
            out.append("<p>None of its own.</p>")
        if d.helping:
            n = len(d.helping)
            many = n > 1
            out.append(
                f"<p>And {n} action{'s' if many else ''} of"
                f" {'other teams' if many else 'another team'} that"
                f" involve{'' if many else 's'} it: see the debrief.</p>"
            )
        if d.leads:
            out += ['<p class="ho-team-part__what">Leads it receives</p>', "<ul>"]
            for g in d.leads:
                ready = f", ready by {_when(g.ready_by)}" if g.ready_by else ""
                out.append(
                    f"<li>{escape(g.count)} from {escape(g.source)}, {escape(g.ring)} ring"
                    f"{ready}: {parties(ctx, g.assigned_to)}</li>"
                )
            out.append("</ul>")
        if part.roles:
            out += ['<p class="ho-team-part__what">RACI roles</p>', "<ul>"]
            for activity, held in part.roles:
                roles = "".join(f" {raci_badge(letter)} {parties(ctx, w)}" for letter, w in held)
                out.append(f"<li>{escape(activity)}:{roles}</li>")
            out.append("</ul>")
        out.append("</section>")
    out.append("</div>")
    return Markup("\n".join(out))
