"""The built example site in a real browser: Debian's Chromium, driven by Playwright.

The site is served from 127.0.0.1 under a sub-path (/handover/), as it would be behind
a reverse proxy, so any absolute URL shows up as a failed request. Every visit records
the requests the browser makes (all must stay on this origin) and console errors.
axe-core (tests/browser, from npm) scans pages for accessibility problems.

Outside CI these tests skip when Chromium, Playwright or axe-core is missing; with
CI=true they fail instead, so a CI machine can never pass them by not running them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.pipeline import Result
from tests.conftest import TODAY
from tests.hard_root import make_hard_root

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "browser"
PREFIX = "/handover/"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SESSION = "sessions/2026/2026-11-16-weekly/"
PLAYBOOK = "playbooks/university/"
PERSON = "people/hana/"
DEBRIEF = SESSION + "debrief/sales/"


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where the browser tests must run."""
    if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
        pytest.fail(f"browser tests cannot run: {reason} (CI=true: they must)", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def test_missing_browser_tools_skip_locally_and_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        unavailable("no chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        unavailable("no chromium")


# --- Serving the site under a sub-path ------------------------------------------------


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX; anything else is a 404 (and is recorded)."""

    misses: list[str]

    def send_head(self) -> Any:
        if not self.path.startswith(PREFIX):
            self.misses.append(self.path)
            self.send_error(404, "outside the site's sub-path")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@dataclass
class Server:
    base: str  # http://127.0.0.1:PORT/handover/
    misses: list[str]

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"


@contextlib.contextmanager
def serving(site: Path) -> Iterator[Server]:
    misses: list[str] = []
    handler = functools.partial(
        type("Handler", (SubPathHandler,), {"misses": misses}), directory=str(site)
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}", misses)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[Server]:
    with serving(built_site) as served:
        yield served


@pytest.fixture(scope="module")
def hard_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The site of the content root that is hard on accessibility (tests/hard_root.py)."""
    from generator.engine.build import build_site
    from generator.pipeline import generate

    root = make_hard_root(tmp_path_factory.mktemp("hard") / "root")
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    site = root.parent / "site"
    build_site(result, site, strict=True)
    with serving(site) as served:
        yield served


# --- The browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable(f"{AXE.relative_to(REPO)} is missing (npm ci --prefix tests/browser)")
    return AXE


@dataclass
class Visit:
    """One browser tab on the site, with everything it requested and every error."""

    page: Any
    server: Server
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_miss: int = 0

    def open(self, address: str) -> Any:
        self.page.goto(self.server.base + address, wait_until="networkidle")
        return self.page

    def foreign(self) -> list[str]:
        local = self.server.origin + "/"
        return [url for url in self.requests if not url.startswith((local, "data:", "blob:"))]

    def assert_clean(self) -> None:
        assert self.foreign() == [], "requests to other origins"
        assert self.errors == [], "console errors"
        assert self.server.misses[self.first_miss :] == [], "requests outside the sub-path"


@pytest.fixture
def visit(browser: Any, server: Server) -> Iterator[Visit]:
    yield from recorded(browser, server, viewport={"width": 1280, "height": 900})


def recorded(browser: Any, server: Server, **options: Any) -> Iterator[Visit]:
    """A tab in a new browser context (``options``: its viewport...) that records every
    request and error of its visits; the context is closed after."""
    context = browser.new_context(**options)
    page = context.new_page()
    seen = Visit(page, server, first_miss=len(server.misses))
    context.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            seen.errors.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    try:
        yield seen
    finally:
        context.close()


def screenshot(page: Any, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


# --- What a reader does ----------------------------------------------------------------


SEARCH = "[data-ho-search]"


def answered(page: Any) -> str:
    """How many searches the box has answered so far (search.js counts them)."""
    return str(page.locator(SEARCH).get_attribute("data-answered") or "")


def wait_answer(page: Any, before: str) -> None:
    page.wait_for_function(
        "before => (document.querySelector('[data-ho-search]').dataset.answered || '') !== before"
        " && document.querySelectorAll('.ho-search__results > li').length > 0",
        arg=before,
        timeout=15_000,
    )


def search(page: Any, words: str) -> list[str]:
    """Type ``words`` into the header's search box as a reader does; the result links."""
    box = page.locator(".ho-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(words, delay=40)
    page.locator(f'.ho-search__results[data-query="{words}"] > li').first.wait_for(
        state="visible", timeout=15_000
    )
    return result_links(page)


def result_links(page: Any) -> list[str]:
    """Each result's page link, in order (not the links to its sections)."""
    links: list[str] = page.locator(".ho-search__results .ho-search__page").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return links


def test_search_finds_a_playbook_by_a_phrase_from_its_body(visit: Visit) -> None:
    page = visit.open("")
    links = search(page, "kitchen table")
    assert links[0] == visit.server.base + PLAYBOOK, links
    section = page.locator(".ho-search__results > li").first.locator(".ho-search__sub").first
    assert section.get_attribute("href").endswith(PLAYBOOK + "#situation")  # its section
    assert page.locator(".ho-search__results mark", has_text="kitchen").count() >= 1
    screenshot(page, "search-kitchen-table", full_page=False)
    visit.assert_clean()


def test_search_finds_a_person_by_name(visit: Visit) -> None:
    page = visit.open(PLAYBOOK)
    links = search(page, "Hana Sato")
    assert links[0] == visit.server.base + PERSON, links
    visit.assert_clean()


def test_an_actions_words_open_the_session_row_that_holds_it_from_the_keyboard(
    visit: Visit,
) -> None:
    page = visit.open("sessions/")
    page.locator("body").press("/")  # the keyboard habit: / (or s) goes to the search box
    assert page.evaluate("document.activeElement.id") == "ho-search-input"
    page.keyboard.type("holiday cover rota", delay=40)
    page.locator('.ho-search__results[data-query="holiday cover rota"] > li').first.wait_for()
    links = result_links(page)
    assert links[0] == visit.server.base + SESSION + "#action-a1", links
    assert "Week 47 handover" in page.locator(".ho-search__results > li").first.inner_text()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation(wait_until="networkidle"):
        page.keyboard.press("Enter")
    assert page.url == visit.server.base + SESSION + "#action-a1"
    row = page.locator("#action-a1").locator("xpath=ancestor::tr")
    assert "holiday cover rota" in row.inner_text()
    assert page.locator("xpath=//h2[@id='3-assign-roles-and-responsibilities']").count() == 1
    visit.assert_clean()


def test_escape_closes_the_search_panel(visit: Visit) -> None:
    page = visit.open("")
    search(page, "webinar")
    assert page.locator(".ho-search__panel").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".ho-search__panel").is_visible()
    visit.assert_clean()


def choose(page: Any, name: str, value: str) -> None:
    before = answered(page)
    chip = page.locator(f'.ho-search__chip[data-filter="{name}"][data-value="{value}"]')
    chip.click()
    wait_answer(page, before)
    chip = page.locator(f'.ho-search__chip[data-filter="{name}"][data-value="{value}"]')
    assert chip.get_attribute("aria-pressed") == "true"


def test_a_filter_narrows_the_results(visit: Visit) -> None:
    page = visit.open("")
    everything = search(page, "leads")
    assert any("/sessions/" in url for url in everything), everything
    total = page.locator(".ho-search__status").inner_text()
    choose(page, "kind", "playbook")
    playbooks = result_links(page)
    assert playbooks and all(url.startswith(visit.server.base + "playbooks/") for url in playbooks)
    assert page.locator(".ho-search__status").inner_text() != total
    choose(page, "team", "Sales")
    choose(page, "year", "2026")
    narrowed = result_links(page)
    assert narrowed and set(narrowed) <= set(playbooks), narrowed
    assert visit.server.base + PLAYBOOK in narrowed
    visit.assert_clean()


def test_debrief_pages_stay_out_of_the_search(visit: Visit) -> None:
    page = visit.open("")
    links = page.locator(".ho-search__results a")
    search(page, "debrief")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and not [url for url in hrefs if "/debrief/" in url], hrefs
    visit.assert_clean()


@pytest.fixture(scope="module")
def split_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site indexed as a big site is: its three newest sessions with every
    other page, the five older sessions in the second index."""
    from generator.engine.search_index import ARCHIVE, index_site

    site = tmp_path_factory.mktemp("split") / "site"
    shutil.copytree(built_site, site)
    index_site(site, first_sessions=3)
    assert (site / ARCHIVE / "pagefind-entry.json").is_file()
    return site


def test_the_older_sessions_index_answers_after_the_first(browser: Any, split_site: Path) -> None:
    tab = contextlib.contextmanager(recorded)
    with (
        serving(split_site) as split,
        tab(browser, split, viewport={"width": 1280, "height": 900}) as visit,
    ):
        page = visit.open("")
        # An action of the oldest session: only the second index holds its session.
        search(page, "shift availability")
        page.locator('.ho-search__results[data-complete="shift availability"]').wait_for(
            state="attached", timeout=15_000
        )
        more = page.locator(".ho-search__more")
        while more.is_visible():  # the older sessions come after the first index's results
            shown = page.locator(".ho-search__results > li").count()
            more.click()
            page.wait_for_function(
                "n => document.querySelectorAll('.ho-search__results > li').length > n",
                arg=shown,
            )
        links = result_links(page)
        row = split.base + "sessions/2026/2026-09-28-weekly/#action-a5"
        assert row in links, links
        # The filters add up both indexes: eight sessions, three of them in the first.
        page.locator(".ho-search__input").fill("")
        chip = page.locator('.ho-search__chip[data-filter="kind"][data-value="session"]')
        # The counts come in two steps (the first index's, then both added up): wait for
        # the second, which a count that never adds up fails by the timeout.
        count = '.ho-search__chip[data-filter="kind"][data-value="session"] .ho-search__count'
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "s => document.querySelector(s)?.textContent.trim() === '8'",
                arg=count,
                timeout=15_000,
            )
        assert chip.locator(".ho-search__count").inner_text() == "8"
        choose(page, "kind", "session")
        page.locator(".ho-search__results[data-complete]").wait_for(state="attached")
        assert page.locator(".ho-search__status").inner_text() == "8 results"
        # A recent action still opens its row first.
        assert search(page, "holiday cover rota")[0] == split.base + SESSION + "#action-a1"
        visit.assert_clean()


# What the search needs from a Content-Security-Policy: its scripts and the index from this
# site, and WebAssembly. ('unsafe-inline' only for the theme's own inline scripts.)
SEARCH_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
    "worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'"
)


def test_search_works_under_a_strict_content_security_policy(visit: Visit) -> None:
    def with_policy(route: Any) -> None:
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": SEARCH_CSP}
        route.fulfill(response=response, headers=headers)

    visit.page.route("**/*", with_policy)
    page = visit.open("")
    links = search(page, "kitchen table")
    assert links[0] == visit.server.base + PLAYBOOK, links
    choose(page, "kind", "playbook")
    assert result_links(page) == [visit.server.base + PLAYBOOK]
    visit.assert_clean()  # a blocked script, fetch or WebAssembly would be a console error


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_with_a_filter_follow_the_palette(
    browser: Any, server: Server, axe_script: Path, scheme: str
) -> None:
    # axe-core goes in as an inline script, which the page's policy rightly blocks
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    try:
        page = context.new_page()
        page.goto(server.base + SESSION, wait_until="networkidle")
        search(page, "leads")
        choose(page, "kind", "session")
        panel = page.locator(".ho-search__panel")
        background = panel.evaluate("p => getComputedStyle(p).backgroundColor")
        text = panel.evaluate("p => getComputedStyle(p).color")
        assert background != text
        dark = scheme == "dark"
        level = sum(int(c) for c in re.findall(r"\d+", background)[:3])
        assert (level < 300) == dark, background  # the theme's own background colour
        screenshot(page, f"search-filter-{scheme}", full_page=False)
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(AXE_RUN)
    finally:
        context.close()
    bad = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert bad == [], json.dumps(bad, indent=1)


def test_session_page_shows_the_raci_matrix_and_the_gantt_chart(
    visit: Visit, example_result: Result
) -> None:
    session = next(s for s in example_result.content.sessions if SESSION.endswith(f"{s.id}/"))
    people = example_result.content.people
    page = visit.open(SESSION)
    raci = page.locator("xpath=//h3[@id='raci-matrix']/following::table[1]")
    assert raci.is_visible()
    header = [h.strip() for h in raci.locator("thead th").all_inner_texts()]
    assert header[0] == "Activity"
    rows = raci.locator("tbody tr")
    assert rows.count() == len(session.model.raci)
    for i, row in enumerate(session.model.raci):
        cells = [c.split() for c in rows.nth(i).locator("td").all_inner_texts()]
        accountable = [header[j] for j, letters in enumerate(cells) if j and "A" in letters]
        assert accountable == [people[row.A].name], row.activity
    gantt = page.locator(
        "xpath=//h3[@id='plan-and-critical-path']/following::figure[contains(@class,'ho-chart')][1]"
    ).locator("svg")
    assert gantt.count() == 1 and gantt.is_visible()
    assert gantt.locator("rect").count() > 0
    assert page.locator("figure.ho-chart svg").count() >= 1
    screenshot(page, "session")
    if os.environ.get("UPDATE_SCREENSHOT"):
        page.screenshot(path=str(REPO / "docs" / "screenshot.png"), full_page=False)
    visit.assert_clean()


def test_person_page_lists_their_open_actions(visit: Visit, example_result: Result) -> None:
    assert example_result.facts is not None
    mine = [e for e in example_result.facts.ledger if e.action.owner == "hana" and e.is_open]
    assert mine, "the example gives Hana open actions"
    page = visit.open(PERSON)
    table = page.locator("xpath=//h2[@id='open-actions']/following::table[1]")
    text = table.inner_text()
    for entry in mine:
        assert " ".join(entry.action.what.split()) in " ".join(text.split()), entry.gid
    screenshot(page, "person")
    visit.assert_clean()


def test_a_teams_debrief_tab_and_its_shared_page(visit: Visit, example_result: Result) -> None:
    assert example_result.facts is not None
    session_id = SESSION.rstrip("/").rsplit("/", 1)[-1]
    debrief = next(d for d in example_result.facts.debriefs[session_id] if d.team == "sales")
    helping = [" ".join(e.action.what.split()) for e in debrief.helping]
    page = visit.open(SESSION)
    tabs = page.locator(".tabbed-set").filter(has=page.locator("label", has_text="Sales"))
    sales_tab = tabs.locator(".tabbed-labels label", has_text="Sales")
    sales_tab.click()
    shown = tabs.locator(".tabbed-block").nth(1)
    assert shown.is_visible() and not tabs.locator(".tabbed-block").nth(0).is_visible()
    text = " ".join(shown.inner_text().split())
    assert helping and all(what in text for what in helping)
    with page.expect_navigation(wait_until="networkidle"):
        shown.locator("a", has_text="/debrief/sales/").click()
    assert page.url == visit.server.base + DEBRIEF
    assert page.locator("h1").first.inner_text().startswith("Sales debrief")
    assert not page.locator(".md-sidebar--primary").is_visible()  # hide: navigation
    own = page.locator("xpath=//h2[starts-with(@id,'what-sales-does')]/following::table[1]")
    assert " ".join(debrief.own[0].action.what.split()) in " ".join(own.inner_text().split())
    screenshot(page, "debrief")
    page.locator("a", has_text="Week 47 handover").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == visit.server.base + SESSION
    visit.assert_clean()


def test_the_share_address_has_a_copy_button_that_works_from_the_keyboard(visit: Visit) -> None:
    """Issue 18: a debrief's address copies with one key press, to paste into a chat."""
    visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = visit.open(SESSION)
    tabs = page.locator(".tabbed-set").filter(has=page.locator("label", has_text="Sales"))
    tabs.locator(".tabbed-labels label", has_text="Sales").click()
    shown = tabs.locator(".tabbed-block").nth(1)
    button = shown.locator("button.ho-copy")
    assert button.inner_text() == "Copy address"
    button.focus()
    page.keyboard.press("Enter")
    shown.locator(".ho-copy-status", has_text="Copied.").wait_for(timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == visit.server.base + DEBRIEF
    visit.assert_clean()


def test_tag_links_lead_to_the_tag_index(visit: Visit) -> None:
    page = visit.open(PLAYBOOK)
    page.locator(".md-tag", has_text="Client A, a university").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(visit.server.base + "tags/")
    assert page.url.endswith("#tag:client-a-a-university")
    assert page.locator("[id='tag:client-a-a-university']").is_visible()
    visit.assert_clean()


def test_new_hire_path_walks_from_start_to_the_last_step(visit: Visit) -> None:
    page = visit.open("start/")
    page.locator(".md-content ol a").first.click()
    titles = []
    for _ in range(20):
        page.wait_for_load_state("load")
        titles.append(page.locator(".md-content h1").first.inner_text().rstrip("¶ "))
        following = page.locator(".ho-path__next")
        if following.count() == 0:
            break
        with page.expect_navigation(wait_until="load"):
            following.click()
    assert titles[:3] == [
        "Why the handover matters",
        "The handover session, step by step",
        "The funnel and who owns each stage",
    ]
    assert titles[-1] == "Handover sessions" and len(titles) == 9
    visit.assert_clean()


ORIGIN_PAGES = [
    "",
    "start/",
    SESSION,
    "sessions/",
    "actions/",
    PLAYBOOK,
    PERSON,
    "mql/",
    "leads/",
    "tags/",
    "glossary/",
]


@pytest.mark.parametrize("address", ORIGIN_PAGES)
def test_pages_load_nothing_from_another_origin(visit: Visit, address: str) -> None:
    visit.open(address)
    visit.page.wait_for_timeout(300)  # late requests
    record = {"page": address, "requests": len(visit.requests), "foreign": visit.foreign()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = address.strip("/").replace("/", "_") or "home"
    (ARTIFACTS / f"requests-{name}.json").write_text(json.dumps(record, indent=1))
    assert len(visit.requests) > 3  # the page, its CSS and JS at least
    visit.assert_clean()


# --- Accessibility -----------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length,
  }));
}"""


# One page of each kind (the template that renders it); /admin/ is the editor's own
# third-party page and is left out.
AXE_PAGES = {
    "home": "",
    "start": "start/",
    "free page 1": "why-handover/",
    "free page 2": "handover-session/",
    "sessions index": "sessions/",
    "year": "sessions/2026/",
    "session": SESSION,
    "debrief": DEBRIEF,
    "actions": "actions/",
    "actions archive": "actions/2026/",
    "person": PERSON,
    "people index": "people/",
    "playbooks index": "playbooks/",
    "playbook": PLAYBOOK,
    "mql": "mql/",
    "funnel": "funnel/",
    "glossary": "glossary/",
    "leads": "leads/",
    "when a lead arrives": "when-a-lead-arrives/",
    "tags": "tags/",
    "404": "404.html",
}
HARD_SESSION = "sessions/2026/2026-11-23-weekly/"
# The hard root's own pages (the names with an apostrophe, with accents and in
# right-to-left scripts, the long titles, the session with every field) and the lists
# that show them; the example root's scan covers every kind of page already.
LISTS = ("home", "sessions index", "year", "actions", "people index", "playbooks index")
HARD_PAGES = {
    **{name: AXE_PAGES[name] for name in LISTS},
    "free page, long title": "names/",
    "session, every field": HARD_SESSION,
    "debrief, every field": HARD_SESSION + "debrief/marketing/",
    "person, apostrophe": "people/liam/",
    "person, accents": "people/zoe/",
    "person, Hebrew": "people/noa/",
    "person, Arabic": "people/layla/",
    "playbook, long title": "playbooks/long-cycle/",
}
VIEWPORTS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# axe-core's own impact words; these two fail the scan, the rest are listed in the README.
FAILING = {"serious", "critical"}


def scan(
    browser: Any, server: Server, axe: Path, pages: dict[str, str], **options: Any
) -> list[Any]:
    """axe-core's violations on each of ``pages``, in one browser context (``options``:
    viewport and colour scheme), as {page, id, impact, help, count, nodes} records."""
    # axe-core is added to the page as an inline script, which the site's content security
    # policy rightly refuses: the scanner, not the site, is let past it.
    context = browser.new_context(bypass_csp=True, **options)
    # The 404 page links its assets from the server's root (/assets/...), as MkDocs writes
    # it without a site_url; here the site lives under PREFIX, so they are fetched there.
    outside = re.compile(re.escape(server.origin) + "/(?!" + PREFIX.strip("/") + "/)")
    context.route(
        outside,
        lambda route: route.continue_(
            url=server.origin + PREFIX + route.request.url[len(server.origin) + 1 :]
        ),
    )
    found = []
    try:
        page = context.new_page()
        for name, address in pages.items():
            page.goto(server.base + address, wait_until="load")
            page.add_script_tag(path=str(axe))
            found += [{"page": name, **v} for v in page.evaluate(AXE_RUN)]
    finally:
        context.close()
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("root", ["example", "hard"])
def test_axe_finds_no_serious_or_critical_violations_on_any_kind_of_page(
    request: pytest.FixtureRequest,
    browser: Any,
    axe_script: Path,
    root: str,
    width: str,
    scheme: str,
) -> None:
    """Every kind of page, in both palettes, wide and on a phone, on the example root and on
    the root that is hard on accessibility. Each run keeps one browser context."""
    server = request.getfixturevalue("server" if root == "example" else "hard_server")
    pages = AXE_PAGES if root == "example" else HARD_PAGES
    found = scan(browser, server, axe_script, pages, viewport=VIEWPORTS[width], color_scheme=scheme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{root}-{width}-{scheme}.json").write_text(json.dumps(found, indent=1))
    bad = [v for v in found if v["impact"] in FAILING]
    assert bad == [], json.dumps(bad, indent=1)
