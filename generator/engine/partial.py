"""Partial builds of one site directory: which files a dirty build must build, and
what it must put right afterwards. The plugin calls these from its MkDocs events.

Every page is still read (its front matter, its title, the tags and the tag listings
it holds are the whole site's, and the navigation and tag links of the pages that are
built show them), but only the changed ones are converted, rendered and written.
Reading a page costs a small fraction of converting it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.engine.incremental import Plan, Snapshot, plan, snapshot
from generator.engine.outputs import SearchEntries, remove_outputs
from generator.engine.seams import Conversions, first_heading, keep_static_pages, not_converted
from generator.render.pages import Pages

log = get_plugin_logger(__name__)


class ChangeAwareFile(File):
    """A generated page or asset that tells a dirty build whether it changed.

    MkDocs asks ``is_modified`` before it reads, renders or copies a file in a dirty
    build; a file held in memory would otherwise always say yes.
    """

    changed = True

    @classmethod
    def of(cls, config: Any, path: str, data: str | bytes) -> ChangeAwareFile:
        file = cls.generated(config, path, content=data)
        assert isinstance(file, cls)
        return file

    def is_modified(self) -> bool:
        return self.changed


class PartialBuilds:
    """What one site directory holds, and how to bring it up to date with a dirty build."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.shown: Snapshot | None = None  # the pages of the last completed build
        self.pending: Snapshot | None = None
        self.plan = Plan(True, frozenset(), frozenset())
        self.building = False
        self.skipped: dict[str, ChangeAwareFile] = {}
        self.built: set[str] = set()
        self.urls: list[str] = []
        self.dests: set[str] = set()
        self.titles: dict[str, str | None] = {}  # each page's title when last built
        self.search = SearchEntries()
        self.conversions = Conversions()

    def start(self) -> None:
        self.building, self.built = True, set()

    def mark(self, pages: Pages, files: list[File], config: Any, shown_on_all: str = "") -> None:
        """Tell every generated file whether this build must build it: each page says yes
        until it has been read (see ``skip``), other files only when they changed.
        ``shown_on_all``: what every page shows besides the navigation (the preview's
        list of content errors); when it changes, every page is built."""
        nav = [config.nav, shown_on_all] if shown_on_all else config.nav
        self.pending = snapshot(pages, nav, self.shown)
        self.plan = plan(self.shown, self.pending)
        self.skipped = {}
        for file in files:
            if isinstance(file, ChangeAwareFile):
                file.changed = file.src_uri in self.plan.changed
                if file.is_documentation_page() and not file.changed:
                    self.skipped[file.src_uri], file.changed = file, True
        # As Page.url has them (and search entries start with them): the home page's is ''.
        self.urls = [_page_url(f) for f in files if f.is_documentation_page()]
        self.dests = {f.abs_dest_path for f in files}
        if not self.plan.full:
            log.info(f"building the {len(self.plan.changed)} changed files only")
        if self.plan.keep_static:  # the last build's 404.html and sitemap are still right
            keep_static_pages(config)

    def skip(self, page: Page, config: Any) -> bool:
        """Whether ``page`` is read but not converted: if so, its conversion is replaced by
        the title it had when it was last built (what the navigation shows). A page that
        is built reuses its last conversion if that would come out the same (a page built
        again because its navigation changed)."""
        if page.file.src_uri not in self.skipped:
            self.conversions.wrap(page, config)
            return False
        not_converted(page, self.titles.get(page.file.src_uri, first_heading(page)))
        return True

    def read_all(self) -> None:
        """Every page has been read: from now on the unchanged ones say they are unchanged,
        so that MkDocs neither builds nor writes them."""
        for file in self.skipped.values():
            file.changed = False

    def page_built(self, page: Page) -> None:
        self.built.add(page.url)
        self.titles[page.file.src_uri] = page.title

    def finish(self, config: Any) -> None:
        """Delete what is gone, and make the search index whole again."""
        site = Path(config.site_dir)
        gone = [
            File(p, None, config.site_dir, config.use_directory_urls) for p in self.plan.removed
        ]
        remove_outputs(site, [f.abs_dest_path for f in gone if f.abs_dest_path not in self.dests])
        self.conversions.forget(self.plan.removed)
        self.search.complete(site, self.built, self.urls)
        self.shown, self.building = self.pending, False

    def failed(self) -> None:
        """A build that failed after writing began leaves the site half old, half new: the
        next one builds everything (and still deletes what either one had and is gone)."""
        if self.building and self.pending is not None:
            pages = {**(self.shown.pages if self.shown else {}), **self.pending.pages}
            self.shown = Snapshot(nav="", pages=pages)
        self.building = False


def _page_url(file: File) -> str:
    url: str = file.url
    return "" if url in (".", "./") else url
