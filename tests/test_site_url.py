"""`--site-url`: the address the site is served from, for the 404 page and the exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

TODAY = "2026-11-23"


@pytest.fixture
def root(tmp_path: Path, example_root: Path) -> Path:
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / folder, tmp_path / "root" / folder)
    return tmp_path / "root"


@pytest.mark.slow
def test_site_url_makes_the_404_page_and_the_json_urls_work_under_a_sub_path(
    root: Path, tmp_path: Path
) -> None:
    site = tmp_path / "public"
    args = ["build", "--root", str(root), "--site-dir", str(site), "--today", TODAY]
    result = CliRunner().invoke(main, [*args, "--site-url", "https://intranet.example/team"])
    assert result.exit_code == 0, result.output
    page404 = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/team/assets/stylesheets/' in page404
    assert 'href="/assets/' not in page404
    actions = json.loads((site / "api/actions.json").read_text(encoding="utf-8"))
    assert actions[0]["url"].startswith("https://intranet.example/team/sessions/2026/")


@pytest.mark.parametrize("bad", ["intranet/handover", "ftp://host/", "https://", "https://a b/"])
def test_a_site_url_that_is_not_an_http_address_is_a_usage_error(
    root: Path, tmp_path: Path, bad: str
) -> None:
    site = tmp_path / "public"
    args = ["build", "--root", str(root), "--site-dir", str(site), "--site-url", bad]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "--site-url" in result.output
    assert not site.exists()
