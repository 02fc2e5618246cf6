"""The critical-path schedule: properties on random acyclic plans, and hand-computed cases.

tests/test_derive.py has the first hand-computed cases (a weekend start, a task over a
weekend, two predecessors, parallel chains); these add the ones it lacks.
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.derive.dates import next_working_day, to_index
from generator.derive.schedule import Scheduled, plan_problems, schedule
from generator.models import PlanTask

D = dt.date
MONDAY = D(2026, 11, 16)


def task(id: str, days: int, start: D | None = None, after: list[str] | None = None) -> PlanTask:
    return PlanTask(id=id, task=id, owner="ana", days=days, start=start, after=after or [])


@st.composite
def plans(draw: st.DrawFn) -> list[PlanTask]:
    """A valid plan: each task may wait for tasks made before it (so no cycle), tasks
    without `after` have a `start` (any day of the week), then the order is shuffled."""
    size = draw(st.integers(1, 9))
    tasks: list[PlanTask] = []
    for i in range(size):
        after = (
            draw(st.lists(st.sampled_from([t.id for t in tasks]), max_size=3, unique=True))
            if tasks
            else []
        )
        has_start = not after or draw(st.booleans())
        start = MONDAY + dt.timedelta(days=draw(st.integers(0, 30))) if has_start else None
        tasks.append(task(f"t{i}", draw(st.integers(1, 6)), start, after))
    draw(st.randoms(use_true_random=False)).shuffle(tasks)
    return tasks


def _by_id(plan: list[PlanTask]) -> dict[str, Scheduled]:
    return {t.id: t for t in schedule(plan)}


@settings(max_examples=200, deadline=None)
@given(plans())
def test_every_task_starts_as_the_contract_says(plan: list[PlanTask]) -> None:
    assert plan_problems(plan) == []
    got = _by_id(plan)
    for t in plan:
        s = got[t.id]
        assert s.start.weekday() < 5 and s.end.weekday() < 5
        assert to_index(s.end) - to_index(s.start) + 1 == t.days
        earliest = [to_index(got[d].end) + 1 for d in t.after]
        if t.start is not None:
            assert s.start >= next_working_day(t.start)
            earliest.append(to_index(t.start))
        assert all(s.start > got[d].end for d in t.after)
        # ... and not a day later than it has to.
        assert to_index(s.start) == max(earliest)


@settings(max_examples=200, deadline=None)
@given(plans())
def test_slack_is_never_negative_and_the_critical_path_reaches_the_end(
    plan: list[PlanTask],
) -> None:
    result = schedule(plan)
    end = max(t.end for t in result)
    assert all(t.slack >= 0 for t in result)
    assert all(t.critical == (t.slack == 0) for t in result)
    assert any(t.critical and t.end == end for t in result)


@settings(max_examples=100, deadline=None)
@given(plans(), st.data())
def test_slack_is_how_far_a_task_can_slip_without_moving_the_end(
    plan: list[PlanTask], data: st.DataObject
) -> None:
    """Slipping a task's end by its slack keeps the plan's end; one day more moves it."""
    end = max(t.end for t in schedule(plan))
    victim = data.draw(st.sampled_from(plan))
    slack = _by_id(plan)[victim.id].slack

    def slipped(days: int) -> D:
        longer = [t.model_copy(update={"days": t.days + days}) if t is victim else t for t in plan]
        return max(t.end for t in schedule(longer))

    assert slipped(slack) == end
    assert to_index(slipped(slack + 1)) == to_index(end) + 1


@settings(max_examples=100, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_the_order_of_the_plan_does_not_change_the_schedule(
    plan: list[PlanTask], rnd: random.Random
) -> None:
    shuffled = list(plan)
    rnd.shuffle(shuffled)
    assert _by_id(shuffled) == _by_id(plan)


def test_a_later_start_of_its_own_wins_over_the_predecessor() -> None:
    plan = [
        task("a", 2, start=MONDAY),  # Mon 16 - Tue 17
        task("b", 1, start=D(2026, 11, 20), after=["a"]),  # pencilled in for Fri 20
    ]
    got = _by_id(plan)
    assert got["b"].start == D(2026, 11, 20)
    # a may end as late as Thursday without moving b: two days of slack.
    assert (got["a"].slack, got["a"].critical, got["b"].critical) == (2, False, True)


def test_a_weekend_start_after_a_predecessor_still_waits_for_it() -> None:
    plan = [
        task("a", 2, start=D(2026, 11, 20)),  # Fri 20 - Mon 23
        task("b", 1, start=D(2026, 11, 22), after=["a"]),  # a Sunday
    ]
    got = _by_id(plan)
    assert (got["a"].end, got["b"].start) == (D(2026, 11, 23), D(2026, 11, 24))


def test_a_task_after_a_friday_starts_on_monday() -> None:
    got = _by_id([task("a", 5, start=MONDAY), task("b", 1, after=["a"])])
    assert (got["a"].end, got["b"].start, got["b"].end) == (
        D(2026, 11, 20),
        D(2026, 11, 23),
        D(2026, 11, 23),
    )


def test_three_parallel_chains_each_with_their_own_slack() -> None:
    plan = [
        task("a1", 3, start=MONDAY),
        task("a2", 2, after=["a1"]),  # the long chain: Mon-Fri
        task("b1", 1, start=MONDAY),
        task("b2", 1, after=["b1"]),  # two days, three to spare
        task("c1", 2, start=D(2026, 11, 18)),  # Wed-Thu, one to spare
    ]
    slack = {t.id: t.slack for t in schedule(plan)}
    assert slack == {"a1": 0, "a2": 0, "b1": 3, "b2": 3, "c1": 1}


def test_a_long_plan_in_reverse_order_is_scheduled_without_recursion() -> None:
    """A chain longer than Python's recursion limit, listed last task first."""
    chain = [task("t0", 1, start=MONDAY)]
    chain += [task(f"t{i}", 1, after=[f"t{i - 1}"]) for i in range(1, 3000)]
    chain.reverse()
    assert plan_problems(chain) == []
    result = schedule(chain)
    assert all(t.critical for t in result)
    assert result[0].end == D(2026, 11, 16) + dt.timedelta(weeks=600 - 1, days=4)


def test_a_long_cycle_is_found_without_recursion() -> None:
    chain = [task(f"t{i}", 1, after=[f"t{i - 1}"]) for i in range(1, 3000)]
    chain.append(task("t0", 1, after=["t2999"]))
    chain.reverse()
    [problem] = plan_problems(chain)
    assert "cycle" in problem.message
