"""Page sizes by kind of page, of a site that handover built.

Usage:
    python benchmarks/page_sizes.py SITE_DIR

SITE_DIR is the output of `handover build` (bench.py keeps one per size with --keep).
For each kind of page (session, person, year of sessions, /actions/, ...) it prints how
many there are and the largest and median size in KB, largest first, beside the
issue's limits: no page over 500 KB, session pages at most 40 KB. The search index,
the editor and the theme's assets are not pages and are left out.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path

NOT_PAGES = ("pagefind", "admin", "assets", "search")
LIMIT_KB, SESSION_LIMIT_KB = 500, 40


def kind(rel: str) -> str:
    """The kind of the page at ``rel`` (a path under the site, ending in .html)."""
    parts = rel.split("/")
    area, depth = parts[0], len(parts)
    if area == "sessions":
        if "debrief" in parts:
            return "debrief page or redirect"
        return {2: "/sessions/", 3: "year of sessions"}.get(depth, "session page")
    if area in ("actions", "people", "playbooks"):
        inner = {"actions": "year of closed actions", "people": "person page"}
        return f"/{area}/" if depth == 2 else inner.get(area, "playbook page")
    return "home" if rel == "index.html" else (area if depth > 1 else rel)


def sizes(site: Path) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] not in NOT_PAGES:
            out[kind(rel)].append((path.stat().st_size, rel))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    found = sizes(args.site)
    print("| kind | pages | largest KB | median KB | largest |")
    print("|---|---|---|---|---|")
    for name, pages in sorted(found.items(), key=lambda kv: -max(kv[1])[0]):
        largest, where = max(pages)
        median = statistics.median(size for size, _ in pages)
        print(f"| {name} | {len(pages)} | {largest / 1e3:.1f} | {median / 1e3:.1f} | {where} |")
    every = [page for pages in found.values() for page in pages]
    largest, where = max(every)
    session = found.get("session page", [])
    worst = max(session)[0] / 1e3 if session else 0.0
    print(
        f"\nlargest page {largest / 1e3:.0f} KB ({where}): "
        f"{'met' if largest / 1e3 <= LIMIT_KB else 'missed'} (limit {LIMIT_KB} KB); "
        f"largest session page {worst:.1f} KB: "
        f"{'met' if worst <= SESSION_LIMIT_KB else 'missed'} (limit {SESSION_LIMIT_KB} KB)"
    )


if __name__ == "__main__":
    main()
