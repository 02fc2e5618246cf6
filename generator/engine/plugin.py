"""A thin MkDocs plugin: the same pages as the export, injected as generated files.

It lets ``mkdocs serve`` (and ``handover serve``) rebuild and live-reload when a
session, playbook or shared-understanding file changes. All the work is done by
the pipeline; this adapter only hands its mapping to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.derive.dates import resolve_today
from generator.diagnostics import render, summary_line
from generator.engine.config import navigation
from generator.engine.incremental import SourceCache
from generator.models import parse_iso_date
from generator.pipeline import Result, generate
from generator.render.pages import PRINT_CSS

log = get_plugin_logger(__name__)
WATCHED = ("content", "playbooks", "sessions")


class HandoverConfig(Config):  # type: ignore[no-untyped-call]
    root = opt.Type(str, default="")
    today = opt.Optional(opt.Type(str))


class HandoverPlugin(BasePlugin[HandoverConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.result: Result | None = None
        self.reader = SourceCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its caches, across rebuilds."""

    def _root(self, config: Any) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.root).resolve() if self.config.root else base.resolve()

    def _today(self) -> dt.date:
        try:
            given = parse_iso_date(self.config.today) if self.config.today else None
        except ValueError:
            raise PluginError(
                f"handover plugin: 'today: {self.config.today}' is not a date: use YYYY-MM-DD"
            ) from None
        return resolve_today(given, os.environ, dt.date.today())

    def on_config(self, config: Any) -> Any:
        result = generate(self._root(config), self._today(), read=self.reader)
        self.reader.sweep()
        for line in render(result.diagnostics, "text").splitlines():
            log.warning(line) if " error: " in line else log.info(line)
        if result.failed:
            raise PluginError(f"content has errors: {summary_line(result.diagnostics)}")
        self.result = result
        if not config.nav:
            config.nav = navigation(result.content)
        if "assets/handover.css" not in config.extra_css:
            config.extra_css.append("assets/handover.css")
        if PRINT_CSS not in config.extra_css:
            config.extra_css.append(PRINT_CSS)
        if "assets/handover.js" not in config.extra_javascript:
            config.extra_javascript.append("assets/handover.js")
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        """The generated pages, plus the theme's own assets (not the docs folder's files)."""
        assert self.result is not None
        pages = self.result.pages
        generated = [
            File.generated(config, path, content=data) for path, data in sorted(pages.items())
        ]
        theme = [f for f in files if f.src_dir != config.docs_dir and f.src_uri not in pages]
        return Files([*generated, *theme])

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for name in WATCHED:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server
