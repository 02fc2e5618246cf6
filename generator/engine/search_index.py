"""The site search index: Pagefind, run over the built site after every build.

Pagefind reads every page that carries ``data-pagefind-body`` (the theme override puts
it on each page's content, except pages kept out of search: debriefs, redirects) and
writes an index split into small pieces; the browser fetches only the pieces a query
needs.

The index holds pages only. An action is found through its session page: its row starts
with an anchor (``#action-<id>``) that Pagefind records with the page's words, and the
search box (assets/search.js) opens the row that holds the words it matched. One record
per action would multiply the records by five, and Pagefind's time to answer grows with
the pages that hold a query's words: it scores every one of them.

For the same reason the index is in two parts once a site has more sessions than
``policies.SEARCH_FIRST_SESSIONS``: ``pagefind/`` holds every page but the older sessions,
``pagefind-archive/`` the older sessions. The box shows the first part's results as soon
as they come and adds the older sessions' after them (from a second worker), so the
first results take as long as on a site of that size. ``pagefind/handover.json`` says
whether the second part exists.

Each part is written by Pagefind's own command (the ``pagefind-bin`` package's binary),
both at once, over a tree of the pages that carry the mark (Pagefind does not read the
debrief pages and redirects at all); a site of one part is indexed with the command the
exported tree documents (site_templates/exports/README.md). Each page is given to
Pagefind as the least HTML that Pagefind reads the same (``searched_html``): the marked
element alone, without the parts Pagefind leaves out (``data-pagefind-ignore``, the
permalinks, its own list of skipped elements) and without the inline elements that only
style words (a link, a ``<strong>``). Pagefind's time goes to parsing markup, most of a
page; the index is the same (tests/test_search.py compares the two), in half the time.
The older sessions' Pagefind (the part with more pages, at the sizes where there are
two) starts as soon as their pages are written, before the rest of the site is listed,
while the other part's pages are prepared.

``handover build`` has its pages prepared that way by the MkDocs processes that wrote them
(``prepare``, engine/shards.py), on every core and while MkDocs' other process still
works, into a folder in memory (``preparing``): its index phase then only moves them into
the two parts' trees and runs the two Pagefinds at once (a Pagefind parses on every core,
but each has a part that runs on one: building and writing its index). Reading and
slimming the pages took about 2 of that phase's 7 to 10 CPU seconds at 2,000 sessions,
most of it before either Pagefind could start.

The preview (``handover serve``) indexes in the background (``BackgroundIndex``): the
edited pages are served, and the browser reloaded, without waiting for Pagefind; a
rebuild that starts stops the indexing of the previous one first, since Pagefind must not
read pages while they are written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from generator import addresses, policies

BUNDLE = "pagefind"  # the folder of the index in the site, beside index.html
ARCHIVE = "pagefind-archive"  # the older sessions' index, when there are more
MANIFEST = "handover.json"  # in BUNDLE: {"archive": "pagefind-archive/" or null}
# In a folder of prepared pages (``prepare``): the pages, and beside them one list per
# build process of the pages it read ("<name>.json"; those without the mark are not there).
PREPARED = "pages"
MARK = b"data-pagefind-body"
# Pagefind's own search interfaces, which the site does not use (assets/search.js asks
# Pagefind's JS API): not published.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
# The theme's heading permalinks ("¶") are not words of the page.
EXCLUDE_SELECTORS = ".headerlink"
_DATED = re.compile(r"\d{4}-\d{2}-\d{2}")  # how a session's id starts
_LANG = re.compile(r"<html[^>]*\blang=\"([A-Za-z-]+)\"")


class IndexFailed(Exception):
    """Pagefind could not index the site (said in one line)."""


def site_language(site: Path) -> str:
    """The language of the site's pages (the home page's ``<html lang>``), else English."""
    try:
        head = (site / "index.html").read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return "en"
    found = _LANG.search(head)
    return found.group(1).split("-")[0].lower() if found else "en"


def command(site: Path, output: Path, executable: str, language: str) -> list[str]:
    """Pagefind's command line that indexes ``site`` into ``output``."""
    return [
        executable,
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--exclude-selectors",
        EXCLUDE_SELECTORS,
        "--force-language",
        language,
    ]


def _executable() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise IndexFailed("the pagefind binary is missing: pip install pagefind-bin")
    return str(found)


Started = Callable[[subprocess.Popen[bytes]], None]
Stopped = Callable[[], bool]  # asked before each page is read: stop indexing now?


def index_site(
    site: Path,
    first_sessions: int = policies.SEARCH_FIRST_SESSIONS,
    started: Started | None = None,
    stopped: Stopped | None = None,
    prepared: Path | None = None,
) -> int:
    """Index ``site`` into ``site/pagefind`` (and ``site/pagefind-archive`` for the
    sessions older than the newest ``first_sessions``), replacing the previous index only
    once the new one is written whole. Returns the number of pages indexed. ``started``
    is told of each Pagefind process as it starts (to stop it early: the index is then
    left as it was, and IndexFailed raised); ``stopped`` is asked before each page is
    read, and stops the indexing the same way when it says so (the preview's next
    rebuild does not wait for the pages to be read). ``prepared``: a folder where
    ``prepare`` has written pages of ``site`` as Pagefind needs them (taken from it,
    not read again); the pages it does not list are read here."""
    site = site.resolve()
    parts = [BUNDLE, ARCHIVE]
    for name in parts:
        for leftover in (site / f".{name}.new", site / f".{name}.old"):
            shutil.rmtree(leftover, ignore_errors=True)
    sessions = _session_pages(site)
    older = sessions[first_sessions:]
    if prepared is None:
        # At most: pages are only cut, and the session pages are most of a site's bytes.
        needed = 2 * sum(page.stat().st_size for page in sessions) + 2**20
        sources = Path(tempfile.mkdtemp(prefix="handover-search-", dir=_scratch(needed)))
    else:
        sources = Path(tempfile.mkdtemp(prefix="parts-", dir=prepared))  # moved, not copied
    ready = _Prepared(prepared)
    archive = False
    try:
        with _Pagefind(site, started) as pagefind:
            # The older sessions first: their Pagefind has the more pages and takes
            # longer, and starts before the rest of the site is even listed.
            if older and _write_searched_pages(site, older, sources / ARCHIVE, stopped, ready):
                pagefind.start(sources / ARCHIVE, site / f".{ARCHIVE}.new")
                archive = True
            skip = set(older)
            pages = [page for page in _html_pages(site) if page not in skip]
            tree = sources / BUNDLE
            found = _write_searched_pages(site, pages, tree, stopped, ready)
            # No page carries the mark: Pagefind is given the site, and says what it finds.
            pagefind.start(tree if found else site, site / f".{BUNDLE}.new")
    finally:
        shutil.rmtree(sources, ignore_errors=True)
    manifest = {"archive": f"{ARCHIVE}/" if archive else None}
    (site / f".{BUNDLE}.new" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    for name in parts:
        fresh, old, bundle = site / f".{name}.new", site / f".{name}.old", site / name
        if bundle.exists():
            bundle.rename(old)
        if fresh.exists():
            fresh.rename(bundle)
        shutil.rmtree(old, ignore_errors=True)
    return page_count(site / BUNDLE) + (page_count(site / ARCHIVE) if archive else 0)


@contextlib.contextmanager
def preparing(needed: int) -> Iterator[Path]:
    """A folder for ``prepare`` (in memory where there is room for ``needed`` bytes: see
    ``_scratch``), removed afterwards whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix="handover-search-", dir=_scratch(needed)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def prepare(site: Path, pages: Iterable[str], folder: Path, name: str) -> None:
    """Write each of ``pages`` (paths in ``site``, as MkDocs writes them) that carries the
    mark as Pagefind needs it (``searched_html``) into ``folder`` (see ``preparing``), for
    ``index_site(prepared=folder)``; then the lists of the pages read and of those written,
    as ``name``.json. Each MkDocs process of a build does this for the pages it wrote."""
    read, marked = [], []
    for page in pages:
        try:
            html = (site / page).read_bytes()
        except FileNotFoundError:  # not written: index_site reads what there is
            continue
        read.append(page)
        slim = searched_html(html)
        if slim is not None:
            target = folder / PREPARED / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(slim)
            marked.append(page)
    listed = json.dumps({"read": read, "marked": marked})
    (folder / f"{name}.json").write_text(listed, encoding="utf-8")


class _Prepared:
    """The pages ``prepare`` read into ``folder``, by their path in the site."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.read: set[str] = set()
        self.marked: set[str] = set()
        for listed in folder.glob("*.json") if folder is not None else ():
            lists = json.loads(listed.read_text(encoding="utf-8"))
            self.read.update(lists["read"])
            self.marked.update(lists["marked"])

    def get(self, page: str) -> tuple[bool, Path | None]:
        """Whether ``page`` was prepared, and where it is if it carries the mark."""
        if self.folder is None or page not in self.read:
            return False, None
        return True, self.folder / PREPARED / page if page in self.marked else None


def _scratch(needed: int) -> str | None:
    """Where the pages for Pagefind are written: a folder in memory where the system has
    one with room for ``needed`` bytes (writing 2,000 files to a disk costs more time
    than Pagefind's reading them), else the usual temporary folder."""
    memory = Path("/dev/shm")
    if not memory.is_dir() or not os.access(memory, os.W_OK | os.X_OK):
        return None
    free = os.statvfs(memory)
    return str(memory) if free.f_bavail * free.f_frsize > 2 * needed else None


def _session_pages(site: Path) -> list[Path]:
    """The session pages of ``site``, newest first (a session's id starts with its date;
    a busy year's month pages, ``sessions/<YYYY>/<MM>/``, are at the same depth)."""
    pattern = addresses.url(addresses.session("*", "*")) + "index.html"
    found = [page for page in site.glob(pattern) if _DATED.match(page.parent.name)]
    return sorted(found, key=lambda page: page.parent.name, reverse=True)


def _html_pages(site: Path) -> list[Path]:
    """Every HTML file of ``site``, but those of the index itself."""
    out: list[Path] = []
    for folder, dirs, files in os.walk(site):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith((BUNDLE, ".pagefind"))]
        out.extend(here / name for name in files if name.endswith(".html"))
    return out


def _write_searched_pages(
    site: Path,
    pages: list[Path],
    tree: Path,
    stopped: Stopped | None = None,
    ready: _Prepared | None = None,
) -> int:
    """Each of ``pages`` that carries the mark, as Pagefind needs it
    (``searched_html``, or as ``ready`` holds it), at its place under ``tree``; returns
    how many. Raises IndexFailed as soon as ``stopped`` says so."""
    written = 0
    made: set[Path] = set()
    for page in pages:
        if stopped is not None and stopped():
            raise IndexFailed("stopped before the pages were read")
        relative = page.relative_to(site)
        known, prepared = ready.get(relative.as_posix()) if ready else (False, None)
        html = b"" if known else searched_html(page.read_bytes())
        if html is None or (known and prepared is None):
            continue
        target = tree / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if prepared is None:
            target.write_bytes(html)
        else:
            os.replace(prepared, target)  # the same file system: moved, not copied
        written += 1
    return written


# What searched_html keeps and leaves out of a page; Pagefind's own rules, from its
# HTML reader (pagefind/src/fossick/parser.rs, 1.5): the elements it skips with their
# words, and the inline ones, whose words run on into the text around them.
_SKIPPED = b"head|style|script|noscript|label|form|svg|footer|nav|iframe|template"
_INLINE = b"a|abbr|b|bdo|big|cite|code|dfn|em|i|kbd|q|samp|small|span|strong|sub|sup|time|tt|var"
_SKIPPED_NAMES = frozenset(_SKIPPED.split(b"|"))
_INLINE_NAMES = frozenset(_INLINE.split(b"|"))
# A tag's attributes, to its ">" (not one inside quotes).
_ATTRS = rb"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+"""
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9-]*+)(" + _ATTRS + rb")>")
_ATTR = re.compile(rb"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Pagefind reads a page's marked element, the filters, sorts and metadata anywhere in it,
# and the anchors (any element with an id) in the marked element.
_READ = re.compile(rb"data-pagefind-(?!ignore)")
# Where an element that Pagefind skips may start (checked by _without_left_out), and
# where an inline element that Pagefind reads may (an anchor, a filter): each pattern
# starts with its own words, which the regular expressions find fastest, in lower case.
_LEFT_OUT = [
    re.compile(rb"<(?:" + _SKIPPED + rb")[\s/>]"),
    re.compile(rb"data-pagefind-ignore"),
    re.compile(rb"headerlink"),
]
_READ_HERE = [re.compile(rb"id\s*+="), re.compile(rb"data-pagefind-")]
# The tags of inline elements, taken away unless kept (a kept one's name is marked).
_STYLING = re.compile(
    rb"<(?:" + _INLINE + rb")(?=[\s/>])" + _ATTRS + rb">|</(?:" + _INLINE + rb")\s*+>",
    re.IGNORECASE,
)
_KEPT = b"\x01"  # marks the name of a kept inline element's tags while the others go
_HTML = re.compile(rb"<html\b" + _ATTRS + rb">", re.IGNORECASE)
_TITLE = re.compile(rb"<title\b" + _ATTRS + rb">.*?</title>", re.IGNORECASE | re.DOTALL)


def searched_html(page: bytes) -> bytes | None:
    """What Pagefind needs of ``page`` to index it as it would the whole page: None for
    a page without the mark (Pagefind leaves it out); the page itself when it is not as
    this expects (more than one marked element, Pagefind's attributes outside it, tags
    that do not close). Else the page's ``<html>`` and ``<title>`` (Pagefind's title
    when the page has no ``<h1>``), and the marked element less the elements Pagefind
    skips and the inline tags that only style words."""
    at = page.find(MARK)
    if at < 0:
        return None
    if page.find(MARK, at + len(MARK)) >= 0:
        return page
    begin = page.rfind(b"<", 0, at)
    opening = _TAG.match(page, begin)
    end = _end(page, opening) if opening and opening.end() > at else None
    if end is None or _READ.search(page, 0, begin) or _READ.search(page, end):
        return page
    body = _without_left_out(page[begin:end])
    body = body and _without_styling(body)
    if body is None:
        return page
    html = _HTML.search(page, 0, begin)
    title = _TITLE.search(page, 0, begin)
    return b"".join(
        [
            b"<!doctype html>",
            html.group(0) if html else b"<html>",
            b"<head>",
            title.group(0) if title else b"",
            b"</head><body>",
            body,
            b"</body></html>",
        ]
    )


def _end(html: bytes, opening: re.Match[bytes]) -> int | None:
    """Where the element that ``opening`` starts ends (after its end tag), or None."""
    if opening.group(3).rstrip().endswith(b"/"):
        return opening.end()
    name = opening.group(2)
    close = html.find(b"</" + name + b">", opening.end())
    if close >= 0:  # the first end tag, if no tag of that name comes before it
        inside = html[opening.end() : close].lower()
        if b"<" + name.lower() not in inside and b"</" + name.lower() not in inside:
            return close + len(name) + 3
    tags = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])(" + _ATTRS + rb")>", re.I)
    depth = 0
    for tag in tags.finditer(html, opening.start()):
        if tag.group(1):
            depth -= 1
        elif not tag.group(2).rstrip().endswith(b"/"):
            depth += 1
        if depth == 0:
            return tag.end()
    return None


def _tag_around(html: bytes, at: int) -> re.Match[bytes] | None:
    """The start tag that holds the text at ``at``, if that is inside one."""
    start = at if html[at : at + 1] == b"<" else html.rfind(b"<", 0, at)
    tag = _TAG.match(html, start) if start >= 0 else None
    return tag if tag and not tag.group(1) and tag.end() > at else None


def _places(html: bytes, patterns: list[re.Pattern[bytes]]) -> list[int]:
    """Where any of ``patterns`` is found in ``html`` (in lower case), in order."""
    lower = html.lower()
    return sorted(found.start() for pattern in patterns for found in pattern.finditer(lower))


def _attributes(tag: re.Match[bytes]) -> dict[bytes, bytes]:
    return {
        found.group(1).lower(): found.group(2) or found.group(3) or found.group(4) or b""
        for found in _ATTR.finditer(tag.group(3))
    }


def _without_left_out(body: bytes) -> bytes | None:
    """``body`` less the elements Pagefind does not index (by their name, the class
    ``headerlink``, or data-pagefind-ignore), unless one holds something Pagefind reads
    all the same (a filter, metadata); None if one does not close or has an id (Pagefind
    records the anchor of an element it skips by its name or class)."""
    out, done = [], 0
    for at in _places(body, _LEFT_OUT):
        if at < done:
            continue  # inside one already left out
        opening = _tag_around(body, at)
        if opening is None:
            continue  # words of the page
        attributes = _attributes(opening)
        ignored = b"data-pagefind-ignore" in attributes
        if not ignored:
            named = opening.group(2).lower() in _SKIPPED_NAMES
            if not (named or b"headerlink" in attributes.get(b"class", b"").split()):
                continue
            if b"id" in attributes:
                # Pagefind keeps its anchor, with the words of its inline elements only
                # (the others are skipped): those must stay as they are.
                return None
        end = _end(body, opening)
        if end is None:
            return None
        if _READ.search(body, opening.start(), end):
            continue
        out.append(body[done : opening.start()])
        done = end
    out.append(body[done:])
    return b"".join(out)


def _without_styling(body: bytes) -> bytes | None:
    """``body`` less the tags of the inline elements that only style words: Pagefind
    runs their words on into the text around them either way. The inline elements it
    reads (an id, a filter) stay; None if one does not close."""
    if _KEPT in body:
        return None
    marks = []  # where a kept element's name starts, in its start and end tags
    kept = set()
    for at in _places(body, _READ_HERE):
        opening = _tag_around(body, at)
        if opening is None or opening.start() in kept:
            continue
        if opening.group(2).lower() not in _INLINE_NAMES:
            continue
        attributes = _attributes(opening)
        if b"id" not in attributes and not any(a.startswith(b"data-pagefind-") for a in attributes):
            continue
        end = _end(body, opening)
        if end is None:
            return None
        kept.add(opening.start())
        marks.append(opening.start() + 1)
        if end > opening.end():
            marks.append(body.rindex(b"</", 0, end) + 2)
    out, done = [], 0
    for at in sorted(marks):
        out += [body[done:at], _KEPT]
        done = at
    out.append(body[done:])
    return _STYLING.sub(b"", b"".join(out)).replace(_KEPT, b"")


class _Pagefind:
    """Pagefind's command over each source tree into its output folder, each started as
    soon as its tree is written; leaving the block waits for every run, and the first
    failure is raised once every run has ended (and no output is left behind). An error
    inside the block stops the runs already started."""

    def __init__(self, site: Path, started: Started | None) -> None:
        self.site, self.told = site, started
        self.runs: list[tuple[Path, subprocess.Popen[bytes]]] = []

    def __enter__(self) -> _Pagefind:
        self.executable = _executable()
        self.language = site_language(self.site)
        self.cwd = tempfile.TemporaryDirectory(prefix="handover-pagefind-")
        # Pagefind reads settings from pagefind.yml/.toml/.json in its working folder and
        # from PAGEFIND_* variables: neither may change what handover writes.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        return self

    def start(self, tree: Path, output: Path) -> None:
        run = subprocess.Popen(
            [*command(tree, output, self.executable, self.language), "--quiet"],
            cwd=self.cwd.name,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.runs.append((output, run))
        if self.told is not None:
            self.told(run)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            for _, run in self.runs:
                run.terminate()
        failed = ""
        try:
            for output, run in self.runs:
                said = run.communicate()[0].decode("utf-8", "replace")
                if run.returncode == 0 and (output / "pagefind-entry.json").is_file():
                    for name in UNUSED:
                        (output / name).unlink(missing_ok=True)
                    continue
                lines = [line.strip() for line in said.splitlines() if line.strip()]
                failed = failed or (lines[-1] if lines else f"exit {run.returncode}")
        finally:
            self.cwd.cleanup()
        if failed or error is not None:
            for output, _ in self.runs:
                shutil.rmtree(output, ignore_errors=True)
        if failed and error is None:
            raise IndexFailed(f"pagefind: {failed}")


def page_count(bundle: Path) -> int:
    """The pages the index in ``bundle`` holds."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


class BackgroundIndex:
    """The preview's search index, written by a thread while the pages are served.

    ``start`` indexes a built site in the background; ``stop`` ends that (a rebuild is
    about to write pages that Pagefind must not read half-written) and waits for the
    thread. A failure is logged by ``report``: the preview goes on with the last index.
    """

    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report
        self._thread: threading.Thread | None = None
        self._runs: list[subprocess.Popen[bytes]] = []
        self._stopped = False
        self._lock = threading.Lock()

    def start(self, site: Path) -> None:
        self.stop()
        self._stopped = False
        self._thread = threading.Thread(
            target=self._run, args=(site,), name="handover-search-index", daemon=True
        )
        self._thread.start()

    def _run(self, site: Path) -> None:
        try:
            index_site(site, started=self._started, stopped=lambda: self._stopped)
        except (IndexFailed, OSError) as exc:
            if not self._stopped:
                self.report(f"search index: {exc}")
        finally:
            with self._lock:
                self._runs = []

    def _started(self, run: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._runs.append(run)
            if self._stopped:
                run.terminate()

    def stop(self) -> None:
        """Stop the indexing under way, if any, and wait until its thread has ended."""
        with self._lock:
            self._stopped = True
            for run in self._runs:
                run.terminate()
        self.wait()

    def wait(self) -> None:
        """Wait until the indexing under way, if any, has ended."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
