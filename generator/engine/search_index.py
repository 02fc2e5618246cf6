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
both at once, over a tree of hard links to the pages that carry the mark (Pagefind does
not read the debrief pages and redirects at all); a site of one part is indexed with the
command the exported tree documents (site_templates/exports/README.md).

The preview (``handover serve``) indexes in the background (``BackgroundIndex``): the
edited pages are served, and the browser reloaded, without waiting for Pagefind; a
rebuild that starts stops the indexing of the previous one first, since Pagefind must not
read pages while they are written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from generator import addresses, policies

BUNDLE = "pagefind"  # the folder of the index in the site, beside index.html
ARCHIVE = "pagefind-archive"  # the older sessions' index, when there are more
MANIFEST = "handover.json"  # in BUNDLE: {"archive": "pagefind-archive/" or null}
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


def index_site(
    site: Path,
    first_sessions: int = policies.SEARCH_FIRST_SESSIONS,
    started: Started | None = None,
) -> int:
    """Index ``site`` into ``site/pagefind`` (and ``site/pagefind-archive`` for the
    sessions older than the newest ``first_sessions``), replacing the previous index only
    once the new one is written whole. Returns the number of pages indexed. ``started``
    is told of each Pagefind process as it starts (to stop it early: the index is then
    left as it was, and IndexFailed raised)."""
    site = site.resolve()
    parts = [BUNDLE, ARCHIVE]
    for name in parts:
        for leftover in (site / f".{name}.new", site / f".{name}.old"):
            shutil.rmtree(leftover, ignore_errors=True)
    sources = site / ".pagefind.src"
    shutil.rmtree(sources, ignore_errors=True)
    try:
        older = set(_session_pages(site)[first_sessions:])
        first, rest = sources / "first", sources / "older"
        _link_marked_pages(site, first, rest, older)
        # No page carries the mark: Pagefind is given the site, and says what it finds.
        trees = {BUNDLE: first if first.exists() else site}
        if older:
            trees[ARCHIVE] = rest
        outputs = {site / f".{name}.new": tree for name, tree in trees.items()}
        _run_pagefind(outputs, site, started)
    finally:
        shutil.rmtree(sources, ignore_errors=True)
    archive = ARCHIVE in trees
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


def _session_pages(site: Path) -> list[Path]:
    """The session pages of ``site``, newest first (a session's id starts with its date)."""
    pattern = addresses.url(addresses.session("*", "*")) + "index.html"
    return sorted(site.glob(pattern), key=lambda page: page.parent.name, reverse=True)


def _link_marked_pages(site: Path, first: Path, older_tree: Path, older: set[Path]) -> None:
    """Hard links (copies where the file system has none) to the pages that carry the
    mark: those of ``older`` under ``older_tree``, the others under ``first``."""
    skip = {site / ".pagefind.src", *(site / n for n in (BUNDLE, ARCHIVE))}
    for folder, dirs, files in os.walk(site):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip and not d.startswith(".pagefind")]
        for name in files:
            page = here / name
            if not name.endswith(".html") or MARK not in page.read_bytes():
                continue
            target = (older_tree if page in older else first) / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:
                shutil.copyfile(page, target)


def _run_pagefind(outputs: dict[Path, Path], site: Path, started: Started | None) -> None:
    """Pagefind over each source tree into its output folder, all at once; the first
    failure is raised once every run has ended (and no output is left behind)."""
    executable = _executable()
    language = site_language(site)
    # Pagefind reads settings from pagefind.yml/.toml/.json in its working folder and from
    # PAGEFIND_* variables: neither may change what handover writes.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    failed = ""
    with tempfile.TemporaryDirectory(prefix="handover-pagefind-") as cwd:
        runs = [
            (
                output,
                subprocess.Popen(
                    [*command(tree, output, executable, language), "--quiet"],
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                ),
            )
            for output, tree in outputs.items()
        ]
        if started is not None:
            for _, run in runs:
                started(run)
        for output, run in runs:
            said = run.communicate()[0].decode("utf-8", "replace")
            if run.returncode == 0 and (output / "pagefind-entry.json").is_file():
                for name in UNUSED:
                    (output / name).unlink(missing_ok=True)
                continue
            lines = [line.strip() for line in said.splitlines() if line.strip()]
            failed = failed or (lines[-1] if lines else f"exit {run.returncode}")
    if failed:
        for output in outputs:
            shutil.rmtree(output, ignore_errors=True)
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
            index_site(site, started=self._started)
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
