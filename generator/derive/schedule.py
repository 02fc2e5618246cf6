"""The critical-path schedule of a session plan (CPM on working days).

A task starts on the later of its ``start`` (moved to the next working day when it
falls on a weekend) and the working day after the last of its ``after`` tasks ends.
``end`` is the task's last working day, inclusive. Slack is how many working days a
task can slip without moving the plan's end; the critical path is the zero-slack tasks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
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
    # Cycles are searched among the known ids whatever else is wrong: a task following
    # itself, an unknown id and a second task of the same id are reported above.
    graph = [
        task.model_copy(update={"after": [d for d in task.after if d in ids and d != task.id]})
        for i, task in enumerate(plan)
        if ids[task.id] == i
    ]
    cycle = _find_cycle(graph)
    if cycle:
        first = ids[cycle[0]]
        path = " -> ".join([*cycle, cycle[0]])
        problems.append(
            PlanProblem(first, "after", f"tasks depend on each other in a cycle: {path}")
        )
    return problems


def _find_cycle(plan: Sequence[PlanTask]) -> list[str]:
    """The ids of one cycle in the `after` graph, or [] (iterative: plans can be long)."""
    after = {t.id: list(t.after) for t in plan}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for task in plan:
        if task.id in state:
            continue
        path: list[str] = [task.id]
        pending: list[Iterator[str]] = [iter(after.get(task.id, []))]
        state[task.id] = 1
        while pending:
            dep = next(pending[-1], None)
            if dep is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(dep) == 1:
                return path[path.index(dep) :]
            elif dep not in state:
                state[dep] = 1
                path.append(dep)
                pending.append(iter(after.get(dep, [])))
    return []


def _topological(plan: Sequence[PlanTask]) -> list[PlanTask]:
    """Every task after all of its `after` tasks, otherwise in plan order (acyclic plan)."""
    by_id = {t.id: t for t in plan}
    done: set[str] = set()
    order: list[PlanTask] = []
    for task in plan:
        if task.id in done:
            continue
        done.add(task.id)
        stack: list[tuple[PlanTask, Iterator[str]]] = [(task, iter(task.after))]
        while stack:
            current, deps = stack[-1]
            dep = next(deps, None)
            if dep is None:
                order.append(current)
                stack.pop()
            elif dep not in done:
                done.add(dep)
                stack.append((by_id[dep], iter(by_id[dep].after)))
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
    successors: dict[str, list[PlanTask]] = {t.id: [] for t in plan}
    for task in plan:
        for dep in dict.fromkeys(task.after):
            successors[dep].append(task)
    latest_last: dict[str, int] = {}
    for task in reversed(order):
        latest_last[task.id] = min(
            (latest_last[s.id] - s.days for s in successors[task.id]), default=plan_end
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
