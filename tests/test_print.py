"""Printed minutes: a session's page on A4 paper, in Chromium (the fixtures and rules of
tests/test_browser.py: Debian's Chromium, the site under a sub-path, skip locally and fail
in CI when the browser is missing).

The PDF of the longest example session and a PNG of its first page land in
test-artifacts/browser/ (minutes.pdf, minutes-page-1.png).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.content import SessionDoc
from generator.engine.config import site_config
from generator.pipeline import Result
from tests import test_browser as chromium

# The browser, the server of the built site and one tab per test, as in test_browser.py.
browser = chromium.browser
server = chromium.server
visit = chromium.visit
Visit = chromium.Visit
ARTIFACTS = chromium.ARTIFACTS

A4_WIDTH_PX, A4_HEIGHT_PX = 794, 1123  # 210 x 297 mm at 96 CSS pixels per inch
SCREEN_ONLY = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    ".md-top",
    ".ho-download",
    ".ho-changed",
    ".headerlink",
]


def page_address(session: SessionDoc) -> str:
    return f"sessions/{session.year}/{session.id}/"


def longest_session(result: Result) -> SessionDoc:
    """The session with the most to print: the longest generated page."""
    return max(
        result.content.sessions,
        key=lambda s: len(str(result.pages[f"sessions/{s.year}/{s.id}.md"])),
    )


def pdf_pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def display(page: Any, selector: str) -> list[str]:
    return [
        str(value)
        for value in page.locator(selector).evaluate_all(
            "nodes => nodes.map(n => getComputedStyle(n).display)"
        )
    ]


def save_first_page(page: Any, pdf: bytes) -> None:
    """minutes-page-1.png: the PDF's first page with poppler's pdftoppm where it is
    installed, else the page as printed (print media, the paper's size and margins)."""
    target = ARTIFACTS / "minutes-page-1.png"
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        pdf_path = ARTIFACTS / "minutes.pdf"
        stem = str(target.with_suffix(""))
        subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf_path), stem], check=True, timeout=60)  # fmt: skip
        return
    # the paper's margins (@page), set through the CSSOM: the site's content security
    # policy refuses an added <style> element, and the page already emulates print media
    page.evaluate("document.body.style.padding = '12mm 12mm 13mm'")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX})
    page.screenshot(path=str(target), full_page=False)


def test_the_print_stylesheet_comes_after_handover_css_in_every_engine(
    example_root: Path, example_result: Result
) -> None:
    """Both the exported configuration and the plugin (mkdocs build, handover serve)."""
    from mkdocs.config import load_config

    assert str(example_result.pages["assets/print.css"]).count("@media print {") == 1
    stylesheets = ["assets/handover.css", "assets/print.css"]
    assert list(site_config(None, example_result.content)["extra_css"]) == stylesheets
    config = load_config(str(example_root / "mkdocs.yml"))
    assert list(config.plugins.on_config(config).extra_css) == stylesheets


@pytest.mark.browser
def test_the_longest_session_prints_as_at_most_two_clean_pages(
    visit: Visit, example_result: Result
) -> None:
    session = longest_session(example_result)
    page = visit.open(page_address(session))
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "minutes.pdf").write_bytes(pdf)
    texts = pdf_pages(pdf)
    assert 1 <= len(texts) <= 2, f"{len(texts)} pages"
    printed = " ".join(" ".join(texts).split())
    assert session.title in texts[0]
    for number, text in enumerate(texts, start=1):  # page numbers in the margin
        assert f"{number} / {len(texts)}" in text
    for heading in ("1. Listen and prepare", "Plan and critical path", "Follow-ups"):
        assert heading in printed
    for screen_only in ("Skip to content", "Search", "Download", "Last changed", "Back to top"):
        assert screen_only not in printed
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        assert set(display(page, selector)) <= {"none"}, selector
    width = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    assert width > 0.95 * page.viewport_size["width"]  # the whole width of the paper
    save_first_page(page, pdf)
    visit.assert_clean()


@pytest.mark.browser
def test_charts_and_tables_are_scaled_to_the_paper_not_cut(
    visit: Visit, example_result: Result
) -> None:
    page = visit.open(page_address(longest_session(example_result)))
    page.set_viewport_size({"width": 420, "height": 900})  # narrower than any chart
    page.emulate_media(media="print")
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('article figure svg, article table')]
             .filter(n => n.getBoundingClientRect().right >
                          document.querySelector('article').getBoundingClientRect().right + 1)
             .map(n => n.outerHTML.slice(0, 60))"""
    )
    assert overflow == []
    breaks = page.evaluate(
        """() => [...document.querySelectorAll('article figure, article table, article tr')]
             .map(n => getComputedStyle(n).breakInside)"""
    )
    assert breaks and set(breaks) == {"avoid"}


@pytest.mark.browser
def test_the_dark_palette_prints_dark_on_white(browser: Any, server: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(server.base + chromium.SESSION, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(media="print", color_scheme="dark")
        colours = page.evaluate(
            """() => ({
                 text: getComputedStyle(document.querySelector('.ho-gantt text')).fill,
                 body: getComputedStyle(document.body).backgroundColor,
                 cell: getComputedStyle(document.querySelector('article td')).color })"""
        )
    finally:
        context.close()
    assert colours["body"] in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}
    for name in ("text", "cell"):
        red, green, blue = (float(c) for c in re.findall(r"[\d.]+", colours[name])[:3])
        assert max(red, green, blue) < 80, (name, colours[name])


TABS = """
<p>See <a id="ext" href="https://intranet.example.org/crm">the CRM</a> and
<a id="int" href="../../../people/ana/">Ana</a>.</p>
<div class="tabbed-set tabbed-alternate" data-tabs="1:2">
<input checked="checked" id="__tabbed_9_1" name="__tabbed_9" type="radio">
<input id="__tabbed_9_2" name="__tabbed_9" type="radio">
<div class="tabbed-labels"><label for="__tabbed_9_1">Marketing</label><label
  for="__tabbed_9_2">Sales</label></div>
<div class="tabbed-content">
<div class="tabbed-block"><p id="t1">Marketing debrief</p></div>
<div class="tabbed-block"><p id="t2">Sales debrief</p></div>
</div></div>"""


@pytest.mark.browser
def test_every_content_tab_prints_under_its_label_and_links_show_their_address(
    visit: Visit,
) -> None:
    """Content tabs (pymdownx.tabbed, alternate style) as Material renders them."""
    page = visit.open(chromium.SESSION)
    page.evaluate("html => document.querySelector('article h1').insertAdjacentHTML('afterend', html)", TABS)  # fmt: skip
    page.emulate_media(media="print")
    assert set(display(page, ".tabbed-set > input")) == {"none"}
    assert "none" not in display(page, ".tabbed-block") + display(page, ".tabbed-labels > label")
    tops = page.evaluate(
        """() => ['label[for=__tabbed_9_1]', '#t1', 'label[for=__tabbed_9_2]', '#t2']
             .map(s => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert tops == sorted(tops) and len(set(tops)) == 4  # label, panel, label, panel
    after = page.evaluate(
        """id => getComputedStyle(document.getElementById(id), '::after').content""", "ext"
    )
    assert after == '" (https://intranet.example.org/crm)"'
    internal = page.evaluate(
        """id => getComputedStyle(document.getElementById(id), '::after').content""", "int"
    )
    assert internal in {"none", "normal", ""}
