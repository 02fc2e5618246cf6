"""The debriefs on the site: a tab per team on the session page, a light page per team."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from ruamel.yaml.comments import CommentedMap

from generator import addresses as at
from generator.engine.config import NOT_IN_NAV, navigation, site_config
from generator.pipeline import Result, generate
from tests.conftest import CHANGED, TODAY
from tests.pagefind_index import indexed
from tests.test_markdown_field import dangers

WEEK47 = "sessions/2026/2026-11-16-weekly.md"
TAB = re.compile(r'<label for="__tabbed_1_\d+">(.*?)</label>')  # the debrief tabs


def copy_root(example_root: Path, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / folder, root / folder)
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def to_html(text: str) -> str:
    """A page as MkDocs would render its body with the site's extensions."""
    return markdown.markdown(
        text.split("\n---\n", 1)[-1],
        extensions=["abbr", "attr_list", "md_in_html", "tables", "pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )


def debrief_paths(result: Result) -> set[str]:
    return {path for path in result.pages if "/debrief/" in path}


# --- the session page ----------------------------------------------------------------


def test_the_session_page_has_a_tab_per_team_with_a_share_link(example_result: Result) -> None:
    page = str(example_result.pages[WEEK47])
    assert TAB.findall(page) == ["Marketing", "Sales"]
    for team in ("marketing", "sales"):
        share = f"/sessions/2026/2026-11-16-weekly/debrief/{team}/"
        assert f'<a class="ho-share" href="debrief/{team}/">{share}</a>' in page
    out = to_html(page)
    labels = re.findall(r'<label for="__tabbed_\d+_\d+">(.*?)</label>', out)
    assert labels == ["Marketing", "Sales"]
    assert page.index("### Follow-ups on earlier actions") < page.index("### Debrief per team")


def test_the_agenda_shows_each_teams_minutes_against_the_time_box(example_result: Result) -> None:
    page = str(example_result.pages["sessions/2026/2026-11-09-expo-debrief.md"])
    assert "Sales 18 min (**over by 3**)" in page
    assert "Marketing 12 min." in page or "Marketing 12 min," in page
    assert page.index("## Agenda") < page.index("## 1. Listen and prepare")
    assert "## Agenda" not in str(example_result.pages["sessions/2026/2026-11-02-weekly.md"])


def test_a_team_gets_a_tab_and_a_page_only_where_it_has_a_part(
    tmp_path: Path, example_root: Path
) -> None:
    root = copy_root(example_root, tmp_path)
    replace_in(
        root / "content/team.yaml",
        "people:\n",
        "  - id: partners\n    name: Partners\npeople:\n  - id: pia\n    name: Pia\n"
        "    team: partners\n",
    )
    webinar = "    R: [carla]\n    A: ana\n    C: [hana]\n    I: [sales]\n"
    replace_in(root / WEEK47.replace(".md", ".yaml"), webinar, webinar.replace("[sales]", "[pia]"))
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    assert TAB.findall(str(result.pages[WEEK47])) == ["Marketing", "Sales", "Partners"]
    partners = {p for p in debrief_paths(result) if p.endswith("/partners.md")}
    assert partners == {"sessions/2026/2026-11-16-weekly/debrief/partners.md"}
    earlier = str(result.pages["sessions/2026/2026-11-09-expo-debrief.md"])
    assert TAB.findall(earlier) == ["Marketing", "Sales"]


def test_record_text_in_tabs_and_debriefs_stays_text(tmp_path: Path, example_root: Path) -> None:
    root = copy_root(example_root, tmp_path)
    evil = 'Sales | "B" <script>alert(1)</script> *x*'
    replace_in(root / "content/team.yaml", "name: Sales", f"name: '{evil}'")
    replace_in(
        root / WEEK47.replace(".md", ".yaml"),
        "activity: December webinar",
        "activity: 'December | webinar <img src=x onerror=alert(1)>'",
    )
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    for path in (WEEK47, "sessions/2026/2026-11-16-weekly/debrief/sales.md"):
        out = to_html(str(result.pages[path]))
        assert dangers(out) == [], path
        assert "December | webinar <img src=x onerror=alert(1)>" in html.unescape(out), path
    labels = re.findall(r"<label[^>]*>(.*?)</label>", to_html(str(result.pages[WEEK47])))
    assert [html.unescape(label) for label in labels] == ["Marketing", evil]


# --- the standalone pages ------------------------------------------------------------


def test_every_debrief_has_a_light_page_out_of_search_and_navigation(
    example_result: Result,
) -> None:
    facts = example_result.facts
    assert facts is not None
    expected = {d.path for debriefs in facts.debriefs.values() for d in debriefs}
    assert len(expected) == 2 * len(example_result.content.sessions)
    assert debrief_paths(example_result) == expected
    for path in expected:
        front = str(example_result.pages[path]).split("\n---\n", 1)[0] + "\n"
        assert "search:\n  exclude: true\n" in front, path
        assert "hide:\n  - navigation\n  - toc\n" in front, path
        assert "tags:" not in front, path
    assert "/debrief/" not in json.dumps(navigation(example_result.content))
    config = site_config(None, example_result.content)
    assert NOT_IN_NAV in str(config["not_in_nav"]).splitlines()


def test_a_debrief_page_has_h2_sections_and_links_back_to_its_session(
    example_result: Result,
) -> None:
    page = str(example_result.pages["sessions/2026/2026-11-16-weekly/debrief/sales.md"])
    assert page.count("\n# ") == 1 and "# Sales debrief: Week 47 handover" in page
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## What Sales does",
        "## What the other teams do that involves Sales",
        "## Leads handed to Sales",
        "## Still open from earlier sessions",
    ]
    assert "[Week 47 handover](../../2026-11-16-weekly.md)" in page


def test_a_sites_own_configuration_gets_the_tabs_and_keeps_its_not_in_nav(
    example_result: Result,
) -> None:
    user = CommentedMap(site_name="S", not_in_nav="drafts/\n")
    config = site_config(user, example_result.content)
    assert config["not_in_nav"].splitlines() == ["drafts/", NOT_IN_NAV, at.ACTIONS_YEARS_NOT_IN_NAV]
    assert config["markdown_extensions"][-1] == {"pymdownx.tabbed": {"alternate_style": True}}
    again = site_config(config, example_result.content)
    assert again["not_in_nav"].splitlines() == ["drafts/", NOT_IN_NAV, at.ACTIONS_YEARS_NOT_IN_NAV]


@pytest.mark.slow
def test_the_built_debrief_pages_are_at_their_addresses_and_not_in_the_search_index(
    built_site: Path,
) -> None:
    for team in ("marketing", "sales"):
        page = built_site / "sessions/2026/2026-11-16-weekly/debrief" / team / "index.html"
        text = page.read_text(encoding="utf-8")
        assert 'href="../../"' in text  # back to the session's minutes
    index = indexed(built_site)
    assert "/sessions/2026/2026-11-16-weekly/" in index
    assert not [url for url in index if "/debrief/" in url]
    # the tabs repeat steps 3 and 4: the session page has only the introduction indexed
    page = index["/sessions/2026/2026-11-16-weekly/"]
    assert "debrief-per-team" in [a["id"] for a in page["anchors"]]
    assert "short address" in page["content"] and "What Sales does" not in page["content"]
    assert "What Sales does" not in json.dumps(index)


def test_an_older_sessions_debrief_address_leads_to_its_tab_on_the_session_page(
    example_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the latest sessions' debriefs get pages of their own; an older debrief's
    address is a redirect that opens the team's tab of the session page."""
    from generator.engine.build import build_site
    from generator.render import pages as pages_module

    monkeypatch.setattr(pages_module, "DEBRIEF_PAGES", 1)
    result = generate(example_root, TODAY, history=lambda _root: CHANGED)
    newest, older = result.content.sessions_by_date()[-1], result.content.sessions_by_date()[-2]
    assert result.facts is not None
    assert f"sessions/2026/{newest.id}/debrief/sales.md" in result.pages
    debriefs = result.facts.debriefs[older.id]
    assert not any(
        p.startswith(f"sessions/2026/{older.id}/debrief/") and p.endswith(".md")
        for p in result.pages
    )
    site = tmp_path / "site"
    build_site(result, site, strict=True)  # every share link leads somewhere
    session_html = (site / f"sessions/2026/{older.id}/index.html").read_text()
    for number, debrief in enumerate(debriefs, start=1):
        redirect = (
            site / f"sessions/2026/{older.id}/debrief/{debrief.team}/index.html"
        ).read_text()
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect)
        assert target is not None
        assert target.group(1) == f"../../#__tabbed_1_{number}"
        team_name = result.content.teams[debrief.team].name
        assert re.search(
            rf'<label for="__tabbed_1_{number}">\s*{team_name}\s*</label>', session_html
        )
        assert f'id="__tabbed_1_{number}"' in session_html
