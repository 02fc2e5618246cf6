"""The words of the content contract that code checks and loops over, in one place:
statuses, rings, RACI roles, kinds of context, content folders.

The models type their fields with these; derive, render and the templates loop over
them instead of spelling them again. Plain values, no imports from the generator.
"""

from __future__ import annotations

from typing import Literal, get_args

# An action's status (sessions: actions[].status, follow_ups[].status), in board order.
Status = Literal["open", "in-progress", "blocked", "done", "dropped"]
STATUSES: tuple[str, ...] = get_args(Status)
OPEN_STATUSES = frozenset({"open", "in-progress", "blocked"})

# A lead group's ring on the onion chart, from the centre out.
Ring = Literal["core", "middle", "outer"]
RINGS: tuple[str, ...] = get_args(Ring)

# The kinds of context a session records (context[].kind).
ContextKind = Literal["absence", "market", "competitor", "internal", "other"]
CONTEXT_KINDS: tuple[str, ...] = get_args(ContextKind)

# RACI roles, in the order every table shows them, with their names.
RACI_ROLES = ("R", "A", "C", "I")
RACI_NAMES = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}

# The folders of a content root that hold records (everything else is not content).
CONTENT_FOLDERS = ("content", "playbooks", "sessions")

# A hidden ("shadow") tag every session page carries, so that /tags/ can leave sessions
# out (each year's page lists its own sessions by tag): /tags/ would grow with every one.
SESSION_TAG = "handover-session"
