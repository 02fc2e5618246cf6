"""Which MQL definition is in force on a given day, and what changed between versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from generator.models import Criterion, MqlFile, MqlVersion


@dataclass(frozen=True)
class MqlTimeline:
    current: MqlVersion | None
    upcoming: list[MqlVersion]
    past: list[MqlVersion]


def timeline(mql: MqlFile | None, today: dt.date) -> MqlTimeline:
    """Current = latest effective not after today; later ones upcoming; earlier ones past."""
    if mql is None:
        return MqlTimeline(None, [], [])
    ordered = sorted(mql.versions, key=lambda v: v.effective)
    in_force = [v for v in ordered if v.effective <= today]
    current = in_force[-1] if in_force else None
    upcoming = [v for v in ordered if v.effective > today]
    past = list(reversed(in_force[:-1]))
    return MqlTimeline(current, upcoming, past)


@dataclass(frozen=True)
class Reweighted:
    """A criterion kept (same name) whose points or kind changed."""

    name: str
    points_before: int
    points_after: int
    kind_before: str
    kind_after: str


@dataclass(frozen=True)
class MqlChanges:
    """What changed from one version of the definition to the next."""

    since: dt.date  # the previous version's effective date
    added: list[Criterion]
    removed: list[Criterion]
    reweighted: list[Reweighted]
    threshold: tuple[int, int] | None  # (before, after) when it changed
    sla_hours: tuple[int | None, int | None] | None  # (before, after) when it changed
    disqualifiers_added: list[str]
    disqualifiers_removed: list[str]
    handover_added: list[str]
    handover_removed: list[str]

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.reweighted,
                self.threshold,
                self.sla_hours,
                self.disqualifiers_added,
                self.disqualifiers_removed,
                self.handover_added,
                self.handover_removed,
            )
        )


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _diff(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    old = {_key(x) for x in before}
    new = {_key(x) for x in after}
    return [x for x in after if _key(x) not in old], [x for x in before if _key(x) not in new]


def changes(before: MqlVersion, after: MqlVersion) -> MqlChanges:
    """Criteria added, removed and re-weighted (matched by name, ignoring case and spacing),
    and changes of threshold, SLA, disqualifiers and what travels with a lead."""
    old = {_key(c.name): c for c in before.criteria}
    new = {_key(c.name): c for c in after.criteria}
    reweighted = [
        Reweighted(c.name, old[k].points, c.points, old[k].kind, c.kind)
        for k, c in new.items()
        if k in old and (old[k].points, old[k].kind) != (c.points, c.kind)
    ]
    dq_added, dq_removed = _diff(before.disqualifiers, after.disqualifiers)
    ho_added, ho_removed = _diff(before.handover, after.handover)
    return MqlChanges(
        since=before.effective,
        added=[c for k, c in new.items() if k not in old],
        removed=[c for k, c in old.items() if k not in new],
        reweighted=reweighted,
        threshold=(
            (before.threshold, after.threshold) if before.threshold != after.threshold else None
        ),
        sla_hours=(
            (before.sla_hours, after.sla_hours) if before.sla_hours != after.sla_hours else None
        ),
        disqualifiers_added=dq_added,
        disqualifiers_removed=dq_removed,
        handover_added=ho_added,
        handover_removed=ho_removed,
    )


def history(mql: MqlFile | None) -> dict[dt.date, MqlChanges]:
    """For every version but the first (by effective date): what changed from the one before."""
    if mql is None:
        return {}
    ordered = sorted(mql.versions, key=lambda v: v.effective)
    return {after.effective: changes(before, after) for before, after in pairwise(ordered)}
