"""The day ``handover new session`` dates a session by default: the next weekday on which
most recent sessions were held, on or after today.

Teams meet on a fixed day; dating the file today (a Thursday, when every session fell on
a Monday) made people rename it, and the file name is the session's id.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence

RECENT = 8  # sessions that tell the team's usual day: about two months of weekly meetings


def usual_weekday(dates: Sequence[dt.date]) -> int | None:
    """The weekday (Monday 0) of most of the latest sessions; ties go to the latest's."""
    recent = sorted(dates)[-RECENT:]
    if not recent:
        return None
    counts = Counter(day.weekday() for day in recent)
    top = max(counts.values())
    return next(d.weekday() for d in reversed(recent) if counts[d.weekday()] == top)


def default_day(
    dates: Sequence[dt.date], today: dt.date, taken: Callable[[dt.date], bool]
) -> tuple[dt.date, str]:
    """The default date of a new session, and why, in words; ``taken`` says whether a day
    already has a session (such a day is passed over)."""
    weekday = usual_weekday(dates)
    if weekday is None:
        return today, "today (there is no earlier session to learn the usual day from)"
    day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    while taken(day):
        day += dt.timedelta(days=7)
    name = calendar.day_name[weekday]
    when = "today" if day == today else f"the next {name}"
    return day, f"{when}, the day most recent sessions were held ({name})"
