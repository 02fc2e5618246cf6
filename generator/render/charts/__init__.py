"""Chart layout: pure functions from facts to geometry (numbers and labels, no markup).

The SVG markup is in ``site_templates/svg/``; ``generator.render.env.render_svg`` draws
a geometry with it. Text widths are estimated (no font metrics at build time), with a
margin, so that labels are placed where they fit in any sans-serif font.
"""

from __future__ import annotations

from collections.abc import Sequence

PALETTE_SIZE = 10
# Advance widths in ems, close to the usual sans-serif faces (Roboto, Helvetica, Arial)
# and rounded up; anything not listed counts as a wide letter.
_NARROW = dict.fromkeys("ijl.,:;'!|", 0.28) | dict.fromkeys("ftrI()[]{}/ -", 0.36)
_WIDTHS = (
    _NARROW
    | dict.fromkeys("abcdeghknopqsuvxyz0123456789?$_#", 0.57)
    | dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ&w", 0.7)
    | dict.fromkeys("mMW@%", 0.86)
)
_DEFAULT = 0.75


def text_width(text: str, size: float = 12) -> float:
    """Estimated width of ``text`` at font size ``size`` (a little more than it takes)."""
    return round(sum(_WIDTHS.get(c, _DEFAULT) for c in text) * size, 1)


def fit(text: str, width: float, size: float = 12) -> str:
    """``text`` on one line, cut with an ellipsis so that it fits ``width``."""
    line = " ".join(text.split())
    if text_width(line, size) <= width:
        return line
    while line and text_width(line + "\u2026", size) > width:
        line = line[:-1]
    return line.rstrip() + "\u2026"


def palette(channels: Sequence[str]) -> dict[str, int]:
    """Colour index of each channel: ``ho-ch-<n>`` in the stylesheet."""
    return {c: i % PALETTE_SIZE for i, c in enumerate(channels)}


def r1(value: float) -> float:
    """Coordinates are rounded to 0.1: sharp enough, and short in the markup."""
    return round(value, 1)
