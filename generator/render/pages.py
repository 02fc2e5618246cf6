"""Facts to pages: the mapping of relative path -> content that every engine takes."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from generator.content import PageDoc, PlaybookDoc, SessionDoc
from generator.derive.facts import Facts
from generator.derive.ledger import Entry, sort_for_board
from generator.models import RaciRow
from generator.render import text
from generator.render.env import TEMPLATES, environment, render
from generator.validate.rules import REVIEW_DAYS

Pages = dict[str, str | bytes]
CSS = "assets/handover.css"


@dataclass(frozen=True)
class PastVersion:
    version: Any
    until: Any


def _common(facts: Facts, site_name: str) -> dict[str, Any]:
    content = facts.content
    return {
        "site_name": site_name,
        "people": content.people,
        "teams": content.teams,
        "playbooks": {p.id: p for p in content.playbooks},
        "today": facts.today,
        "by_gid": facts.by_gid,
    }


def _abbreviations(facts: Facts) -> list[str]:
    lines = (text.abbreviation(t.term, t.means) for t in facts.content.glossary.terms)
    return [line for line in lines if line]


def render_pages(facts: Facts, site_name: str = "Handover") -> Pages:
    """Every page of the site, as Markdown (plus static assets), keyed by docs path."""
    environment().filters["month_name"] = lambda m: calendar.month_abbr[int(m)]
    common = _common(facts, site_name)
    glossary = render("_glossary.md.j2", "", abbreviations=_abbreviations(facts))
    pages: Pages = {}

    def page(path: str, template: str, **context: Any) -> None:
        pages[path] = render(template, path, **common, **context) + glossary

    _home_and_start(facts, page)
    _sessions(facts, page)
    _actions_and_people(facts, page)
    _playbooks(facts, page)
    _shared_understanding(facts, page)
    for free in facts.content.pages:
        if free.id not in {"index", "start"}:
            page(f"{free.id}.md", "page.md.j2", title=free.title, body=free.src.body)
    pages[CSS] = (TEMPLATES / "assets" / "handover.css").read_text(encoding="utf-8")
    return pages


PageFn = Callable[..., None]


def _free_page(facts: Facts, name: str) -> PageDoc | None:
    return next((p for p in facts.content.pages if p.id == name), None)


def reading_order(pages: list[PageDoc]) -> list[PageDoc]:
    """The maintainers' free pages in reading order (front matter `order`, then title)."""
    free = (p for p in pages if p.id not in {"index", "start"})
    return sorted(free, key=lambda p: (p.meta.order if p.meta.order is not None else 1000, p.title))


def start_path(facts: Facts) -> list[tuple[str, str, str]]:
    """The new hire's reading order: (title, target, why)."""
    path = [(p.title, f"{p.id}.md", "") for p in reading_order(facts.content.pages)]
    path += [
        (
            "The funnel and who owns each stage",
            "funnel.md",
            "where a lead is, and which team governs it",
        ),
        ("The MQL definition", "mql.md", "when a lead is ready for Sales"),
        ("The glossary", "glossary.md", "the words both teams use"),
        ("The playbooks", "playbooks/index.md", "how each client's leads are handled"),
        ("Who is who", "people/index.md", "the teams and their people"),
        ("The sessions", "sessions/index.md", "what was decided, week by week"),
    ]
    return path


def _home_and_start(facts: Facts, page: PageFn) -> None:
    sessions = facts.sessions_newest
    intro = _free_page(facts, "index")
    page(
        "index.md",
        "home.md.j2",
        intro=intro.src.body if intro else "",
        latest=sessions[0] if sessions else None,
        open=facts.open_actions,
        overdue=sort_for_board(facts.overdue_actions),
        next_minute_taker=facts.next_minute_taker,
    )
    start = _free_page(facts, "start")
    page(
        "start/index.md",
        "start.md.j2",
        intro=start.src.body if start else "",
        reading=start_path(facts),
    )


def _raci_parties(rows: list[RaciRow]) -> list[str]:
    seen: list[str] = []
    for row in rows:
        for party in [*row.R, row.A, *row.C, *row.I]:
            if party not in seen:
                seen.append(party)
    return seen


def _raci_cell(row: RaciRow, party: str) -> str:
    letters = [
        letter
        for letter, members in (("R", row.R), ("A", [row.A]), ("C", row.C), ("I", row.I))
        if party in members
    ]
    return ", ".join(letters)


def _sessions(facts: Facts, page: PageFn) -> None:
    newest = facts.sessions_newest
    years = [(year, list(group)) for year, group in groupby(newest, key=lambda s: s.year)]
    page("sessions/index.md", "sessions_index.md.j2", years=years)
    for year, sessions in years:
        page(f"sessions/{year}/index.md", "sessions_year.md.j2", year=year, sessions=sessions)
    for session in newest:
        _session_page(facts, session, page)


def _session_page(facts: Facts, session: SessionDoc, page: PageFn) -> None:
    plan = facts.schedules[session.id]
    page(
        f"sessions/{session.year}/{session.id}.md",
        "session.md.j2",
        s=session,
        entries=facts.actions_of(session),
        leads_total=sum(g.count for g in session.model.leads),
        raci_parties=_raci_parties(list(session.model.raci)),
        raci_cell=_raci_cell,
        plan=plan,
        plan_end=max((t.end for t in plan), default=None),
    )


def _by_team_and_owner(entries: list[Entry]) -> list[tuple[str, list[tuple[str, list[Entry]]]]]:
    ordered = sorted(entries, key=lambda e: (e.action.team, e.action.owner))
    result = []
    for team_id, team_group in groupby(ordered, key=lambda e: e.action.team):
        owners = [
            (owner, sort_for_board(list(group)))
            for owner, group in groupby(team_group, key=lambda e: e.action.owner)
        ]
        result.append((team_id, owners))
    return result


def _actions_and_people(facts: Facts, page: PageFn) -> None:
    content = facts.content
    open_entries = facts.open_actions
    closed = [e for e in reversed(facts.ledger) if not e.is_open]
    page(
        "actions/index.md",
        "actions.md.j2",
        open=open_entries,
        overdue=facts.overdue_actions,
        open_by_team=_by_team_and_owner(open_entries),
        closed=closed,
    )
    open_counts: dict[str, int] = {}
    for entry in open_entries:
        open_counts[entry.action.owner] = open_counts.get(entry.action.owner, 0) + 1
    members = {t.id: [p for p in content.team.people if p.team == t.id] for t in content.team.teams}
    page(
        "people/index.md",
        "people_index.md.j2",
        team_list=content.team.teams,
        members=members,
        open_counts=open_counts,
    )
    rotation = facts.rotation
    for person in content.team.people:
        mine = [e for e in facts.ledger if e.action.owner == person.id]
        next_turn = None
        if person.id in rotation and facts.next_minute_taker in rotation:
            start = rotation.index(facts.next_minute_taker)
            next_turn = (rotation.index(person.id) - start) % len(rotation)
        page(
            f"people/{person.id}.md",
            "person.md.j2",
            p=person,
            open=sort_for_board([e for e in mine if e.is_open]),
            closed=[e for e in reversed(mine) if not e.is_open],
            roles=facts.raci_roles(person.id),
            turns=[s for s in facts.sessions_newest if s.model.minute_taker == person.id],
            attended=[s for s in facts.sessions_newest if person.id in s.model.attendees],
            next_turn=next_turn,
        )


def _is_stale(playbook: PlaybookDoc, facts: Facts) -> bool:
    return (facts.today - playbook.meta.reviewed).days > REVIEW_DAYS


def _playbooks(facts: Facts, page: PageFn) -> None:
    ordered = sorted(facts.content.playbooks, key=lambda p: p.meta.name.casefold())

    @dataclass(frozen=True)
    class Row:
        id: str
        meta: Any
        stale: bool

    rows = [Row(p.id, p.meta, _is_stale(p, facts)) for p in ordered]
    page("playbooks/index.md", "playbooks_index.md.j2", playbooks_sorted=rows)
    for playbook in ordered:
        used_in = [
            s
            for s in facts.sessions_newest
            if any(g.playbook == playbook.id for g in s.model.leads)
        ]
        page(
            f"playbooks/{playbook.id}.md",
            "playbook.md.j2",
            p=playbook,
            stale=_is_stale(playbook, facts),
            used_in=used_in,
        )


def _shared_understanding(facts: Facts, page: PageFn) -> None:
    timeline = facts.mql
    ordered = (
        sorted(facts.content.mql.versions, key=lambda v: v.effective) if facts.content.mql else []
    )
    past = []
    for version in timeline.past:
        following = ordered[ordered.index(version) + 1]
        past.append(PastVersion(version, following.effective))
    page("mql.md", "mql.md.j2", current=timeline.current, upcoming=timeline.upcoming, past=past)
    funnel = facts.content.funnel
    page("funnel.md", "funnel.md.j2", stages=funnel.stages, alignment=funnel.alignment)
    page(
        "glossary.md",
        "glossary.md.j2",
        terms=sorted(facts.content.glossary.terms, key=lambda t: t.term.casefold()),
    )
