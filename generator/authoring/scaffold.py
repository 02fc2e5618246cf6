"""Writing scaffolds: commented templates filled in with ruamel.yaml, never overwriting.

ruamel.yaml keeps the template's comments and key order, so a team lead opens a file
that explains itself. Files are created with exclusive mode: an existing file is
never replaced, even by a concurrent run.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

import site_templates
from generator.authoring.draft import SessionDraft, playbook_name
from generator.loader import FRONT_MATTER

TEMPLATES = Path(site_templates.__file__).parent / "authoring"
SESSION_TEMPLATE = TEMPLATES / "session.yaml"
PLAYBOOK_TEMPLATE = TEMPLATES / "playbook.md"
HINT_COLUMN = 44


class Exists(Exception):
    """The file to scaffold, or a session on the same date, already exists."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, key order and flow styles survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _fill(seq: CommentedSeq, values: list[str]) -> None:
    """Replace a flow list's items in place, so that its comments stay where they were."""
    seq.clear()
    seq.extend(values)
    seq.fa.set_flow_style()


def session_text(draft: SessionDraft) -> str:
    """The session file: the commented template with the draft's values."""
    data = _yaml().load(SESSION_TEMPLATE.read_text(encoding="utf-8"))
    data["date"] = draft.date
    data["title"] = draft.title
    _fill(data["facilitators"], draft.facilitators)
    data["minute_taker"] = draft.minute_taker
    _fill(data["attendees"], draft.attendees)
    follow_up: CommentedSeq = data["follow_up"]
    follow_up.clear()
    for item in draft.follow_up:
        entry = CommentedMap(action=item.action, status=item.status)
        entry.yaml_add_eol_comment(f"# {item.hint}", "action", column=HINT_COLUMN)
        follow_up.append(entry)
    if follow_up:
        follow_up.fa.set_block_style()
    return _dump(data)


def playbook_text(playbook_id: str, owner: str, reviewed: dt.date) -> str:
    """The playbook file: commented front matter with real defaults, then a body outline."""
    template = PLAYBOOK_TEMPLATE.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(template)
    if match is None:  # pragma: no cover - the shipped template has front matter
        raise ValueError(f"{PLAYBOOK_TEMPLATE} has no front matter")
    meta = _yaml().load(match.group(1))
    meta["name"] = playbook_name(playbook_id)
    meta["owner"] = owner
    meta["reviewed"] = reviewed
    return f"---\n{_dump(meta)}---\n{template[match.end() :]}"


def sessions_on(root: Path, day: dt.date) -> list[Path]:
    """Session files already dated ``day`` (any slug, .yaml or .yml)."""
    folder = root / "sessions" / f"{day.year:04d}"
    stem = day.isoformat()
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in {".yaml", ".yml"} and (p.stem == stem or p.stem.startswith(f"{stem}-"))
    )


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; raise Exists rather than replace anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise Exists(path) from None
