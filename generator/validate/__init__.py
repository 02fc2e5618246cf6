"""Validation: records to typed models, then the rules that span files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content import Content
from generator.derive.ledger import Entry, build_ledger
from generator.diagnostics import Collector
from generator.loader import Reader, Store, load_root, read_source
from generator.policies import DEFAULT_POLICIES, Policies
from generator.validate.records import build_content
from generator.validate.rules import check_rules


def validate_root(
    root: Path,
    diags: Collector,
    today: dt.date | None = None,
    allow: frozenset[str] = frozenset(),
    read: Reader = read_source,
    policies: Policies = DEFAULT_POLICIES,
) -> Content:
    """Load, validate and cross-check a content root; every problem goes to diags.

    ``allow``: personal data published on purpose (see settings.read_settings).
    ``read``: how one file is read (the live preview reads through a cache).
    """
    return checked_root(root, diags, today, allow, read, policies)[0]


def checked_root(
    root: Path,
    diags: Collector,
    today: dt.date | None = None,
    allow: frozenset[str] = frozenset(),
    read: Reader = read_source,
    policies: Policies = DEFAULT_POLICIES,
    store: Store | None = None,
) -> tuple[Content, list[Entry] | None]:
    """As validate_root, with the action ledger built for the rules as of ``today``
    (None without a date), so that the run derives its facts from the same one.
    ``store`` (the build cache) keeps the files as loaded (loader.load_root)."""
    content = build_content(load_root(root, diags, read, store), diags)
    ledger = build_ledger(content, today) if today is not None else None
    check_rules(content, diags, today, allow, policies, ledger)
    return content, ledger


__all__ = ["checked_root", "validate_root"]
