"""The tables of a session page (steps 2 to 4): its lead groups, actions, RACI matrix and
plan, as HTML. Each has a template in site_templates/html/ that says what it shows and
calls the function here, which builds the rows in Python: a big site has thousands of
sessions of some ten rows each, and a template's loop, with a filter or a call for every
cell, costs several times what building the string does (issue 15). The markup is the
one Python-Markdown's tables extension writes, with a ``data-label`` per cell for the
phone's card layout (handover.css)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator import addresses
from generator.render.html import (
    action_anchor,
    glosser,
    parties,
    party,
    party_name,
    person,
    raci_badge,
    status,
    team,
    url,
)
from generator.render.text import day

RIGHT = ' style="text-align: right;"'
CENTRE = ' style="text-align: center;"'

# (header, its alignment, the alignment or class of the column's cells)
Column = tuple[str, str, str]


def _table(ctx: Context, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> Markup:
    """A table: each row's cells (HTML) in the order of ``columns``."""
    g = glosser(ctx.get("glossary_terms"))
    out = ["<table>", "<thead>", "<tr>"]
    out += [f"<th{style}>{g(name)}</th>" for name, style, _ in columns]
    out += ["</tr>", "</thead>", "<tbody>"]
    labels = [f'<td data-label="{escape(name)}"{attrs}>' for name, _, attrs in columns]
    for cells in rows:
        out.append("<tr>")
        out += [f"{label}{cell}</td>" for label, cell in zip(labels, cells, strict=True)]
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return Markup("\n".join(out))


_ACTIONS: Sequence[Column] = (
    ("#", "", ""),
    ("Action", "", ""),
    ("Team", "", ""),
    ("Owner", "", ""),
    ("Due", "", ""),
    ("Status now", "", ' class="ho-card-first"'),  # the first line of a phone's card
)


@jinja2.pass_context
def session_actions(ctx: Context, entries: Iterable[Any]) -> Markup:
    """A session's actions (step 3), with their status today."""
    g = glosser(ctx.get("glossary_terms"))

    def cells(e: Any) -> list[object]:
        action = e.action
        now = f"{status(e)} (was {escape(action.status)})" if e.updates else status(e)
        return [
            f'<span id="{action_anchor(e.local_id)}"></span>{escape(e.local_id)}',
            g(action.what),
            team(ctx, action.team),
            person(ctx, action.owner),
            day(action.due),
            now,
        ]

    return _table(ctx, _ACTIONS, map(cells, entries))


_LEADS: Sequence[Column] = (
    ("Source", "", ""),
    ("Channel", "", ""),
    ("Leads", RIGHT, RIGHT),
    ("Momentum", "", ""),
    ("Playbook", "", ""),
    ("Ready by", "", ""),
    ("Assigned to", "", ""),
)


@jinja2.pass_context
def lead_groups(ctx: Context, groups: Iterable[Any], playbooks: dict[str, Any]) -> Markup:
    """A session's lead groups of one ring (step 2)."""
    g = glosser(ctx.get("glossary_terms"))

    def cells(group: Any) -> list[object]:
        book = ""
        if group.playbook:
            found = playbooks[group.playbook].meta.name if group.playbook in playbooks else None
            href = escape(url(ctx, addresses.playbook(group.playbook)))
            book = f'<a href="{href}">{g(group.playbook if found is None else found)}</a>'
        return [
            g(group.source),
            g(group.channel),
            escape(group.count),
            escape(group.momentum or ""),  # not written: an empty cell, not "None"
            book,
            day(group.ready_by),
            parties(ctx, group.assigned_to),
        ]

    return _table(ctx, _LEADS, map(cells, groups))


_PLAN: Sequence[Column] = (
    ("Task", "", ""),
    ("Owner", "", ""),
    ("Days", RIGHT, RIGHT),
    ("After", "", ""),
    ("Start", "", ""),
    ("End", "", ""),
    ("Slack", RIGHT, RIGHT),
    ("Critical", CENTRE, CENTRE),
)


def _join(items: Iterable[object], by: str) -> str:
    """``items | join(by)`` as Jinja joins them with autoescaping: as HTML when one is."""
    items = list(items)
    if any(hasattr(item, "__html__") for item in items):
        return Markup(by).join(escape(item) for item in items)
    return by.join(map(str, items))


@jinja2.pass_context
def plan(ctx: Context, tasks: Iterable[Any]) -> Markup:
    """A session's plan (step 4), with its critical path."""
    g = glosser(ctx.get("glossary_terms"))

    def cells(t: Any) -> list[object]:
        return [
            g(t.task),
            person(ctx, t.owner),
            escape(t.days),
            g(_join(t.after, ", ")),
            day(t.start),
            day(t.end),
            escape(t.slack),
            "<strong>yes</strong>" if t.critical else "",
        ]

    return _table(ctx, _PLAN, map(cells, tasks))


@jinja2.pass_context
def raci_matrix(ctx: Context, raci: Any) -> Markup:
    """A session's RACI matrix: activities by parties (render/workflow.py raci_matrix). On
    a phone each activity reads as a card of the parties that hold a role in it."""
    g = glosser(ctx.get("glossary_terms"))
    out = ['<div class="ho-raci-matrix">', "<table>", "<thead>", "<tr>"]
    out.append(f"<th>{g('Activity')}</th>")
    out += [f"<th{CENTRE}>{party(ctx, p)}</th>" for p in raci.parties]
    out += ["</tr>", "</thead>", "<tbody>"]
    labels = [escape(party_name(ctx, p)) for p in raci.parties]
    for row in raci.rows:
        out += ["<tr>", f'<td data-label="Activity">{g(row.activity)}</td>']
        for i, letters in enumerate(row.cells):
            empty = "" if letters else ' class="ho-card-empty"'
            badges = " ".join(raci_badge(letter) for letter in letters)
            out.append(f'<td data-label="{labels[i]}"{empty}>{badges}</td>')
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return Markup("\n".join(out))
