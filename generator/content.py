"""The validated content of a root: typed records, each with its source positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator import addresses
from generator.loader import Loc, Source
from generator.models import (
    Action,
    FunnelFile,
    GlossaryFile,
    MqlFile,
    PageMeta,
    Person,
    PlaybookMeta,
    Session,
    Team,
    TeamFile,
)


@dataclass(frozen=True)
class SessionDoc:
    id: str
    model: Session
    src: Source

    @property
    def year(self) -> str:
        return f"{self.model.date.year:04d}"

    @property
    def title(self) -> str:
        return self.model.title or f"Handover session of {self.model.date.isoformat()}"

    @property
    def page(self) -> str:
        """The session's page, as a docs path (addresses.session)."""
        return addresses.session(self.year, self.id)

    @property
    def url(self) -> str:
        return addresses.url(self.page)

    def actions(self) -> list[tuple[str, Action]]:
        """(action id, action) with the contract's default ids a1, a2, ..."""
        return [(a.id or f"a{i}", a) for i, a in enumerate(self.model.actions, start=1)]

    def at(self, loc: Loc) -> tuple[int, int]:
        return self.src.pos.at(loc)


@dataclass(frozen=True)
class PlaybookDoc:
    id: str
    meta: PlaybookMeta
    src: Source

    @property
    def page(self) -> str:
        return addresses.playbook(self.id)

    @property
    def url(self) -> str:
        return addresses.url(self.page)


@dataclass(frozen=True)
class PageDoc:
    id: str
    meta: PageMeta
    src: Source

    @property
    def title(self) -> str:
        if self.meta.title:
            return self.meta.title
        for line in self.src.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.id.replace("-", " ").capitalize()


@dataclass
class Content:
    """Everything a root holds, validated. Missing files leave empty defaults."""

    team: TeamFile = field(default_factory=TeamFile)
    mql: MqlFile | None = None
    funnel: FunnelFile = field(default_factory=FunnelFile)
    glossary: GlossaryFile = field(default_factory=GlossaryFile)
    pages: list[PageDoc] = field(default_factory=list)
    playbooks: list[PlaybookDoc] = field(default_factory=list)
    sessions: list[SessionDoc] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    team_ok: bool = True

    @property
    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.team.people}

    @property
    def teams(self) -> dict[str, Team]:
        return {t.id: t for t in self.team.teams}

    def sessions_by_date(self) -> list[SessionDoc]:
        """Oldest first; same-date sessions by id."""
        return sorted(self.sessions, key=lambda s: (s.model.date, s.id))


@dataclass(frozen=True)
class Directory:
    """Who is who, built once on the content: people and teams by id, and the one way to
    name an id (a person's or team's name, else the id as written)."""

    people: dict[str, Person]
    teams: dict[str, Team]

    @classmethod
    def of(cls, content: Content) -> Directory:
        return cls(content.people, content.teams)

    def person(self, id: str) -> str:
        found = self.people.get(id)
        return found.name if found else id

    def team(self, id: str) -> str:
        found = self.teams.get(id)
        return found.name if found else id

    def party(self, id: str) -> str:
        """A RACI party: a person's name, else a team's, else the id."""
        return self.person(id) if id in self.people else self.team(id)


def stem(path: str) -> str:
    return PurePosixPath(path).stem
