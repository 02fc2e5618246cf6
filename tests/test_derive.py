"""Pure derivations: schedule, ledger, rotation, MQL timeline, today."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from generator.derive.dates import next_working_day, resolve_today
from generator.derive.facts import TEAM_ROLE_SESSIONS, derive
from generator.derive.mql import timeline
from generator.derive.schedule import plan_problems, schedule
from generator.diagnostics import Collector
from generator.models import MqlFile, PlanTask
from generator.pipeline import Result
from generator.validate import validate_root

D = dt.date


def task(id: str, days: int, start: D | None = None, after: list[str] | None = None) -> PlanTask:
    return PlanTask(id=id, task=id, owner="ana", days=days, start=start, after=after or [])


def test_weekend_start_moves_to_monday_and_end_is_inclusive() -> None:
    [t] = schedule([task("a", 1, start=D(2026, 11, 21))])  # a Saturday
    assert (t.start, t.end, t.slack, t.critical) == (D(2026, 11, 23), D(2026, 11, 23), 0, True)


def test_task_spans_a_weekend_in_working_days() -> None:
    [t] = schedule([task("a", 3, start=D(2026, 11, 19))])  # Thursday
    assert (t.start, t.end) == (D(2026, 11, 19), D(2026, 11, 23))


def test_two_predecessors_and_parallel_chains_with_different_slack() -> None:
    plan = [
        task("a", 2, start=D(2026, 11, 16)),  # Mon-Tue
        task("b", 4, start=D(2026, 11, 16)),  # Mon-Thu
        task("c", 1, after=["a", "b"]),  # Fri 20th
        task("d", 1, start=D(2026, 11, 16)),  # Mon, ends long before c
    ]
    got = {t.id: t for t in schedule(plan)}
    assert got["c"].start == D(2026, 11, 20) and got["c"].end == D(2026, 11, 20)
    assert (got["a"].slack, got["b"].slack, got["c"].slack, got["d"].slack) == (2, 0, 0, 4)
    assert [t.id for t in schedule(plan) if t.critical] == ["b", "c"]


def test_plan_problems_cycle_unknown_and_missing_start() -> None:
    assert (
        "cycle" in plan_problems([task("a", 1, after=["b"]), task("b", 1, after=["a"])])[0].message
    )
    unknown = plan_problems([task("a", 1, start=D(2026, 1, 5)), task("b", 1, after=["x"])])
    assert unknown[0].index == 1 and "unknown task id 'x'" in unknown[0].message
    assert "needs a `start` or `after`" in plan_problems([task("a", 1)])[0].message


def test_next_working_day() -> None:
    assert next_working_day(D(2026, 11, 22)) == D(2026, 11, 23)
    assert next_working_day(D(2026, 11, 20)) == D(2026, 11, 20)


def test_today_resolution_order() -> None:
    local = D(2030, 1, 1)
    assert resolve_today(D(2026, 1, 2), {"SOURCE_DATE_EPOCH": "0"}, local) == D(2026, 1, 2)
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": "86400"}, local) == D(1970, 1, 2)
    assert resolve_today(None, {"SOURCE_DATE_EPOCH": " "}, local) == local  # blank: unset
    assert resolve_today(None, {}, local) == local


def test_mql_timeline_current_upcoming_past() -> None:
    def version(day: D) -> dict[str, object]:
        return {
            "effective": day,
            "summary": "s",
            "threshold": 50,
            "criteria": [{"name": "n", "kind": "fit", "points": 1}],
        }

    mql = MqlFile.model_validate(
        {"versions": [version(D(2026, 10, 5)), version(D(2026, 1, 5)), version(D(2027, 1, 4))]}
    )
    line = timeline(mql, D(2026, 10, 5))
    assert line.current is not None and line.current.effective == D(2026, 10, 5)
    assert [v.effective for v in line.upcoming] == [D(2027, 1, 4)]
    assert [v.effective for v in line.past] == [D(2026, 1, 5)]


def test_example_ledger_carries_an_action_over_several_sessions(example_root: Path) -> None:
    diags = Collector()
    content = validate_root(example_root, diags, D(2026, 11, 23))
    facts = derive(content, D(2026, 11, 23))
    carried = max(facts.ledger, key=lambda e: len(e.updates))
    assert len(carried.updates) >= 3 and carried.is_open
    assert len(facts.overdue_actions) >= 1
    assert facts.next_minute_taker == "carla"


def test_raci_roles_held_through_a_team_are_listed_once_with_the_team(
    example_result: Result,
) -> None:
    facts = example_result.facts
    assert facts is not None
    roles = facts.raci_roles("elif", "marketing")
    cover = [r for r in roles if r.activity.startswith("January-intake holiday cover")]
    assert [[(h.role, h.via) for h in r.held] for r in cover] == [[("I", "marketing")]]
    gus = facts.raci_roles("gus", "sales")
    cover = [r for r in gus if r.activity.startswith("January-intake holiday cover")]
    assert [[(h.role, h.via) for h in r.held] for r in cover] == [[("R", None)]]
    assert all(h.via is None for r in facts.raci_roles("elif") for h in r.held)


def test_a_person_holds_every_role_of_an_activity_in_one_row(example_result: Result) -> None:
    """Hana is consulted on the January MQL sign-off and informed of it as Sales: one row
    with both roles, not one row per role."""
    facts = example_result.facts
    assert facts is not None
    week47 = [r for r in facts.raci_roles("hana", "sales") if r.session.id == "2026-11-16-weekly"]
    signoff = [r for r in week47 if r.activity == "Sign-off of the January MQL version"]
    assert [[(h.role, h.via) for h in r.held] for r in signoff] == [[("C", None), ("I", "sales")]]
    assert len(week47) == len({r.activity for r in week47})


def test_roles_through_a_team_are_listed_for_the_latest_sessions_only(
    example_result: Result,
) -> None:
    facts = example_result.facts
    assert facts is not None
    limited = dataclasses.replace(facts)
    roles = limited.raci_roles("elif", "marketing")
    with_team = {r.session.id for r in roles if any(h.via for h in r.held)}
    newest = [s.id for s in facts.sessions_newest]
    assert with_team and with_team <= set(newest[:TEAM_ROLE_SESSIONS])
    many = dataclasses.replace(
        facts,
        content=dataclasses.replace(facts.content, sessions=facts.content.sessions * 3),
    )
    many_roles = many.raci_roles("elif", "marketing")
    assert len({id(r.session) for r in many_roles if any(h.via for h in r.held)}) <= (
        TEAM_ROLE_SESSIONS
    )
