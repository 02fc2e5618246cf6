"""The live preview's memory of rendered pages: a page is rendered again only when what
its template is given changed.

A page is a pure function of its template, its path and its context. ``RenderMemo``
keeps, for each page, a *fingerprint* of those and the text they rendered; when the next
rebuild gives the page an equal fingerprint, the text is reused.

The fingerprint is the context itself, with three shortcuts that keep it cheap:

- a content file's record (a session, playbook or free page) is the ``Source`` it was
  read from, compared by identity: the preview's reader (engine/incremental.py
  ``SourceCache``) hands back the same ``Source`` object while the file is unchanged,
  and a record is built from its ``Source`` alone (validate/records.py);
- an action's ledger entry is its id, its session's record, its follow-ups (their
  session's record, status and note) and the day;
- what every page is given (``shared``: the people, teams, playbooks and glossary, the
  day, the site's name and address) is fingerprinted once per rebuild, by the sources
  of the files it comes from; of ``by_gid`` (every action, by id), only the entries a
  page looked up count, as recorded while it rendered (``LookedUp``).

Anything else must be made of plain values, dataclasses and pydantic models, which are
compared field by field; a value of any other kind (a function, an object with state
of its own) makes the page render every time. Outside the preview nothing is kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from types import MethodType
from typing import Any, TypeVar, cast

from markupsafe import Markup
from pydantic import BaseModel

from generator.content import PageDoc, PlaybookDoc, SessionDoc
from generator.derive.ledger import Entry
from generator.loader import Source

T = TypeVar("T")
PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, enum.Enum)


class Unknown(Exception):
    """A value the fingerprint cannot vouch for."""


class Same:
    """An object compared by identity, kept alive so that its id is never reused."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)


def fingerprint(value: Any, stable: bool = False) -> Any:
    """A hashable value equal for two contexts that render the same (see the module).

    ``stable``: one that is also equal between runs, so that its ``repr`` can key the
    build cache (render/cache.py): a content file is named by its path, kind and the
    digest of its bytes instead of by identity, a set is in sorted order, and a method
    counts only as an ``Answered`` (the answers it was asked for beforehand)."""
    kind = type(value)
    if kind is str:  # the most common value by far: checked first
        return value
    if kind in _EXACT_PLAIN:
        return (kind.__name__, value)
    if kind in (list, tuple):
        return (kind.__name__, *[fingerprint(v, stable) for v in value])
    if kind is Markup:
        return ("markup", str(value))
    if isinstance(value, PLAIN):
        return (kind.__name__, value) if kind is not str else value
    if kind is dict or kind in (Counter, OrderedDict, defaultdict):
        pairs = [(fingerprint(k, stable), fingerprint(v, stable)) for k, v in value.items()]
        return (kind.__name__, *pairs)
    if kind in (set, frozenset):
        items = (fingerprint(v, stable) for v in value)
        return (kind.__name__, tuple(sorted(items, key=repr)) if stable else frozenset(items))
    if kind in (SessionDoc, PlaybookDoc, PageDoc):
        return (kind.__name__, _source(value.src, stable))
    if kind is Source:
        return ("source", _source(value, stable))
    if kind is Called and not stable:
        return ("called", value.method.__qualname__)
    if kind is Answered:
        return ("answered", value.method.__qualname__, fingerprint(value.answers, stable))
    if kind is Entry:
        src = partial(_source, stable=stable)
        updates = tuple((src(u.session.src), u.status, u.note) for u in value.updates)
        return ("entry", value.gid, src(value.session.src), updates, value.today)
    names = _field_names(kind)
    if names is None:
        raise Unknown(kind.__qualname__)
    return (kind.__qualname__, *[fingerprint(getattr(value, n), stable) for n in names])


# The exact types of PLAIN but str and the enums (whose members are of their own types).
_EXACT_PLAIN = frozenset({int, float, bool, type(None), dt.date, dt.datetime})
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a pydantic model or a dataclass, in order (None: neither), found
    once per type."""
    if kind not in _FIELDS:
        if issubclass(kind, BaseModel):
            _FIELDS[kind] = tuple(kind.model_fields)
        elif dataclasses.is_dataclass(kind):
            _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
        else:
            _FIELDS[kind] = None
    return _FIELDS[kind]


def _source(src: Source, stable: bool) -> Any:
    """A content file: by identity (see the module), or, ``stable``, by what it holds."""
    if not stable:
        return Same(src)
    if not src.digest:
        raise Unknown("a Source that was not read from a file")
    return (src.path, src.kind, src.digest)


class Answered:
    """A method given to a template (``facts.lead_rule``) with the answers to the calls
    the page is expected to make, asked beforehand, so that they can be part of the
    page's fingerprint. A call with other arguments is answered too, and noted
    (``strayed``): then the page's text must not be kept, as its fingerprint did not
    hold that answer."""

    def __init__(self, method: Callable[..., Any], calls: list[tuple[Any, ...]]) -> None:
        self.method, self.calls = method, calls
        self.answers = [method(*args) for args in calls]
        self.strayed = False

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs:
            for known, answer in zip(self.calls, self.answers, strict=True):
                if len(known) == len(args) and all(
                    a is b for a, b in zip(known, args, strict=True)
                ):
                    return answer
        self.strayed = True
        return self.method(*args, **kwargs)


class LookedUp(Mapping[str, Any]):
    """A mapping that notes the keys a template looked up; iterating it notes them all."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.keys_seen: set[str] = set()
        self.whole = False

    def __getitem__(self, key: str) -> Any:
        self.keys_seen.add(key)
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.keys_seen.add(key)
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        self.whole = True
        return iter(self.data)

    def __len__(self) -> int:
        self.whole = True
        return len(self.data)

    def seen(self) -> tuple[Any, ...]:
        """The fingerprint of what was looked up (everything, once iterated)."""
        keys = sorted(self.data) if self.whole else sorted(self.keys_seen)
        return tuple((k, fingerprint(self.data[k]) if k in self.data else None) for k in keys)


class Called:
    """A method given to a template (``facts.lead_rule``), noting each call and its answer.

    Its fingerprint is its name; the page is reused only if the current method gives,
    for each call the page made, an answer that fingerprints the same (the method is a
    pure function of the facts, asked again with the same arguments)."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any], Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        answer = self.method(*args, **kwargs)
        self.calls.append((args, kwargs, answer))
        return answer

    def answers(self) -> list[tuple[tuple[Any, ...], dict[str, Any], Any]]:
        return [(a, k, fingerprint(answer)) for a, k, answer in self.calls]


def _same_answers(context: dict[str, Any], calls: dict[str, Any]) -> bool:
    for name, made in calls.items():
        method = context.get(name)
        if not isinstance(method, Called):
            return False
        try:
            if any(fingerprint(method.method(*a, **k)) != fp for a, k, fp in made):
                return False
        except Unknown:
            return False
    return True


class RenderMemo:
    """Each page's last fingerprint and text (see the module); one per preview."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Any, tuple[str, ...], tuple[Any, ...], Any, str]] = {}
        self.rendered = 0  # renders since the last ``start``
        self.reused = 0
        self._shared: Any = None
        self._lookups: Mapping[str, Any] = {}
        self._seen: set[str] = set()
        self._values: dict[str, tuple[Any, Any]] = {}

    def start(self, shared: Any, lookups: Mapping[str, Any]) -> None:
        """A rebuild begins: ``shared`` fingerprints what every page is given,
        ``lookups`` the big mapping that pages look up (``by_gid``)."""
        self._shared, self._lookups = shared, lookups
        self.rendered = self.reused = 0
        self._seen = set()

    def render(
        self,
        name: str,
        render: Callable[..., str],
        context: dict[str, Any],
        shared_context: Mapping[str, Any] | None = None,
        lookup_key: str = "",
    ) -> str:
        """``render(**shared_context, **context)`` for the page ``name``, reused when its
        fingerprint is the last one's. ``lookup_key`` names the mapping of
        ``shared_context`` given as a ``LookedUp`` (see ``start``); a method in
        ``context`` (``facts.lead_rule``) is a ``Called``."""
        self._seen.add(name)
        context = {k: Called(v) if isinstance(v, MethodType) else v for k, v in context.items()}
        try:
            key = (self._shared, fingerprint(context))
        except Unknown:
            key = None
        kept = self._pages.get(name)
        if key is not None and kept is not None and kept[0] == key:
            keys, looked, calls = kept[1], kept[2], kept[3]
            current = LookedUp(self._lookups)
            current.keys_seen.update(keys)
            current.whole = keys == ("*",)
            if current.seen() == looked and _same_answers(context, calls):
                self.reused += 1
                return kept[4]
        self.rendered += 1
        recorder = LookedUp(self._lookups)
        shared = {**shared_context, lookup_key: recorder} if shared_context else {}
        text = render(**shared, **context)
        if key is None:
            self._pages.pop(name, None)
            return text
        keys = ("*",) if recorder.whole else tuple(sorted(recorder.keys_seen))
        try:
            calls = {k: v.answers() for k, v in context.items() if isinstance(v, Called)}
            self._pages[name] = (key, keys, recorder.seen(), calls, text)
        except Unknown:
            self._pages.pop(name, None)
        return text

    def call(self, name: str, compute: Callable[[], T], inputs: Any) -> T:
        """``compute()``, reused while ``inputs`` (everything it reads) fingerprint the
        same as when it was last computed under ``name``."""
        self._seen.add(name)
        try:
            key = fingerprint(inputs)
        except Unknown:
            self._values.pop(name, None)
            return compute()
        kept = self._values.get(name)
        if kept is not None and kept[0] == key:
            return cast(T, kept[1])
        value = compute()
        self._values[name] = (key, value)
        return value

    def finish(self) -> None:
        """The rebuild has rendered everything: forget what it did not (deleted pages)."""
        self._pages = {n: v for n, v in self._pages.items() if n in self._seen}
        self._values = {n: v for n, v in self._values.items() if n in self._seen}
