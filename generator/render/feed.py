"""The Atom 1.0 feed (feed.xml): one entry per session and per MQL definition in force.

Rendered from ``site_templates/exports/feed.xml.j2`` in an environment of its own that
escapes every value as XML and drops the characters XML 1.0 cannot carry. Entry ids
are ``urn:uuid:`` names derived only from what they describe, so they never change.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from generator import __version__
from generator import addresses as at
from generator.derive.facts import Facts
from generator.render.env import TEMPLATES, template_environment
from generator.render.text import day

NAMESPACE = uuid.UUID("f90b1380-c642-4743-9911-f581c757540b")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    kind: str  # "session" | "mql"
    updated: dt.date
    link: str
    item: Any  # the SessionDoc or MqlVersion it announces


def urn(name: str) -> str:
    """A stable urn:uuid: for a name such as 'session:2026-11-16-weekly'."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def timestamp(day: dt.date) -> Markup:
    """An RFC 3339 date-time at the start of the day, UTC."""
    return Markup(f"{day.isoformat()}T00:00:00Z")


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return _NOT_XML.sub("", str(value))


@cache
def xml_environment() -> jinja2.Environment:
    env = template_environment(TEMPLATES / "exports", _finalize)
    env.filters.update(timestamp=timestamp, day=day)
    return env


def feed_entries(facts: Facts) -> list[FeedEntry]:
    """Sessions and MQL versions in force by today, newest first."""
    entries = [
        FeedEntry(urn(f"session:{s.id}"), "session", s.model.date, s.url, s)
        for s in facts.content.sessions
    ]
    versions = facts.content.mql.versions if facts.content.mql else []
    entries += [
        FeedEntry(urn(f"mql:{v.effective.isoformat()}"), "mql", v.effective, "mql/", v)
        for v in versions
        if v.effective <= facts.today
    ]
    return sorted(entries, key=lambda e: (e.updated, e.kind, e.id), reverse=True)


def render_feed(facts: Facts, site_name: str, site_url: str = "") -> str:
    entries = feed_entries(facts)
    updated = entries[0].updated if entries else facts.today
    template = xml_environment().get_template("feed.xml.j2")
    return template.render(
        site_name=site_name,
        base=f"{site_url.rstrip('/')}/" if site_url else "",
        feed_id=urn(f"feed:{site_name}"),
        updated=updated,
        entries=entries,
        directory=facts.directory,
        ledger=facts.by_gid,
        mql_changes=facts.mql_changes,
        version=__version__,
        feed_path=at.FEED,
    )
