"""/admin/config.yml: the editor's configuration, generated from the models and content.

Collections follow the content contract: sessions (one file per session, named from its
date and a slug), playbooks (front matter and a Markdown body) and the shared files.
Saving opens a pull request (editorial workflow); every format is handover's own
canonical layout (format.js), so what the form writes is what `handover check` reads.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator import models
from generator.derive.facts import Facts
from generator.editor.choices import Choices, choices, session_defaults
from generator.editor.settings import EditorSettings, LocalProxy
from generator.editor.widgets import SLUG_PATTERN, fields
from generator.render.cache import DiskCache
from generator.render.memo import RenderMemo

SHARED: dict[str, tuple[str, str, type[models.Record]]] = {
    "team": ("content/team.yaml", "Team and people", models.TeamFile),
    "mql": ("content/mql.yaml", "MQL definition", models.MqlFile),
    "funnel": ("content/funnel.yaml", "Funnel", models.FunnelFile),
    "glossary": ("content/glossary.yaml", "Glossary", models.GlossaryFile),
}
SLUG_FIELD = {
    "name": "slug",
    "label": "File name ending",
    "hint": "Only for a new session: the file is named <date>-<this>.yaml, "
    "for example 2026-11-30-handover.yaml.",
    "widget": "string",
    "pattern": SLUG_PATTERN,
    "required": False,
}


def _with_defaults(fields_: list[dict[str, Any]], defaults: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**f, "default": defaults[f["name"]]} if f["name"] in defaults else f for f in fields_]


def sessions(facts: Facts, lists: Choices) -> dict[str, Any]:
    defaults = session_defaults(facts)
    form = _with_defaults(fields(models.Session, lists), defaults)
    slug = {**SLUG_FIELD, "default": defaults["slug"]}
    return {
        "name": "sessions",
        "label": "Sessions",
        "label_singular": "Session",
        "description": "The minutes of each handover session. Saving opens a pull request.",
        "folder": "sessions",
        # Decap lowercases a path template and turns its dots into dashes: no 'fields.'
        # here. {{year}} is the session date's year (in UTC, as Decap reads it).
        "path": "{{year}}/{{date}}-{{slug}}",
        "slug": "{{fields.slug}}",
        "identifier_field": "slug",
        "summary": "{{fields.date}} {{fields.title}}",
        "sortable_fields": ["date", "title"],
        "extension": "yaml",
        "format": "handover-session",
        "create": True,
        "editor": {"preview": False},  # the form at full width; the site is the preview
        "fields": [form[0], slug, *form[1:]],
    }


def playbooks(lists: Choices) -> dict[str, Any]:
    body = {"name": "body", "label": "Playbook", "widget": "markdown"}
    return {
        "name": "playbooks",
        "label": "Playbooks",
        "label_singular": "Playbook",
        "folder": "playbooks",
        "slug": "{{slug}}",
        "identifier_field": "name",
        "extension": "md",
        "format": "handover-playbook",
        "create": True,
        "editor": {"preview": False},
        "fields": [*fields(models.PlaybookMeta, lists), body],
    }


def shared(lists: Choices) -> dict[str, Any]:
    files = [
        {
            "name": kind,
            "label": title,
            "file": path,
            "format": f"handover-{kind}",
            "fields": fields(model, lists),
        }
        for kind, (path, title, model) in SHARED.items()
    ]
    return {
        "name": "shared",
        "label": "Shared definitions",
        "editor": {"preview": False},
        "files": files,
    }


def config(facts: Facts, settings: EditorSettings, proxy: LocalProxy | None) -> dict[str, Any]:
    """The whole configuration; ``proxy``: the local proxy under `serve --edit`."""
    lists = choices(facts)
    out: dict[str, Any] = {
        "backend": settings.backend(proxy),
        # Gitea's backend has no editorial workflow: it commits to `branch` (see README).
        "publish_mode": "simple" if settings.get("backend") == "gitea" else "editorial_workflow",
        "media_folder": "content/assets",
        "public_folder": "/assets",
        "site_url": settings.site_url or None,
        "collections": [sessions(facts, lists), playbooks(lists), shared(lists)],
    }
    if proxy:
        out["local_backend"] = {"url": proxy.url, "allowed_hosts": ["127.0.0.1", "localhost"]}
    return {k: v for k, v in out.items() if v is not None}


class _Dumper(yaml.SafeDumper):
    """Every value written out in full: no anchors and aliases for the repeated choices."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def config_text(
    facts: Facts,
    settings: EditorSettings,
    proxy: LocalProxy | None,
    memo: RenderMemo | None = None,
    cache: DiskCache | None = None,
) -> str:
    """The configuration as YAML; ``memo`` (the preview's) writes it again only when
    it changed (most edits change no choice the editor offers), and so does ``cache``
    (the build cache, render/cache.py) between runs: PyYAML's Python writer takes seconds
    for a big site's choices (its C writer escapes some characters differently), and the
    data is plain lists, mappings and text, whose ``repr`` names it completely."""
    head = (
        "# Generated by handover from its content models and the content on "
        f"{facts.today.isoformat()}: edit mkdocs.yml (extra.handover.editor), not this file.\n"
    )
    data = config(facts, settings, proxy)

    def dump() -> str:
        text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        return text

    if memo is not None:
        body = memo.call("editor config", dump, data)
    elif cache is not None:
        body = cache.text("editor", cache.key("editor config", data), dump)
    else:
        body = dump()
    return head + body
