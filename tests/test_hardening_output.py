"""Text stays text, end to end: the example content with a hostile line in every text
field, built with MkDocs, read back from the HTML and the search index.

Every field must show literally (one text node holding the whole line: no `|` that
splits a table cell, no `*` or `_` that turns into emphasis, no tag that runs), titles
included wherever the theme prints them (the HTML title, the navigation, index pages,
search), and no link in a Markdown field may keep a javascript: or data: address.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.engine.build import build_site
from generator.pipeline import generate
from generator.render.markdown_field import render_field
from tests.conftest import REPO, TODAY
from tests.pagefind_index import indexed

HOSTILE = "a|b *c* _d_ `e` <script>alert(1)</script> <img src=x onerror=alert(2)> & f &amp; g"
# Links that must lose their address, in every spelling a browser would still follow.
LINK_ATTACKS = [
    "[plain](javascript:alert(1))",
    "[mixed case](JaVaScRiPt:alert(1))",
    "[spaces](   javascript:alert(1))",
    "[tab](\tjavascript:alert(1))",
    "[decimal entity](&#106;avascript:alert(1))",
    "[hex entity](&#x6A;&#x61;vascript:alert(1))",
    "[entity inside](java&#x09;script:alert(1))",
    "[named colon](javascript&colon;alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[data upper](DATA:text/html,<script>alert(1)</script>)",
    "![image](data:image/svg+xml,<svg/onload=alert(1)>)",
    "[vbscript](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[reference][evil]\n\n[evil]: javascript:alert(1)",
    '[title](javascript:alert(1) "a title")',
    "[angle](<javascript:alert(1)>)",
]
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")


def _address(value: str) -> str:
    """A link address as a browser reads it: control characters and spaces ignored."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()


class Page(HTMLParser):
    """Text nodes, the HTML title, and what could run of one HTML page: handlers, script
    addresses, and scripts that are not the theme's (the only ones that call alert)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.dangers: list[str] = []
        self.stack: list[str] = []
        self.title = ""  # of the page, not of the charts' SVG titles
        self.nav: list[str] = []  # text in the navigation

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "link", "img", "br", "hr", "input", "path", "rect", "line"}:
            self.stack.append(tag)
        if tag in {"iframe", "object", "embed"}:
            self.dangers.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and _address(
                value or ""
            ).startswith(SCRIPT_SCHEMES):
                self.dangers.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack[-1:] == ["script"]:
            if "alert(" in data:
                self.dangers.append(f"<script>{data[:40]}")
            return
        if self.stack[-1:] == ["title"] and "svg" not in self.stack:
            self.title += data
        if "nav" in self.stack and data.strip():
            self.nav.append(data.strip())
        self.texts.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


# --- the hostile root ---------------------------------------------------------------


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit_playbook(path: Path, change: Callable[[Any], None], body: str) -> None:
    _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    change(meta)
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def hostile(label: str) -> str:
    return f"{label}: {HOSTILE}"


# Every text field the contract has, each with its own label.
LABELS = [
    "Session title",
    "Context note",
    "Lead source",
    "Action what",
    "Activity",
    "Plan task",
    "Decision",
    "Follow-up note",
    "Session tag",
    "Playbook name",
    "Playbook client",
    "Cadence when",
    "Stakeholder role",
    "Season guidance",
    "Checklist item",
    "Person name",
    "Person role",
    "Team name",
    "Stage name",
    "Stage entry",
    "Alignment topic",
    "Version summary",
    "Criterion name",
    "Disqualifier",
    "Glossary means",
    "Page title",
]
NOTES = "\n\n".join(
    ["**Bold still works** and so does `code`.", *LINK_ATTACKS, "<b>raw</b> & <i>html</i>"]
)


def _session(data: Any) -> None:
    data["title"] = hostile("Session title")
    data["context"][0]["note"] = hostile("Context note")
    data["leads"][0]["source"] = hostile("Lead source")
    data["actions"][0]["what"] = hostile("Action what")
    data["raci"][0]["activity"] = hostile("Activity")
    data["plan"][0]["task"] = hostile("Plan task")
    data["decisions"] = [hostile("Decision")]
    data["follow_up"][0]["note"] = hostile("Follow-up note")
    data["tags"] = [hostile("Session tag")]
    data["notes"] = NOTES


def _playbook(meta: Any) -> None:
    meta["name"] = hostile("Playbook name")
    meta["client"] = hostile("Playbook client")
    meta["tiers"][0]["when"] = hostile("Cadence when")
    meta["stakeholders"][0]["role"] = hostile("Stakeholder role")
    meta["seasons"][0]["guidance"] = hostile("Season guidance")
    meta["handover_checklist"] = [hostile("Checklist item")]


def _team(data: Any) -> None:
    data["people"][0]["name"] = hostile("Person name")
    data["people"][0]["role"] = hostile("Person role")
    data["teams"][0]["name"] = hostile("Team name")


def _funnel(data: Any) -> None:
    data["stages"][0]["name"] = hostile("Stage name")
    data["stages"][0]["entry"] = hostile("Stage entry")
    data["alignment"][0]["topic"] = hostile("Alignment topic")


def _mql(data: Any) -> None:
    version = data["versions"][-1]
    version["summary"] = hostile("Version summary")
    version["criteria"][0]["name"] = hostile("Criterion name")
    version["disqualifiers"] = [hostile("Disqualifier")]


def _glossary(data: Any) -> None:
    data["terms"][0]["means"] = hostile("Glossary means")


def hostile_root(example: Path, root: Path) -> Path:
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(example / folder, root / folder)
    _edit_yaml(root / "sessions/2026/2026-11-16-weekly.yaml", _session)
    _edit_playbook(root / "playbooks/university.md", _playbook, NOTES)
    _edit_yaml(root / "content/team.yaml", _team)
    _edit_yaml(root / "content/funnel.yaml", _funnel)
    _edit_yaml(root / "content/mql.yaml", _mql)
    _edit_yaml(root / "content/glossary.yaml", _glossary)
    page = root / "content/why-handover.md"
    body = page.read_text(encoding="utf-8").split("---\n", 2)[-1]
    title = json.dumps(hostile("Page title"))
    page.write_text(f"---\ntitle: {title}\norder: 1\n---\n{body}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, example_root: Path) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    root = hostile_root(example_root, base / "root")
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    site = base / "site"
    build_site(result, site, strict=True)
    return site


@pytest.fixture(scope="module")
def pages(hostile_site: Path) -> dict[str, Page]:
    return {
        p.relative_to(hostile_site).as_posix(): read_page(p)
        for p in sorted(hostile_site.rglob("*.html"))
    }


def texts_with(pages: dict[str, Page], label: str) -> Iterator[tuple[str, str]]:
    for name, page in pages.items():
        for text in page.texts:
            if f"{label}:" in text:
                yield name, text


# --- the tests --------------------------------------------------------------------------


@pytest.mark.slow
def test_nothing_on_any_page_could_run(pages: dict[str, Page]) -> None:
    assert len(pages) > 20
    for name, page in pages.items():
        assert page.dangers == [], name


@pytest.mark.slow
@pytest.mark.parametrize("label", LABELS)
def test_every_text_field_shows_literally_wherever_it_appears(
    pages: dict[str, Page], label: str
) -> None:
    found = list(texts_with(pages, label))
    assert found, f"{label} appears on no page"
    for name, text in found:
        assert literal(text, hostile(label)), (name, text)


def literal(text: str, full: str) -> bool:
    """Whether ``full`` is in ``text`` as it is, or shortened with an ellipsis (charts)."""
    if full in text:
        return True
    start = text.find(full[: full.index(":")])
    return text.endswith("…") and full.startswith(text[start:-1])


@pytest.mark.slow
def test_titles_are_literal_in_the_html_title_navigation_and_index_pages(
    pages: dict[str, Page],
) -> None:
    heads = {name: page.title for name, page in pages.items()}
    assert heads["sessions/2026/2026-11-16-weekly/index.html"] == (
        f"{hostile('Session title')} - Handover"
    )
    assert heads["playbooks/university/index.html"] == f"{hostile('Playbook name')} - Handover"
    assert heads["why-handover/index.html"] == f"{hostile('Page title')} - Handover"
    # the navigation of the pages beside them
    assert hostile("Session title") in pages["sessions/2026/2026-11-09-expo-debrief/index.html"].nav
    assert hostile("Playbook name") in pages["playbooks/webinar-signups/index.html"].nav
    assert hostile("Person name") in pages["people/ben/index.html"].nav
    # the index pages that list them
    shown_in = {name for name, _ in texts_with(pages, "Session title")}
    assert {"index.html", "sessions/index.html", "sessions/2026/index.html"} <= shown_in
    playbook_in = {name for name, _ in texts_with(pages, "Playbook name")}
    assert "playbooks/index.html" in playbook_in


@pytest.mark.slow
def test_titles_and_text_in_the_search_index_are_the_literal_text(hostile_site: Path) -> None:
    """Pagefind keeps each page's title and words as plain text, as the page shows them;
    the search box never treats them as markup: Pagefind's script escapes < and > before
    it marks the matching words, and search.js keeps only the marks (as text nodes)."""
    docs = indexed(hostile_site)
    session = docs["/sessions/2026/2026-11-16-weekly/"]
    assert session["meta"]["title"] == hostile("Session title")
    assert docs["/playbooks/university/"]["meta"]["title"] == hostile("Playbook name")
    assert hostile("Session title") in session["content"]
    script = (REPO / "site_templates/assets/search.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


@pytest.mark.slow
@pytest.mark.parametrize("page", ["sessions/2026/2026-11-16-weekly", "playbooks/university"])
def test_markdown_fields_keep_formatting_and_show_raw_html_as_text(
    pages: dict[str, Page], page: str
) -> None:
    text = " ".join(pages[f"{page}/index.html"].texts)
    assert "Bold still works" in text and "**Bold" not in text
    assert "<b>raw</b> & <i>html</i>" in text
    for label in ("plain", "mixed case", "decimal entity", "data", "reference"):
        assert label in text  # the link text stays, without its address


@pytest.mark.parametrize("attack", LINK_ATTACKS)
def test_no_script_address_survives_in_a_markdown_field(attack: str) -> None:
    page = Page()
    page.feed(f"<div>{render_field(f'See {attack} here')}</div>")
    assert page.dangers == [], attack
    assert "here" in " ".join(page.texts)
