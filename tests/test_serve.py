"""`handover serve`: a real server on localhost that rebuilds and live-reloads on edits.

Edits rebuild only the pages they change (tests/test_partial_build.py compares such
sites with clean builds); here the server is checked from the outside, over HTTP.
Tests wait for what the server shows, never for a time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench import write_root
from generator.engine.plugin import HandoverPlugin  # noqa: F401 - the entry point must import
from tests.pagefind_index import indexed

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float, absent: bool = False) -> str:
    """The page at ``url`` once it holds ``needle`` (or no longer does, with ``absent``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and (needle not in body if absent else needle in body):
            return body
        time.sleep(0.25)
    state = "disappear from" if absent else "appear at"
    raise AssertionError(f"{needle!r} did not {state} {url} within {seconds} s")


@dataclass
class Server:
    url: str
    root: Path
    log: Path
    first_index: str = ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_in_output(self, needle: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while needle not in self.output():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not in the server's output:\n{self.output()}")
            time.sleep(0.25)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text()
        assert old in text, (old, rel)
        path.write_text(text.replace(old, new))


@contextmanager
def _serving(root: Path) -> Iterator[Server]:
    """`handover serve` on ``root``, stopped afterwards."""
    port = _free_port()
    log = root.parent / f"serve-{port}.log"
    cmd = [sys.executable, "-m", "generator", "serve", "--root", str(root)]
    cmd += ["--dev-addr", f"127.0.0.1:{port}", "--today", "2026-11-23"]
    # The output goes to a file: a pipe that nobody reads would fill up and block the
    # server on a root with hundreds of warnings.
    with log.open("wb") as out:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=out, env=env)
    try:
        yield Server(f"http://127.0.0.1:{port}/", root, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _copy_example(example_root: Path, dest: Path) -> Path:
    for name in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / name, dest / name)
    shutil.copy(example_root / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def example_server(example_root: Path, tmp_path: Path) -> Iterator[Server]:
    with _serving(_copy_example(example_root, tmp_path / "root")) as server:
        _wait_for(server.url + "sessions/2026/2026-11-16-weekly/", "Week 47 handover", 120)
        yield server


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on a generated root of 200 sessions (benchmarks/bench.py's)."""
    root = tmp_path_factory.mktemp("big") / "root"
    write_root(root, 200)
    with _serving(root) as server:
        _wait_for(server.url + "sessions/2026/2026-11-12-s/", "Handover 2026-11-12", 600)
        first = _wait_for_index(server, lambda index: True)
        server.first_index = json.dumps(sorted({url.split("#")[0] for url in first}))
        yield server


def test_serve_rebuilds_and_injects_live_reload_on_content_edit(example_server: Server) -> None:
    page = example_server.url + "sessions/2026/2026-11-16-weekly/"
    body = _wait_for(page, "Week 47 handover", 60)
    assert "livereload" in body  # MkDocs injects its reload script only when live reload is on
    example_server.edit(
        "sessions/2026/2026-11-16-weekly.yaml", "Week 47 handover", "Week 47 retitled"
    )
    _wait_for(page, "Week 47 retitled", 60)


def test_the_preview_has_the_themes_styles(example_server: Server) -> None:
    body = _wait_for(example_server.url, "Handover", 60)
    stylesheet = re.search(r'href="(assets/stylesheets/main\.[0-9a-f]+\.min\.css)"', body)
    assert stylesheet, "no theme stylesheet linked"
    assert _get(example_server.url + stylesheet.group(1))


def test_an_edit_on_a_200_session_root_shows(big_server: Server) -> None:
    rel = "sessions/2025/2025-06-09-s.yaml"
    page = big_server.url + "sessions/2025/2025-06-09-s/"
    _wait_for(page, "Action 1 of the week", 60)
    big_server.edit(rel, "what: Action 1 of the week", "what: Action 1 edited in the preview")
    _wait_for(page, "Action 1 edited in the preview", 120)
    # and in what is derived from every session (/actions/ lists only the most urgent
    # open actions now, so the export that holds every action is the one to read)
    _wait_for(big_server.url + "api/actions.json", "Action 1 edited in the preview", 60)


def _site(server: Server) -> Path:
    """Where handover serve builds: a staging folder beside .handover-serve in the root."""
    found = sorted(server.root.glob("*handover-serve*/site"))
    return found[0] if found else server.root / ".handover-serve" / "site"


def _wait_for_index(server: Server, done: Any, timeout: float = 120) -> dict[str, Any]:
    """The search index of the served site once ``done(index)``: it is written after the
    pages, and replaced whole (so it may be missing for a moment)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            index = indexed(_site(server))
        except (OSError, ValueError):
            index = {}
        if index and done(index):
            return index
        assert time.monotonic() < deadline, "the search index was not written"
        time.sleep(0.5)


def test_the_search_index_lists_every_page_after_a_partial_rebuild(big_server: Server) -> None:
    first = set(json.loads(big_server.first_index))  # what the first (full) build indexed
    assert len(first) > 300
    rel = "sessions/2026/2026-03-02-s.yaml"
    big_server.edit(rel, "A busy week in the sector.", "A searchable zanzibar week.")
    _wait_for(big_server.url + "sessions/2026/2026-03-02-s/", "zanzibar", 120)
    big_server.wait_in_output("changed files only", 60)
    index = _wait_for_index(
        big_server, lambda i: any("zanzibar" in d["content"] for d in i.values())
    )
    assert [u for u, d in index.items() if "zanzibar" in d["content"]] == [
        "/sessions/2026/2026-03-02-s/"
    ]
    assert {url.split("#")[0] for url in index} == first


def test_added_and_deleted_sessions_update_the_list_and_navigation(
    example_server: Server,
) -> None:
    sessions, sibling = example_server.url + "sessions/", "sessions/2026/2026-11-09-expo-debrief/"
    new = example_server.root / "sessions/2026/2026-11-23-weekly.yaml"
    text = (example_server.root / "sessions/2026/2026-11-16-weekly.yaml").read_text()
    new.write_text(text.replace("2026-11-16", "2026-11-23").replace("Week 47", "Week 48"))
    _wait_for(sessions, "Week 48 handover", 60)
    _wait_for(example_server.url + sibling, "Week 48 handover", 60)  # its navigation
    assert _get(example_server.url + "sessions/2026/2026-11-23-weekly/")
    new.unlink()
    _wait_for(sessions, "Week 48 handover", 60, absent=True)
    _wait_for(example_server.url + sibling, "Week 48 handover", 60, absent=True)
    assert _get(example_server.url + "sessions/2026/2026-11-23-weekly/") is None  # 404


def test_a_content_error_is_reported_and_the_fix_recovers(example_server: Server) -> None:
    rel = "sessions/2026/2026-11-16-weekly.yaml"
    page = example_server.url + "sessions/2026/2026-11-16-weekly/"
    example_server.edit(rel, "minute_taker: ben", "minute_taker: benn")
    example_server.wait_in_output(f"{rel}:4:15: error: unknown person 'benn'", 60)
    example_server.wait_in_output("content has errors: 2 errors", 60)
    example_server.edit(rel, "minute_taker: benn", "minute_taker: ben")
    example_server.edit(rel, "Week 47 handover", "Week 47 fixed")
    _wait_for(page, "Week 47 fixed", 60)


def test_stopping_the_preview_removes_its_staging_folder(
    example_root: Path, tmp_path: Path
) -> None:
    root = _copy_example(example_root, tmp_path / "root")
    with _serving(root) as server:  # stopped with SIGTERM, as a service manager would
        _wait_for(server.url, "Handover", 120)
        assert list(root.glob(".*handover-serve*"))
    assert not list(root.glob(".*handover-serve*"))


def test_mkdocs_cli_defaults_to_live_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """click 8.2.2-8.3.x broke MkDocs' --livereload default; the pinned click must not."""
    import mkdocs.commands.serve
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    seen: dict[str, object] = {}
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kwargs: seen.update(kwargs))
    result = CliRunner().invoke(cli, ["serve"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert seen.get("livereload") is True


# --- issue 18: the preview shows content errors, and never hangs a request ---------------

BANNER = 'id="handover-problems"'


def _get_within(url: str, seconds: float = 10) -> tuple[int, str]:
    """Status and body of ``url``; the request must be answered within ``seconds``."""
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:  # a 404 page is an answer too
        return exc.code, exc.read().decode("utf-8")


def test_a_broken_file_shows_on_every_page_and_no_request_hangs(example_server: Server) -> None:
    rel = "sessions/2026/2026-11-16-weekly.yaml"
    page = example_server.url + "sessions/2026/2026-11-16-weekly/"
    example_server.edit(
        rel,
        "note: Gus is off from 21 to 29 December; the university leads need holiday cover.",
        "note: Rota drafted: Ben signs",
    )
    body = _wait_for(page, BANNER, 60)
    assert f"<code>{rel}:23:</code> the text after &#39;note:&#39; contains &#39;: &#39;" in body, (
        body[:3000]
    )
    # Every page carries it, the last good content stays readable, and nothing hangs.
    for other in ("", "actions/", "people/ana/", "no/such/page/"):
        status, html = _get_within(example_server.url + other)
        assert BANNER in html and status in (200, 404), other
    assert "Week 47 handover" in _get_within(page)[1]
    example_server.edit(rel, "note: Rota drafted: Ben signs", 'note: "Rota drafted: Ben signs"')
    _wait_for(page, BANNER, 60, absent=True)
    assert BANNER not in _get_within(example_server.url + "actions/")[1]


def test_the_preview_starts_on_a_broken_root_and_recovers(
    example_root: Path, tmp_path: Path
) -> None:
    root = _copy_example(example_root, tmp_path / "root")
    rel = "content/team.yaml"
    text = (root / rel).read_text()
    (root / rel).write_text(text.replace("  - id: ana", "  - id: Ana", 1))
    with _serving(root) as server:
        body = _wait_for(server.url, BANNER, 120)
        assert f"<code>{rel}:" in body and "did you mean &#39;ana&#39;?" in body
        assert "Nothing can be shown until they are fixed." in body
        (root / rel).write_text(text)
        _wait_for(server.url + "sessions/2026/2026-11-16-weekly/", "Week 47 handover", 120)
        assert BANNER not in _get_within(server.url)[1]


@pytest.mark.browser
def test_the_banner_in_a_browser_and_the_page_reloads_itself_when_fixed(
    example_root: Path, tmp_path: Path
) -> None:
    """Chromium shows the banner; fixing the file removes it without touching the browser.
    UPDATE_SCREENSHOT=1 refreshes docs/preview-error.png."""
    from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, unavailable

    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    root = _copy_example(example_root, tmp_path / "root")
    rel = "sessions/2026/2026-11-16-weekly.yaml"
    good = (root / rel).read_text()
    broken = good.replace("    note: Gus is off", "    note: Rota drafted: Gus is off")
    broken = broken.replace("owner: gus\n", "owner: guss\n", 1)
    with _serving(root) as server, sync_playwright() as playwright:
        page_url = server.url + "sessions/2026/2026-11-16-weekly/"
        _wait_for(page_url, "Week 47 handover", 120)
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 800})
            page.goto(page_url, wait_until="load")
            banner = page.locator("#handover-problems")
            assert banner.count() == 0
            (root / rel).write_text(broken)
            # Live reload: the open page reloads by itself and shows the errors...
            banner.wait_for(state="visible", timeout=90_000)
            text = banner.inner_text()
            assert f"{rel}:23: the text after 'note:' contains ': '" in text
            assert "unknown person 'guss' (did you mean 'gus'?)" in text
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "preview-error.png"))
            if os.environ.get("UPDATE_SCREENSHOT"):
                page.screenshot(path=str(Path(__file__).parent.parent / "docs/preview-error.png"))
            (root / rel).write_text(good)
            # ... and again once they are fixed.
            banner.wait_for(state="detached", timeout=90_000)
            assert page.locator("h1").first.inner_text().startswith("Week 47 handover")
        finally:
            chromium.close()
