"""A thin MkDocs plugin: the same pages as the export, injected as generated files.

It lets ``mkdocs serve`` (and ``handover serve``) rebuild and live-reload when a
session, playbook or shared-understanding file changes. All the work is done by
the pipeline; this adapter only hands its mapping to MkDocs.

With ``incremental: true`` (what ``handover serve`` sets, together with dirty builds)
a rebuild re-reads only the content files that changed and has MkDocs build only the
pages whose Markdown changed; see ``partial`` for how the rest of the site stays right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from generator import addresses as at
from generator import clock
from generator.diagnostics import render, summary_line
from generator.engine.config import navigation
from generator.engine.csp import allow_live_reload, protect_static_pages
from generator.engine.incremental import CompiledTemplates, SourceCache
from generator.engine.partial import ChangeAwareFile, PartialBuilds
from generator.engine.problems import (
    PLACEHOLDER,
    PLACEHOLDER_PAGE,
    banner,
    errors_of,
    state,
    with_banner,
)
from generator.engine.seams import (
    NavMemo,
    PageWork,
    UntestedEngine,
    check_versions,
    one_converter,
    static_page,
    templates_first,
)
from generator.engine.search_index import BackgroundIndex, IndexFailed, index_site
from generator.engine.theme import OVERRIDES
from generator.history import SinceCommit, last_changed
from generator.models import parse_iso_date
from generator.pipeline import Result, generate
from generator.render.memo import RenderMemo
from generator.vocabulary import CONTENT_FOLDERS

log = get_plugin_logger(__name__)
WATCHED = CONTENT_FOLDERS


class HandoverConfig(Config):  # type: ignore[no-untyped-call]
    root = opt.Type(str, default="")
    today = opt.Optional(opt.Type(str))
    incremental = opt.Type(bool, default=False)


class HandoverPlugin(BasePlugin[HandoverConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.result: Result | None = None
        self.reader = SourceCache()
        self.memo = RenderMemo()
        self.history = SinceCommit()
        self.templates = CompiledTemplates()
        self.work = PageWork()
        self.partial: PartialBuilds | None = None
        self.command = "build"
        self.banner = ""  # the preview's list of content errors, on every page (see problems)
        self.state = ""
        self.search = BackgroundIndex(log.error)  # the preview's (see search_index)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its caches, across rebuilds."""
        self.command = command

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
        return clock.today(given)

    def on_config(self, config: Any) -> Any:
        try:
            check_versions()
        except UntestedEngine as exc:
            raise PluginError(f"handover plugin: {exc}") from None
        # The last build's search index is out of date now: stop it, so that the
        # rebuild has the cores (Pagefind uses them all).
        self.search.stop()
        memo = self.memo if self.config.incremental else None
        root, today = self._root(config), self._today()
        history = self.history if self.config.incremental else last_changed
        result = generate(root, today, history=history, read=self.reader, memo=memo)
        self.reader.sweep()
        for line in render(result.diagnostics, "text").splitlines():
            log.warning(line) if " error: " in line else log.info(line)
        if result.failed and self.command != "serve":
            raise PluginError(f"content has errors: {summary_line(result.diagnostics)}")
        self._keep(result)
        assert self.result is not None
        if not config.nav:
            placeholder = list(self.result.pages) == [PLACEHOLDER]
            config.nav = [PLACEHOLDER] if placeholder else navigation(self.result.content)
        for stylesheet in (at.CSS, at.PRINT_CSS):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if at.JS not in config.extra_javascript:
            config.extra_javascript.append(at.JS)
        templates_first(config, OVERRIDES)  # the same fixes as custom_dir gives a build
        return config

    def _keep(self, result: Result) -> None:
        """In the preview, content with errors keeps the last pages without errors (a
        placeholder page when there were none yet), with the errors in a banner."""
        problems = errors_of(result.diagnostics)
        if not problems:
            self.result = result
        elif self.result is None:
            result.pages = {PLACEHOLDER: PLACEHOLDER_PAGE}
            self.result = result
        if problems:
            log.error(
                f"content has errors: {summary_line(result.diagnostics)} "
                "The preview shows them at the top of every page."
            )
        self.banner = banner(problems, list(self.result.pages) == [PLACEHOLDER])
        self.state = state(problems)

    def _partial(self, config: Any) -> PartialBuilds | None:
        """The state of this site directory's partial builds, in incremental mode."""
        if not self.config.incremental:
            return None
        if self.partial is None or self.partial.site_dir != config.site_dir:
            self.partial = PartialBuilds(config.site_dir)
        return self.partial

    def on_pre_build(self, *, config: Any) -> None:
        self.work = PageWork()  # nothing left over from a build that failed half-way
        self.search.stop()  # Pagefind must not read the pages this build writes
        if partial := self._partial(config):
            partial.start()

    def on_files(self, files: Files, config: Any) -> Files:
        """The generated pages, plus the theme's own assets (not the docs folder's files)."""
        assert self.result is not None
        one_converter()  # before MkDocs converts the pages
        pages = self.result.pages
        generated = [ChangeAwareFile.of(config, path, data) for path, data in sorted(pages.items())]
        theme = [f for f in files if f.src_dir != config.docs_dir and f.src_uri not in pages]
        protect_static_pages(generated)
        if partial := self._partial(config):
            partial.mark(pages, [*generated, *theme], config, self.state)
        return Files([*generated, *theme])

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        """As the build does (postprocess.PageWork), unless the page is not built this time."""
        if (partial := self._partial(config)) and partial.skip(page, config):
            return markdown
        return self.work.markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """As the build does (postprocess.PageWork); a page not built this time has no
        content to work on."""
        return self.work.content(html, page, config, files)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Keep the theme's templates compiled across rebuilds. Every page has been read by
        now: in a partial build, the unchanged ones can stop asking to be built."""
        env.bytecode_cache = self.templates
        NavMemo(env).install()
        if partial := self._partial(config):
            partial.read_all()
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if partial := self._partial(config):
            partial.page_built(page)
        return with_banner(self.work.output(output, page), self.banner)  # as the build

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The theme's static pages (404.html) get the policy and the preview's banner too."""
        if not template_name.endswith(".html"):
            return output_content
        return with_banner(static_page(output_content), self.banner)

    @event_priority(-100)  # after the search and tags plugins have written their files
    def on_post_build(self, *, config: Any) -> None:
        if partial := self._partial(config):
            partial.finish(config)
            # the whole site, so a partial build leaves the index complete; in the
            # background, so that the edit shows without waiting for it
            self.search.start(Path(config.site_dir))
            return
        try:
            index_site(Path(config.site_dir))
        except (IndexFailed, OSError) as exc:
            raise PluginError(f"search index: {exc}") from None

    def on_build_error(self, *, error: Exception) -> None:
        if self.partial is not None:
            self.partial.failed()

    def on_shutdown(self) -> None:
        self.search.stop()

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        allow_live_reload(server)
        root = self._root(config)
        for name in WATCHED:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server
