"""The site search index: Pagefind, run over the built site after every build.

Pagefind reads every page that carries ``data-pagefind-body`` (the theme override puts
it on each page's content, except pages kept out of search: debriefs, redirects) and
writes an index split into small pieces under ``pagefind/``; the browser fetches only
the pieces a query needs.

The index holds pages only. An action is found through its session page: its row starts
with an anchor (``#action-<id>``) that Pagefind records with the page's words, and the
search box (assets/search.js) opens the row that holds the words it matched. One record
per action would multiply the records by five at every size, and Pagefind's time to
answer grows with the records that hold a query's words.

The index is written by Pagefind's own command (the ``pagefind-bin`` package's binary),
which reads the site's pages on every core: the same command the exported tree documents
for teams who index it themselves (site_templates/exports/README.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # the folder of the index in the site, beside index.html
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


def command(site: Path, output: Path, executable: str = "pagefind") -> list[str]:
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
        site_language(site),
    ]


def _executable() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise IndexFailed("the pagefind binary is missing: pip install pagefind-bin")
    return str(found)


def index_site(site: Path) -> int:
    """Index ``site`` into ``site/pagefind``, replacing the previous index only once the
    new one is written whole. Returns the number of pages indexed."""
    site = site.resolve()
    fresh, old = site / f".{BUNDLE}.new", site / f".{BUNDLE}.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    # Pagefind reads settings from pagefind.yml/.toml/.json in its working folder and from
    # PAGEFIND_* variables: neither may change what handover writes.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="handover-pagefind-") as cwd:
        done = subprocess.run(
            [*command(site, fresh, _executable()), "--quiet"],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    if done.returncode != 0 or not (fresh / "pagefind-entry.json").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        said = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise IndexFailed(f"pagefind: {said[-1] if said else f'exit {done.returncode}'}")
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    bundle = site / BUNDLE
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    return page_count(site)


def page_count(site: Path) -> int:
    """The pages the index of ``site`` holds."""
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())
