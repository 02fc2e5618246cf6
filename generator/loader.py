"""The only code that reads content files.

Every value keeps the line and column it came from, so that later stages can point
at it. YAML is composed with PyYAML's C loader when available and converted to plain
Python values by hand, which is also where YAML's traps are caught: duplicate keys,
anchors and aliases, files that are too large or not UTF-8.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import re
import stat
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

import yaml

from generator.diagnostics import Collector, Diagnostic
from generator.discovery import CONTENT_FOLDERS as CONTENT_FOLDERS
from generator.discovery import discover as discover
from generator.procs import fork_map
from generator.yaml_hints import diagnose, forgotten_dash

T = TypeVar("T")

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64  # content needs 5 or 6 levels; deeper is a mistake or an attack on the stack
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# What YAML's reader refuses, and what it counts as a line break (as editors do).
NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
Loc = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"
FRONT_MATTER_OPENING = re.compile(r"\A---[ \t]*(?:\r?\n|\Z)")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)


@dataclass
class Positions:
    """Line and column (1-based) of every value, and of every mapping key."""

    value: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def at(self, loc: Loc) -> tuple[int, int]:
        """Position of the value at ``loc``, or of its closest enclosing value."""
        for end in range(len(loc), -1, -1):
            found = self.value.get(loc[:end])
            if found:
                return found
        return (1, 1)

    def key_at(self, loc: Loc) -> tuple[int, int]:
        return self.key.get(loc) or self.at(loc)

    def text_at(self, loc: Loc, words: str) -> tuple[int, int]:
        """Line and column of ``words`` inside the (possibly multi-line) text value at ``loc``.

        Folded and quoted scalars lose their line breaks when read, so the words are
        looked up in the source lines, from the value's first line on.
        """
        line, col = self.at(loc)
        first = words.split()[0] if words.split() else words
        # The words whole first (a folded value may have broken them over two lines).
        for probe in dict.fromkeys((words, first)):
            for number in range(line, len(self.lines) + 1):
                found = self.lines[number - 1].find(probe, col - 1 if number == line else 0)
                if found >= 0:
                    return number, found + 1
        return line, col


def leaves(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """(location, value) of every value in loaded data that is not a list or mapping."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, (*loc, i))
    else:
        yield loc, data


@dataclass
class Source:
    """One content file as read from disk: raw data plus where each value came from."""

    path: str
    kind: str
    data: Any = None
    pos: Positions = field(default_factory=Positions)
    body: str = ""
    body_line: int = 1
    ok: bool = True
    assumed: list[int] = field(default_factory=list)  # lines read as if fixed (yaml_hints)
    # A digest of the file's bytes (all the above is a function of them and the path):
    # what names the file in the build cache's keys (render/cache.py); "" if not read.
    digest: str = ""


class PerSource:
    """Values computed from one ``Source`` alone, kept while that object lives.

    The live preview's reader (engine/incremental.py ``SourceCache``) hands back the same
    ``Source`` object while its file is unchanged, so a rebuild does not work out again
    what a file it did not re-read says (its record, its personal-data findings). An
    entry goes with its ``Source``; ``key`` is what the value depends on besides it.
    Nothing may change a ``Source`` after the loader (see ``SourceCache``).
    """

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Any, Any]] = {}

    def get(self, src: Source, key: Any, compute: Callable[[], T]) -> T:
        kept = self._kept.get(id(src))
        if kept is not None and kept[0] == key:
            return cast(T, kept[1])
        value = compute()
        if kept is None:  # dropped when ``src`` is: its id is never reused meanwhile
            weakref.finalize(src, self._kept.pop, id(src), None)
        self._kept[id(src)] = (key, value)
        return value


class _LoadError(Exception):
    """A file that cannot be read; ``detail`` is the parser's own words where a hint
    replaced them, ``fixed`` the text with the hint's fix applied where it is unambiguous."""

    def __init__(
        self, line: int, col: int, message: str, detail: str = "", fixed: str | None = None
    ) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message
        self.detail, self.fixed = detail, fixed


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Turns a composed YAML node tree into plain values, recording positions."""

    def __init__(self, line_offset: int, text: str = "") -> None:
        self.offset = line_offset
        self.text = text
        self.pos = Positions()
        self.seen: set[int] = set()
        self.current: yaml.Node | None = None
        self.constructor = yaml.constructor.SafeConstructor()

    def where(self, node: yaml.Node) -> tuple[int, int]:
        line, col = _mark(node)
        return line + self.offset, col

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:  # an alias: refused by _check_events already
            raise _LoadError(*self.where(node), ANCHORS)
        self.seen.add(id(node))
        self.current = node
        mark = node.start_mark  # self.where, inline: every value of every file comes here
        self.pos.value[loc] = (mark.line + 1 + self.offset, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _LoadError(*self.where(key_node), "a field name must be plain text")
            key = str(key_node.value)
            if key in result:
                raise self._duplicate(node, key_node, loc)
            mark = key_node.start_mark  # self.where, inline
            self.pos.key[(*loc, key)] = (mark.line + 1 + self.offset, mark.column + 1)
            result[key] = self.convert(value_node, (*loc, key))
        return result

    def _duplicate(self, node: yaml.MappingNode, key_node: yaml.Node, loc: Loc) -> _LoadError:
        key = str(key_node.value)
        first = self.pos.key[(*loc, key)][0]
        message = (
            f"duplicate field '{key}' (first given at line {first}); "
            "YAML would silently keep only the last one"
        )
        in_list = next((str(p) for p in reversed(loc) if isinstance(p, str)), None)
        in_list = in_list if loc and isinstance(loc[-1], int) else None
        mark = key_node.start_mark
        hint = forgotten_dash(
            self.text, mark.line, mark.column, key, str(node.value[0][0].value), in_list
        )
        if hint is None:
            return _LoadError(*self.where(key_node), message)
        line = hint.line + self.offset
        return _LoadError(line, hint.col, hint.message, message, hint.fixed)

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        self.pos.raw[loc] = str(node.value)
        if node.tag == _STR:  # most values: no constructor needed
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except Exception:
            tag = str(node.tag)
            if not tag.startswith("tag:yaml.org,2002:"):
                raise _LoadError(
                    *self.where(node), f"unsupported YAML tag '{tag}': remove it"
                ) from None
            if tag.endswith(":timestamp") and _DATE_LIKE.match(str(node.value)):
                # An impossible date such as 2026-13-45: keep the text, so that validation
                # reports it at its line and the rest of the file is still checked.
                return str(node.value)
            kind = tag.rsplit(":", 1)[-1]
            raise _LoadError(
                *self.where(node),
                f"cannot read '{node.value}' as a YAML {kind}: fix or remove the tag",
            ) from None


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``, cheap to compute.

    Two nested block collections never share their column twice in a row (a sequence may
    start at its key's column, but what it holds is indented past the ``- ``), so block
    nesting is at most twice the deepest indentation, counting ``- `` and ``? `` as
    indentation. Every flow collection needs a bracket of its own.
    """
    indent = max((len(line) - len(line.lstrip(" -?")) for line in text.splitlines()), default=0)
    return 2 * (indent + 1) + 1 + text.count("[") + text.count("{")


# What could start an anchor or an alias: & or * before a name character, where a node
# (or its properties) can start: at a line's start, after an indicator (- ? : [ { ,) or
# after a tag. Not within text, so that Markdown's **bold** in notes needs no event pass.
_MAYBE_ANCHOR = re.compile(
    r"(?:(?:^|[\r\x85\u2028\u2029])[ \t\ufeff]*|[-?:\[{,][ \t]*|![^\s]*[ \t]+)[&*][^\s,\[\]{}]",
    re.M,
)
ANCHORS = "YAML anchors and aliases (&name / *name) are not supported: write the value out in full"


def _check_events(text: str, line_offset: int) -> None:
    """Refuse anchors, aliases and nesting deeper than MAX_DEPTH before composing.

    Composing and converting recurse once per level: a few hundred levels exhaust
    Python's stack and a hundred thousand crash the C composer. Parsing into events
    does not recurse, so the depth is measured there, at the collection that crosses it.
    An anchor is refused where it is written, so that nothing is ever built from an
    alias (a "billion laughs" file stops at its first line). The event pass is skipped
    when the file holds no ``&`` or ``*`` before a name and even the bound of its depth
    is within the limit: most files, parsed once instead of twice.
    """
    if _depth_bound(text) <= MAX_DEPTH and not _MAYBE_ANCHOR.search(text):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _LoadError(*_event_at(event, line_offset), ANCHORS)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep: flatten the data"
                raise _LoadError(*_event_at(event, line_offset), message)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _event_at(event: yaml.Event, line_offset: int) -> tuple[int, int]:
    mark = event.start_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return line + line_offset, col


def unacceptable_at(text: str) -> tuple[int, int, int] | None:
    """Line and column (1-based) and code point of the first character YAML refuses."""
    found = NON_PRINTABLE.search(text)
    if not found:
        return None
    breaks = list(LINE_BREAK.finditer(text[: found.start()]))
    col = found.start() - (breaks[-1].end() if breaks else 0) + 1
    return len(breaks) + 1, col, ord(found.group())


def _unacceptable(text: str, line_offset: int, exc: yaml.reader.ReaderError) -> _LoadError:
    """A character YAML refuses (NUL, other control characters), at its line and column.

    The reader's own position counts characters in PyYAML but bytes in the C loader,
    so the character is looked up in the text instead.
    """
    found = unacceptable_at(text)
    code = found[2] if found else exc.character
    if isinstance(code, str):
        code = ord(code) if code else 0
    message = f"invalid YAML: unacceptable character U+{code:04X} ({exc.reason}): remove it"
    line, col = found[:2] if found else (1, 1)
    return _LoadError(line + line_offset, col, message)


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document; raises _LoadError with a position on any problem."""
    try:
        _check_events(text, line_offset)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, line_offset, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _unacceptable(text, line_offset, exc) from None
    except yaml.YAMLError as exc:
        raise _LoadError(1 + line_offset, 1, f"invalid YAML: {exc}") from None
    if node is None:
        return None, Positions()
    converter = _Converter(line_offset, text)
    try:
        data = converter.convert(node, ())
    except RecursionError:  # not expected below MAX_DEPTH, but never a traceback
        line, col = converter.where(converter.current or node)
        raise _LoadError(line, col, "nested too deeply: flatten the data") from None
    converter.pos.lines = [""] * line_offset + text.splitlines()
    return data, converter.pos


def _syntax_error(text: str, line_offset: int, exc: yaml.MarkedYAMLError) -> _LoadError:
    """The parser's complaint, in plain words with the fix where the mistake is a common one."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    col = mark.column + 1 if mark else 1
    raw = f"invalid YAML: {exc.problem or exc.context or 'invalid YAML'}"
    context = exc.context_mark.line if exc.context_mark and exc.problem_mark else None
    hint = (
        diagnose(text, exc.problem or "", mark.line, mark.column, context)
        if mark is not None
        else None
    )
    if hint is None:
        return _LoadError(line, col, raw)
    return _LoadError(hint.line + line_offset, hint.col, hint.message, raw, hint.fixed)


MAX_FIXES = 10  # mistakes read past in one file; beyond, the file is likely not YAML at all


def parse_fixing(text: str, src: Source, diags: Collector, line_offset: int = 0) -> None:
    """Parse ``text`` into ``src``; each common mistake with an unambiguous fix is reported
    and the rest of the file read as if it were fixed (``src.assumed`` lists those lines),
    so that its other problems show in the same run. Raises _LoadError when stuck."""
    for _ in range(MAX_FIXES):
        try:
            src.data, src.pos = parse_yaml(text, line_offset)
            return
        except _LoadError as exc:
            if exc.fixed is None:
                raise
            diags.error(src.path, exc.line, exc.col, exc.message, detail=exc.detail)
            src.assumed.append(exc.line)
            text = exc.fixed
    src.data, src.pos = parse_yaml(text, line_offset)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _LoadError(line, col, "file is not UTF-8 text: save it with UTF-8 encoding") from None
    return text


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES.

    Opened without blocking and checked before reading: a FIFO or device that took the
    place of a content file would otherwise hang or flood the check.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _LoadError(1, 1, "not a regular file: cannot read it")
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _LoadError(1, 1, f"file is larger than {MAX_BYTES // 1024} KiB: split it up")
    return raw


def read_source(root: Path, rel: str, kind: str, diags: Collector) -> Source:
    """Read and parse one file. Problems become diagnostics; never raises."""
    raw = _read_bytes(root, rel, diags)
    if raw is None:
        return Source(path=rel, kind=kind, ok=False)
    return parse_source(rel, kind, raw, diags)


def _read_bytes(root: Path, rel: str, diags: Collector) -> bytes | None:
    """The bytes of the content file ``rel``, or None when it cannot be read (reported)."""
    try:
        return _read_regular(root / rel)
    except _LoadError as exc:
        diags.error(rel, exc.line, exc.col, exc.message, detail=exc.detail)
    except OSError as exc:
        diags.error(rel, 1, 1, f"cannot read file: {exc.strerror or exc}")
    return None


def parse_source(rel: str, kind: str, raw: bytes, diags: Collector) -> Source:
    """The ``Source`` of the file ``rel`` whose bytes are ``raw``: a function of these
    alone (what ``load_root``'s store keeps). Problems become diagnostics; never raises."""
    src = Source(path=rel, kind=kind, digest=_digest(raw))
    try:
        text = _decode(raw)
        if rel.endswith(".md"):
            _read_markdown(text, src, diags)
        else:
            parse_fixing(text, src, diags)
    except _LoadError as exc:
        diags.error(rel, exc.line, exc.col, exc.message, detail=exc.detail)
        src.ok = False
    return src


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _read_markdown(text: str, src: Source, diags: Collector) -> None:
    match = FRONT_MATTER.match(text)
    if not match:
        if FRONT_MATTER_OPENING.match(text):
            raise _LoadError(
                1, 1, "the front matter is not closed: end it with a line of three dashes (---)"
            )
        src.data, src.body, src.body_line = None, text, 1
        return
    parse_fixing(match.group(1), src, diags, line_offset=1)
    src.body = text[match.end() :]
    src.body_line = text[: match.end()].count("\n") + 1


Reader = Callable[[Path, str, str, Collector], Source]
"""How one file is read: ``read_source``, or a cache in front of it (the live preview's)."""


class Store(Protocol):
    """Where loaded files are kept between runs, by their bytes' digest: the build cache
    (render/cache.py ``DiskCache``), which this layer may not import."""

    def key(self, *parts: object) -> str: ...

    def get(self, kind: str, key: str) -> bytes | None: ...

    def put(self, kind: str, key: str, payload: bytes) -> None: ...


LOADED = "loaded"  # the kind of the store's entries: a file's Source and diagnostics
PROTOCOL = pickle.HIGHEST_PROTOCOL
# What an entry may name besides plain values (see _Unpickler).
_KEPT_CLASSES = {
    ("generator.loader", "Source"): Source,
    ("generator.loader", "Positions"): Positions,
    ("generator.diagnostics", "Diagnostic"): Diagnostic,
    **{("datetime", c.__name__): c for c in (dt.date, dt.datetime, dt.time, dt.timedelta)},
    ("datetime", "timezone"): dt.timezone,
}


class _Unpickler(pickle.Unpickler):
    """Unpickles only what a ``Source`` holds: YAML's values, positions, diagnostics.
    A store entry naming anything else (written by another program) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        found = _KEPT_CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a loaded file")
        return found


def _kept(root: Path, rel: str, kind: str, store: Store) -> bytes:
    """``(Source, diagnostics)`` of one file, pickled: the store's entry for its bytes,
    else read and parse it and keep the result there. Every byte is read each time."""
    own = Collector()
    raw = _read_bytes(root, rel, own)
    if raw is None:
        return pickle.dumps((Source(path=rel, kind=kind, ok=False), own.items), PROTOCOL)
    key = store.key(LOADED, rel, kind, _digest(raw))
    payload = store.get(LOADED, key)
    if payload is None:
        payload = pickle.dumps((parse_source(rel, kind, raw, own), own.items), PROTOCOL)
        store.put(LOADED, key, payload)
    return payload


def _unpickled(payload: bytes) -> tuple[Source, list[Diagnostic]] | None:
    try:
        source, items = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # an entry this version did not write: read the file instead
        return None
    if not isinstance(source, Source) or not isinstance(items, list):
        return None
    if not all(isinstance(item, Diagnostic) for item in items):
        return None
    return source, items


def load_root(
    root: Path, diags: Collector, read: Reader = read_source, store: Store | None = None
) -> list[Source]:
    """Read every content file under root; the files are independent, so a big root is
    read by forked workers (``procs.fork_map``), each file's diagnostics kept with it.

    ``store`` (the build cache) keeps each file's ``Source`` and diagnostics by the
    digest of its bytes: a file unchanged since the last run is read and hashed, not
    parsed again.
    """
    found = discover(root, diags)
    if read is not read_source:  # a cache (the preview's) lives in this process
        return [read(root, rel, kind, diags) for rel, kind in found]
    if store is not None:
        return _load_kept(root, found, diags, store)

    def chunk(items: Sequence[tuple[str, str]]) -> list[tuple[Source, list[Diagnostic]]]:
        out = []
        for rel, kind in items:
            own = Collector()
            out.append((read_source(root, rel, kind, own), own.items))
        return out

    sources = []
    for source, items in fork_map(chunk, found):
        diags.extend(items)
        sources.append(source)
    return sources


def _load_kept(
    root: Path, found: list[tuple[str, str]], diags: Collector, store: Store
) -> list[Source]:
    def chunk(items: Sequence[tuple[str, str]]) -> list[bytes]:
        return [_kept(root, rel, kind, store) for rel, kind in items]

    sources = []
    for (rel, kind), payload in zip(found, fork_map(chunk, found), strict=True):
        loaded = _unpickled(payload)
        if loaded is None:
            own = Collector()
            loaded = read_source(root, rel, kind, own), own.items
        diags.extend(loaded[1])
        sources.append(loaded[0])
    return sources
