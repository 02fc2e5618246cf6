"""What a partial rebuild must put right in the site directory itself.

A dirty MkDocs build writes only the pages it was told changed and leaves the rest of
the site directory as it was. Two things would then go wrong: the page of a deleted
file would still be served, and the search index, which the search plugin writes from
the pages it saw being built, would list only those.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator import addresses as at

SEARCH_INDEX = at.SEARCH_INDEX


def remove_outputs(site_dir: Path, dests: Iterable[str]) -> None:
    """Delete the built files of pages that are gone, and the folders this empties."""
    site = site_dir.resolve()
    for dest in dests:
        path = Path(dest).resolve()
        if not path.is_relative_to(site) or path == site:
            continue
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != site and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _page_url(entry: Any) -> str | None:
    location = entry.get("location") if isinstance(entry, dict) else None
    return location.split("#", 1)[0] if isinstance(location, str) else None


class SearchEntries:
    """Every page's entries in the search index, as they were when the page was last built.

    Entries are grouped by page through their ``location`` (the page's URL, then an
    optional ``#anchor``), the format of both MkDocs' and Material's search plugins.
    """

    def __init__(self) -> None:
        self._by_url: dict[str, list[Any]] = {}

    def complete(self, site_dir: Path, built: set[str], urls: list[str]) -> None:
        """Take the entries of the pages ``built`` this time from the index the search
        plugin wrote; when some of ``urls`` (every page, in build order) were not built,
        write the index again with the entries kept for them."""
        path = site_dir / SEARCH_INDEX
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # no search plugin, or not one that writes this file
            return
        docs = index.get("docs") if isinstance(index, dict) else None
        if not isinstance(docs, list):
            return
        fresh: dict[str, list[Any]] = {url: [] for url in built}
        for entry in docs:
            url = _page_url(entry)
            if url is not None and url in fresh:
                fresh[url].append(entry)
        kept = {url: self._by_url[url] for url in urls if url in self._by_url}
        self._by_url = {**kept, **fresh}
        if built.issuperset(urls):
            return  # the plugin saw every page: its index is whole already
        index["docs"] = [entry for url in urls for entry in self._by_url.get(url, [])]
        # As the search plugins write it: compact, ASCII-only.
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
