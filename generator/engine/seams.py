"""Every place handover reaches into MkDocs' or Material's internals, in one module,
with the versions it was tested with.

The public plugin API (events, ``File.generated``, config options) is used where it
is; what it does not offer is done here, and only here:

- a page that is read but not converted this time (a partial build's unchanged page,
  another shard's page): ``Page.render`` is replaced for that page, and the title the
  navigation shows is handed to it as MkDocs would have taken it from the render;
- a page whose conversion a partial build can reuse (``Conversions``): its Markdown and
  the files its links lead to are the same as when it was last converted, so its HTML,
  table of contents, title and anchors are too (MkDocs would convert it again);
- a partial build leaves MkDocs' static templates (404.html, sitemap) as they were;
- a shard renders another shard's pages with an empty template, out of the search index,
  and a shard other than the first writes nothing but its pages (``pages_only``);
- a build's static files reach the site as hard links to its staging docs tree
  (``link_static_files``), not copies;
- Material's navigation is rendered once per group of sibling pages and patched for
  the others (``NavMemo``);
- one Markdown converter, reset between pages, instead of a new one for each
  (``one_converter``);
- the charts and debrief tabs set aside from the Markdown parse and from Material's
  search plugin (``SetAside``, in postprocess.py), and the generated HTML blocks handed
  past Markdown (``RawBlocks``), both done by ``PageWork``, the one way both builds use.

``check_versions`` runs before any engine work: on a MkDocs or Material outside the
tested range it stops with a message instead of a traceback from deep inside.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_markdown_title

from generator.engine.postprocess import PageWork, RawBlocks, SetAside, indexed, static_page
from generator.refusals import Refused

# Distribution -> the versions these seams were tested with (exact: internals move).
TESTED = {"mkdocs": ("1.6.1",), "mkdocs-material": ("9.8.1", "9.8.2")}
EMPTY_TEMPLATE = "handover-shard-skip.html"

__all__ = [
    "EMPTY_TEMPLATE",
    "TESTED",
    "Conversions",
    "NavMemo",
    "PageWork",
    "RawBlocks",
    "SetAside",
    "UntestedEngine",
    "check_versions",
    "first_heading",
    "indexed",
    "keep_static_pages",
    "link_static_files",
    "not_converted",
    "one_converter",
    "pages_only",
    "render_empty",
    "static_page",
]


class UntestedEngine(Refused):
    """The installed MkDocs or Material is not one these seams were tested with."""


def check_versions(version: Callable[[str], str] = metadata.version) -> None:
    """Raise UntestedEngine unless every distribution of TESTED is at a tested version."""
    for name, tested in TESTED.items():
        try:
            found = version(name)
        except metadata.PackageNotFoundError:
            raise UntestedEngine(f"{name} is not installed: install {name}=={tested[-1]}") from None
        if found not in tested:
            raise UntestedEngine(
                f"{name} {found} is installed, but handover was tested with {name} "
                f"{' and '.join(tested)}: install {name}=={tested[-1]} "
                "(pip install -e . does), or test the new version and add it to "
                "generator/engine/seams.py"
            )


def first_heading(page: Page) -> str | None:
    """The title MkDocs takes from a page's Markdown when it converts it."""
    title: str | None = get_markdown_title(page.markdown or "")
    return title


def not_converted(page: Page, title: str | None) -> None:
    """Read ``page`` but do not convert it in this build: its render does nothing but give
    the navigation ``title`` (a title in its front matter still wins, as it would)."""

    def render(self: Page, config: Any, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = title

    page.render = types.MethodType(render, page)  # type: ignore[method-assign]


@dataclass(frozen=True)
class _Converted:
    key: tuple[str, str, bytes]  # the Markdown settings, the page's URL, its Markdown
    lookups: dict[str, str | None]  # each file its links asked for: its URL, or None
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors of other pages, by src_uri


class _Lookups:
    """The build's files, noting every file a page's links ask for (by src_uri) and
    what they found: the conversion depends on nothing else of the site's files."""

    def __init__(self, files: Files) -> None:
        self.files, self.seen = files, dict[str, str | None]()

    def get_file_from_path(self, path: str) -> File | None:
        found = self.files.get_file_from_path(path)
        self.seen[path] = found.url if found is not None else None
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.files, name)


class Conversions:
    """The last conversion of each page, reused while it would come out the same.

    MkDocs converts a page from its Markdown (after every plugin's ``on_page_markdown``),
    the Markdown settings, its own URL and the files its links lead to (MkDocs writes
    them as relative URLs, or warns of a missing one). When all of these are as they
    were, the conversion is too: a page rebuilt only because its navigation changed is
    then rendered in its template without being converted again.
    """

    def __init__(self) -> None:
        self._pages: dict[str, _Converted] = {}
        self.reused = 0  # conversions reused since the cache was made

    def wrap(self, page: Page, config: Any) -> None:
        """Make ``page``'s render reuse its last conversion when it can, else convert and
        keep the result."""
        convert = page.render
        settings = json.dumps(
            [config["markdown_extensions"], config["mdx_configs"]], sort_keys=True, default=str
        )
        pages, conversions = self._pages, self

        def render(self: Page, config: Any, files: Files) -> None:
            markdown = (self.markdown or "").encode("utf-8")
            key = (settings, self.url, hashlib.blake2b(markdown, digest_size=16).digest())
            kept = pages.get(self.file.src_uri)
            if kept is not None and kept.key == key and _same_lookups(files, kept.lookups):
                _restore(self, kept, files)
                conversions.reused += 1
                return
            lookups = _Lookups(files)
            convert(config, lookups)  # type: ignore[arg-type]
            links = {f.src_uri: to for f, to in (self.links_to_anchors or {}).items()}
            pages[self.file.src_uri] = _Converted(
                key,
                lookups.seen,
                self.content or "",
                copy.deepcopy(self.toc),  # plugins change a page's own (the tags listings)
                self._title_from_render,
                self.present_anchor_ids,
                links if self.links_to_anchors is not None else None,
            )

        page.render = types.MethodType(render, page)  # type: ignore[method-assign]

    def forget(self, src_uris: Iterable[str]) -> None:
        for uri in src_uris:
            self._pages.pop(uri, None)


def _same_lookups(files: Files, lookups: dict[str, str | None]) -> bool:
    for path, url in lookups.items():
        found = files.get_file_from_path(path)
        if (found.url if found is not None else None) != url:
            return False
    return True


def _restore(page: Page, kept: _Converted, files: Files) -> None:
    page.content, page.toc = kept.content, copy.deepcopy(kept.toc)
    page._title_from_render = kept.title
    page.present_anchor_ids = kept.anchors
    if kept.links is not None:
        by_uri = {uri: files.get_file_from_path(uri) for uri in kept.links}
        page.links_to_anchors = {f: kept.links[u] for u, f in by_uri.items() if f is not None}


def pages_only(config: Any, files: Files) -> None:
    """A build that writes its pages and nothing else: no static template (404.html,
    sitemap), no extra template, no static file; a shard other than the first, whose
    site keeps only its pages (engine/shards.py merge). The files stay known, so that
    links to them are checked as usual."""
    config.theme.static_templates = set()
    config.extra_templates = []
    files.copy_static_files = types.MethodType(lambda self, *args, **kw: None, files)  # type: ignore[method-assign]


def link_static_files(files: Files, docs_dir: str) -> None:
    """The static files of the docs tree (the workbooks, calendars and exports the
    generator wrote: some thousands at 2,000 sessions) reach the site as hard links
    instead of copies, where the file system allows; any other file is copied as MkDocs
    copies it. For a docs tree that nothing writes to again: a build's staging copy."""
    inside = os.path.join(os.path.abspath(docs_dir), "")

    def copy_static_files(
        self: Files,
        dirty: bool = False,
        *,
        inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    ) -> None:
        for file in self:
            if file.is_documentation_page() or not inclusion(file.inclusion):
                continue
            source = file.abs_src_path
            if not dirty and file._content is None and source and source.startswith(inside):
                target = file.abs_dest_path
                os.makedirs(os.path.dirname(target), exist_ok=True)
                try:
                    os.link(source, target)
                    continue
                except OSError:  # another file system, or no links there: a copy
                    pass
            file.copy_file(dirty)

    files.copy_static_files = types.MethodType(copy_static_files, files)  # type: ignore[method-assign]


def keep_static_pages(config: Any) -> None:
    """A partial build writes no static template (404.html, sitemap): they show only the
    navigation and the list of pages, which it does not change."""
    config.theme.static_templates = set()


def templates_first(config: Any, folder: Path) -> None:
    """``folder`` first among the loaded Material theme's template folders, once, as a
    ``custom_dir`` would be (unless the site has one of its own)."""
    theme = config.theme
    if theme.name == "material" and theme.custom_dir is None and str(folder) not in theme.dirs:
        theme.dirs.insert(0, str(folder))


def render_empty(env: jinja2.Environment, files: Iterable[File], mine: set[str]) -> None:
    """Pages not in ``mine`` render with an empty template and stay out of the search
    index (Material's per-page ``search.exclude``): another build writes them."""
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({EMPTY_TEMPLATE: ""}), env.loader]  # type: ignore[list-item]
    )
    for file in files:
        if file.src_uri not in mine and file.page is not None:
            file.page.meta["template"] = EMPTY_TEMPLATE
            file.page.meta["search"] = {"exclude": True}


NAV_TEMPLATE, NAV_ITEM_TEMPLATE = "partials/nav.html", "partials/nav-item.html"
TABS_TEMPLATE = "partials/tabs.html"
Render = Callable[[Any], Iterator[str]]


class NavMemo:
    """Material's site navigation (``partials/nav.html``), rendered once per group of
    sibling pages and patched for each of the others, instead of rendered for every page.

    With ``navigation.prune``, two pages of the same section whose addresses are in the
    same folder (the sessions of one month, the people) have the same navigation but for
    their own entry: the page's own is the active one, with its table of contents; its
    siblings' are plain links. So the first page of a group is rendered by the theme as
    usual, and for each later page its entry and the first page's are swapped, each
    rendered by the theme's own ``nav-item`` macro in that page's context. A group is
    patched only when each entry is found exactly once; anything else (a section's index
    page, a top-level page, a theme that writes its entries otherwise) is rendered as
    the theme renders it. The pages are the same, byte for byte (tests/test_shards.py);
    at 2,000 sessions the navigation took a quarter of MkDocs' rendering.

    The tabs (``partials/tabs.html``) are kept whole: they depend only on which top-level
    section is active and, through their relative links, on the page's folder, unless a
    tab leads to the page itself or below it (then they are rendered).
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.groups: dict[tuple[int, str], _NavGroup | None] = {}
        self.patched = self.rendered = 0
        self.targets: list[str] | None = None  # each tab's link, as site URLs
        self.tab_rows: dict[tuple[tuple[bool, ...], str], str] = {}

    def install(self) -> NavMemo:
        """Wrap the theme's compiled navigation and tabs templates (the environment keeps
        them), when the theme has Material's."""
        try:
            self.env.get_template(NAV_ITEM_TEMPLATE)
            self._wrap(self.env.get_template(NAV_TEMPLATE), self.nav)
            self._wrap(self.env.get_template(TABS_TEMPLATE), self.tabs)
        except jinja2.TemplateNotFound:
            pass
        return self

    @staticmethod
    def _wrap(template: jinja2.Template, made: Callable[[Any, Render], str | None]) -> None:
        render = template.root_render_func
        if getattr(render, "_handover", False):
            return

        def root(context: Any) -> Iterator[str]:
            found = made(context, render)
            if found is None:
                yield from render(context)
            else:
                yield found

        root._handover = True  # type: ignore[attr-defined]
        template.root_render_func = root

    def tabs(self, context: Any, render: Render) -> str | None:
        """The tabs of ``context``'s page, or None: render them as the theme does."""
        page, nav = context.get("page"), context.get("nav")
        key = _nav_group(page)
        if key is None or nav is None:
            return None
        if self.targets is None:
            self.targets = [_first_url(item) for item in nav.items]
        if any(url.startswith(page.url) for url in self.targets):
            return None
        active = tuple(bool(item.active) for item in nav.items)
        found = self.tab_rows.get((active, key[1]))
        if found is None:
            found = self.tab_rows[active, key[1]] = str(self.env.concat(render(context)))
        return found

    def nav(self, context: Any, render: Render) -> str | None:
        """The navigation of ``context``'s page, or None: render it as the theme does."""
        page, nav = context.get("page"), context.get("nav")
        key = _nav_group(page)
        if key is None or nav is None:
            return None
        group = self.groups.get(key, _UNSEEN)
        if group is None:
            return None
        item = self.env.get_template(NAV_ITEM_TEMPLATE).make_module(context.get_all())
        if group is _UNSEEN:
            html = self.env.concat(render(context))
            self.groups[key] = _NavGroup.start(html, page, item)
            self.rendered += 1
            return str(html)
        assert isinstance(group, _NavGroup)
        patched = group.patch(page, item)
        if patched is None:
            return None
        self.patched += 1
        return patched


_UNSEEN: Any = object()


def _nav_group(page: Any) -> tuple[int, str] | None:
    """The group of pages whose navigation differs only by their own entry: leaf pages
    of one section with their addresses in one folder."""
    if not isinstance(page, Page) or page.parent is None or page.is_index or not page.url:
        return None
    return id(page.parent), page.url.rstrip("/").rpartition("/")[0]


def _first_url(item: Any) -> str:
    """Where a top-level tab leads: its first page (Material's tabs-item)."""
    while getattr(item, "children", None):
        item = item.children[0]
    return str(getattr(item, "url", "") or "")


def _leaves(page: Page) -> list[Page]:
    siblings = page.parent.children if page.parent is not None else []
    return [p for p in siblings if isinstance(p, Page) and not p.is_index]


@dataclass
class _NavGroup:
    html: str  # the first page's navigation
    first: Page
    active: str  # the first page's own entry, as its navigation has it
    plain: dict[str, str]  # each other page's entry in the first page's navigation, by URL

    @classmethod
    def start(cls, html: str, page: Page, item: Any) -> _NavGroup | None:
        active = str(item.render(page, "", 0, None))
        plain = {p.url: str(item.render(p, "", 0, None)) for p in _leaves(page) if p is not page}
        entries = [active, *plain.values()]
        if any(html.count(entry) != 1 for entry in entries) or any(
            a in b for a in entries for b in entries if a is not b
        ):
            return None
        return cls(html, page, active, plain)

    def patch(self, page: Page, item: Any) -> str | None:
        own = self.plain.get(page.url)
        if own is None:
            return None
        first = str(item.render(self.first, "", 0, None))
        mine = str(item.render(page, "", 0, None))
        return self.html.replace(self.active, first, 1).replace(own, mine, 1)


# The Markdown extensions whose state Markdown.reset() clears (checked: the pages are the
# same, byte for byte, with one converter for every page and with one for each).
REUSABLE_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    }
)


class _OneConverter:
    """``markdown`` as MkDocs' pages module sees it, but ``Markdown(...)`` gives the
    same converter again, reset, while the extensions and their settings are the same
    and all of them are in REUSABLE_EXTENSIONS (else a new one, as MkDocs makes)."""

    def __init__(self, module: Any) -> None:
        self.module = module
        self.kept: tuple[list[Any], dict[str, Any], Any] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)

    def Markdown(self, *, extensions: list[Any], extension_configs: dict[str, Any]) -> Any:
        kept = self.kept
        if kept is not None and kept[0] == extensions and kept[1] == extension_configs:
            return kept[2].reset()
        md = self.module.Markdown(extensions=extensions, extension_configs=extension_configs)
        if all(isinstance(e, str) and e in REUSABLE_EXTENSIONS for e in extensions):
            self.kept = (list(extensions), copy.deepcopy(extension_configs), md)
        return md


def one_converter() -> None:
    """MkDocs makes a Markdown converter for every page (``Page.render``): loading a
    dozen extensions each time was a tenth of converting a session page. Here one is
    made and reset between pages, for the extensions known to reset fully."""
    import mkdocs.structure.pages as pages

    module = getattr(pages, "markdown")  # noqa: B009 - not among the names it exports
    if not isinstance(module, _OneConverter):
        setattr(pages, "markdown", _OneConverter(module))  # noqa: B010
