"""Benchmark: the site search (Pagefind) at 200, 2,000 and 10,000 sessions.

Usage:
    python benchmarks/search_bench.py                    # 200, 2000 and 10000 sessions
    python benchmarks/search_bench.py --sizes 200 2000

For each size it writes bench.py's synthetic content root and builds it with
`handover build` (pages, then the Pagefind index), then measures:

- index s, index CPU s: building the search index alone (engine/search_index.py) over
  the built site, median of 3 runs, in wall time and in CPU time (this process and
  Pagefind's, which does not grow when other work shares the machine), and Pagefind's
  CPU time alone ("of which Pagefind": the rest is reading the pages and slimming them);
  this is what the preview does in the background after an edit;
- build's index s, CPU s: the index phase of `handover build`, whose MkDocs processes
  have prepared the pages they wrote (search_index.prepare): the pages that carry the
  mark are prepared before the clock starts, in two halves as by two processes, the
  index is removed (a build's site has none to replace), and index_site(prepared=...)
  is timed (the other pages, redirects, are read in it);
- in Chromium, on a freshly opened `/sessions/` page served under a sub-path (a new
  browser context each time, so nothing is cached), for each query of QUERIES typed into
  the header's search box at 60 ms a key: the time from the last key to the first
  results shown for the whole query, and the bytes the browser fetched for that query
  (every response after the page loaded: Pagefind's script, worker and WebAssembly, the
  index pieces, the filters and the results' fragments). The table gives the median and
  the largest over every query and run; each query's own figures are printed above it.

A 10,000-session MkDocs build takes too long here, so that size is not built: the
2,000-session site is indexed with its session pages copied four more times under new
addresses, which gives the index the same words in the same proportions as 10,000
sessions (`--direct 10000` for a real build of that size).
`--work DIR` keeps the roots and sites in DIR, and a later run reuses the sites built
there (its "build s" is then blank); `--runs N` sets how many times each is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench import TODAY, write_root
from generator.engine import search_index
from generator.engine.search_index import index_site

PREFIX = "/handover/"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Words of every session ("week" is in every action too), a name on every page of the
# people who attended, a word of every session's table of actions, a rare word (one
# playbook), a playbook's name.
QUERIES = ["busy week", "week", "Person 07", "action", "word417", "Playbook 12"]
# In the page: when the last key went down, when the whole query's first results showed,
# and when the older sessions' results were in too (search.js sets data-complete).
PROBE = """
window.__bench = {lastKey: 0, shown: 0, complete: 0, target: null};
document.addEventListener('keydown', () => { window.__bench.lastKey = performance.now(); }, true);
new MutationObserver(() => {
  const list = document.querySelector('.ho-search__results');
  const b = window.__bench;
  if (list && b.target && list.dataset.query === b.target && list.children.length && !b.shown)
    b.shown = performance.now();
  if (list && b.target && list.dataset.complete === b.target && !b.complete)
    b.complete = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX and counts the bytes of every file it sends."""

    sent: list[int]

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :])

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        self.sent.append(len(data))
        outputfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, list[int]]]:
    sent: list[int] = []
    handler = functools.partial(type("H", (Handler,), {"sent": sent}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}", sent
    finally:
        httpd.shutdown()
        httpd.server_close()


Measure = tuple[float, float, int]


def measure_query(browser: Any, base: str, sent: list[int], query: str) -> Measure:
    """(ms from the last key to the first results, ms to every result, the older
    sessions' too, and the bytes fetched for the query)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(PROBE)
        page.goto(base + "sessions/", wait_until="networkidle")
        page.evaluate("query => { window.__bench.target = query; }", query)
        before = len(sent)
        box = page.locator(".ho-search__input")
        box.click()
        box.press_sequentially(query, delay=60)
        # Polled from here: the site's Content-Security-Policy forbids the eval that
        # wait_for_function would need. The times themselves are taken in the page.
        deadline = time.monotonic() + 60
        while not page.evaluate("() => window.__bench.shown > 0 && window.__bench.complete > 0"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no results for {query!r} within 60 s")
            time.sleep(0.05)
        page.wait_for_load_state("networkidle")
        timing = page.evaluate("window.__bench")
        last = timing["lastKey"]
        return timing["shown"] - last, timing["complete"] - last, sum(sent[before:])
    finally:
        context.close()


def browse(site: Path, runs: int) -> dict[str, list[Measure]]:
    """Each query's measures, one for each run."""
    from playwright.sync_api import sync_playwright

    out = {}
    with serving(site) as (base, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            measure_query(browser, base, sent, "warm up")  # the OS file cache, not the browser's
            for query in QUERIES:
                out[query] = [measure_query(browser, base, sent, query) for _ in range(runs)]
                measured = out[query]
                said = {"query": query, "first ms": [round(r[0]) for r in measured]}
                said["all ms"] = [round(r[1]) for r in measured]
                said["KB"] = [round(r[2] / 1024) for r in measured]
                print(json.dumps(said), flush=True)
        finally:
            browser.close()
    return out


def build(size: int, work: Path) -> tuple[Path, float]:
    root, site = work / f"root-{size}", work / f"site-{size}"
    if (site / "index.html").is_file():  # built by an earlier run with --work: reused
        return site, float("nan")
    write_root(root, size)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--root",
            str(root),
            "--today",
            TODAY,
            "--site-dir",
            str(site),
        ],
        check=True,
        capture_output=True,
    )
    return site, time.perf_counter() - started


def multiply(site: Path, times: int) -> None:
    """Copy every session page ``times - 1`` more times under new addresses: a site with
    the same words in the same proportions, ``times`` as big."""
    pages = [p for p in (site / "sessions").glob("*/*-s/index.html")]
    for copy in range(1, times):
        for page in pages:
            target = page.parent.with_name(f"{page.parent.name}-c{copy}") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8")
            target.write_text(text.replace("Handover 2", f"Handover c{copy} 2"), encoding="utf-8")


def time_index(site: Path, runs: int, build: bool = False) -> tuple[float, float, float, int]:
    """Median wall and CPU seconds (this process and Pagefind's) of indexing ``site``,
    Pagefind's CPU seconds alone, and the pages indexed. ``build``: as the index phase of
    `handover build` does, with the marked pages prepared first, outside the clock."""
    marked = [
        page.relative_to(site).as_posix()
        for page in search_index._html_pages(site)
        if build and search_index.MARK in page.read_bytes()
    ]
    walls, cpus, pagefinds, pages = [], [], [], 0
    for _ in range(runs):
        preparing = search_index.preparing(len(marked) * 60_000)  # at most a page each
        with preparing if build else contextlib.nullcontext() as folder:
            if folder is not None:
                for part in ("pagefind", "pagefind-archive"):  # a build's site has none yet
                    shutil.rmtree(site / part, ignore_errors=True)
                half = len(marked) // 2
                search_index.prepare(site, marked[:half], folder, "shard-0")
                search_index.prepare(site, marked[half:], folder, "shard-1")
            started, own, pagefind = (
                time.perf_counter(),
                _cpu(resource.RUSAGE_SELF),
                _cpu(resource.RUSAGE_CHILDREN),
            )
            pages = index_site(site, prepared=folder)
            walls.append(time.perf_counter() - started)
            pagefinds.append(_cpu(resource.RUSAGE_CHILDREN) - pagefind)  # once waited for
            cpus.append(_cpu(resource.RUSAGE_SELF) - own + pagefinds[-1])
    return statistics.median(walls), statistics.median(cpus), statistics.median(pagefinds), pages


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def bundle_bytes(site: Path) -> int:
    """The bytes of the index, both parts."""
    parts = [site / "pagefind", site / "pagefind-archive"]
    return sum(p.stat().st_size for part in parts for p in part.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    parser.add_argument("--direct", type=int, nargs="*", default=[], help="build these sizes")
    parser.add_argument("--runs", type=int, default=3, help="of each measure (median)")
    parser.add_argument("--work", type=Path, help="keep roots and sites here; reuse them")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for size in sorted(args.sizes):
            note = "built"
            if size > 2000 and size not in args.direct:
                base, _ = build(2000, work)
                site = work / f"site-{size}"
                shutil.rmtree(site, ignore_errors=True)
                shutil.copytree(base, site)
                multiply(site, size // 2000)
                build_s = float("nan")
                note = f"2,000 built, session pages x{size // 2000}"
            else:
                site, build_s = build(size, work)
            index_s, index_cpu, pagefind_cpu, indexed = time_index(site, args.runs)
            phase_s, phase_cpu, _, _ = time_index(site, args.runs, build=True)
            timings = browse(site, args.runs)
            ms = [r[0] for runs in timings.values() for r in runs]
            every = [r[1] for runs in timings.values() for r in runs]
            sent = [r[2] for runs in timings.values() for r in runs]
            row = {
                "sessions": f"{size:,}",
                "how": note,
                "pages indexed": f"{indexed:,}",
                "build s": f"{build_s:.1f}",
                "index s": f"{index_s:.2f}",
                "index CPU s": f"{index_cpu:.2f}",
                "of which Pagefind": f"{pagefind_cpu:.2f}",
                "build's index s": f"{phase_s:.2f}",
                "CPU s": f"{phase_cpu:.2f}",
                "index MB": f"{bundle_bytes(site) / 1e6:.1f}",
                "first results ms, median": f"{statistics.median(ms):.0f}",
                "max": f"{max(ms):.0f}",
                "all results ms, median": f"{statistics.median(every):.0f}",
                "max ms": f"{max(every):.0f}",
                "KB per query, median": f"{statistics.median(sent) / 1024:.0f}",
                "max KB": f"{max(sent) / 1024:.0f}",
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row[h] for h in header) + " |")


if __name__ == "__main__":
    main()
