"""The example site end to end: golden Markdown, a strict MkDocs build, every address."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.engine.csp import protect
from generator.engine.export import export_tree
from generator.engine.postprocess import compact_html
from generator.pipeline import Result

GOLDEN = Path(__file__).parent / "golden" / "example"


def test_generated_markdown_matches_golden_files(example_result: Result) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change."""
    pages = {p: c for p, c in example_result.pages.items() if p.endswith(".md")}
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(str(text), encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert golden == set(pages), "pages added or removed: run with UPDATE_GOLDEN=1 and review"
    for path, text in pages.items():
        assert (GOLDEN / path).read_text(encoding="utf-8") == text, path


def test_export_builds_with_plain_mkdocs_strict(
    example_result: Result, tmp_path: Path, built_site: Path
) -> None:
    """The exported tree needs no handover plugin: `mkdocs build --strict` builds it, into
    the same site that `handover build` makes, but for the whitespace that handover build
    collapses (engine/postprocess.py), the content security policy it adds (csp.py), the
    glossary tooltips it links to their terms (postprocess.py link_terms: a plain MkDocs
    build keeps the tooltips, without the link) and the order of the tag index (below)."""
    out = tmp_path / "export"
    export_tree(example_result, out)
    text = (out / "mkdocs.yml").read_text()
    assert "!!python" not in text  # other engines cannot load Python objects
    config = YAML(typ="rt").load(text)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["tags"]  # built into Material; the search is Pagefind's, run after
    assert config["theme"]["custom_dir"] == "theme"
    assert (out / "theme" / "partials" / "search.html").is_file()
    assert (out / "theme" / "main.html").is_file()  # the HTML fixes
    readme = (out / "README.md").read_text(encoding="utf-8")  # how to index it for search
    assert "pagefind --site site --exclude-selectors .headerlink" in readme
    assert "assets/handover.js" in config["extra_javascript"]
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    plain = {p.relative_to(out / "site") for p in (out / "site").rglob("*.html")}
    assert plain == {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    # The tag index, and each year's page, which lists its sessions by tag.
    listings = {Path("tags/index.html"), Path("sessions/2026/index.html")}
    for tags in listings:
        exported, built = (_tags(site / tags) for site in (out / "site", built_site))
        assert exported == sorted(built)  # Material's default order: by name, "Z" before "a"
        assert built == sorted(built, key=str.casefold)  # the build keeps the site's own order
    for page in sorted(plain - listings):
        same = compact_html(protect((out / "site" / page).read_text(encoding="utf-8")))
        built = (built_site / page).read_text(encoding="utf-8")
        assert same == UNLINK_TERM.sub(r"\1", built), page
    assert not (out / "site" / "pagefind").exists()  # Pagefind runs after: README.md
    session = out / "site" / "sessions" / "2026" / "2026-11-16-weekly" / "index.html"
    assert session.read_text().count("<svg") >= 2


UNLINK_TERM = re.compile(r'<a class="ho-term" href="[^"]*">(<abbr [^>]*>[^<]*</abbr>)</a>')


def _tags(page: Path) -> list[str]:
    """The tags of a tag index page, in the order listed."""
    return re.findall(r'<span class="md-tag">([^<]*)</span>', page.read_text(encoding="utf-8"))


ADDRESSES = [
    "",
    "start/",
    "sessions/",
    "sessions/2026/",
    "sessions/2026/2026-11-16-weekly/",
    "sessions/2026/2026-09-28-weekly/",
    "sessions/2026/2026-11-16-weekly/debrief/sales/",
    "actions/",
    "people/ana/",
    "people/hana/",
    "playbooks/",
    "playbooks/university/",
    "playbooks/call-centre-saas/",
    "mql/",
    "funnel/",
    "glossary/",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_contract_addresses_exist(built_site: Path, address: str) -> None:
    assert (built_site / address / "index.html").is_file()


def test_no_request_to_other_origins_in_html(built_site: Path) -> None:
    """No Google Fonts, no CDN: everything a page loads (src=, <link href=>) is local."""
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        loaded = re.findall(r'\bsrc="([^"]+)"', html)
        loaded += re.findall(r'<link\b[^>]*\bhref="([^"]+)"', html)
        for url in loaded:
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"


def test_glossary_terms_become_tooltips(built_site: Path) -> None:
    html = (built_site / "sessions/2026/2026-11-16-weekly/index.html").read_text()
    assert re.search(r'<abbr title="Marketing Qualified Lead[^"]*">MQL</abbr>', html)


def test_session_page_shows_the_five_steps(built_site: Path) -> None:
    html = (built_site / "sessions/2026/2026-11-16-weekly/index.html").read_text()
    for heading in (
        "1. Listen and prepare",
        "2. Organize and prioritize the leads",
        "3. Assign roles and responsibilities",
        "4. Visualize the workflow",
        "5. Communicate and track progress",
    ):
        assert heading in html
    text = re.sub(r"<[^>]+>", "", html)  # "RACI" in the heading is a glossary tooltip
    assert 'id="raci-matrix"' in html and "RACI matrix" in text and "Critical" in html


def test_sessions_are_grouped_by_year_newest_first(built_site: Path) -> None:
    html = (built_site / "sessions/index.html").read_text()
    positions = [html.find(f"2026-{d}") for d in ("11-16", "11-09", "10-05", "09-28")]
    assert all(p > 0 for p in positions) and positions == sorted(positions)


def test_navigation_is_pruned_and_grouped_by_year(built_site: Path) -> None:
    """navigation.prune: a playbook page does not embed the links to every session."""
    html = (built_site / "playbooks/university/index.html").read_text()
    assert "2026-09-28-weekly/" not in html.split('class="md-content"')[0]


def test_mql_page_shows_current_upcoming_and_past(built_site: Path) -> None:
    html = (built_site / "mql/index.html").read_text()
    assert "Current definition" in html and "Upcoming from 4 Jan 2027" in html
    assert "Past versions" in html
    assert html.index("Current definition") < html.index("Upcoming") < html.index("Past versions")
