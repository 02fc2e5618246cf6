"""What the session pages add for step 5 and the agenda: each team's debrief (in a tab,
and on a page of its own at a short address) and the agenda's time per team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.content import SessionDoc
from generator.derive.agenda import TIME_BOX_MINUTES, team_times
from generator.derive.facts import Facts

PageFn = Callable[..., None]


def session_context(facts: Facts, session: SessionDoc) -> dict[str, Any]:
    """Template context of a session page: its debriefs and the agenda's time per team."""
    agenda = session.model.agenda
    return {
        "debriefs": facts.debriefs.get(session.id, []),
        "agenda_times": team_times((item.team, item.minutes) for item in agenda),
        "time_box": TIME_BOX_MINUTES,
    }


def render_debrief_pages(facts: Facts, session: SessionDoc, page: PageFn) -> None:
    """One light page per team debrief: /sessions/<YYYY>/<id>/debrief/<team id>/."""
    for debrief in facts.debriefs.get(session.id, []):
        page(debrief.path, "debrief.md.j2", s=session, d=debrief)
