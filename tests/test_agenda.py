"""The optional session agenda: its fields, and the 15-minute time box of each team."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive.agenda import TIME_BOX_MINUTES, over_the_box, team_times
from tests.test_validation import NEW, assert_at, make_valid_root, one, run, show, write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_valid_root(tmp_path)


def with_agenda(items: str, extra: str = "") -> str:
    """A session file whose agenda starts on line 6."""
    return f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
{extra}agenda:
{items}"""


def test_team_times_add_up_in_order_of_first_appearance() -> None:
    items = [("sales", 10), ("marketing", 5), ("sales", 6), ("marketing", 10)]
    assert [(t.team, t.minutes, t.over) for t in team_times(items)] == [
        ("sales", 16, True),
        ("marketing", 15, False),
    ]
    assert over_the_box(items) == {"sales": 2}
    assert TIME_BOX_MINUTES == 15


def test_a_team_over_15_minutes_is_warned_at_the_item_that_takes_it_over(root: Path) -> None:
    write(
        root,
        NEW,
        with_agenda("""\
  - topic: Expo results
    team: sales
    minutes: 10
  - topic: Nurture track
    team: marketing
    minutes: 15
  - topic: Free-trial requests
    team: sales
    minutes: 8
  - topic: Return codes
    team: sales
    minutes: 2
"""),
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "agenda")
    assert_at(d, NEW, 14, "warning", "team 'sales' 20 minutes")
    assert "more than the 15 minutes each team has" in d.message
    assert d.col == 14
    assert len(diags.warnings) == 1, show(diags)


def test_each_team_over_its_time_box_gets_one_warning(root: Path) -> None:
    write(
        root,
        NEW,
        with_agenda("""\
  - {topic: Expo, team: sales, minutes: 16}
  - {topic: Webinar, team: marketing, minutes: 9}
  - {topic: MQL draft, team: marketing, minutes: 9}
  - {topic: Calls, team: sales, minutes: 1}
"""),
    )
    diags = run(root)
    found = sorted((d.line, d.message.split(":")[0]) for d in diags.warnings)
    assert found == [
        (6, "the agenda gives team 'sales' 17 minutes"),
        (8, "the agenda gives team 'marketing' 18 minutes"),
    ], show(diags)


def test_exactly_15_minutes_is_within_the_time_box(root: Path) -> None:
    write(root, NEW, with_agenda("  - {topic: Expo, team: sales, minutes: 15}\n"))
    diags = run(root)
    assert diags.items == [], show(diags)


def test_an_unknown_team_is_an_error_with_the_closest_id(root: Path) -> None:
    write(root, NEW, with_agenda("  - topic: Expo\n    team: sale\n    minutes: 5\n"))
    diags = run(root)
    d = one(diags, "error", "unknown team 'sale'")
    assert_at(d, NEW, 7, "error", "did you mean 'sales'")
    assert d.col == 11


def test_a_person_is_not_a_team(root: Path) -> None:
    write(root, NEW, with_agenda("  - topic: Expo\n    team: ana\n    minutes: 5\n"))
    d = one(run(root), "error", "unknown team 'ana'")
    assert_at(d, NEW, 7, "error", "unknown team")


@pytest.mark.parametrize(
    ("minutes", "fragment"),
    [
        ("0", "greater than or equal to 1"),
        ("ten", "whole number"),
        ("2.5", "whole number"),
        ("true", "boolean"),
    ],
)
def test_minutes_must_be_a_whole_number_from_1(root: Path, minutes: str, fragment: str) -> None:
    write(root, NEW, with_agenda(f"  - topic: Expo\n    team: sales\n    minutes: {minutes}\n"))
    diags = run(root)
    assert len(diags.errors) == 1, show(diags)
    assert_at(diags.errors[0], NEW, 8, "error", fragment)
    assert diags.warnings == [], show(diags)


def test_a_missing_topic_and_a_misspelt_field_are_errors(root: Path) -> None:
    write(root, NEW, with_agenda("  - topc: Expo\n    team: sales\n    minutes: 5\n"))
    diags = run(root)
    assert {(d.line, d.message) for d in diags.errors} == {
        (6, "unknown field 'topc' (did you mean 'topic'?)"),
        (6, "missing required field 'topic'"),
    }, show(diags)


def test_a_bad_field_elsewhere_does_not_hide_the_time_box(root: Path) -> None:
    write(
        root,
        NEW,
        with_agenda("  - {topic: Expo, team: sales, minutes: 20}\n", extra="titel: Week 47\n"),
    )
    diags = run(root)
    assert [d.message for d in diags.errors] == ["unknown field 'titel' (did you mean 'title'?)"]
    assert_at(one(diags, "warning", "agenda"), NEW, 7, "warning", "20 minutes")
