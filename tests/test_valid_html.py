"""Valid HTML: the Nu HTML checker finds no error on one page of each kind of the example
site (engine/overrides/ takes out what the theme writes wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nu_checker import PAGES, errors, messages


@pytest.mark.slow
def test_one_page_of_each_kind_is_valid_html(built_site: Path) -> None:
    for page in PAGES.values():
        assert (built_site / page).is_file(), page
    assert errors(built_site, list(PAGES.values())) == []


@pytest.mark.slow
def test_the_checker_reports_what_the_theme_writes_wrong(tmp_path: Path) -> None:
    """The test above can fail: the attributes the overrides take out are errors."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="checkbox" id="s"><label for="s" tabindex="">s</label>'
        '<label class="md-nav__title" for="__toc">Table of contents</label>'
        '<div markdown="0">x</div></body></html>',
        encoding="utf-8",
    )
    found = errors(tmp_path, ["page.html"])
    assert len(found) == 4, found
    assert any("autocomplete" in e for e in found)
    assert any("tabindex" in e for e in found)
    assert any("“for” attribute" in e for e in found)
    assert any("markdown" in e for e in found)
    assert messages(tmp_path, ["page.html"])  # and the JSON carries them
