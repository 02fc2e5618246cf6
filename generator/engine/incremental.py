"""What the live preview keeps from one rebuild to the next, so that an edit costs
only what it changes.

Three caches, all held by the plugin for the life of one ``serve``:

- ``SourceCache`` reads a content file again only when its size, times or inode
  changed (what the file watcher itself looks at), so a rebuild parses one file, not
  hundreds. Validation and derivation still see the whole root: they are cheap, and
  rules span files.
- ``Snapshot`` records, for every generated page, a digest of its content, what
  other pages show of it (its front matter and heading) and what it shows of the
  navigation (``nav_views``). ``plan`` compares two snapshots: MkDocs builds again
  the pages whose content or view of the navigation changed, and the tag listings
  when any page's title or tags changed.
- ``CompiledTemplates`` keeps the theme's templates compiled: MkDocs makes a new Jinja
  environment for every build, which would compile them all again each time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.utils.meta import get_data

from generator import addresses as at
from generator.diagnostics import Collector, Diagnostic
from generator.engine.nav_views import top_level, views
from generator.loader import Source, read_source
from generator.render.pages import Pages

StatKey = tuple[int, int, int, int]


@dataclass
class _Read:
    key: StatKey
    source: Source
    diagnostics: list[Diagnostic]


class SourceCache:
    """A loader ``Reader`` that parses a file only when it changed since its last read.

    A file counts as unchanged while its modification and change times, size and inode
    are: the same test MkDocs' file watcher makes before it asks for a rebuild. The
    diagnostics of a read are kept with it and reported again on every load, so a cached
    file is checked exactly as a fresh one. Sources are shared between loads, which is
    safe because nothing after the loader changes them.
    """

    def __init__(self) -> None:
        self._reads: dict[tuple[str, str, str], _Read] = {}
        self._seen: set[tuple[str, str, str]] = set()
        self.parsed = 0  # files read and parsed since the cache was made

    def __call__(self, root: Path, rel: str, kind: str, diags: Collector) -> Source:
        try:
            st = os.stat(root / rel)
        except OSError:  # vanished or unreadable: let the loader report it
            return read_source(root, rel, kind, diags)
        key = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        name = (str(root), rel, kind)
        self._seen.add(name)
        cached = self._reads.get(name)
        if cached is None or cached.key != key:
            own = Collector()
            cached = _Read(key, read_source(root, rel, kind, own), own.items)
            self._reads[name] = cached
            self.parsed += 1
        diags.extend(cached.diagnostics)
        return cached.source

    def sweep(self) -> None:
        """Forget the files that the loads since the last sweep did not ask for (deleted)."""
        self._reads = {name: read for name, read in self._reads.items() if name in self._seen}
        self._seen = set()


@dataclass(frozen=True)
class PageFacts:
    """One generated file: a digest of its content and, for a Markdown page, what other
    pages show of it (front matter, which holds the title and tags, and first heading)."""

    digest: bytes
    shown: str = ""


@dataclass
class Snapshot:
    nav: str
    pages: dict[str, PageFacts] = field(default_factory=dict)
    views: dict[str, str] = field(default_factory=dict)  # each page's view of the nav
    top: str = ""  # what a page outside the navigation (404.html) shows of it

    def shown(self) -> list[tuple[str, str]]:
        """Every page with its titles and tags (what the tag listings show)."""
        return sorted((p, f.shown) for p, f in self.pages.items() if p.endswith(".md"))


def _digest(data: str | bytes) -> bytes:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.blake2b(payload, digest_size=16).digest()


def _shown(markdown: str) -> str:
    """The page's front matter and first level-1 heading, as one comparable string.

    MkDocs takes a page's title from its front matter, else from its first heading; the
    tags plugin takes the tags from the front matter. Any change to either may show on
    other pages, so both are compared whole rather than second-guessed.
    """
    body, meta = get_data(markdown)
    heading = next((line for line in body.splitlines() if line.startswith("# ")), "")
    return json.dumps([meta, heading], sort_keys=True, default=str)


def snapshot(pages: Pages, nav: Any, previous: Snapshot | None = None) -> Snapshot:
    """The snapshot of ``pages``; front matter is parsed again only for changed pages."""
    known = previous.pages if previous else {}
    facts: dict[str, PageFacts] = {}
    for path, data in pages.items():
        digest = _digest(data)
        old = known.get(path)
        if old is not None and old.digest == digest:
            facts[path] = old
        elif path.endswith(".md") and isinstance(data, str):
            facts[path] = PageFacts(digest, _shown(data))
        else:
            facts[path] = PageFacts(digest)
    shown = {path: f.shown for path, f in facts.items() if path.endswith(".md")}
    return Snapshot(
        json.dumps(nav, sort_keys=True, default=str),
        facts,
        views(nav, shown, list(shown)),
        top_level(nav, shown),
    )


@dataclass(frozen=True)
class Plan:
    """What a rebuild must do: build ``changed`` (everything when ``full``), delete
    ``removed``; ``keep_static``: the static pages (404, sitemap) are still right."""

    full: bool
    changed: frozenset[str]
    removed: frozenset[str]
    keep_static: bool = False


TAG_LISTINGS = frozenset({at.TAGS})  # pages where the tags plugin lists every tagged page


def plan(previous: Snapshot | None, current: Snapshot) -> Plan:
    """Compare the snapshot of the last completed build with the current one: build the
    pages that are new, whose content changed or whose view of the navigation changed,
    and the tag listings when the titles or tags of the pages changed."""
    if previous is None or not previous.nav:
        return Plan(True, frozenset(current.pages), frozenset())
    removed = frozenset(previous.pages.keys() - current.pages.keys())
    retagged = previous.shown() != current.shown()
    changed = frozenset(
        path
        for path, facts in current.pages.items()
        if (old := previous.pages.get(path)) is None
        or old.digest != facts.digest
        or previous.views.get(path) != current.views.get(path)
        or (retagged and path in TAG_LISTINGS)
    )
    same_pages = previous.pages.keys() == current.pages.keys()
    return Plan(False, changed, removed, same_pages and previous.top == current.top)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode of every template compiled so far, in memory.

    Jinja checks each entry against a checksum of the template's source, so an edited
    template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
