"""Pages kept in the build cache (render/cache.py) between runs.

A page is a pure function of its template, its path and its context (render/memo.py);
here the context's *stable* fingerprint (memo.fingerprint) keys the page on disk, so a
build renders again only the pages whose context changed since the last one:

- what every page is given (the people, teams, playbooks, glossary, the day, the
  site's name and address) is fingerprinted once per run;
- of ``by_gid`` (every action, by id), only the entries the page looked up count: an
  entry stores their ids and the digest of their fingerprint, compared when it is read;
- a method given to a template (``facts.lead_rule``) counts by the answers to the calls
  the page is expected to make (``CALLS``), asked beforehand (memo.Answered); a page
  that made another call, or iterated all of ``by_gid``, is not kept.

A page whose context holds a value that cannot be fingerprinted is rendered every time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from types import MethodType
from typing import Any

from generator.content import SessionDoc
from generator.render.cache import DiskCache
from generator.render.memo import Answered, LookedUp, Unknown, fingerprint

KIND = "page"


def _session_groups(context: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    session = context.get("s")
    if not isinstance(session, SessionDoc):
        return []
    return [(session, group) for group in session.model.leads]


# For each method given to templates: the calls a page with this context makes.
CALLS: dict[str, Callable[[Mapping[str, Any]], list[tuple[Any, ...]]]] = {
    "lead_rule": _session_groups,  # a session's (or debrief's) lead groups
}


class PageCache:
    """Renders pages through ``cache``; ``common`` is what every page is given, with
    the big mapping of ``lookup_key`` (``by_gid``) handled as the module says."""

    def __init__(self, cache: DiskCache, common: Mapping[str, Any], lookup_key: str) -> None:
        self.cache, self.common, self.lookup_key = cache, common, lookup_key
        self.lookups: Mapping[str, Any] = common[lookup_key]
        shared = {k: v for k, v in common.items() if k != lookup_key}
        try:
            self.shared: str | None = cache.key(fingerprint(shared, stable=True))
        except Unknown:
            self.shared = None

    def render(self, name: str, render: Callable[..., str], context: Mapping[str, Any]) -> str:
        """``render(**common, **context)`` for the page ``name`` (path and template),
        from the cache when its fingerprint was rendered before."""
        own = dict(context)
        answered = []
        for key, value in context.items():
            if isinstance(value, MethodType):
                calls = CALLS.get(key)
                if calls is None:
                    return render(**self.common, **context)
                own[key] = Answered(value, calls(context))
                answered.append(own[key])
        if self.shared is None:
            return render(**self.common, **own)
        try:
            key = self.cache.key(KIND, name, self.shared, fingerprint(own, stable=True))
        except Unknown:
            return render(**self.common, **own)
        kept = self._kept(key)
        if kept is not None:
            return kept
        recorder = LookedUp(self.lookups)
        text = render(**{**self.common, self.lookup_key: recorder}, **own)
        if not recorder.whole and not any(a.strayed for a in answered):
            seen = sorted(recorder.keys_seen)
            entry = {"seen": seen, "looked": self._looked(seen), "text": text}
            self.cache.put(KIND, key, json.dumps(entry).encode())
        return text

    def text(self, kind: str, make: Callable[[], str], inputs: Any) -> str:
        """``make()``, kept under the stable fingerprint of ``inputs`` (all it reads)."""
        try:
            key = self.cache.key(kind, fingerprint(inputs, stable=True))
        except Unknown:
            return make()
        return self.cache.text(kind, key, make)

    def _kept(self, key: str) -> str | None:
        """The text of the entry, when the entries of ``by_gid`` it looked up are still
        what they were."""
        raw = self.cache.get(KIND, key)
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
            seen, looked, text = entry["seen"], entry["looked"], entry["text"]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(text, str) or not isinstance(seen, list):
            return None
        try:
            return text if self._looked(seen) == looked else None
        except Unknown:
            return None

    def _looked(self, seen: list[str]) -> str:
        found = self.lookups
        return self.cache.key(
            tuple((k, fingerprint(found[k], stable=True) if k in found else None) for k in seen)
        )
