"""The agenda's time boxes: no more than 15 minutes for each team (the session's rule)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TIME_BOX_MINUTES = 15


@dataclass(frozen=True)
class TeamTime:
    team: str
    minutes: int

    @property
    def over(self) -> bool:
        return self.minutes > TIME_BOX_MINUTES


def team_times(items: Iterable[tuple[str, int]]) -> list[TeamTime]:
    """Each team's minutes from (team, minutes) items, in order of first appearance."""
    totals: dict[str, int] = {}
    for team, minutes in items:
        totals[team] = totals.get(team, 0) + minutes
    return [TeamTime(team, minutes) for team, minutes in totals.items()]


def over_the_box(items: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Team -> position of the item that takes its running total past the time box."""
    running: dict[str, int] = {}
    found: dict[str, int] = {}
    for index, (team, minutes) in enumerate(items):
        running[team] = running.get(team, 0) + minutes
        if running[team] > TIME_BOX_MINUTES:
            found.setdefault(team, index)
    return found
