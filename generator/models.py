"""Typed records of the content contract (pydantic v2).

These models validate one file at a time; rules that span files live in
``generator.validate.rules``. Unknown fields are errors: they are usually typos.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictInt
from pydantic_core import PydanticCustomError

from generator.vocabulary import OPEN_STATUSES as OPEN_STATUSES
from generator.vocabulary import RACI_ROLES, ContextKind, Ring, Status

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


# Dates outside these years are typos (9999-12-31, 0202-11-16), and near the ends of
# what Python's dates can hold, working-day arithmetic and calendars overflow.
MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_PLAN_DAYS = 2000  # working days, about eight years
MAX_COUNT = 1_000_000_000  # beyond it, counts overflow the charts' arithmetic


def _in_range(day: dt.date) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PydanticCustomError(
            "date_range",
            "must be in the years {low} to {high}: got {value}",
            {"low": MIN_YEAR, "high": MAX_YEAR, "value": day.isoformat()},
        )
    return day


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_only", "expected a date (YYYY-MM-DD) without a time")
    if isinstance(value, dt.date):
        return _in_range(value)
    if isinstance(value, str):
        try:
            day = parse_iso_date(value.strip())
        except ValueError:
            pass
        else:
            return _in_range(day)
    raise PydanticCustomError("date_format", "expected a date written as YYYY-MM-DD")


def parse_iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD; ValueError otherwise.

    date.fromisoformat alone also takes 20261130 and 2026-W48-1 (Python 3.11+).
    """
    if not ISO_DATE.fullmatch(text):
        raise ValueError(f"not written YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text)


def as_date(value: Any) -> dt.date | None:
    """``value`` as a date field would read it, or None where the field rejects it."""
    try:
        day: dt.date = _to_date(value)
    except PydanticCustomError:
        return None
    return day


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit",
            {"value": value},
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


Date = Annotated[dt.date, BeforeValidator(_to_date)]
Id = Annotated[str, Field(strict=True), AfterValidator(_slug)]
Ref = Id
Text = Annotated[str, Field(strict=True), AfterValidator(_text)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# content/team.yaml ---------------------------------------------------------------


class Team(Record):
    id: Id
    name: Text
    lead: Ref | None = None


class Person(Record):
    id: Id
    name: Text
    team: Ref
    role: Text | None = None
    active: Annotated[bool, Field(strict=True)] = True


class TeamFile(Record):
    teams: list[Team] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    rotation: list[Ref] | None = None


# content/mql.yaml ----------------------------------------------------------------


class Criterion(Record):
    name: Text
    kind: Literal["fit", "behaviour"]
    points: StrictInt


class MqlVersion(Record):
    effective: Date
    summary: Text
    threshold: StrictInt
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    disqualifiers: list[Text] = Field(default_factory=list)
    handover: list[Text] = Field(default_factory=list)
    sla_hours: Annotated[StrictInt, Field(ge=0)] | None = None


class MqlFile(Record):
    versions: Annotated[list[MqlVersion], Field(min_length=1)]


# content/funnel.yaml -------------------------------------------------------------


class Stage(Record):
    id: Id
    name: Text
    owner: Ref
    entry: Text | None = None
    exit: Text | None = None


class Alignment(Record):
    topic: Text
    teams: Annotated[list[Ref], Field(min_length=1)]
    note: Text | None = None


class ReturnReason(Record):
    """A reason Sales gives when it returns a lead to Marketing (added to the contract)."""

    id: Id
    label: Text
    next_step: Text | None = None  # what Marketing does with a lead returned for it


class FunnelFile(Record):
    stages: list[Stage] = Field(default_factory=list)
    alignment: list[Alignment] = Field(default_factory=list)
    channels: list[Text] | None = None  # the lead channels in use (validate/channels.py)
    return_reasons: list[ReturnReason] = Field(default_factory=list)


# content/glossary.yaml -----------------------------------------------------------


class Term(Record):
    term: Text
    means: Text


class GlossaryFile(Record):
    terms: list[Term] = Field(default_factory=list)


# content/*.md --------------------------------------------------------------------


class PageMeta(Record):
    title: Text | None = None
    order: StrictInt | None = None


# playbooks/<id>.md ---------------------------------------------------------------


class Tier(Record):
    name: Text
    when: Text | None = None
    first_touch_hours: Annotated[StrictInt, Field(ge=0)] | None = None
    follow_up_hours: list[Annotated[StrictInt, Field(ge=0)]] = Field(default_factory=list)


class Stakeholder(Record):
    role: Text
    influence: Literal["decides", "influences", "informs"]


class Season(Record):
    name: Text
    months: Annotated[list[Annotated[StrictInt, Field(ge=1, le=12)]], Field(min_length=1)]
    guidance: Text | None = None


class PlaybookMeta(Record):
    name: Text
    client: Text
    owner: Ref
    reviewed: Date
    tiers: list[Tier] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    seasons: list[Season] = Field(default_factory=list)
    handover_checklist: list[Text] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)


# sessions/<YYYY>/<YYYY-MM-DD>[-<slug>].yaml --------------------------------------


class AgendaItem(Record):
    topic: Text
    team: Ref
    minutes: Annotated[StrictInt, Field(ge=1)]


class ContextItem(Record):
    kind: ContextKind
    note: Text


class LeadGroup(Record):
    source: Text
    channel: Text
    count: Count
    ring: Ring
    momentum: Literal["rising", "steady", "falling"] | None = None
    playbook: Ref | None = None
    ready_by: Date | None = None
    assigned_to: list[Ref] = Field(default_factory=list)


class Action(Record):
    id: Id | None = None
    what: Text
    team: Ref
    owner: Ref
    due: Date
    status: Status = "open"


class RaciRow(Record):
    activity: Text
    R: Annotated[list[Ref], Field(min_length=1)]
    A: Ref
    C: list[Ref] = Field(default_factory=list)
    I: list[Ref] = Field(default_factory=list)  # noqa: E741 - the contract's field name

    def roles(self) -> list[tuple[str, list[str]]]:
        """(role, parties) for R, A, C and I, in that order (A holds one party)."""
        parties = {"R": self.R, "A": [self.A], "C": self.C, "I": self.I}
        return [(role, parties[role]) for role in RACI_ROLES]

    def named(self) -> set[str]:
        """Every party the row names, in any role."""
        return {party for _, parties in self.roles() for party in parties}


class PlanTask(Record):
    id: Id
    task: Text
    owner: Ref
    days: Annotated[StrictInt, Field(ge=1, le=MAX_PLAN_DAYS)]
    start: Date | None = None
    after: list[Id] = Field(default_factory=list)


class FollowUp(Record):
    action: Annotated[str, Field(strict=True)]
    status: Status
    note: Text | None = None


class Session(Record):
    date: Date
    title: Text | None = None
    facilitators: Annotated[list[Ref], Field(min_length=1)]
    minute_taker: Ref
    attendees: Annotated[list[Ref], Field(min_length=1)]
    agenda: list[AgendaItem] = Field(default_factory=list)
    context: list[ContextItem] = Field(default_factory=list)
    leads: list[LeadGroup] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    raci: list[RaciRow] = Field(default_factory=list)
    plan: list[PlanTask] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)
    notes: Annotated[str, Field(strict=True)] | None = None
    tags: list[Text] = Field(default_factory=list)


MODELS: dict[str, type[Record]] = {
    "team": TeamFile,
    "mql": MqlFile,
    "funnel": FunnelFile,
    "glossary": GlossaryFile,
    "page": PageMeta,
    "playbook": PlaybookMeta,
    "session": Session,
}
