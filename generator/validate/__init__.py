"""Validation: records to typed models, then the rules that span files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content import Content
from generator.diagnostics import Collector
from generator.loader import Reader, load_root, read_source
from generator.validate.records import build_content
from generator.validate.rules import check_rules


def validate_root(
    root: Path,
    diags: Collector,
    today: dt.date | None = None,
    allow: frozenset[str] = frozenset(),
    read: Reader = read_source,
) -> Content:
    """Load, validate and cross-check a content root; every problem goes to diags.

    ``allow``: personal data published on purpose (see settings.read_settings).
    ``read``: how one file is read (the live preview reads through a cache).
    """
    content = build_content(load_root(root, diags, read), diags)
    check_rules(content, diags, today, allow)
    return content


__all__ = ["validate_root"]
