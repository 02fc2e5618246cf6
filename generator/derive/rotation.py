"""The minute-taker rotation."""

from __future__ import annotations

from generator.content import Content


def rotation_order(content: Content) -> list[str]:
    """The rotation from team.yaml, else every active person in file order."""
    if content.team.rotation:
        return list(content.team.rotation)
    return [p.id for p in content.team.people if p.active]


def next_minute_taker(content: Content) -> str | None:
    """The person after the latest session's minute-taker in the rotation."""
    order = rotation_order(content)
    if not order:
        return None
    sessions = content.sessions_by_date()
    if not sessions:
        return order[0]
    last = sessions[-1].model.minute_taker
    if last not in order:
        return order[0]
    return order[(order.index(last) + 1) % len(order)]


def sessions_until_turn(rotation: list[str], next_taker: str | None, person: str) -> int | None:
    """How many sessions pass before ``person`` takes the minutes (0: the next one).

    None when the person is not in the rotation or nobody is next.
    """
    if next_taker is None or person not in rotation or next_taker not in rotation:
        return None
    return (rotation.index(person) - rotation.index(next_taker)) % len(rotation)
