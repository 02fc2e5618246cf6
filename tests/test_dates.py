"""What "today" is: --today, else SOURCE_DATE_EPOCH, else the local date."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.derive.dates import resolve_today

LOCAL = dt.date(2030, 1, 1)


@pytest.mark.parametrize("value", ["junk", "12.5", "-1", "1e9", "4294967296", "\u0663"])
@pytest.mark.parametrize("given", [None, dt.date(2026, 1, 2)])
def test_a_bad_source_date_epoch_is_refused_even_beside_a_given_day(
    value: str, given: dt.date | None
) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH") as info:
        resolve_today(given, {"SOURCE_DATE_EPOCH": value}, LOCAL)
    assert value in str(info.value)


@pytest.mark.parametrize(
    ("value", "day"), [("0", dt.date(1970, 1, 1)), (" 86400\n", dt.date(1970, 1, 2))]
)
def test_source_date_epoch_in_seconds(value: str, day: dt.date) -> None:
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": value}, LOCAL) == day


def test_a_blank_source_date_epoch_counts_as_unset() -> None:
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": " "}, LOCAL) == LOCAL
