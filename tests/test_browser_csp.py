"""The content security policy in a real browser: on one page of each kind, in light and
dark, Chromium reports no violation of the policy and no console error while a reader
searches, switches the palette, opens a debrief tab, reads a glossary tooltip and looks
at the charts. Same Chromium, server and fixtures as tests/test_browser.py.

The site is served here at the root of its origin, as GitHub Pages serves a user site,
so that an unknown address gets the site's own 404 page (built without --site-url, its
links are absolute from /).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import (
    DEBRIEF,
    PERSON,
    PLAYBOOK,
    SESSION,
    browser,
    screenshot,
    search,
)

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, shared with tests/test_browser.py

PAGES = {
    "home": "",
    "start": "start/",
    "free page": "why-handover/",
    "sessions index": "sessions/",
    "year": "sessions/2026/",
    "session": SESSION,
    "debrief page": DEBRIEF,
    "actions": "actions/",
    "person": PERSON,
    "playbooks index": "playbooks/",
    "playbook": PLAYBOOK,
    "mql": "mql/",
    "funnel": "funnel/",
    "glossary": "glossary/",
    "leads": "leads/",
    "tags": "tags/",
    "404": "no-such-page/",
}
# Recorded before any script of the page runs (an init script is not subject to the policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


class RootHandler(http.server.SimpleHTTPRequestHandler):
    """The site at /, an unknown address answered by its 404 page, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_at_root(built_site: Path) -> Iterator[str]:
    handler = functools.partial(RootHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_every_page_kind_is_checked_and_has_the_policy(built_site: Path) -> None:
    for name, address in PAGES.items():
        page = built_site / (address or "") / "index.html" if name != "404" else None
        html = (page or built_site / "404.html").read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, name


@pytest.fixture(params=["light", "dark"])
def tab(request: Any, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param
    )
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, errors
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_works_under_its_policy(
    tab: tuple[Any, list[str]], site_at_root: str, name: str
) -> None:
    page, errors = tab
    response = page.goto(site_at_root + PAGES[name], wait_until="load")
    assert response is not None and response.status == (404 if name == "404" else 200)
    assert page.evaluate("window.__violations") == [], "policy violations while loading"
    page.set_default_timeout(10_000)
    scheme = page.get_attribute("body", "data-md-color-scheme")
    check_palette_toggle(page, scheme)
    check_search(page)
    if name == "session":
        check_debrief_tabs(page)
    if name == "glossary":
        check_tooltip(page)
    if name in {"session", "leads"}:
        check_charts(page)
    screenshot(page, f"csp-{name.replace(' ', '-')}-{scheme}", full_page=False)
    assert page.evaluate("window.__violations") == [], "policy violations while in use"
    # The 404 page's own response is the one error a browser reports on it.
    assert [e for e in errors if not (name == "404" and "404" in e)] == [], "console errors"


def check_palette_toggle(page: Any, scheme: str | None) -> None:
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') !== {scheme!r}", timeout=5000
    )
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') === {scheme!r}", timeout=5000
    )


def check_search(page: Any) -> None:
    """The header's search (Pagefind: its script, index pieces and WebAssembly) answers
    under the policy."""
    assert search(page, "playbook"), "no search results"
    page.locator(".ho-search__input").press("Escape")


def check_debrief_tabs(page: Any) -> None:
    labels = page.locator(".ho-debriefs .tabbed-labels > label")
    assert labels.count() > 1
    labels.nth(1).click()
    panel = page.locator(".ho-debriefs .tabbed-content > .tabbed-block").nth(1)
    assert panel.is_visible()
    assert not page.locator(".ho-debriefs .tabbed-content > .tabbed-block").nth(0).is_visible()


def check_tooltip(page: Any) -> None:
    term = page.locator("article abbr[title]").first
    term.scroll_into_view_if_needed()
    term.hover()
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(
        state="visible", timeout=5000
    )


def check_charts(page: Any) -> None:
    charts = page.locator("figure.ho-chart svg")
    assert charts.count() >= 1
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 20


@pytest.mark.slow
def test_the_preview_reloads_on_an_edit_under_its_policy(
    browser: Any, example_root: Path, tmp_path: Path
) -> None:
    """`handover serve` adds MkDocs' live-reload script to each page it serves: the policy
    lets exactly that script run, and an edit reloads the page in the browser."""
    from tests.test_serve import _copy_example, _serving, _wait_for

    with _serving(_copy_example(example_root, tmp_path / "root")) as server:
        address = server.url + SESSION
        _wait_for(address, "Week 47 handover", 120)
        context = browser.new_context()
        context.add_init_script(LISTEN)
        page = context.new_page()
        messages: list[tuple[str, str]] = []
        page.on("console", lambda m: messages.append((m.type, m.text)))
        try:
            page.goto(address, wait_until="load")
            page.wait_for_function("document.readyState === 'complete'")
            server.edit("sessions/2026/2026-11-16-weekly.yaml", "Week 47 handover", "Week 47 x")
            page.locator("h1", has_text="Week 47 x").wait_for(timeout=120_000)
            assert page.evaluate("window.__violations") == []
        finally:
            context.close()
    assert ("log", "Enabled live reload") in messages
    assert [text for kind, text in messages if kind == "error"] == []
