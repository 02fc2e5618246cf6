"""The canonical layout of each kind of record, for the editor's writer (format.js).

One layout for the scaffold, the example content and the form: keys in the contract's
order; lists of ids, numbers and tags in flow style; lists of sentences and of records
as blocks; dates written plain.
"""

from __future__ import annotations

import json
from typing import Any

from generator import models
from generator.editor.fields import shapes

FLOW_TEXT = {"tags", "channels"}  # short keywords: [events, mql]
# Every kind of content file the editor writes (a free page's front matter it does not).
KINDS: dict[str, type[models.Record]] = {k: m for k, m in models.MODELS.items() if k != "page"}
FRONTMATTER = {"playbook"}
DROP = {"session": ["slug"]}  # form-only: the end of a new session's file name


def layout(model: type[models.Record]) -> dict[str, Any]:
    """Key order, date keys, flow and block lists, and the layout of nested records."""
    fields = shapes(model)
    out: dict[str, Any] = {
        "order": [s.name for s in fields],
        "dates": [s.name for s in fields if s.kind == "date"],
        "flow": [s.name for s in fields if s.many and (s.kind != "text" or s.name in FLOW_TEXT)],
        "block": [
            s.name for s in fields if s.many and s.kind == "text" and s.name not in FLOW_TEXT
        ],
    }
    nested = {s.name: layout(s.record) for s in fields if s.record is not None}
    if nested:
        out["nested"] = nested
    return out


def layouts() -> dict[str, dict[str, Any]]:
    """The layout of every kind of record, keyed as the editor's formats are named."""
    out = {}
    for kind, model in KINDS.items():
        out[kind] = layout(model)
        if kind in FRONTMATTER:
            out[kind]["frontmatter"] = True
        if kind in DROP:
            out[kind]["drop"] = DROP[kind]
    return out


def layout_script() -> str:
    """/admin/layout.js: the layouts as a global for the editor's page, which starts the
    editor itself (CMS_MANUAL_INIT) once handover's formats are registered."""
    text = json.dumps(layouts(), indent=1, sort_keys=True)
    return f"window.CMS_MANUAL_INIT = true;\nwindow.HANDOVER_LAYOUTS = {text};\n"
