"""Gantt chart layout of a scheduled plan, on an axis of working days.

One row per task in plan order: the task name on the left, its bar over its working
days with the owner's name after it, and its slack as a dashed line under the row, up
to the last day the task could end without moving the plan's end. Arrows go from the
end of each `after` task to the start of the task that waits for it. A marker shows
today when it falls within a week of the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.derive.dates import from_index, to_index
from generator.derive.schedule import Scheduled
from generator.render.charts import fit, r1, text_width

FONT = 13
PAD = 8
HEADER = 44  # week labels, then day numbers
ROW = 30
BAR = 18
AREA = 600  # the width the day columns aim for
MIN_COLUMN, MAX_COLUMN = 5.0, 56.0
MAX_LABEL = 240
NEAR_TODAY = 5  # working days: today is marked when this close to the plan
LEGEND = {
    "critical": "Critical path (no slack)",
    "task": "Other task",
    "slack": "Slack",
    "link": "Waits for",
    "today": "Today",
}


@dataclass(frozen=True)
class Column:
    x: float
    day: dt.date
    monday: bool
    line: bool  # draw a grid line at its left edge
    number: bool  # show the day of the month
    week: bool  # show the date label above


@dataclass(frozen=True)
class Bar:
    task: str
    label: str  # the task name, cut to fit the label column
    owner: str
    start: dt.date
    end: dt.date
    days: int
    slack: int
    critical: bool
    row_y: float
    x: float
    y: float
    width: float
    mid_y: float
    slack_y: float  # the slack line runs just under the bar
    text_y: float
    slack_x: float  # where the slack line ends (== x + width without slack)
    owner_x: float


@dataclass(frozen=True)
class Arrow:
    points: tuple[tuple[float, float], ...]
    head: tuple[tuple[float, float], ...]
    critical: bool


@dataclass(frozen=True)
class Today:
    x: float
    label_x: float
    day: dt.date


@dataclass(frozen=True)
class LegendItem:
    kind: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Gantt:
    width: float
    height: float
    font: int
    row: float
    bar: float
    area_x: float
    area_end: float
    top: float
    bottom: float
    column: float
    first: dt.date
    last: dt.date
    columns: tuple[Column, ...]
    bars: tuple[Bar, ...]
    arrows: tuple[Arrow, ...]
    today: Today | None
    legend: tuple[LegendItem, ...]

    @property
    def critical(self) -> tuple[Bar, ...]:
        return tuple(b for b in self.bars if b.critical)

    @property
    def plan_start(self) -> dt.date:
        return min(b.start for b in self.bars)

    @property
    def plan_end(self) -> dt.date:
        return max(b.end for b in self.bars)


def _columns(first: int, count: int, area_x: float, cw: float) -> tuple[Column, ...]:
    stride = next(k for k in (1, 2, 4, 8, 13, 26, 52, 10_000) if 5 * cw * k >= 48)
    week_labels: list[int] = []
    for i in range(count):
        if from_index(first + i).weekday() == 0 and (first + i) // 5 % stride == 0:
            week_labels.append(i)
    if not week_labels or week_labels[0] * cw >= 48:
        week_labels.insert(0, 0)
    return tuple(
        Column(
            x=r1(area_x + i * cw),
            day=from_index(first + i),
            monday=from_index(first + i).weekday() == 0,
            line=cw >= 12 or from_index(first + i).weekday() == 0,
            number=cw >= 18,
            week=i in week_labels,
        )
        for i in range(count)
    )


def _arrow(pred: Bar, succ: Bar) -> Arrow:
    x1, y1 = pred.x + pred.width, pred.y + BAR / 2
    x2, y2 = succ.x, succ.y + BAR / 2
    stub = x1 + 5
    if x2 - stub >= 7:
        points = [(x1, y1), (stub, y1), (stub, y2), (x2, y2)]
    else:  # too close for a straight drop: go round between the rows
        between = y2 - ROW / 2 if y2 > y1 else y2 + ROW / 2
        back = x2 - 7
        points = [(x1, y1), (stub, y1), (stub, between), (back, between), (back, y2), (x2, y2)]
    head = ((x2, y2), (x2 - 5, y2 - 3.5), (x2 - 5, y2 + 3.5))
    driving = pred.critical and succ.critical and to_index(pred.end) + 1 == to_index(succ.start)
    return Arrow(
        tuple((r1(x), r1(y)) for x, y in points),
        tuple((r1(x), r1(y)) for x, y in head),
        driving,
    )


def _legend(kinds: Sequence[str], y: float, width: float) -> tuple[LegendItem, ...]:
    items: list[LegendItem] = []
    x = float(PAD)
    for kind in kinds:
        size = 26 + text_width(LEGEND[kind], FONT) + 18
        if x > PAD and x + size > width:
            x, y = PAD, y + 20
        items.append(LegendItem(kind, LEGEND[kind], r1(x), r1(y)))
        x += size
    return tuple(items)


def layout(plan: Sequence[Scheduled], names: Mapping[str, str], today: dt.date) -> Gantt | None:
    """The chart of a scheduled plan; ``names`` maps owner ids to display names."""
    if not plan:
        return None
    first = min(to_index(t.start) for t in plan)
    last = max(to_index(t.end) for t in plan)
    today_index = to_index(today)
    working = today.weekday() < 5
    show_today = first - NEAR_TODAY <= today_index <= last + NEAR_TODAY
    if show_today:
        first = min(first, today_index)
        last = max(last, today_index if working else today_index - 1)
    count = last - first + 1
    cw = max(MIN_COLUMN, min(MAX_COLUMN, AREA / count))
    labels = [fit(t.task, MAX_LABEL, FONT) for t in plan]
    area_x = r1(PAD + max(text_width(label, FONT) for label in labels) + 12)

    def x_of(index: int) -> float:
        return area_x + (index - first) * cw

    bars: list[Bar] = []
    for row, (task, label) in enumerate(zip(plan, labels, strict=True)):
        start, end = to_index(task.start), to_index(task.end)
        row_y = HEADER + row * ROW
        x, width = x_of(start) + 1.5, (end - start + 1) * cw - 3
        slack_x = x_of(end + task.slack + 1) - 1.5 if task.slack else x + width
        owner = " ".join(names.get(task.owner, task.owner).split())
        bars.append(
            Bar(
                task=" ".join(task.task.split()),
                label=label,
                owner=owner,
                start=task.start,
                end=task.end,
                days=task.days,
                slack=task.slack,
                critical=task.critical,
                row_y=row_y,
                x=r1(x),
                y=r1(row_y + (ROW - BAR) / 2),
                width=r1(width),
                mid_y=r1(row_y + ROW / 2),
                slack_y=r1(row_y + (ROW + BAR) / 2 + 3),
                text_y=r1(row_y + ROW / 2 + FONT * 0.35),
                slack_x=r1(slack_x),
                owner_x=r1(x + width + 10),
            )
        )
    by_id = {t.id: bar for t, bar in zip(plan, bars, strict=True)}
    links = [_arrow(by_id[d], by_id[t.id]) for t in plan for d in dict.fromkeys(t.after)]
    arrows = tuple(sorted(links, key=lambda a: a.critical))  # the critical path on top
    area_end = r1(x_of(last + 1))
    width = r1(max(area_end, *(b.owner_x + text_width(b.owner, FONT) for b in bars)) + PAD)
    bottom = HEADER + len(bars) * ROW
    today_mark = None
    if show_today:
        x = r1(x_of(today_index) + (cw / 2 if working else 0))
        # the label is centred on the line, but never cut by either edge of the chart
        half = text_width(f"{LEGEND['today']}, {today.day} {today:%b}", FONT) / 2 + 2
        today_mark = Today(x, r1(min(max(x, area_x + half), width - half)), today)
    kinds = ["critical"]
    kinds += ["task"] if any(not b.critical for b in bars) else []
    kinds += ["slack"] if any(b.slack for b in bars) else []
    kinds += ["link"] if arrows else []
    kinds += ["today"] if today_mark else []
    legend_top = bottom + (44 if today_mark else 22)  # room under the "Today" label
    legend = _legend(kinds, legend_top, width)
    return Gantt(
        font=FONT,
        width=width,
        height=r1(legend[-1].y + 12),
        row=ROW,
        bar=BAR,
        area_x=area_x,
        area_end=area_end,
        top=HEADER - 6,
        bottom=bottom,
        column=r1(cw),
        first=from_index(first),
        last=from_index(last),
        columns=_columns(first, count, area_x, cw),
        bars=tuple(bars),
        arrows=arrows,
        today=today_mark,
        legend=legend,
    )
