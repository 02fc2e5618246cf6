"""The build cache: outputs that are a pure function of a key, kept on disk between runs.

``handover build`` and ``handover export`` keep here what costs most to make and depends
only on inputs that can be named completely and cheaply: each session's workbook (the
key is the workbook's sheets, title and day, xlsx.py), each page and each session's
charts (the key is the template's context, fingerprinted as render/memo.py does, with
every content file named by its path and a digest of its bytes; render/page_cache.py).

Every key also holds the *code version*: a digest of the generator's own source, the
templates, and the versions of the libraries that shape the output. An upgrade or an
edit of a template therefore misses every entry, never reuses a stale one.

Where: ``$HANDOVER_CACHE`` when set (``off`` disables the cache), else
``<root>/.handover-cache/``; ``--no-cache`` on build and export disables it too.
An entry is one file, written to a temporary name and renamed into place (atomic),
compressed (zlib), and starts with the SHA-256 of what follows: an entry that does not match (cut short,
corrupted) is a miss, deleted, and made again. The cache never decides what a page
says, only whether to make it again; deleting the folder is always safe.

After a complete run, the entries it did not use (pages deleted, old keys) are removed,
so the folder holds about one site's worth of entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

FOLDER = ".handover-cache"
ENV = "HANDOVER_CACHE"
MAGIC = b"HOC1"
DIGEST = 32  # bytes of SHA-256
# The libraries whose version changes what the cached outputs hold.
LIBRARIES = ("jinja2", "markupsafe", "xlsxwriter", "pydantic", "ruamel.yaml")


@cache
def code_version() -> str:
    """A digest of everything besides the key that makes an output: the generator's and
    the templates' files, Python's version and the libraries'."""
    import site_templates

    h = hashlib.sha256()
    h.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - all are dependencies
            h.update(name.encode())
    generator = Path(__file__).resolve().parent.parent
    templates = Path(site_templates.__file__).resolve().parent
    for folder in (generator, templates):
        for path in sorted(_code_files(folder)):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _code_files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        # The editor's vendored JavaScript and its Node modules shape no cached output.
        dirnames[:] = [d for d in dirnames if d not in ("vendor", "node_modules", "__pycache__")]
        for name in filenames:
            if not name.endswith((".pyc", ".pyo")):
                yield Path(dirpath) / name


def location(root: Path, enabled: bool = True) -> Path | None:
    """The cache folder for ``root``, or None when the cache is off."""
    given = os.environ.get(ENV, "").strip()
    if not enabled or given.lower() in ("off", "0", "no", "false"):
        return None
    return Path(given) if given else root / FOLDER


class DiskCache:
    """Entries by kind and key in ``folder`` (see the module). Safe to use from forked
    workers (each entry is its own file) and from two builds at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stamp = time.time_ns()  # the time each entry this run uses is marked with
        self.hits = self.misses = 0
        self._made: set[Path] = set()  # folders known to exist (a mkdir each is a system call)

    def key(self, *parts: object) -> str:
        """The key of an output made from ``parts`` (their ``repr`` must be complete and
        stable: plain values, tuples and dataclasses of them) by this code version."""
        text = repr((code_version(), parts))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry, or None when there is none or it fails its check (then removed)."""
        path = self._path(kind, key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        head, digest, packed = raw[:4], raw[4 : 4 + DIGEST], raw[4 + DIGEST :]
        payload = None
        if head == MAGIC and hashlib.sha256(packed).digest() == digest:
            with contextlib.suppress(zlib.error):
                payload = zlib.decompress(packed)
        if payload is None:
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self._mark(path)
        self.hits += 1
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store an entry atomically; a folder that cannot be written is no error (the
        output was made anyway, the next run makes it again)."""
        path = self._path(kind, key)
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    packed = zlib.compress(payload, 1)
                    out.write(MAGIC + hashlib.sha256(packed).digest() + packed)
                os.replace(tmp, path)
                self._mark(path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            self._made.discard(path.parent)  # removed meanwhile? made again next time

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """The text stored under ``key``, else ``make()``, stored."""
        made = self.data(kind, key, lambda: make().encode("utf-8", "surrogatepass"))
        return made.decode("utf-8", "surrogatepass")

    def data(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``, else ``make()``, stored."""
        found = self.get(kind, key)
        if found is None:
            found = make()
            self.put(kind, key, found)
        return found

    def _mark(self, path: Path) -> None:
        """Note that this run used the entry (its modification time, exactly ``stamp``),
        so that ``prune`` keeps it; from forked workers too."""
        with contextlib.suppress(OSError):
            os.utime(path, ns=(self.stamp, self.stamp))

    def prune(self) -> None:
        """Remove the entries this run neither used nor wrote (call after a complete
        run), and temporary files left by an interrupted one."""
        for dirpath, _dirs, files in os.walk(self.folder):
            for name in files:
                path = Path(dirpath) / name
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime_ns < self.stamp:
                        path.unlink()
