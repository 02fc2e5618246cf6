"""What a page carries besides its own content: its tags, its place on the new-hire path,
and when its source files last changed. Plain data, keyed by docs path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from generator import addresses as at
from generator.content import Content
from generator.derive.facts import Facts
from generator.vocabulary import SESSION_TAG

START = at.START


@dataclass(frozen=True)
class Stop:
    """A page on the path: its title and docs path."""

    title: str
    target: str


@dataclass(frozen=True)
class Step:
    """Where a page stands on the new-hire path, with its neighbours."""

    number: int
    total: int
    previous: Stop
    next: Stop | None


def path_steps(reading: list[tuple[str, str, str]]) -> dict[str, Step]:
    """Each page of the path (title, target, why) -> its step; the first one's previous is /start/."""
    stops = [Stop(title, target) for title, target, _ in reading]
    steps: dict[str, Step] = {}
    for i, stop in enumerate(stops):
        previous = stops[i - 1] if i else Stop("Start here", START)
        following = stops[i + 1] if i + 1 < len(stops) else None
        steps.setdefault(stop.target, Step(i + 1, len(stops), previous, following))
    return steps


def page_tags(facts: Facts) -> dict[str, list[str]]:
    """Docs path -> tags, for sessions (with the hidden SESSION_TAG), playbooks and people."""
    content = facts.content
    tags: dict[str, list[str]] = {}
    for s in content.sessions:
        tags[s.page] = [*facts.session_tags(s), SESSION_TAG]
    for p in content.playbooks:
        tags[p.page] = facts.playbook_tags(p)
    for person in content.team.people:
        tags[at.person(person.id)] = facts.person_tags(person)
    return tags


def _shared_file(content: Content, stem: str) -> list[str]:
    return [p for p in (f"content/{stem}.yaml", f"content/{stem}.yml") if p in content.sources]


def page_sources(content: Content) -> dict[str, list[str]]:
    """Docs path -> the content files (relative to the root) the page is written from.

    Only pages that show one file, or one shared definition; pages that gather many
    records (home, indexes, actions, a person) have none.
    """
    sources: dict[str, list[str]] = {s.page: [s.src.path] for s in content.sessions}
    sources.update({p.page: [p.src.path] for p in content.playbooks})
    sources.update(
        {at.free_page(p.id): [p.src.path] for p in content.pages if p.id not in at.INTRO_PAGES}
    )
    for page, stem in (
        (at.MQL, "mql"),
        (at.FUNNEL, "funnel"),
        (at.GLOSSARY, "glossary"),
        (at.PEOPLE, "team"),
    ):
        sources[page] = _shared_file(content, stem)
    return sources


def changed_on(content: Content, changed: Mapping[str, dt.date]) -> dict[str, dt.date]:
    """Docs path -> the latest date any of its source files changed (when known)."""
    out: dict[str, dt.date] = {}
    for page, files in page_sources(content).items():
        dates = [changed[f] for f in files if f in changed]
        if dates:
            out[page] = max(dates)
    return out
