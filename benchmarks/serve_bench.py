"""Benchmark: how long an edit takes to show in `handover serve` on a synthetic root.

Usage:
    python benchmarks/serve_bench.py                      # 200 sessions, 5 edits of each kind
    python benchmarks/serve_bench.py --sessions 1000 --edits 3

It writes the same deterministic root as bench.py, starts `handover serve` on a free
port, waits for the first build, then edits one session file at a time and measures,
from the moment the file is written, how long until the new text is served (polling
the session's page over HTTP). After each edit it waits for the rebuild to finish, so
that edits never queue behind each other. Four kinds of edit: the text of an action
(only the pages that show it change), the session's title (the navigation of its
year's pages changes), a new session (a copy of the newest, a day later: this week's
minutes) and the deletion of one (those just added: nothing refers to them); a
deletion shows when its page is gone. ``--kinds back-dated`` adds a session among the
old ones: every later session's page then changes too (it counts the actions still
open after it). It prints a Markdown table with the seconds until the edit shows
and the CPU seconds the server spent on the rebuild (what an idle core would take; on
a busy machine the wall time is larger).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import TODAY, write_root

DONE = "Reloading browsers"
KINDS = (
    "action",
    "title",
    "new",
    "delete",
    "back-dated",
)  # what the server logs when a rebuild is visible


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float, poll: float = 0.1) -> float:
    """Seconds until ``needle`` is served at ``url``."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if needle in fetch(url):
            return time.perf_counter() - started
        time.sleep(poll)
    raise SystemExit(f"{needle!r} did not appear at {url} within {seconds} s")


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    log: Path
    url: str

    def cpu_seconds(self) -> float | None:
        """CPU time the server has used so far (Linux), robust where wall time is not: on
        a shared machine an edit waits for a core as much as it computes."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rebuilds(self) -> int:
        return self.log.read_text(errors="replace").count(DONE)

    def wait_rebuilds(self, count: int, seconds: float = 300) -> None:
        deadline = time.monotonic() + seconds
        while self.rebuilds() < count:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"the server did not finish rebuild {count}:\n{tail}")
            time.sleep(0.05)


def start(root: Path, log: Path) -> Server:
    port = free_port()
    cmd = [sys.executable, "-m", "generator", "serve", "--root", str(root)]
    cmd += ["--dev-addr", f"127.0.0.1:{port}", "--today", TODAY]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    return Server(proc, log, f"http://127.0.0.1:{port}/")


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()


def session_files(root: Path) -> list[Path]:
    return sorted((root / "sessions").rglob("*.yaml"))


def page_of(server: Server, session: Path) -> str:
    return f"{server.url}sessions/{session.parent.name}/{session.stem}/"


def edit(session: Path, kind: str, marker: str) -> None:
    text = session.read_text()
    if kind == "action":
        new = re.sub(r"what: .*", f"what: Action {marker}", text, count=1)
    else:
        new = re.sub(r"title: .*", f"title: Handover {marker}", text, count=1)
    session.write_text(new)


def wait_gone(url: str, needle: str, seconds: float, poll: float = 0.1) -> float:
    """Seconds until ``needle`` is no longer served at ``url``."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if needle not in fetch(url):
            return time.perf_counter() - started
        time.sleep(poll)
    raise SystemExit(f"{needle!r} still served at {url} after {seconds} s")


def add_session(session: Path, marker: str, days: int) -> Path:
    """A copy of ``session`` dated ``days`` later, titled ``marker``."""
    text = session.read_text()
    day = dt.date.fromisoformat(re.findall(r"date: '?(\d{4}-\d\d-\d\d)", text)[0])
    later = (day + dt.timedelta(days=days)).isoformat()
    new = session.with_name(f"{later}-added.yaml")
    text = text.replace(f"date: '{day}'", f"date: '{later}'").replace(
        f"date: {day}", f"date: {later}"
    )
    new.write_text(re.sub(r"title: .*", f"title: Handover {marker}", text, count=1))
    return new


ADDED: list[tuple[Path, str]] = []  # the sessions the "new" edits added, with their marker


def apply(server: Server, sessions: list[Path], kind: str, i: int) -> float:
    """Make edit ``i`` of ``kind``; seconds until it shows."""
    session = sessions[(i * 37 + 11) % len(sessions)]  # spread over the years
    marker = f"edited {kind} {i} {time.time_ns()}"
    if kind in ("new", "back-dated"):
        # this week's minutes: a day after the newest session; or one among the old ones
        new = (
            add_session(sessions[-1], marker, 1 + i)
            if kind == "new"
            else add_session(session, marker, 1)
        )
        ADDED.append((new, marker))
        return wait_for(page_of(server, new), marker, 300)
    if kind == "delete":
        gone, marker = ADDED.pop()
        gone.unlink()
        return wait_gone(page_of(server, gone), marker, 300)
    edit(session, kind, marker)
    return wait_for(page_of(server, session), marker, 300)


def measure(server: Server, root: Path, kind: str, edits: int) -> tuple[list[float], list[float]]:
    """Seconds until each edit is served, and CPU seconds of each rebuild."""
    sessions = [s for s in session_files(root) if not s.stem.endswith("-added")]
    times, cpu = [], []
    for i in range(edits):
        before, cpu_before = server.rebuilds(), server.cpu_seconds()
        times.append(apply(server, sessions, kind, i))
        server.wait_rebuilds(before + 1)
        cpu_after = server.cpu_seconds()
        if cpu_before is not None and cpu_after is not None:
            cpu.append(cpu_after - cpu_before)
        time.sleep(0.5)  # let the watcher settle before the next edit
    return times, cpu


def row(kind: str, times: list[float], cpu: list[float]) -> str:
    median, worst = statistics.median(times), max(times)
    cpu_median = f"{statistics.median(cpu):.2f}" if cpu else "-"
    return f"| {kind} | {len(times)} | {median:.2f} | {worst:.2f} | {cpu_median} |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument(
        "--kinds", nargs="+", choices=KINDS, default=list(KINDS[:4]), help="kinds of edit"
    )
    parser.add_argument("--keep", type=Path, help="keep the root and the server log here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="handover-serve-bench-"))
    root = work / f"root-{args.sessions}"
    if root.exists():
        shutil.rmtree(root)
    write_root(root, args.sessions)
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    server = start(root, work / "serve.log")
    try:
        first = session_files(root)[-1]
        started = time.perf_counter()
        wait_for(page_of(server, first), "Handover", 600, poll=0.25)
        server.wait_rebuilds(0)
        first_build = time.perf_counter() - started
        rows = [row(kind, *measure(server, root, kind, args.edits)) for kind in args.kinds]
    finally:
        stop(server)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.sessions} sessions; "
        f"first build {first_build:.1f} s; load average before: {load_before}\n"
    )
    print("| edit | edits | median s | max s | CPU s per rebuild (median) |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
