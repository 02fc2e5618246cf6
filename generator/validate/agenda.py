"""The agenda rule: a warning where a team's items take it past its 15-minute time box.

Judged on each file's raw data, like the other session rules, so that an unrelated bad
field does not hide it; items whose team or minutes cannot be read are left to their
own errors.
"""

from __future__ import annotations

from typing import Any

from generator.content import Content
from generator.derive.agenda import TIME_BOX_MINUTES, over_the_box, team_times
from generator.diagnostics import Collector
from generator.validate.sessions import raw_sessions


def _readable(agenda: Any) -> list[tuple[int, str, int]]:
    """(position, team, minutes) of every item whose team and minutes can be read."""
    items = []
    for i, item in enumerate(agenda if isinstance(agenda, list) else []):
        if not isinstance(item, dict):
            continue
        team, minutes = item.get("team"), item.get("minutes")
        if isinstance(team, str) and type(minutes) is int and minutes >= 1:
            items.append((i, team, minutes))
    return items


def check_agenda(content: Content, diags: Collector, box: int = TIME_BOX_MINUTES) -> None:
    for session in raw_sessions(content):
        items = _readable(session.data.get("agenda"))
        pairs = [(team, minutes) for _, team, minutes in items]
        totals = {t.team: t.minutes for t in team_times(pairs, box)}
        for team, index in over_the_box(pairs, box).items():
            line, col = session.src.pos.at(("agenda", items[index][0], "minutes"))
            diags.warning(
                session.src.path,
                line,
                col,
                f"the agenda gives team '{team}' {totals[team]} minutes: more than the "
                f"{box} minutes each team has in a session; shorten or move a topic",
            )
