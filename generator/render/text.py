"""Escaping for record text: the only place where text meets Markdown syntax.

``inline`` makes any string render literally in Markdown running text; ``cell`` also
keeps it inside one table cell.
Markdown fields (notes, playbook bodies) are rendered by ``markdown_field``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup

_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "{": "\\{",
        "}": "\\}",
        "[": "\\[",
        "]": "\\]",
        "~": "&#126;",
        "^": "&#94;",
        "=": "&#61;",
        "$": "&#36;",
        "|": "&#124;",
        "#": "&#35;",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": " ",
        "\n": " ",
        "\t": " ",
    }
)
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#+\-.)!])")


@lru_cache(maxsize=1 << 14)
def day(value: dt.date | None) -> Markup:
    """A date as '18 Nov 2026' (or '' when missing); kept, as a page writes the same
    few dates in many rows (and strftime is slow)."""
    return Markup(f"{value.day} {value:%b %Y}") if value else Markup("")


def inline(value: object) -> Markup:
    """Any value as literal Markdown inline text, on one line."""
    if value is None:
        return Markup("")
    escaped = str(value).translate(_INLINE)
    # Characters that only mean something at the start of a line: lists, headings.
    escaped = _LINE_START.sub(r"\1\\\2", escaped, count=1)
    return Markup(escaped)


def classname(value: object) -> Markup:
    """A CSS class name made of a known value: lowercase letters, digits and '-' only."""
    return Markup(re.sub(r"[^a-z0-9-]", "", str(value).lower()))


def cell(value: object) -> Markup:
    """Literal text inside one Markdown table cell (never empty, never breaks the row)."""
    escaped = inline(value)
    return escaped if escaped.strip() else Markup("&nbsp;")


def yaml_string(value: object) -> Markup:
    """A double-quoted YAML scalar, for front matter written by templates."""
    text = str(value)
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    escaped = "".join(c if c.isprintable() or c in "\\" else f"\\x{ord(c):02x}" for c in escaped)
    return Markup(f'"{escaped}"')


def abbreviation(term: str, means: str) -> Markup | None:
    """A Markdown abbreviation definition (glossary tooltip), or None if the term can't be one."""
    if "]" in term or "\n" in term or not term.strip():
        return None
    clean = " ".join(means.split())
    return Markup(f"*[{term.strip()}]: {clean}")


def hours(value: int | None) -> str:
    return "no agreed time" if value is None else f"{value} h"


def contact_rule(rule: Any) -> str:
    """A first-contact rule (derive/first_contact.py) in a few words: the MQL definition's
    time, with each playbook tier whose own time is tighter ('12 h (Tier 1: 4 h)')."""
    if rule.mql_hours is None and rule.tiers:
        return "; ".join(f"{t.tier.name}: {hours(t.hours)}" for t in rule.tiers)
    tighter = "; ".join(f"{t.tier.name}: {hours(t.hours)}" for t in rule.tighter)
    return f"{hours(rule.mql_hours)} ({tighter})" if tighter else hours(rule.mql_hours)
