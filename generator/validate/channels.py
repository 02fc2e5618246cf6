"""Lead channels: one spelling each, so that the leads chart has one series per channel.

``channel`` is free text, and ``Webinar``, ``webniar`` and ``webinar`` each became a
series of their own in the leads chart and a tag of their own. With a list of channels
in ``content/funnel.yaml`` (``channels:``), a lead group's channel that is not on it is a
warning naming the closest listed one. Without the list, a channel that differs from a
more used one only by case or a small typing slip is a warning pointing at that one.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from generator.content import Content, SessionDoc
from generator.diagnostics import Collector

FUNNEL = "content/funnel.yaml"
SIMILAR = (
    0.8  # difflib ratio: 'webniar'/'webinar' 0.86, 'events'/'vents' 0.91, 'social'/'email' 0.36
)


def _uses(content: Content) -> Iterator[tuple[SessionDoc, int, str]]:
    for session in content.sessions:
        for i, group in enumerate(session.model.leads):
            yield session, i, group.channel


def _warn(diags: Collector, session: SessionDoc, i: int, message: str) -> None:
    line, col = session.at(("leads", i, "channel"))
    diags.warning(session.src.path, line, col, message)


def closest(value: str, known: list[str]) -> str | None:
    """The known channel that ``value`` most likely means: same but for case, else close."""
    for name in known:
        if name.casefold() == value.casefold():
            return name
    found = difflib.get_close_matches(value.casefold(), [k.casefold() for k in known], 1, SIMILAR)
    return next((k for k in known if found and k.casefold() == found[0]), None)


def check_channels(content: Content, diags: Collector) -> None:
    listed = content.funnel.channels
    if listed is not None:
        _against_the_list(content, listed, diags)
    else:
        _against_each_other(content, diags)


def _against_the_list(content: Content, listed: list[str], diags: Collector) -> None:
    known = set(listed)
    for session, i, channel in _uses(content):
        if channel in known:
            continue
        near = closest(channel, listed)
        hint = f" (did you mean '{near}'?)" if near else ""
        _warn(
            diags,
            session,
            i,
            f"unknown channel '{channel}'{hint}: the channels are listed in {FUNNEL} "
            "(add it there if it is a new one)",
        )


def _against_each_other(content: Content, diags: Collector) -> None:
    counts = Counter(channel for _, _, channel in _uses(content))
    # Most used first (then alphabetical): a rarer spelling is compared with the common one.
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    usual: dict[str, str] = {}
    for n, channel in enumerate(ranked):
        near = closest(channel, ranked[:n])
        if near is not None:
            usual[channel] = usual.get(near, near)
    for session, i, channel in _uses(content):
        if channel in usual:
            main = usual[channel]
            times = f"{counts[main]} time{'s' if counts[main] != 1 else ''}"
            _warn(
                diags,
                session,
                i,
                f"channel '{channel}' looks like '{main}' (used {times}): write it the same "
                f"way each time, or list the channels in {FUNNEL} (channels: [...])",
            )
