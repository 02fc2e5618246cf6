"""Issue 18, the smaller points: ids in the wrong case, one accountable person, the full
share address, the site_url warning, and the default date of a new session."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.nextday import default_day, usual_weekday
from generator.cli import NO_SITE_URL, main
from generator.pipeline import generate
from tests.conftest import edit

REPO = Path(__file__).resolve().parent.parent
SESSION = "sessions/2026/2026-11-16-weekly.yaml"


@pytest.fixture
def root(example_copy: Path) -> Path:
    return example_copy


def check(root: Path) -> str:
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--today", "2026-11-23"])
    assert result.exit_code == 1
    return result.output


def test_an_id_in_the_wrong_case_suggests_the_lowercase_one(root: Path) -> None:
    edit(root, "content/team.yaml", "  - id: hana", "  - id: Hana")
    assert (
        "'id': 'Hana' is not a valid id: use lowercase letters, digits and '-', starting with "
        "a letter or digit (did you mean 'hana'?)"
    ) in check(root)


def test_accountable_given_as_a_list_says_one_person_is_accountable(root: Path) -> None:
    edit(root, SESSION, "    A: ben\n", "    A: [ben, ana]\n")
    assert (
        "error: one person is accountable (A): write one person id, not a list, e.g. A: ben; "
        "put ana in R or C"
    ) in check(root)


def test_the_share_address_is_full_when_the_sites_address_is_known() -> None:
    today = dt.date(2026, 11, 23)
    address = "https://intranet.example/handover/"
    page = "sessions/2026/2026-11-16-weekly.md"
    full = generate(REPO, today, site_url=address).pages[page]
    assert isinstance(full, str)
    share = '<a class="ho-share" href="debrief/sales/">'
    assert f"{share}{address}sessions/2026/2026-11-16-weekly/debrief/sales/</a>" in full
    bare = generate(REPO, today).pages[page]
    assert isinstance(bare, str)
    assert f"{share}/sessions/2026/2026-11-16-weekly/debrief/sales/</a>" in bare


@pytest.mark.slow
def test_build_warns_once_at_the_end_when_site_url_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    args = ["build", "--root", str(empty), "--site-dir", str(tmp_path / "site")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("site_url is not set") == 1
    assert result.output.rstrip().endswith(NO_SITE_URL)
    addressed = CliRunner().invoke(main, [*args, "--site-url", "https://intranet/handover/"])
    assert addressed.exit_code == 0 and "site_url is not set" not in addressed.output


# --- the default date of a new session ---------------------------------------------------

MONDAYS = [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)]


def test_the_usual_weekday_is_the_one_most_recent_sessions_fell_on() -> None:
    assert usual_weekday(MONDAYS) == 0
    assert usual_weekday([*MONDAYS, dt.date(2026, 11, 19)]) == 0  # one Thursday
    assert usual_weekday([dt.date(2026, 11, 3), dt.date(2026, 11, 5)]) == 3  # tie: latest
    assert usual_weekday([]) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 19), dt.date(2026, 11, 23)),  # a Thursday: the next Monday
        (dt.date(2026, 11, 23), dt.date(2026, 11, 23)),  # a Monday: today
    ],
)
def test_the_default_day_is_on_or_after_today(today: dt.date, expected: dt.date) -> None:
    day, why = default_day(MONDAYS, today, lambda d: False)
    assert day == expected and calendar.day_name[0] in why


def test_a_day_that_has_a_session_is_passed_over() -> None:
    day, _ = default_day(MONDAYS, dt.date(2026, 11, 16), lambda d: d in MONDAYS)
    assert day == dt.date(2026, 11, 23)


def test_new_session_dates_the_next_usual_day_and_says_so(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thursday = dt.datetime(2026, 11, 19, 12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(thursday.timestamp())))
    result = CliRunner().invoke(main, ["new", "session", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "sessions/2026/2026-11-23-handover.yaml").is_file()
    assert (
        "Dated 2026-11-23: the next Monday, the day most recent sessions were held (Monday)"
        in result.stderr
    )
