"""Which first-contact rule applies to a lead: the MQL definition's, or its playbook's tier.

The MQL definition in force sets one first-contact time (``sla_hours``) for every MQL; a
playbook may set a time per tier (``first_touch_hours``). Both are promises to the lead,
so the tighter one wins: a playbook can shorten the wait for its tier, never lengthen
it. A lead group names its playbook but not its tier (the rep reads the tier off the
lead itself), so the rule of a group is the MQL time, except for the tiers whose time
is shorter.

Used by the person pages ("Your leads"), the team debriefs ("Leads handed to ...") and
the "When a lead arrives" page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from generator.content import Content, PlaybookDoc, SessionDoc
from generator.models import LeadGroup, MqlFile, MqlVersion, Stage, Tier

Winner = Literal["playbook", "mql", "same", "none"]


@dataclass(frozen=True)
class TierRule:
    """One tier of a playbook against the MQL definition's first-contact time."""

    tier: Tier
    hours: int | None  # the time that applies: the shorter of the two, None when neither
    winner: Winner  # whose time it is ("same": both say the same; "none": neither says)


@dataclass(frozen=True)
class FirstContact:
    """The first-contact rule for the leads of one playbook (or of none)."""

    mql_hours: int | None  # the MQL definition's time, None when it sets none
    playbook: PlaybookDoc | None
    tiers: tuple[TierRule, ...]  # every tier of the playbook, in its order

    @property
    def tighter(self) -> tuple[TierRule, ...]:
        """The tiers whose own time wins over the MQL definition's."""
        return tuple(t for t in self.tiers if t.winner == "playbook")


def tier_rule(tier: Tier, mql_hours: int | None) -> TierRule:
    """The tighter of the tier's and the MQL definition's first-contact time."""
    own = tier.first_touch_hours
    if own is None and mql_hours is None:
        return TierRule(tier, None, "none")
    if own is None:
        return TierRule(tier, mql_hours, "mql")
    if mql_hours is None or own < mql_hours:
        return TierRule(tier, own, "playbook")
    return TierRule(tier, mql_hours, "same" if own == mql_hours else "mql")


def first_contact(version: MqlVersion | None, playbook: PlaybookDoc | None) -> FirstContact:
    """The rule for a lead scored under ``version`` and handled with ``playbook``."""
    hours = version.sla_hours if version is not None else None
    tiers = playbook.meta.tiers if playbook is not None else []
    return FirstContact(hours, playbook, tuple(tier_rule(t, hours) for t in tiers))


def in_force(mql: MqlFile | None, day: dt.date) -> MqlVersion | None:
    """The MQL version in force on ``day``: the latest effective on or before it."""
    if mql is None:
        return None
    earlier = [v for v in mql.versions if v.effective <= day]
    return max(earlier, key=lambda v: v.effective) if earlier else None


@dataclass(frozen=True)
class AssignedLeads:
    """A lead group of a session, with the first-contact rule that applies to it."""

    session: SessionDoc
    group: LeadGroup
    rule: FirstContact


def assigned(
    person: str,
    sessions: Sequence[SessionDoc],
    mql: MqlFile | None,
    playbooks: dict[str, PlaybookDoc],
) -> list[AssignedLeads]:
    """The lead groups with ``person`` in ``assigned_to``, in the order of ``sessions``
    (newest first, as the caller gives them), each under the MQL version in force on
    its session's day."""
    found = []
    for session in sessions:
        version = in_force(mql, session.model.date)
        for group in session.model.leads:
            if person in group.assigned_to:
                playbook = playbooks.get(group.playbook) if group.playbook else None
                found.append(AssignedLeads(session, group, first_contact(version, playbook)))
    return found


@dataclass(frozen=True)
class Handoff:
    """Where a lead changes hands in the funnel: the stage it leaves (the giving team's
    last) and the stage it enters (the receiving team's first); None where unknown."""

    leaves: Stage | None
    enters: Stage | None
    receiving: frozenset[str]  # the teams that receive leads


def handoff(content: Content) -> Handoff:
    """The funnel's first change of owner; without one, the teams of the people that
    leads were assigned to receive them."""
    stages = content.funnel.stages
    for before, after in pairwise(stages):
        if before.owner != after.owner:
            later = stages[stages.index(after) :]
            giving = before.owner
            return Handoff(before, after, frozenset(s.owner for s in later if s.owner != giving))
    teams = {p.id: p.team for p in content.team.people}
    assignees = {who for s in content.sessions for g in s.model.leads for who in g.assigned_to}
    return Handoff(None, None, frozenset(teams[p] for p in assignees if p in teams))
