"""Every place handover reaches into MkDocs' or Material's internals, in one module,
with the versions it was tested with.

The public plugin API (events, ``File.generated``, config options) is used where it
is; what it does not offer is done here, and only here:

- a page that is read but not converted this time (a partial build's unchanged page,
  another shard's page): ``Page.render`` is replaced for that page, and the title the
  navigation shows is handed to it as MkDocs would have taken it from the render;
- a partial build leaves MkDocs' static templates (404.html, sitemap) as they were;
- a shard renders another shard's pages with an empty template, out of the search index;
- the charts and debrief tabs set aside from the Markdown parse and from Material's
  search plugin (``SetAside``, in postprocess.py), the one way both builds use.

``check_versions`` runs before any engine work: on a MkDocs or Material outside the
tested range it stops with a message instead of a traceback from deep inside.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_markdown_title

from generator.engine.postprocess import SetAside, indexed
from generator.refusals import Refused

# Distribution -> the versions these seams were tested with (exact: internals move).
TESTED = {"mkdocs": ("1.6.1",), "mkdocs-material": ("9.8.1", "9.8.2")}
EMPTY_TEMPLATE = "handover-shard-skip.html"

__all__ = [
    "EMPTY_TEMPLATE",
    "TESTED",
    "SetAside",
    "UntestedEngine",
    "check_versions",
    "first_heading",
    "indexed",
    "keep_static_pages",
    "not_converted",
    "render_empty",
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
