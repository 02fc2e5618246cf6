"""What the session pages and the leads page show besides text: the RACI matrix and
the charts (Gantt, onion, leads per week), as template context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.content import SessionDoc
from generator.derive.facts import Facts
from generator.models import RaciRow, TeamFile
from generator.render.charts import gantt, onion, palette, weekly
from generator.render.env import render_svg


@dataclass(frozen=True)
class RaciLine:
    activity: str
    cells: tuple[tuple[str, ...], ...]  # the letters of each party, in column order


@dataclass(frozen=True)
class RaciMatrix:
    parties: tuple[str, ...]
    rows: tuple[RaciLine, ...]


def raci_matrix(rows: Sequence[RaciRow], team: TeamFile) -> RaciMatrix:
    """Activities by parties: people first, grouped by team, then teams (team.yaml order)."""
    named = {party for row in rows for party in row.named()}
    team_rank = {t.id: i for i, t in enumerate(team.teams)}
    people = [p for p in team.people if p.id in named]
    people.sort(key=lambda p: team_rank.get(p.team, len(team_rank)))
    columns = [p.id for p in people] + [t.id for t in team.teams if t.id in named]
    columns += sorted(named - set(columns))
    lines = []
    for row in rows:
        roles = row.roles()
        cells = tuple(
            tuple(letter for letter, members in roles if party in members) for party in columns
        )
        lines.append(RaciLine(row.activity, cells))
    return RaciMatrix(tuple(columns), tuple(lines))


def channel_colours(facts: Facts) -> dict[str, int]:
    """The colour of every channel on the site, stable as sessions are added."""
    return palette(facts.channels)


def session_visuals(
    facts: Facts, session: SessionDoc, colours: Mapping[str, int]
) -> dict[str, Any]:
    """Template context of a session page: RACI matrix, Gantt chart and onion."""
    names = {p.id: p.name for p in facts.content.team.people}
    plan = facts.schedules[session.id]
    chart = gantt.layout(plan, names, facts.today)
    rings = onion.layout(facts.rings(session, list(colours)), colours)
    return {
        "raci": raci_matrix(session.model.raci, facts.content.team),
        "gantt_svg": render_svg("gantt.svg.j2", g=chart, uid="ho-gantt", title=session.title)
        if chart
        else None,
        "onion_svg": render_svg("onion.svg.j2", o=rings, uid="ho-onion", title=session.title)
        if rings
        else None,
    }


def leads_visuals(facts: Facts, colours: Mapping[str, int]) -> dict[str, Any]:
    """Template context of the leads page: per week (chart and table) and per year."""
    weeks = facts.leads_by_week
    chart = weekly.layout(weeks, colours)
    first = weeks.periods[0].start if weeks.periods else None
    return {
        "weeks": weeks,
        "years": facts.leads_by_year,
        "weekly_svg": render_svg("weekly.svg.j2", w=chart, uid="ho-weekly") if chart else None,
        "earlier": first is not None and facts.leads_before(first),
    }
