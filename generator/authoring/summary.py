"""`handover summary`: a Markdown digest of what the content changes since a git revision.

The new side is the content root as it is on disk (committed or not); the old side
is the same root at the merge base of the revision and HEAD, read out of git into a
temporary folder. Both sides go through the ordinary loader and validation.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from generator.authoring.digest import Snapshot, compare
from generator.authoring.gitrefs import extract, resolve_base
from generator.diagnostics import Collector
from generator.loader import discover
from generator.render.env import environment
from generator.validate import validate_root

TEMPLATE = "authoring/summary.md.j2"


def _files(root: Path) -> dict[str, bytes]:
    """Raw bytes of every content file, by path relative to the root."""
    files = {}
    for rel, _kind in discover(root, Collector()):
        try:
            files[rel] = (root / rel).read_bytes()
        except OSError:
            continue
    return files


def snapshot(root: Path, today: dt.date, diags: Collector | None = None) -> Snapshot:
    """Load and validate a root; its diagnostics go to ``diags`` when given."""
    content = validate_root(root, diags if diags is not None else Collector(), today)
    return Snapshot(content, _files(root), today)


def summarize(root: Path, ref: str, today: dt.date) -> str:
    """The digest of the root against ``ref`` as Markdown; raises GitError on git problems."""
    base = resolve_base(root, ref)
    diags = Collector()
    new = snapshot(root, today, diags)
    with tempfile.TemporaryDirectory(prefix="handover-base-") as tmp:
        extract(root, base.commit, Path(tmp))
        old = snapshot(Path(tmp), min(base.date, today))
    digest = compare(old, new)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            base=base,
            today=today,
            digest=digest,
            errors=len(diags.errors),
            warnings=len(diags.warnings),
        )
    )
