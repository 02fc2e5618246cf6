"""The critical-path schedule of a session plan (CPM on working days).

A task starts on the later of its ``start`` (moved to the next working day when it
falls on a weekend) and the working day after the last of its ``after`` tasks ends.
``end`` is the task's last working day, inclusive. Slack is how many working days a
task can slip without moving the plan's end; the critical path is the zero-slack tasks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.derive.dates import from_index, to_index
from generator.diagnostics import did_you_mean
from generator.models import PlanTask


@dataclass(frozen=True)
class PlanProblem:
    index: int
    field: str
    message: str


@dataclass(frozen=True)
class Scheduled:
    id: str
    task: str
    owner: str
    days: int
    after: tuple[str, ...]
    start: dt.date
    end: dt.date
    slack: int
    critical: bool


def plan_problems(plan: Sequence[PlanTask]) -> list[PlanProblem]:
    """Duplicate ids, unknown `after` ids, missing starts and cycles, at their tasks."""
    problems: list[PlanProblem] = []
    ids: dict[str, int] = {}
    for i, task in enumerate(plan):
        if task.id in ids:
            problems.append(PlanProblem(i, "id", f"duplicate task id '{task.id}' in this plan"))
        ids.setdefault(task.id, i)
    for i, task in enumerate(plan):
        for j, dep in enumerate(task.after):
            if dep not in ids:
                hint = did_you_mean(dep, ids)
                problems.append(PlanProblem(i, f"after.{j}", f"unknown task id '{dep}'{hint}"))
            elif dep == task.id:
                problems.append(PlanProblem(i, f"after.{j}", f"task '{dep}' cannot follow itself"))
        if task.start is None and not task.after:
            problems.append(PlanProblem(i, "id", f"task '{task.id}' needs a `start` or `after`"))
    if not problems:
        cycle = _find_cycle(plan)
        if cycle:
            first = next(i for i, t in enumerate(plan) if t.id == cycle[0])
            path = " -> ".join([*cycle, cycle[0]])
            problems.append(
                PlanProblem(first, "after", f"tasks depend on each other in a cycle: {path}")
            )
    return problems


def _find_cycle(plan: Sequence[PlanTask]) -> list[str]:
    after = {t.id: list(t.after) for t in plan}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for dep in after.get(node, []):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for task in plan:
        if task.id not in state:
            found = visit(task.id)
            if found:
                return found
    return []


def _topological(plan: Sequence[PlanTask]) -> list[PlanTask]:
    by_id = {t.id: t for t in plan}
    done: set[str] = set()
    order: list[PlanTask] = []

    def visit(task: PlanTask) -> None:
        if task.id in done:
            return
        done.add(task.id)
        for dep in task.after:
            visit(by_id[dep])
        order.append(task)

    for task in plan:
        visit(task)
    return order


def schedule(plan: Sequence[PlanTask]) -> list[Scheduled]:
    """Schedule a valid plan (no problems from plan_problems), in the plan's order."""
    if not plan:
        return []
    order = _topological(plan)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for task in order:
        candidates = [last[d] + 1 for d in task.after]
        if task.start is not None:
            candidates.append(to_index(task.start))
        first[task.id] = max(candidates)
        last[task.id] = first[task.id] + task.days - 1
    plan_end = max(last.values())
    latest_last: dict[str, int] = {}
    for task in reversed(order):
        successors = [t for t in plan if task.id in t.after]
        latest_last[task.id] = min(
            (latest_last[s.id] - s.days for s in successors), default=plan_end
        )
    return [
        Scheduled(
            id=t.id,
            task=t.task,
            owner=t.owner,
            days=t.days,
            after=tuple(t.after),
            start=from_index(first[t.id]),
            end=from_index(last[t.id]),
            slack=latest_last[t.id] - last[t.id],
            critical=latest_last[t.id] == last[t.id],
        )
        for t in plan
    ]
