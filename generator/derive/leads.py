"""Leads handed over, by channel: per session ring, per week and per year.

Channels are free text in the records; they are kept exactly as written. Their order
is the order in which they first appear (by session date), so a new channel takes
the next colour without changing the colours of the channels already on the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.content import SessionDoc
from generator.models import LeadGroup
from generator.vocabulary import RINGS as RINGS

WEEKS_SHOWN = 26


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    count: int


@dataclass(frozen=True)
class RingLeads:
    ring: str
    channels: tuple[ChannelCount, ...]  # channels with leads in this ring, in channel order

    @property
    def total(self) -> int:
        return sum(c.count for c in self.channels)


@dataclass(frozen=True)
class PeriodLeads:
    start: dt.date  # the Monday of the week, or 1 January of the year
    counts: tuple[int, ...]  # one per channel of the enclosing table, in its order
    sessions: tuple[SessionDoc, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class LeadsTable:
    channels: tuple[str, ...]
    periods: tuple[PeriodLeads, ...]  # oldest first

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(p.counts[i] for p in self.periods) for i in range(len(self.channels)))


def _by_date(sessions: Iterable[SessionDoc]) -> list[SessionDoc]:
    return sorted(sessions, key=lambda s: (s.model.date, s.id))


def channel_order(sessions: Iterable[SessionDoc]) -> list[str]:
    """Every channel, in order of first appearance (session date, then position)."""
    seen: dict[str, None] = {}
    for session in _by_date(sessions):
        for group in session.model.leads:
            seen.setdefault(group.channel, None)
    return list(seen)


def by_ring(leads: Sequence[LeadGroup], order: Sequence[str]) -> list[RingLeads]:
    """The onion: for each ring (core, middle, outer), lead counts per channel."""
    rank = {c: i for i, c in enumerate(order)}
    rings = []
    for ring in RINGS:
        counts: dict[str, int] = {}
        for group in leads:
            if group.ring == ring:
                counts[group.channel] = counts.get(group.channel, 0) + group.count
        ordered = sorted(counts.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
        rings.append(RingLeads(ring, tuple(ChannelCount(c, n) for c, n in ordered if n > 0)))
    return rings


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _table(groups: list[tuple[dt.date, list[SessionDoc]]], order: Sequence[str]) -> LeadsTable:
    used = {g.channel for _, sessions in groups for s in sessions for g in s.model.leads}
    channels = tuple(c for c in order if c in used)
    periods = []
    for start, sessions in groups:
        counts = dict.fromkeys(channels, 0)
        for session in sessions:
            for group in session.model.leads:
                counts[group.channel] += group.count
        periods.append(PeriodLeads(start, tuple(counts.values()), tuple(sessions)))
    return LeadsTable(channels, tuple(periods))


def by_week(sessions: Iterable[SessionDoc], weeks: int = WEEKS_SHOWN) -> LeadsTable:
    """Leads per week (Monday to Sunday) and channel, for the last ``weeks`` weeks that
    end with the latest session's week; weeks without a session are included, as 0."""
    ordered = _by_date(sessions)
    if not ordered:
        return LeadsTable((), ())
    last = monday(ordered[-1].model.date)
    first = max(monday(ordered[0].model.date), last - dt.timedelta(weeks=weeks - 1))
    slots: dict[dt.date, list[SessionDoc]] = {}
    week = first
    while week <= last:
        slots[week] = []
        week += dt.timedelta(weeks=1)
    for session in ordered:
        start = monday(session.model.date)
        if start in slots:
            slots[start].append(session)
    return _table(list(slots.items()), channel_order(ordered))


def by_year(sessions: Iterable[SessionDoc]) -> LeadsTable:
    """Leads per calendar year and channel, every year that has a session."""
    ordered = _by_date(sessions)
    years: dict[dt.date, list[SessionDoc]] = {}
    for session in ordered:
        years.setdefault(dt.date(session.model.date.year, 1, 1), []).append(session)
    return _table(list(years.items()), channel_order(ordered))
