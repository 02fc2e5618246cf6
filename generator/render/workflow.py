"""What the session pages and the leads page show besides text: the RACI matrix and
the charts (Gantt, onion, leads per week), as template context."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.content import SessionDoc
from generator.derive.debrief import Debrief
from generator.derive.facts import Facts
from generator.models import RaciRow, TeamFile
from generator.render.charts import gantt, onion, palette, weekly
from generator.render.env import render_svg
from generator.vocabulary import RACI_ROLES


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


@dataclass(frozen=True)
class TeamPart:
    """A team's part in a session, in a short block at the top of its page: its debrief
    (own actions, leads handed to it) and the roles its parties hold in the RACI matrix."""

    debrief: Debrief
    roles: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    # (activity, ((letter, the team's parties with it), ...)), in the matrix's order


def team_parts(facts: Facts, session: SessionDoc, matrix: RaciMatrix) -> list[TeamPart]:
    """One part per team that has a debrief of the session, in the debriefs' order."""
    members: dict[str, set[str]] = {}
    for person in facts.content.team.people:
        members.setdefault(person.team, set()).add(person.id)
    parts = []
    for debrief in facts.debriefs.get(session.id, []):
        own = members.get(debrief.team, set()) | {debrief.team}
        roles = []
        for line in matrix.rows:
            held: dict[str, list[str]] = {}
            for party, letters in zip(matrix.parties, line.cells, strict=True):
                if party in own:
                    for letter in letters:
                        held.setdefault(letter, []).append(party)
            if held:
                ordered = tuple((r, tuple(held[r])) for r in RACI_ROLES if r in held)
                roles.append((line.activity, ordered))
        parts.append(TeamPart(debrief, tuple(roles)))
    return parts


def channel_colours(facts: Facts) -> dict[str, int]:
    """The colour of every channel on the site, stable as sessions are added."""
    return palette(facts.channels)


def session_visuals(
    facts: Facts,
    session: SessionDoc,
    colours: Mapping[str, int],
    svg: Callable[..., Markup] = render_svg,
) -> dict[str, Any]:
    """Template context of a session page: RACI matrix, Gantt chart and onion. ``svg``
    renders a chart (``render_svg``; the preview's keeps the charts it drew)."""
    names = {p.id: p.name for p in facts.content.team.people}
    plan = facts.schedules[session.id]
    chart = gantt.layout(plan, names, facts.today)
    rings = onion.layout(facts.rings(session, list(colours)), colours)
    matrix = raci_matrix(session.model.raci, facts.content.team)
    return {
        "raci": matrix,
        "team_parts": team_parts(facts, session, matrix),
        "gantt_svg": svg("gantt.svg.j2", g=chart, uid="ho-gantt", title=session.title)
        if chart
        else None,
        "onion_svg": svg("onion.svg.j2", o=rings, uid="ho-onion", title=session.title)
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
