"""Personal data in free text: the site is read by everyone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Collector
from generator.loader import PerSource, Source, leaves

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w-])\+?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,5}(?![\w-])")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _findings(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, found text, description) of each piece of personal data in text."""
    for match in EMAIL.finditer(text):
        yield match.start(), match.group(), f"an email address ('{match.group()}')"
    for match in PHONE.finditer(text):
        found = match.group().strip()
        if sum(c.isdigit() for c in found) >= 9 and not ISO_DATE.match(found):
            yield match.start(), found, f"what looks like a phone number ('{found}')"


def allow_key(found: str) -> str:
    """What an allowlist entry and a finding are compared by: an email address in any
    case, a phone number by its digits (and leading +), however it is spaced."""
    if "@" in found:
        return found.strip().casefold()
    digits = "".join(c for c in found if c.isdigit())
    return f"+{digits}" if found.strip().startswith("+") else digits


_FOUND = PerSource()  # each file's findings, while it is unchanged (the live preview)


def check_personal_data(src: Source, diags: Collector, allow: frozenset[str]) -> None:
    """Warn at the line of every email address or phone number in free text, except
    those in ``allow`` (keys made by allow_key)."""
    for line, col, what in _FOUND.get(src, allow, lambda: _personal_data(src, allow)):
        diags.warning(src.path, line, col, f"personal data: {what} in free text")


def _personal_data(src: Source, allow: frozenset[str]) -> list[tuple[int, int, str]]:
    """(line, column, what) of every finding in ``src`` that ``allow`` does not allow."""
    out = []
    for loc, text in leaves(src.data):
        if not isinstance(text, str):
            continue
        for _, found, what in _findings(text):
            if allow_key(found) in allow:
                continue
            line, col = src.pos.text_at(loc, found)
            out.append((line, col, what))
    for offset, found, what in _findings(src.body):
        if allow_key(found) in allow:
            continue
        out.append((src.body_line + src.body[:offset].count("\n"), 1, what))
    return out
