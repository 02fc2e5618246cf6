"""Preview with live reload: MkDocs' server with the handover plugin, building only
what an edit changed.

This is MkDocs' own ``serve`` command with one difference: every rebuild is a dirty
build (the site directory is kept and only files that say they changed are built), and
the handover plugin runs in incremental mode, where it tells MkDocs which pages changed
and puts right what a dirty build alone would get wrong (see ``plugin``).

Plugins are started with ``dirty=False``: Material's search plugin would otherwise
merge each rebuild's entries into the previous index in a way that only works when a
single page was rebuilt, while the handover plugin keeps the index whole itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.engine.config import dump, site_config
from generator.engine.theme import write_theme
from generator.engine.tree import staging
from generator.pipeline import Result

log = logging.getLogger("mkdocs.commands.serve")
DIRTY_WARNING = "A 'dirty' build is being performed"
# How often the watcher looks for changed files (MkDocs: 0.5 s). A partial rebuild takes
# a few seconds, of which waiting up to half a second to notice the edit was a good share.
POLL_SECONDS = 0.25


def serve(result: Result, root: Path, today: dt.date, dev_addr: str | None) -> None:
    """Serve the root's site; content edits rebuild and reload the browser."""
    with staging(root / ".handover-serve") as tmp, _without_dirty_warning(), _stop_on_sigterm():
        live_preview(preview_config(result, root, today, tmp), tmp / "site", dev_addr)


def preview_config(
    result: Result, root: Path, today: dt.date, folder: Path, *, incremental: bool = True
) -> Path:
    """Write, in ``folder``, the configuration that builds ``root`` through the plugin
    (with an empty docs folder: the plugin supplies every page). Returns its path."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    write_theme(folder)
    plugin = {"root": str(root.resolve()), "today": today.isoformat(), "incremental": incremental}
    config = site_config(result.user_config, result.content, plugin=plugin, nav=False)
    path = folder / "mkdocs.yml"
    path.write_text(dump(config), encoding="utf-8")
    return path


def live_preview(config_file: Path, site_dir: Path, dev_addr: str | None) -> None:
    """Build once, then serve ``site_dir`` and rebuild (dirty) whenever a watched file changes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config() -> Any:
        return load_config(config_file=str(config_file), site_dir=str(site_dir), **options)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path

    def builder(current: Any = None) -> None:
        log.info("Building documentation...")
        if current is None:
            current = get_config()
        current.site_url = server.url
        build(current, serve_url=server.url, dirty=True)

    def rebuilder() -> None:
        """A rebuild that fails never leaves the server holding requests until the next
        one succeeds (MkDocs' behaviour): the last site stays served. Content errors do
        not fail a rebuild; the pages show them (see ``problems``)."""
        try:
            builder()
        except Exception as exc:
            log.error(f"The preview could not be rebuilt ({exc}); it shows the last build.")

    server = LiveReloadServer(
        builder=rebuilder,
        host=host,
        port=port,
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder(config)
        server = config.plugins.on_serve(server, config=config, builder=rebuilder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 (or 500) page, as ``mkdocs serve`` shows it."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


@contextmanager
def _without_dirty_warning() -> Iterator[None]:
    """MkDocs warns on every dirty build that navigation may be inaccurate; here the
    plugin rebuilds every page whenever the navigation changes, so the warning is noise."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DropDirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """``kill`` stops the preview as Ctrl-C does, so that the staging folder it keeps in
    the content root (the pages and the built site) is removed."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
