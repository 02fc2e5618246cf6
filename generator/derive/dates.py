"""Dates: what "today" is, and working-day arithmetic (Monday to Friday)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

_EPOCH_MONDAY = dt.date(1970, 1, 5)


# MkDocs stamps its gzip files with SOURCE_DATE_EPOCH, which cannot go past 2106-02-07.
MAX_EPOCH = 2**32 - 1


def epoch_date(env: Mapping[str, str]) -> dt.date | None:
    """The UTC date of SOURCE_DATE_EPOCH; None when it is unset or blank.

    Raises ValueError, naming the variable, when it is not a whole number of seconds
    from 0 to MAX_EPOCH: a typo must not quietly turn into the local date.
    """
    text = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and int(text) <= MAX_EPOCH):
        raise ValueError(
            f"SOURCE_DATE_EPOCH is '{text}': it must be a whole number of seconds "
            f"since 1970-01-01 UTC, from 0 to {MAX_EPOCH}, or unset"
        )
    return dt.datetime.fromtimestamp(int(text), tz=dt.UTC).date()


def resolve_today(option: dt.date | None, env: Mapping[str, str], local: dt.date) -> dt.date:
    """The contract's "today": --today, else SOURCE_DATE_EPOCH, else the local date.

    SOURCE_DATE_EPOCH is checked even when ``option`` is given (ValueError): the site
    engine reads it too.
    """
    epoch = epoch_date(env)
    if option is not None:
        return option
    return epoch if epoch is not None else local


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
