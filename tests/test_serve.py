"""`handover serve`: a real server on localhost that rebuilds and live-reloads on edits."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.engine.plugin import HandoverPlugin  # noqa: F401 - the entry point must import


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.25)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def root_copy(example_root: Path, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for name in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / name, root / name)
    shutil.copy(example_root / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def server(root_copy: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--root",
            str(root_copy),
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--today",
            "2026-11-23",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_rebuilds_and_injects_live_reload_on_content_edit(
    server: str, root_copy: Path
) -> None:
    page = server + "sessions/2026/2026-11-16-weekly/"
    body = _wait_for(page, "Week 47 handover", 60)
    assert "livereload" in body  # MkDocs injects its reload script only when live reload is on
    session = root_copy / "sessions/2026/2026-11-16-weekly.yaml"
    session.write_text(session.read_text().replace("Week 47 handover", "Week 47 retitled"))
    _wait_for(page, "Week 47 retitled", 30)


def test_the_preview_has_the_themes_styles(server: str) -> None:
    body = _wait_for(server, "Handover", 60)
    stylesheet = re.search(r'href="(assets/stylesheets/main\.[0-9a-f]+\.min\.css)"', body)
    assert stylesheet, "no theme stylesheet linked"
    assert _get(server + stylesheet.group(1))


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
