"""Which MQL definition is in force on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.models import MqlFile, MqlVersion


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
