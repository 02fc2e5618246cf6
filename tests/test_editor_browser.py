"""The browser editor end to end: `handover serve --edit` on a git clone of the example
content, a session written through the form in Chromium, the file the editor committed
on its branch checked and built.

Outside CI these tests skip when Chromium, Playwright or Node.js is missing; with
CI=true they fail instead (see tests/test_browser.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.editor.proxy import ENTRY, PACKAGE
from tests.test_browser import browser, unavailable  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
SHOTS = REPO / "test-artifacts" / "editor"
EXISTING = "sessions/2026/2026-11-16-weekly.yaml"
FOLLOWED = "2026-11-09-expo-debrief/a2"
CONSOLE: list[str] = []  # the editor's console messages, shown when a save fails


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Editor:
    root: Path
    base: str  # http://127.0.0.1:PORT/


def listening(port: int) -> list[str]:
    """The addresses a TCP socket listens on at ``port`` (Linux: /proc/net/tcp{,6})."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(_address(address))
    return found


def _address(hex_address: str) -> str:
    if len(hex_address) == 8:  # IPv4, little-endian
        return ".".join(str(int(hex_address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    return "::" if set(hex_address) == {"0"} else hex_address


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    """A git clone of the example content, served with `handover serve --edit`."""
    if shutil.which("node") is None:
        unavailable("Node.js is not installed (apt-get install nodejs npm)")
    if not (PACKAGE / ENTRY).is_file():
        unavailable("the editor's proxy is not installed (make editor-proxy)")
    root = tmp_path / "clone"
    root.mkdir()
    for name in ("sessions", "playbooks", "content"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Lead")
    git(root, "config", "user.email", "lead@example.com")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "example content")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    cmd = [sys.executable, "-m", "generator", "serve", "--edit", "--root", str(root)]
    cmd += ["--dev-addr", f"127.0.0.1:{port}", "--today", TODAY]
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env={**os.environ, "CI": "true"})
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "admin/config.yml", "local_backend", proc, tmp_path / "serve.log")
        with urllib.request.urlopen(base + "admin/config.yml") as response:
            proxy = yaml.safe_load(response.read())["local_backend"]["url"]
        assert listening(int(proxy.split(":")[2].split("/")[0])) == ["127.0.0.1"]
        yield Editor(root, base)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_for(url: str, needle: str, proc: Any, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if needle in response.read().decode():
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never served {needle!r}:\n{log.read_text()}")


@pytest.fixture
def form(browser: Any, editor: Editor) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    foreign: list[str] = []
    proxy = "http://127.0.0.1:"
    context.on(
        "request",
        lambda r: None if r.url.startswith((proxy, "data:", "blob:")) else foreign.append(r.url),
    )
    page.on("console", lambda m: CONSOLE.append(f"{m.type}: {m.text[:500]}"))
    page.goto(editor.base + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Sessions").first.wait_for()
    try:
        yield page
    finally:
        context.close()
    assert foreign == [], "the editor requested another origin"


def field(page: Any, name: str) -> Any:
    """The last field called ``name`` (the one in the list item just added)."""
    return page.locator(f'[id^="{name}-field-"]').last


def choose(page: Any, name: str, text: str) -> None:
    box = field(page, name)
    box.click()
    box.press_sequentially(text)
    page.locator('[class*="-option"]', has_text=text).first.click()


def add(page: Any, what: str) -> None:
    page.get_by_role("button", name=f"Add {what}").click()


def save(page: Any, root: Path, prefix: str) -> str:
    """Save, and wait for the editor's branch: its name."""
    page.get_by_role("button", name="Save").first.click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        branches = [b.strip(" *") for b in git(root, "branch", "--list", prefix).splitlines()]
        if branches and page.get_by_text("Changes saved").count():
            return branches[0]
        time.sleep(0.5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "save-failed.png"), full_page=True)
    errors = page.locator('[class*="ControlErrors"] li').all_inner_texts()
    raise AssertionError(
        f"no branch {prefix} after saving; errors in the form: {errors}; console: {CONSOLE[-8:]}"
    )


def follow_up_status(page: Any, action: str, status: str) -> None:
    """Set the status of the follow-up entry of ``action``."""
    actions = page.locator('[id^="action-field-"]')
    for i in range(actions.count()):
        control = actions.nth(i).locator('xpath=ancestor::div[contains(@class,"-control")][1]')
        if control.inner_text().startswith(action):
            item = actions.nth(i).locator(
                'xpath=ancestor::div[.//input[starts-with(@id,"status-field-")]][1]'
            )
            box = item.locator('[id^="status-field-"]')
            box.click()
            box.press_sequentially(status)
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"no follow-up entry for {action}")


def handover(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "generator", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)


def test_a_session_written_in_the_form_is_checked_and_published(
    form: Any, editor: Editor, tmp_path: Path
) -> None:
    page = form
    page.goto(editor.base + "admin/#/collections/sessions/new")
    field(page, "date").fill("2026-11-30")
    field(page, "slug").fill("weekly")
    field(page, "title").fill("Week 49 handover")
    attendees = field(page, "attendees")
    attendees.click()
    for _ in range(3):  # Gus, Hana and Ivo are away; Hana joins later
        page.keyboard.press("Backspace")
    choose(page, "attendees", "Hana Sato")
    add(page, "lead group")
    field(page, "source").fill("Winter webinar sign-ups")
    choose(page, "channel", "webinar")
    field(page, "count").fill("12")
    choose(page, "ring", "core")
    add(page, "action")
    field(page, "what").fill("Send the winter webinar recording to every sign-up")
    choose(page, "team", "Marketing")
    choose(page, "owner", "Dev Malhotra")
    field(page, "due").fill("2026-12-04")
    add(page, "RACI row")
    field(page, "activity").fill("Winter webinar follow-up")
    choose(page, "R", "Dev Malhotra")
    choose(page, "A", "Ana Ruiz")
    SHOTS.mkdir(parents=True, exist_ok=True)
    field(page, "what").scroll_into_view_if_needed()
    page.mouse.wheel(0, -250)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "new-session.png"))  # docs/editor.png
    follow_up_status(page, FOLLOWED, "Done")
    branch = save(page, editor.root, "cms/sessions/*")

    path = "sessions/2026/2026-11-30-weekly.yaml"
    assert git(editor.root, "diff", "--name-only", "main", branch).split() == [path]
    text = git(editor.root, "show", f"{branch}:{path}")
    data = yaml.safe_load(text)
    keys = list(data)
    assert keys == ["date", "title", "facilitators", "minute_taker", "attendees", "leads",
                    "actions", "raci", "follow_up"]  # fmt: skip
    assert "date: 2026-11-30\n" in text  # a date, not a timestamp or a quoted string
    assert "attendees: [ana, ben, carla, dev, hana]\n" in text
    assert (
        "actions:\n"
        "  - what: Send the winter webinar recording to every sign-up\n"
        "    team: marketing\n"
        "    owner: dev\n"
        "    due: 2026-12-04\n"
        "    status: open\n"
    ) in text
    assert "raci:\n  - activity: Winter webinar follow-up\n    R: [dev]\n    A: ana\n" in text
    assert f"  - action: {FOLLOWED}\n    status: done\n" in text

    checkout = tmp_path / "branch"
    # Detached at the branch's commit: the editor's server may still have the branch
    # itself checked out in the clone, and git checks a branch out in one place only.
    commit = git(editor.root, "rev-parse", branch).strip()
    git(editor.root, "worktree", "add", "-q", "--detach", str(checkout), commit)
    checked = handover("check", "--root", str(checkout), "--today", "2026-11-30")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = handover(
        "build", "--root", str(checkout), "--site-dir", str(site), "--today", "2026-11-30"
    )
    assert built.returncode == 0, built.stdout + built.stderr
    what = "Send the winter webinar recording to every sign-up"
    assert what in (site / "sessions/2026/2026-11-30-weekly/index.html").read_text()
    assert what in (site / "actions/index.html").read_text()
    actions = {
        a["id"]: a for a in __import__("json").loads((site / "api/actions.json").read_text())
    }
    assert actions["2026-11-30-weekly/a1"]["owner"] == "dev"
    assert actions[FOLLOWED]["status"] == "done"


def test_editing_one_field_of_a_hand_written_session_changes_only_its_lines(
    form: Any, editor: Editor
) -> None:
    page = form
    page.goto(editor.base + "admin/#/collections/sessions/entries/2026/2026-11-16-weekly")
    title = field(page, "title")
    title.wait_for()
    assert title.input_value() == "Week 47 handover"
    title.fill("Week 47 handover and holiday cover")
    branch = save(page, editor.root, "cms/sessions/*")
    diff = git(editor.root, "diff", "--unified=0", "main", branch, "--", EXISTING)
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-title: Week 47 handover", "+title: Week 47 handover and holiday cover"]
