"""iCalendar (RFC 5545) output: all-day events in a VCALENDAR.

A small serializer rather than a template: every content line needs TEXT escaping
and folding at 75 octets with CRLF line ends, which are rules of the format that a
function states once and tests directly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

CRLF = "\r\n"
LIMIT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)
PRODID = "-//handover//Handover open actions//EN"
REFRESH = "PT6H"
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_IN_URI = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Event:
    """One all-day event. ``uid`` must stay the same for the same thing across builds."""

    uid: str
    day: dt.date
    summary: str
    description: str
    url: str | None = None


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and newlines escaped.

    Control characters other than tab are not allowed in TEXT and are dropped.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Fold a content line so that no physical line exceeds 75 octets.

    Continuation lines start with one space; a UTF-8 character is never split (a cut
    that would fall on a continuation byte moves back to the start of its character).
    """
    data = line.encode("utf-8")
    if len(data) <= LIMIT:
        return line
    parts: list[bytes] = []
    start, limit = 0, LIMIT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, LIMIT - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _stamp(day: dt.date) -> str:
    return f"{day:%Y%m%d}T000000Z"


def _event(event: Event, stamp: dt.date) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"DESCRIPTION:{escape_text(event.description)}",
    ]
    if event.url:
        lines.append(f"URL:{_NOT_IN_URI.sub('', event.url)}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar(name: str, events: Sequence[Event], stamp: dt.date) -> str:
    """A whole VCALENDAR. ``stamp`` is the build's "today", so output is reproducible."""
    title = escape_text(name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{title}",
        f"X-WR-CALNAME:{title}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for event in events:
        lines += _event(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
