"""The content security policy (generator/engine/csp.py): what it allows, where it goes,
and that every HTML page of a built site carries it: the example site, a 200-session
site built on two processes, and a preview build (the plugin of `handover serve`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.bench import write_root
from generator.engine import csp
from generator.engine.build import build_site
from generator.engine.serve import preview_config
from generator.pipeline import generate
from generator.render import pages
from tests.conftest import REPO, TODAY

# The editor's page (/admin/) brings its own policy, marked data-handover-csp="editor".
META = re.compile(
    r'<meta http-equiv="Content-Security-Policy"(?: data-handover-csp="editor")? content="([^"]+)">'
)
PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>t</title>
<script>theme()</script>
<script id="__config" type="application/json">{"a": 1}</script>
</head><body>{content}<script src="assets/app.js"></script><script>late()</script></body></html>
"""


def directives(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, f"{len(found)} policies"
    pairs = (d.split() for d in found[0].split(";"))
    return {name: sources for name, *sources in pairs}


def test_the_policy_allows_the_site_and_the_theme_scripts_only() -> None:
    html = csp.protect(PAGE.replace("{content}", "<p>hi</p>"))
    policy = directives(html)
    assert policy["default-src"] == ["'self'"]
    # WebAssembly for the search (Pagefind); never 'unsafe-eval' for JavaScript
    wasm = "'wasm-unsafe-eval'"
    assert policy["script-src"] == ["'self'", wasm, csp.sha256("theme()"), csp.sha256("late()")]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"][0] == "'unsafe-hashes'"
    assert csp.sha256("text-align: right;") in policy["style-src-attr"]
    assert "'unsafe-inline'" not in META.findall(html)[0]


def test_the_hash_is_the_one_a_browser_computes() -> None:
    # Chromium's console names this hash for an inline script `alert(1)`.
    assert csp.sha256("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_a_script_that_came_with_the_content_is_not_hashed() -> None:
    content = '<p>x</p><script>steal()</script><SCRIPT type="module">more()</SCRIPT>'
    html = csp.protect(PAGE.replace("{content}", content), content)
    sources = directives(html)["script-src"]
    assert csp.sha256("theme()") in sources
    assert csp.sha256("steal()") not in sources and csp.sha256("more()") not in sources


def test_the_policy_comes_after_the_charset_and_before_any_script() -> None:
    html = csp.protect(PAGE.replace("{content}", ""))
    meta, charset = html.find("Content-Security-Policy"), html.find("charset")
    assert charset < meta < html.find("<script")
    assert csp.protect(html) == html  # once only


def test_a_page_with_its_own_policy_or_without_a_head_is_left_alone() -> None:
    own = '<html><head><meta http-equiv="content-security-policy" content="x"></head></html>'
    assert csp.protect(own) == own
    assert csp.protect("<p>fragment</p>") == "<p>fragment</p>"


def test_the_table_is_easy_to_extend(monkeypatch: pytest.MonkeyPatch) -> None:
    table = dict(csp.POLICY)
    table["connect-src"] = ("'self'", "https://git.example")
    monkeypatch.setattr(csp, "POLICY", table)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in csp.policy(["x"])
    assert csp.policy(["x"]).split(";")[-1] == " connect-src 'self' https://git.example"


def assert_every_page_protected(site: Path) -> int:
    """Every HTML page has one policy, before its first script; returns the count."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        policy = directives(html)
        assert html.find("Content-Security-Policy") < html.find("<script") or "<script" not in html
        for text in csp.inline_scripts(html):
            assert csp.sha256(text) in policy["script-src"], page
        count += 1
    return count


def test_every_page_of_the_example_site_has_the_policy(built_site: Path) -> None:
    count = assert_every_page_protected(built_site)
    assert count == len(list(built_site.rglob("*.html"))) > 40
    editor = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'data-handover-csp="editor"' in editor  # its own, left as it is
    assert (built_site / "404.html").is_file()


@pytest.mark.slow
def test_every_page_of_a_200_session_site_has_the_policy(tmp_path: Path) -> None:
    """Built on two processes (the shard merge), with redirects for the older debriefs."""
    write_root(tmp_path / "root", 200)
    result = generate(tmp_path / "root", TODAY, history=lambda _root: {})
    assert not result.failed
    site = tmp_path / "site"
    build_site(result, site, jobs=2)
    redirects = [p for p in site.rglob("debrief/*/index.html") if "refresh" in p.read_text()]
    assert redirects, "no redirect pages of older debriefs"
    count = assert_every_page_protected(site)
    assert count == len(list(site.rglob("*.html"))) > 400


@pytest.mark.slow
def test_the_preview_build_gives_every_page_the_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`handover serve` builds through the plugin: pages, 404 and redirect pages."""
    monkeypatch.setattr(pages, "DEBRIEF_PAGES", 1)  # older debriefs become redirects
    result = generate(REPO, TODAY, history=lambda _root: {})
    config_file = preview_config(result, REPO, TODAY, tmp_path, incremental=False)
    build(load_config(str(config_file), site_dir=str(tmp_path / "site")))
    site = tmp_path / "site"
    assert any("refresh" in p.read_text() for p in site.rglob("debrief/*/index.html"))
    assert assert_every_page_protected(site) > 40


def test_the_live_reload_script_of_the_preview_runs_under_the_policy(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        csp.allow_live_reload(server)
        page = csp.protect(PAGE.replace("{content}", "<p>hi</p>"))
        served = server._inject_js_into_html(page.encode(), 42).decode()
    finally:
        server.server_close()
    added = csp.inline_scripts(served)[-1]
    assert "livereload(42, " in added
    sources = directives(served)["script-src"]
    assert csp.sha256(added) in sources and csp.sha256("theme()") in sources
    assert len(sources) == 5  # 'self', WebAssembly, the page's two scripts, the live reload
