"""The reader's site: the new-hire path, freshness, MQL history, tags and search."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from generator.derive.mql import changes, history
from generator.derive.tags import playbook_tags, session_tags, unique
from generator.engine.build import build_site
from generator.models import MqlFile, MqlVersion
from generator.pipeline import Result, generate
from generator.render.page_meta import path_steps
from generator.render.pages import start_path
from tests.conftest import REPO, TODAY
from tests.pagefind_index import indexed

D = dt.date


def version(
    effective: D, threshold: int, criteria: list[tuple[str, str, int]], **extra: object
) -> MqlVersion:
    return MqlVersion.model_validate(
        {
            "effective": effective,
            "summary": "s",
            "threshold": threshold,
            "criteria": [{"name": n, "kind": k, "points": p} for n, k, p in criteria],
            **extra,
        }
    )


def html(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


# --- MQL history ----------------------------------------------------------------


def test_mql_changes_added_removed_reweighted_threshold_and_sla() -> None:
    before = version(
        D(2026, 1, 5),
        50,
        [("Title", "fit", 20), ("Webinar", "behaviour", 10), ("Demo", "behaviour", 25)],
        sla_hours=24,
        disqualifiers=["Competitor"],
    )
    after = version(
        D(2026, 6, 1),
        60,
        [("title", "fit", 25), ("Demo", "behaviour", 25), ("Event talk", "behaviour", 20)],
        sla_hours=12,
        disqualifiers=["Competitor", "Customer"],
        handover=["Source"],
    )
    ch = changes(before, after)
    assert ch.since == D(2026, 1, 5)
    assert [c.name for c in ch.added] == ["Event talk"]
    assert [c.name for c in ch.removed] == ["Webinar"]
    assert [(r.name, r.points_before, r.points_after) for r in ch.reweighted] == [("title", 20, 25)]
    assert ch.threshold == (50, 60) and ch.sla_hours == (24, 12)
    assert ch.disqualifiers_added == ["Customer"] and ch.disqualifiers_removed == []
    assert ch.handover_added == ["Source"] and not ch.empty


def test_mql_changes_kind_only_sla_dropped_and_nothing_changed() -> None:
    a = version(D(2026, 1, 5), 50, [("Title", "fit", 20)], sla_hours=24)
    b = version(D(2026, 2, 5), 50, [("Title", "behaviour", 20)])
    ch = changes(a, b)
    assert [(r.kind_before, r.kind_after) for r in ch.reweighted] == [("fit", "behaviour")]
    assert ch.sla_hours == (24, None) and ch.threshold is None
    assert changes(a, a.model_copy(update={"effective": D(2026, 3, 1)})).empty


def test_mql_history_compares_each_version_with_the_one_before_by_date() -> None:
    v1 = version(D(2026, 1, 5), 50, [("A", "fit", 1)])
    v2 = version(D(2026, 6, 1), 55, [("A", "fit", 1)])
    v3 = version(D(2027, 1, 4), 60, [("A", "fit", 1)])
    got = history(MqlFile(versions=[v3, v1, v2]))
    assert list(got) == [D(2026, 6, 1), D(2027, 1, 4)]
    assert got[D(2027, 1, 4)].threshold == (55, 60) and got[D(2027, 1, 4)].since == D(2026, 6, 1)
    assert history(None) == {}


def test_mql_page_shows_what_changed_between_versions(built_site: Path) -> None:
    page = html(built_site, "mql")
    assert "What changed from the version of 1 Jun 2026" in page
    assert "Threshold raised from 50 to" in page
    assert re.search(r"Re-weighted: Decision maker or influencer job title, from 20 to", page)
    assert "New criterion: Had a recorded conversation with us at an industry event" in page
    assert "Removed criterion: Registered for a webinar or open day" in page
    assert "within <strong>12 hours</strong>, was 24 hours" in page


# --- Tags -------------------------------------------------------------------------


def test_tags_are_unique_ignoring_case_and_spacing() -> None:
    assert unique(["Events", "events", " paid  search ", "", "paid search"]) == [
        "Events",
        "paid search",
    ]


def test_session_and_playbook_tags(example_result: Result) -> None:
    content = example_result.content
    session = next(s for s in content.sessions if s.id == "2026-11-16-weekly")
    tags = session_tags(session, content)
    assert tags[:3] == ["content", "events", "webinar"]  # channels of its leads first
    assert {"university", "mql", "Marketing", "Sales"} <= set(tags)
    playbook = next(p for p in content.playbooks if p.id == "university")
    assert playbook_tags(playbook) == ["education", "seasonal", "parents", "Client A, a university"]


def test_tag_pages_list_playbooks_and_people_and_each_year_its_sessions(
    built_site: Path,
) -> None:
    index = html(built_site, "tags")
    for anchor in ("tag:marketing", "tag:client-a-a-university"):
        assert f'id="{anchor}"' in index, anchor
    assert 'id="tag:events"' not in index  # a tag of sessions only
    assert "Week 47 handover" not in index
    marketing = index.split('id="tag:marketing"')[1].split('id="tag:')[0]
    assert "Ana Ruiz" in marketing
    year = html(built_site, "sessions/2026")
    events = year.split('id="tag:events"')[1].split('id="tag:')[0]
    assert "Week 47 handover" in events
    session = html(built_site, "sessions/2026/2026-11-16-weekly")
    assert 'href="../#tag:events"' in session
    playbook = html(built_site, "playbooks/university")
    assert 'href="../../tags/#tag:client-a-a-university"' in playbook


# --- The new-hire path -----------------------------------------------------------


def test_start_path_order(example_result: Result) -> None:
    assert example_result.facts is not None
    targets = [target for _, target, _ in start_path(example_result.facts)]
    assert targets == [
        "why-handover.md",
        "handover-session.md",
        "funnel.md",
        "mql.md",
        "when-a-lead-arrives.md",
        "glossary.md",
        "playbooks/index.md",
        "people/index.md",
        "sessions/index.md",
    ]


def test_path_steps_link_neighbours() -> None:
    steps = path_steps([("A", "a.md", ""), ("B", "b.md", ""), ("C", "c.md", "")])
    assert steps["a.md"].previous.target == "start/index.md"
    assert steps["b.md"].previous.target == "a.md" and steps["b.md"].next is not None
    assert steps["b.md"].next.target == "c.md"
    assert steps["c.md"].next is None and steps["c.md"].number == 3 == steps["c.md"].total


def test_every_page_on_the_path_links_to_the_next_and_previous(built_site: Path) -> None:
    addresses = [
        "start",
        "why-handover",
        "handover-session",
        "funnel",
        "mql",
        "when-a-lead-arrives",
        "glossary",
        "playbooks",
        "people",
        "sessions",
    ]
    for i, address in enumerate(addresses[1:], start=1):
        page = html(built_site, address)
        box = page.split('class="ho-path"')[1].split("</div>")[0]
        links = re.findall(r'href="\.\./([^"]*)"', box)
        previous = "" if addresses[i - 1] == "start" else addresses[i - 1] + "/"
        expected = ["start/", previous or "start/"]
        if i + 1 < len(addresses):
            expected.append(addresses[i + 1] + "/")
        else:  # the path ends with what next: your page, your calendar, the actions board
            expected += ["people/", "actions/", "when-a-lead-arrives/"]
            assert "What next:" in box and "subscribe to your calendar" in box
        assert links == expected, (address, links)
    start = html(built_site, "start")
    listed = re.findall(r'<li><a href="\.\./([^"]*)"', start.split('class="md-content"')[1])
    assert listed[: len(addresses) - 1] == [a + "/" for a in addresses[1:]]


# --- Freshness ---------------------------------------------------------------------


def test_stale_playbook_carries_a_needs_review_banner(built_site: Path) -> None:
    stale = html(built_site, "playbooks/call-centre-saas")
    assert re.search(
        r'class="admonition warning"[^>]*>\s*<p class="admonition-title">Needs review', stale
    )
    fresh = html(built_site, "playbooks/university")
    assert "Needs review" not in fresh
    assert (
        "<strong>Owner:</strong>" in fresh and "<strong>Last review:</strong> 1 Oct 2026" in fresh
    )


def test_pages_show_when_their_source_last_changed(built_site: Path) -> None:
    session = html(built_site, "sessions/2026/2026-11-16-weekly")
    assert 'Last changed <time datetime="2026-11-17">17 Nov 2026</time>' in session
    assert "Last changed" in html(built_site, "why-handover")
    assert "Last changed" not in html(built_site, "sessions/2026/2026-11-09-expo-debrief")
    assert "Last changed" not in html(built_site, "actions")


def test_playbook_lists_the_sessions_whose_leads_used_it(built_site: Path) -> None:
    page = html(built_site, "playbooks/university")
    used = page.split('id="sessions-that-used-this-playbook"')[1]
    assert "Week 47 handover" in used and "2026-10-05-mql-alignment/" in used


# --- Search --------------------------------------------------------------------------


def test_search_index_covers_sessions_actions_playbooks_and_people(built_site: Path) -> None:
    index = indexed(built_site)
    locations = {url.split("#")[0] for url in index}
    for address in (
        "/sessions/2026/2026-11-16-weekly/",
        "/actions/",
        "/playbooks/university/",
        "/people/ana/",
        "/people/",
        "/mql/",
    ):
        assert address in locations, address
    kinds = {url: doc["filters"].get("kind") for url, doc in index.items()}
    # A session that agreed actions is found as one as well; its actions are its rows.
    assert kinds["/sessions/2026/2026-11-16-weekly/"] == ["session", "action"]
    anchors = [a["id"] for a in index["/sessions/2026/2026-11-16-weekly/"]["anchors"]]
    assert "action-a1" in anchors
    assert kinds["/playbooks/university/"] == ["playbook"]
    assert kinds["/people/ana/"] == ["person"]
    assert kinds["/mql/"] == kinds["/glossary/"] == ["definition"]
    session = index["/sessions/2026/2026-11-16-weekly/"]["filters"]
    assert session["year"] == ["2026"] and set(session["team"]) == {"Marketing", "Sales"}
    assert "Client A, a university" in session["client"]
    assert index["/playbooks/university/"]["filters"]["team"] == ["Sales"]


def test_tags_are_shown_as_text_never_as_html(tmp_path: Path) -> None:
    """Material's tags plugin writes tag names into the HTML as they are: they are escaped."""
    root = tmp_path / "root"
    for area in ("content", "playbooks", "sessions"):
        shutil.copytree(REPO / area, root / area)
    session = root / "sessions/2026/2026-11-16-weekly.yaml"
    text = session.read_text(encoding="utf-8")
    hostile = 'tags: ["<img src=x onerror=alert(1)>", "R&D"]'
    session.write_text(text.replace("tags: [university, mql]", hostile), encoding="utf-8")
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    build_site(result, tmp_path / "site", strict=True)
    for address in ("sessions/2026/2026-11-16-weekly", "sessions/2026"):
        page = html(tmp_path / "site", address)
        assert "<img src=x" not in page, address
        assert "&lt;img src=x onerror=alert(1)&gt;</" in page, address
        assert ">R&amp;D</" in page, address
