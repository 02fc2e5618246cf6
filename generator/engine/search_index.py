"""The site search index: Pagefind, run over the built site after every build.

Pagefind reads every page that carries ``data-pagefind-body`` (the theme override puts
it on each page's content, except pages kept out of search: debriefs, redirects) and
writes an index split into small pieces under ``pagefind/``; the browser fetches only
the pieces a query needs. Actions are added as records of their own (render/search.py).

Pagefind runs as a service (``pagefind --service``, the binary of the ``pagefind-bin``
package) that takes base64 JSON messages separated by commas, the protocol of the
``pagefind`` Python package. That package's client reads one answer every 0.1 s, which
for thousands of action records takes minutes, so this module talks to the service
itself: it sends every request at once and reads the answers as they come.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.derive.facts import Facts
from generator.render.search import SearchRecord, action_records

BUNDLE = "pagefind"  # the folder of the index in the site, beside index.html
# Pagefind's own search interfaces, which the site does not use (assets/search.js asks
# Pagefind's JS API): not published.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
# The theme's heading permalinks ("¶") are not words of the page.
EXCLUDE_SELECTORS = [".headerlink"]
_LANG = re.compile(r"<html[^>]*\blang=\"([A-Za-z-]+)\"")


class IndexFailed(Exception):
    """Pagefind could not index the site (said in one line)."""


def site_language(site: Path) -> str:
    """The language of the site's pages (the home page's ``<html lang>``), else English."""
    try:
        head = (site / "index.html").read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return "en"
    found = _LANG.search(head)
    return found.group(1).split("-")[0].lower() if found else "en"


def index_site(site: Path, records: Sequence[SearchRecord] = ()) -> int:
    """Index ``site`` and ``records`` into ``site/pagefind``, replacing the previous index
    only once the new one is written whole. Returns the number of pages indexed."""
    fresh, old = site / f".{BUNDLE}.new", site / f".{BUNDLE}.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    language = site_language(site)
    config = {"exclude_selectors": EXCLUDE_SELECTORS, "force_language": language}
    with _Service() as service:
        index_id = service.ask([{"type": "NewIndex", "config": config}])[0]["index_id"]
        adds: list[dict[str, Any]] = [
            {"type": "AddDir", "index_id": index_id, "path": str(site.resolve())}
        ]
        adds += (_record(index_id, r, language) for r in records)
        pages = int(service.ask(adds)[0]["page_count"])
        write = {"type": "WriteFiles", "index_id": index_id, "output_path": str(fresh.resolve())}
        service.ask([write])
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    bundle = site / BUNDLE
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    return pages


def _record(index_id: int, record: SearchRecord, language: str) -> dict[str, Any]:
    return {
        "type": "AddRecord",
        "index_id": index_id,
        "url": "/" + record.url,
        "content": record.content,
        "language": language,
        "meta": {"title": record.title, "section": record.section},
        "filters": record.filters,
        "sort": None,
    }


class _Service:
    """A ``pagefind --service`` process: ``ask`` sends messages and returns their answers."""

    def __init__(self) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise IndexFailed("the pagefind binary is missing: pip install pagefind-bin")
        self.process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.sent = 0
        self.buffer = bytearray()

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.terminate()
        self.process.wait()

    def ask(self, payloads: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        messages = []
        for payload in payloads:
            self.sent += 1
            text = json.dumps({"message_id": self.sent, "payload": payload})
            messages.append(base64.b64encode(text.encode("utf-8")) + b",")
        first = self.sent - len(messages) + 1
        writer = threading.Thread(target=self._write, args=(messages,), daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(messages):
            answer = self._read()
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                raise IndexFailed(f"pagefind: {payload.get('message', 'failed')}")
            if isinstance(answer.get("message_id"), int):
                answers[answer["message_id"]] = payload
        writer.join()
        return [answers[first + i] for i in range(len(messages))]

    def _write(self, messages: list[bytes]) -> None:
        assert self.process.stdin is not None
        try:
            for message in messages:
                self.process.stdin.write(message)
            self.process.stdin.flush()
        except OSError:
            pass  # the process ended: _read says so

    def _read(self) -> dict[str, Any]:
        """The next answer: base64 JSON up to a comma."""
        assert self.process.stdout is not None
        while b"," not in self.buffer:
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise IndexFailed("pagefind stopped before it answered")
            self.buffer += chunk
        end = self.buffer.index(b",")
        message = bytes(self.buffer[:end])
        del self.buffer[: end + 1]  # cheap at the front of a bytearray
        data: dict[str, Any] = json.loads(base64.b64decode(message))
        return data


def index_built_site(site: Path, facts: Facts | None) -> int:
    """Index a site that handover built: its pages, and every action of ``facts``."""
    return index_site(site, action_records(facts) if facts is not None else [])
