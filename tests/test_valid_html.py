"""Valid HTML: the Nu HTML checker finds no error on one page of each kind of the example
site (engine/overrides/ takes out what the theme writes wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nu_checker import PAGES, errors

# What the theme writes wrong, and Markdown leaves behind: each one is an error.
WRONG = (
    '<!doctype html><html lang="en"><head><title>t</title></head><body>'
    '<input type="checkbox" id="__drawer" autocomplete="off">'
    '<input type="checkbox" id="s"><label for="s" tabindex="">s</label>'
    '<label class="md-nav__title" for="__toc">Table of contents</label>'
    '<div markdown="0">x</div></body></html>'
)


@pytest.mark.slow
def test_one_page_of_each_kind_is_valid_html(built_site: Path, tmp_path: Path) -> None:
    pages = [built_site / page for page in PAGES.values()]
    for page in pages:
        assert page.is_file(), page
    wrong = tmp_path / "wrong.html"  # the check can fail: checked in the same run
    wrong.write_text(WRONG, encoding="utf-8")
    found = errors([*pages, wrong])
    assert len(found.pop(wrong)) == 4
    assert {page.relative_to(built_site).as_posix(): e for page, e in found.items() if e} == {}
