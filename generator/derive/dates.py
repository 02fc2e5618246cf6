"""Dates: what "today" is, and working-day arithmetic (Monday to Friday)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

_EPOCH_MONDAY = dt.date(1970, 1, 5)


def resolve_today(option: dt.date | None, env: Mapping[str, str], local: dt.date) -> dt.date:
    """The contract's "today": --today, else SOURCE_DATE_EPOCH, else the local date."""
    if option is not None:
        return option
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return local


def next_working_day(day: dt.date) -> dt.date:
    """The day itself if it is Monday to Friday, else the following Monday."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def to_index(day: dt.date) -> int:
    """Working-day number of a working day (weekends map to the next Monday)."""
    day = next_working_day(day)
    days = (day - _EPOCH_MONDAY).days
    return (days // 7) * 5 + days % 7


def from_index(index: int) -> dt.date:
    weeks, rest = divmod(index, 5)
    return _EPOCH_MONDAY + dt.timedelta(days=weeks * 7 + rest)


def working_days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Working days from start to end inclusive."""
    return [from_index(i) for i in range(to_index(start), to_index(end) + 1)]
