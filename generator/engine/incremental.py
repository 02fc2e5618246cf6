"""What the live preview keeps from one rebuild to the next, so that an edit costs
only what it changes.

``SourceCache`` reads a content file again only when its size, times or inode changed
(what the file watcher itself looks at), so a rebuild parses one file, not hundreds.
Validation and derivation still see the whole root: they are cheap, and rules span
files. The plugin holds it for the life of one ``serve``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Collector, Diagnostic
from generator.loader import Source, read_source

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
