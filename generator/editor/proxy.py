"""The editor's local proxy: decap-server in git mode on 127.0.0.1, for `serve --edit`.

The proxy is an npm package pinned by a lock file shipped with handover
(generator/editor/proxy/package-lock.json). A development checkout installs it with
`make editor-proxy`; an installed handover installs it once, with `npm ci`, into the
user's cache. It listens on 127.0.0.1 only, and its own CORS rule accepts pages from
localhost and 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.editor.settings import DEFAULT_PROXY_PORT, LocalProxy

PACKAGE = Path(__file__).parent / "proxy"
VERSION = "3.11.3"
ENTRY = Path("node_modules") / "decap-server" / "dist" / "index.js"
MIN_NODE = 18  # Debian 12's nodejs is 18; tested with 20
HOST = "127.0.0.1"
START_SECONDS = 20.0


class ProxyError(Exception):
    """The proxy cannot run here; the message says what to install or fix."""


def node_major(node: str) -> int:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    match = re.match(r"v(\d+)\.", out.stdout.strip())
    return int(match.group(1)) if match else 0


def _node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise ProxyError(
            "the editor's local proxy needs Node.js (18 or later) and npm: "
            "install them (Debian/Ubuntu: sudo apt-get install nodejs npm), then run this again"
        )
    if (major := node_major(node)) < MIN_NODE:
        raise ProxyError(
            f"the editor's local proxy needs Node.js {MIN_NODE} or later: found {major}"
        )
    return node


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "handover" / f"editor-proxy-{VERSION}"


def install_dir() -> Path:
    """Where decap-server is installed: beside the lock file, else the user's cache (installed
    there now, from the lock file, when missing)."""
    if (PACKAGE / ENTRY).is_file():
        return PACKAGE
    target = cache_dir()
    if (target / ENTRY).is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise ProxyError(
            "the editor's local proxy is not installed and npm is missing: install npm "
            "(Debian/Ubuntu: sudo apt-get install npm), then run this again"
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PACKAGE / name, target / name)
    print(f"Installing the editor's local proxy (decap-server {VERSION}) into {target} ...")
    done = subprocess.run(
        [npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=target,
        check=False,
    )
    if done.returncode != 0 or not (target / ENTRY).is_file():
        raise ProxyError(
            f"could not install the editor's local proxy with npm (exit {done.returncode}); "
            "is the npm registry reachable?"
        )
    return target


def free_port(start: int = DEFAULT_PROXY_PORT) -> int:
    for port in range(start, start + 100):
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) != 0:
                return port
    raise ProxyError(f"no free port for the editor's local proxy from {start}")


def current_branch(root: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--abbrev-ref", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    branch = out.stdout.strip()
    if out.returncode != 0 or not branch or branch == "HEAD":
        raise ProxyError(
            f"{root} is not on a git branch: the editor saves each session on a branch of "
            "this clone, so run it in a git clone with a branch checked out"
        )
    return branch


def uncommitted(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in out.stdout.splitlines() if line.strip()]


# The live preview's staging folders in the root (engine/serve.py, engine/tree.staging).
PREVIEW = "..handover-serve.handover-"


def ignore_preview(root: Path) -> None:
    """Keep the preview's folder out of the editor's commits (the proxy commits with
    `git add .`): list it in the clone's own exclude file unless git ignores it already."""
    ignored = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "-q", f"{PREVIEW}x/x"], check=False
    )
    if ignored.returncode == 0:
        return
    out = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--git-path", "info/exclude"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return
    exclude = Path(root, out.stdout.strip())
    exclude.parent.mkdir(parents=True, exist_ok=True)
    with exclude.open("a", encoding="utf-8") as handle:
        handle.write(f"/{PREVIEW}*/\n")


def _ready(url: str) -> bool:
    request = urllib.request.Request(
        url, json.dumps({"action": "info"}).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running(root: Path, port: int | None = None) -> Iterator[LocalProxy]:
    """Start the proxy on ``root`` (a git clone) and stop it when done."""
    node = _node()
    home = install_dir()
    branch = current_branch(root)
    port = port or free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "BIND_HOST": HOST,
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(root.resolve()),
        "LOG_LEVEL": os.environ.get("HANDOVER_EDITOR_LOG", "warn"),
    }
    process = subprocess.Popen([node, str(home / ENTRY)], env=env, cwd=root)
    proxy = LocalProxy(f"http://{HOST}:{port}/api/v1", branch)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _ready(proxy.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ProxyError(
                    f"the editor's local proxy did not start on {HOST}:{port} "
                    f"(exit {process.poll()}); see its messages above"
                )
            time.sleep(0.2)
        yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
