"""Stacked bar chart of the leads handed over per week, one colour per channel."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.derive.leads import LeadsTable
from generator.render.charts import fit, r1, text_width

FONT = 13
PAD = 8
AXIS = 40  # room for the value labels left of the plot
TOP = 20  # room for the total above the highest bar
PLOT_HEIGHT = 200
AREA = 640
MIN_SLOT, MAX_SLOT = 8.0, 72.0


@dataclass(frozen=True)
class Block:
    channel: str
    count: int
    colour: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Series:
    """The blocks of one channel, drawn as one path."""

    channel: str
    colour: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Week:
    start: dt.date
    total: int
    x: float
    width: float
    top: float
    label: bool  # show the week's date under the axis
    blocks: tuple[Block, ...]  # bottom to top, in channel order


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Key:
    channel: str
    label: str
    colour: int
    x: float
    y: float


@dataclass(frozen=True)
class Weekly:
    width: float
    height: float
    font: int
    plot_x: float
    plot_end: float
    base: float
    totals_shown: bool
    weeks: tuple[Week, ...]
    channels: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    keys: tuple[Key, ...]

    @property
    def total(self) -> int:
        return sum(w.total for w in self.weeks)


def nice_step(peak: int, lines: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about ``lines`` grid lines."""
    raw = max(1.0, peak / lines)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def _keys(
    channels: tuple[str, ...], colours: Mapping[str, int], y: float, width: float
) -> list[Key]:
    keys: list[Key] = []
    x = float(PAD)
    for channel in channels:
        label = fit(channel, 200, FONT)
        size = 20 + text_width(label, FONT) + 18
        if x > PAD and x + size > width:
            x, y = PAD, y + 20
        keys.append(Key(channel, label, colours.get(channel, 0), r1(x), r1(y)))
        x += size
    return keys


def layout(table: LeadsTable, colours: Mapping[str, int]) -> Weekly | None:
    """The chart of a by-week table, or None when it has no weeks."""
    if not table.periods:
        return None
    count = len(table.periods)
    slot = max(MIN_SLOT, min(MAX_SLOT, AREA / count))
    step = nice_step(max(p.total for p in table.periods))
    peak = max(step, math.ceil(max(p.total for p in table.periods) / step) * step)
    scale = PLOT_HEIGHT / peak
    base = TOP + PLOT_HEIGHT
    stride = math.ceil(52 / slot)
    weeks: list[Week] = []
    for i, period in enumerate(table.periods):
        x, width = r1(AXIS + PAD + i * slot + slot * 0.15), r1(slot * 0.7)
        blocks: list[Block] = []
        y = float(base)
        for channel, n in zip(table.channels, period.counts, strict=True):
            if n:
                colour = colours.get(channel, 0)
                blocks.append(Block(channel, n, colour, x, r1(y - n * scale), width, r1(n * scale)))
                y -= n * scale
        label = (count - 1 - i) % stride == 0  # the latest week always has its date
        weeks.append(Week(period.start, period.total, x, width, r1(y), label, tuple(blocks)))
    series = tuple(
        Series(c, colours.get(c, 0), tuple(b for w in weeks for b in w.blocks if b.channel == c))
        for c in table.channels
    )
    plot_end = AXIS + PAD + count * slot
    chart_width = max(plot_end + PAD, 320.0)
    ticks = tuple(Tick(v, r1(base - v * scale)) for v in range(0, peak + 1, step))
    keys = _keys(table.channels, colours, base + 44, chart_width)
    return Weekly(
        font=FONT,
        width=r1(chart_width),
        height=r1((keys[-1].y if keys else base + 24) + 12),
        plot_x=AXIS + PAD,
        plot_end=r1(plot_end),
        base=base,
        totals_shown=slot >= 22,
        weeks=tuple(weeks),
        channels=series,
        ticks=ticks,
        keys=tuple(keys),
    )
