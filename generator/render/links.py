"""Every internal link and anchor the generator wrote leads somewhere.

A check of the rendered pages (docs path -> text) before any engine sees them: each
Markdown link ``[text](target.md#anchor)`` is resolved against the page's docs path,
each HTML ``href`` (the HTML blocks of ``html.py``) against the page's directory URL,
and the target must be a page or file of the site; an anchor must be an ``id`` the
target declares or the slug of one of its headings. What people wrote (free pages,
the home and start introductions, Markdown fields) is theirs, and is left out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from markdown.extensions.toc import slugify

from generator import addresses
from generator.render.cache import DiskCache

# Searched from their literal start, each match then checked for what the pattern once
# said before it (``(?<!\\)``, ``\b``): a pattern that starts with a look-behind or a
# word boundary is tried at every character, 10 to 15 times slower (_found).
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")  # not after a backslash
HREF = re.compile(r'href="([^"]*)"')  # not after a word character
TABLES = re.compile(r"<table>.*?</table>", re.S)  # record text in them is not Markdown
FIELDS = re.compile(r'<div class="ho-md" markdown="0">\n.*?\n</div>', re.S)  # people's
IDS = re.compile(r'id="([^"]+)"|\{:?[^}\n]*#([\w-]+)[^}\n]*\}')  # id=: not after a word character
WORD = re.compile(r"\w")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*$", re.M)
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|<[^>]+>|\\(.)|[*_`]")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass(frozen=True)
class Broken:
    """A link on ``page`` (a docs path) that leads nowhere, and why."""

    page: str
    link: str
    reason: str

    def text(self) -> str:
        return f"{self.page}: the link {self.link!r} is broken: {self.reason}"


def broken_links(
    pages: Mapping[str, str | bytes],
    people_wrote: Mapping[str, Iterable[str]] | None = None,
    cache: DiskCache | None = None,
) -> list[Broken]:
    """The generated links of every page that lead to no page, file or anchor.

    ``people_wrote``: docs path -> texts on that page that people wrote (left out).
    Each page's links and anchors are kept in ``cache`` (render/cache.py) by the page's
    text, when given. (Reading them on two cores cost more than it saved: the workers
    fault in the pages' memory and send every link back.)"""
    wrote = people_wrote or {}
    scans = {
        page: _scan_kept(text, tuple(wrote.get(page, ())), cache)
        for page, text in pages.items()
        if page.endswith(".md") and isinstance(text, str)
    }
    site = _Site(pages, {p: s[2] for p, s in scans.items()})
    broken: list[Broken] = []
    for page, (markdown_links, html_links, _ids) in scans.items():
        folder, url = posixpath.dirname(page), addresses.url(page)
        for link in dict.fromkeys(markdown_links):  # each once: pages repeat their links
            reason = site.check(page, link, folder, markdown=True)
            broken += [Broken(page, link, reason)] if reason else []
        for link in dict.fromkeys(html_links):
            reason = site.check(page, link, url, markdown=False)
            broken += [Broken(page, link, reason)] if reason else []
    return broken


Scan = tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]  # links, hrefs, anchors


def _scan_kept(text: str, theirs: tuple[str, ...], cache: DiskCache | None) -> Scan:
    """``_scan``, from the cache when the same text was read before."""
    if cache is None:
        return _scan(text, theirs)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest()
    key = cache.key("links", digest, theirs)
    found = cache.get("links", key)
    if found is not None:
        with contextlib.suppress(ValueError, TypeError):
            md, html, ids = json.loads(found)
            return tuple(md), tuple(html), frozenset(ids)
    scanned = _scan(text, theirs)
    cache.put("links", key, json.dumps([*scanned[:2], sorted(scanned[2])]).encode())
    return scanned


@lru_cache(maxsize=1 << 15)
def _scan(text: str, theirs: tuple[str, ...]) -> Scan:
    """A page's links and anchors. Kept: the live preview checks every page on every
    rebuild, and most pages are the same as the last time."""
    return (*_links(text, theirs), _anchors(text))


def _links(text: str, theirs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The Markdown links and HTML hrefs of a page's ``text`` that the generator wrote
    (``theirs``: what people wrote on it, left out)."""
    for written in theirs:
        text = text.replace(written, "") if written else text
    text = FIELDS.sub("", text)
    links = _found(MD_LINK, TABLES.sub("", text), lambda t, at: t[at - 1] != "\\")
    return tuple(m.group(1) for m in links), tuple(m.group(1) for m in _found(HREF, text))


def _after_word(text: str, at: int) -> bool:
    return bool(WORD.match(text, at - 1))


def _id_ok(text: str, at: int) -> bool:
    """An ``id="`` not after a word character; a ``{: #anchor}`` anywhere."""
    return text[at] != "i" or not _after_word(text, at)


def _found(
    pattern: re.Pattern[str],
    text: str,
    ok: Callable[[str, int], bool] = lambda text, at: not _after_word(text, at),
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds where ``ok(text, start)`` (at a start > 0),
    the search going on from the next character after a match that is not: the matches
    of the pattern with that condition written before it, found as fast as the pattern."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start and not ok(text, start):
            at = start + 1
            continue
        yield match
        at = max(match.end(), start + 1)


class _Site:
    def __init__(self, pages: Mapping[str, str | bytes], ids: Mapping[str, frozenset[str]]) -> None:
        self.pages, self.ids = pages, ids
        self.urls = {addresses.url(p): p for p in pages if p.endswith(".md")}
        # Verdicts by link and folder: thousands of pages link to the same pages.
        self.verdicts: dict[tuple[str, str, bool], str] = {}

    def check(self, page: str, link: str, folder: str, *, markdown: bool) -> str:
        """Why ``link`` on ``page`` is broken, or ''."""
        if EXTERNAL.match(link):
            return ""
        if link.startswith("#"):  # on the page itself
            return self._check(page, link, folder, markdown)
        key = (link, folder, markdown)
        found = self.verdicts.get(key)
        if found is None:
            found = self.verdicts[key] = self._check(page, link, folder, markdown)
        return found

    def _check(self, page: str, link: str, folder: str, markdown: bool) -> str:
        path, _, anchor = link.partition("#")
        target = page if not path else self._target(unquote(path), folder, markdown)
        if target is None:
            return "no page or file of the site is there"
        if anchor and anchor not in self._anchors(target):
            return f"{target} has no anchor #{anchor}"
        return ""

    def _target(self, path: str, folder: str, markdown: bool) -> str | None:
        joined = posixpath.normpath(posixpath.join(folder or ".", path))
        joined = "" if joined == "." else joined
        if markdown:
            return joined if joined in self.pages else None
        if path.endswith("/") or path in (".", "..") or joined == "":
            joined = f"{joined}/" if joined else ""
            found = self.urls.get(joined)
            index = f"{joined}index.html"  # a folder's own file (a redirect page)
            return found if found is not None or index not in self.pages else index
        return joined if joined in self.pages else self.urls.get(joined + "/")

    def _anchors(self, target: str) -> frozenset[str]:
        return self.ids.get(target, frozenset())


def _anchors(text: str) -> frozenset[str]:
    ids = {m.group(1) or m.group(2) for m in _found(IDS, text, _id_ok)}
    for heading in HEADING.findall(text):
        ids.add(slugify(MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", heading), "-"))
    return frozenset(ids)
