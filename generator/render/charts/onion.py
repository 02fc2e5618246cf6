"""The onion of a session's leads: core, middle and outer rings around the total.

Each ring is a band split into arcs, one per channel, in proportion to its leads. The
top of every band is kept free for the ring's name and count, so the three labels
stack over the centre. Arcs are circles drawn with a stroke dash (no path data): a
circle of the band's middle radius, as thick as the band, rotated to start at 12
o'clock, dashed from ``offset`` for ``dash``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.derive.leads import RingLeads
from generator.render.charts import fit, r1, text_width

FONT = 13
PAD = 8
HOLE = 34
BAND = 44
SEPARATOR = 2.0  # between arcs and between bands
LEGEND_GAP = 24
NAMES = {"core": "Core", "middle": "Middle", "outer": "Outer"}


@dataclass(frozen=True)
class Arc:
    channel: str
    count: int
    colour: int
    circumference: float
    dash: float
    offset: float
    label: bool  # room for the count on the arc
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Ring:
    ring: str
    name: str
    total: int
    radius: float
    width: float
    circumference: float
    label_y: float
    arcs: tuple[Arc, ...]


@dataclass(frozen=True)
class Key:
    channel: str
    label: str
    count: int
    colour: int
    y: float


@dataclass(frozen=True)
class Onion:
    width: float
    height: float
    font: int
    cx: float
    cy: float
    total: int
    rings: tuple[Ring, ...]
    key_x: float
    keys: tuple[Key, ...]


def _ring(leads: RingLeads, index: int, c: float, colours: Mapping[str, int]) -> Ring:
    radius = HOLE + index * BAND + BAND / 2
    circumference = 2 * math.pi * radius
    name = NAMES[leads.ring]
    label_half = (text_width(f"{name} {leads.total}", FONT) / 2 + 6) / radius
    free = 2 * math.degrees(math.asin(min(1.0, label_half)))
    turn = (360 - free) / 360 * circumference  # the length shared by the arcs
    arcs: list[Arc] = []
    start = free / 2 / 360 * circumference
    for item in leads.channels:
        length = turn * item.count / leads.total
        middle = math.radians((start + length / 2) / circumference * 360)
        arcs.append(
            Arc(
                channel=item.channel,
                count=item.count,
                colour=colours.get(item.channel, 0),
                circumference=r1(circumference),
                dash=r1(max(0.0, length - SEPARATOR)),
                offset=r1(-(start + SEPARATOR / 2)),
                label=length >= text_width(str(item.count), FONT) + 12,
                label_x=r1(c + radius * math.sin(middle)),
                label_y=r1(c - radius * math.cos(middle) + FONT * 0.35),
            )
        )
        start += length
    return Ring(
        ring=leads.ring,
        name=name,
        total=leads.total,
        radius=r1(radius),
        width=BAND - SEPARATOR,
        circumference=r1(circumference),
        label_y=r1(c - radius + FONT * 0.35),
        arcs=tuple(arcs),
    )


def layout(rings: Sequence[RingLeads], colours: Mapping[str, int]) -> Onion | None:
    """The onion of one session's leads, or None when it has no leads.

    ``colours`` maps each channel to its colour index, in the site's channel order.
    """
    if not any(r.channels for r in rings):
        return None
    outer = HOLE + len(rings) * BAND
    c = PAD + outer
    rank = {channel: i for i, channel in enumerate(colours)}
    totals: dict[str, int] = {}
    for ring in rings:
        for item in ring.channels:
            totals[item.channel] = totals.get(item.channel, 0) + item.count
    totals = dict(sorted(totals.items(), key=lambda kv: rank.get(kv[0], len(rank))))
    key_x = 2 * c + LEGEND_GAP
    top = c - (len(totals) * 22) / 2 + 11
    keys = tuple(
        Key(channel, fit(channel, 200, FONT), count, colours.get(channel, 0), r1(top + i * 22))
        for i, (channel, count) in enumerate(totals.items())
    )
    widest = max(text_width(f"{k.label} {k.count}", FONT) for k in keys)
    return Onion(
        font=FONT,
        width=r1(key_x + 20 + widest + PAD),
        height=r1(max(2 * c, top + len(keys) * 22 + PAD)),
        cx=c,
        cy=c,
        total=sum(totals.values()),
        rings=tuple(_ring(r, i, c, colours) for i, r in enumerate(rings)),
        key_x=key_x,
        keys=keys,
    )
