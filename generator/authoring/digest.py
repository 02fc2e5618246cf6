"""What changed between two states of a content root: a pure comparison.

Files are compared byte for byte; actions are compared through the ledger of each
side (effective status, owner, due date, overdue), each judged on its own day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from generator.content import Content
from generator.derive.ledger import Entry, build_ledger
from generator.models import MqlVersion


@dataclass(frozen=True)
class Snapshot:
    """One side of the comparison: validated content, raw files, and its day."""

    content: Content
    files: dict[str, bytes]
    today: dt.date


@dataclass(frozen=True)
class FileChange:
    path: str
    change: str  # added | edited | removed
    title: str


@dataclass(frozen=True)
class ActionChange:
    entry: Entry  # the action as it stands now (as it stood, when removed)
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class MqlChange:
    version: MqlVersion
    change: str  # added | edited | removed
    fields: tuple[str, ...] = ()


@dataclass
class Digest:
    sessions: list[FileChange] = field(default_factory=list)
    playbooks: list[FileChange] = field(default_factory=list)
    shared: list[FileChange] = field(default_factory=list)
    added: list[ActionChange] = field(default_factory=list)
    closed: list[ActionChange] = field(default_factory=list)
    status: list[ActionChange] = field(default_factory=list)
    reassigned: list[ActionChange] = field(default_factory=list)
    redated: list[ActionChange] = field(default_factory=list)
    overdue: list[ActionChange] = field(default_factory=list)
    removed: list[ActionChange] = field(default_factory=list)
    mql: list[MqlChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


def _titles(content: Content) -> dict[str, str]:
    titles = {s.src.path: s.title for s in content.sessions}
    titles.update({p.src.path: p.meta.name for p in content.playbooks})
    titles.update({p.src.path: p.title for p in content.pages})
    return titles


def file_changes(old: Snapshot, new: Snapshot) -> list[FileChange]:
    """Every content file added, edited or removed, by path."""
    titles = {**_titles(old.content), **_titles(new.content)}
    changes = []
    for path in sorted(old.files.keys() | new.files.keys()):
        before, after = old.files.get(path), new.files.get(path)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "edited"
        changes.append(FileChange(path, change, titles.get(path, path)))
    return changes


def _ledger(snapshot: Snapshot) -> dict[str, Entry]:
    return {e.gid: e for e in build_ledger(snapshot.content, snapshot.today)}


def _unreadable_sessions(snapshot: Snapshot) -> set[str]:
    """Ids of session files present but not validated: their actions are unknown, not gone."""
    valid = {s.id for s in snapshot.content.sessions}
    present = {
        src.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        for src in snapshot.content.sources.values()
        if src.kind == "session"
    }
    return present - valid


def action_changes(old: Snapshot, new: Snapshot, digest: Digest) -> None:
    before, after = _ledger(old), _ledger(new)
    unknown = _unreadable_sessions(new)
    for gid, entry in before.items():
        if gid not in after and entry.session.id not in unknown:
            digest.removed.append(ActionChange(entry))
    for gid, entry in after.items():
        was = before.get(gid)
        if entry.overdue and not (was and was.overdue):
            late = f"{entry.status}, {entry.days_overdue} days overdue"
            digest.overdue.append(ActionChange(entry, after=late))
        if was is None:
            digest.added.append(ActionChange(entry))
            continue
        if was.status != entry.status:
            target = digest.closed if was.is_open and not entry.is_open else digest.status
            target.append(ActionChange(entry, was.status, entry.status))
        if was.action.owner != entry.action.owner:
            digest.reassigned.append(ActionChange(entry, after=was.action.owner))
        if was.action.due != entry.action.due:
            digest.redated.append(ActionChange(entry, after=was.action.due.isoformat()))


def mql_changes(old: Content, new: Content) -> list[MqlChange]:
    """MQL versions added, edited or removed, by effective date."""
    before = {v.effective: v for v in old.mql.versions} if old.mql else {}
    after = {v.effective: v for v in new.mql.versions} if new.mql else {}
    changes = []
    for day in sorted(before.keys() | after.keys()):
        was, now = before.get(day), after.get(day)
        if now is None and was is not None:
            changes.append(MqlChange(was, "removed"))
        elif was is None and now is not None:
            changes.append(MqlChange(now, "added"))
        elif was is not None and now is not None and was != now:
            fields = tuple(
                name for name in type(now).model_fields if getattr(was, name) != getattr(now, name)
            )
            changes.append(MqlChange(now, "edited", fields))
    return changes


def compare(old: Snapshot, new: Snapshot) -> Digest:
    """Everything a reviewer should know about the change from ``old`` to ``new``."""
    digest = Digest()
    for change in file_changes(old, new):
        folder = change.path.split("/", 1)[0]
        target = {"sessions": digest.sessions, "playbooks": digest.playbooks}.get(folder)
        (digest.shared if target is None else target).append(change)
    action_changes(old, new, digest)
    digest.mql = mql_changes(old.content, new.content)
    return digest
