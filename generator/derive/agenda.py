"""The agenda's time boxes: no more than 15 minutes for each team (the session's rule)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.policies import TIME_BOX_MINUTES as TIME_BOX_MINUTES


@dataclass(frozen=True)
class TeamTime:
    team: str
    minutes: int
    box: int = TIME_BOX_MINUTES

    @property
    def over(self) -> bool:
        return self.minutes > self.box


def team_times(items: Iterable[tuple[str, int]], box: int = TIME_BOX_MINUTES) -> list[TeamTime]:
    """Each team's minutes from (team, minutes) items, in order of first appearance."""
    totals: dict[str, int] = {}
    for team, minutes in items:
        totals[team] = totals.get(team, 0) + minutes
    return [TeamTime(team, minutes, box) for team, minutes in totals.items()]


def over_the_box(items: Iterable[tuple[str, int]], box: int = TIME_BOX_MINUTES) -> dict[str, int]:
    """Team -> position of the item that takes its running total past the time box."""
    running: dict[str, int] = {}
    found: dict[str, int] = {}
    for index, (team, minutes) in enumerate(items):
        running[team] = running.get(team, 0) + minutes
        if running[team] > box:
            found.setdefault(team, index)
    return found
