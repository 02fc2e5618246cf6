"""The minute-taker rotation."""

from __future__ import annotations

from generator.content import Content


def rotation_order(content: Content) -> list[str]:
    """The rotation from team.yaml, else every active person in file order."""
    if content.team.rotation:
        return list(content.team.rotation)
    return [p.id for p in content.team.people if p.active]


def next_minute_taker(content: Content) -> str | None:
    """The person after the latest session's minute-taker in the rotation.

    A minute-taker who is not in the rotation stood in: the turn passes on from the
    latest minute-taker who is. With no such session, the rotation starts at its first.
    """
    order = rotation_order(content)
    if not order:
        return None
    for session in reversed(content.sessions_by_date()):
        taker = session.model.minute_taker
        if taker in order:
            return order[(order.index(taker) + 1) % len(order)]
    return order[0]


def sessions_until_turn(rotation: list[str], next_taker: str | None, person: str) -> int | None:
    """How many sessions pass before ``person`` takes the minutes (0: the next one).

    None when the person is not in the rotation or nobody is next.
    """
    if next_taker is None or person not in rotation or next_taker not in rotation:
        return None
    return (rotation.index(person) - rotation.index(next_taker)) % len(rotation)
