"""The one place "today" is resolved for a run: --today (or the plugin's `today`), else
SOURCE_DATE_EPOCH, else the local date. Everything below takes the day as a value."""

from __future__ import annotations

import datetime as dt
import os

from generator.derive.dates import resolve_today


def today(given: dt.date | None = None) -> dt.date:
    """The run's day: ``given`` when set, else SOURCE_DATE_EPOCH, else the local date."""
    return resolve_today(given, os.environ, dt.date.today())
