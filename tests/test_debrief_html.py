"""A team debrief's parts as HTML (render/debrief_html.py), branch by branch: the example
site and the export comparisons cover what a real site has; these the rest."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS
from typing import Any

from generator.render.html import environment

PAGE = "sessions/2026/2026-11-16-weekly.md"
DUE = dt.date(2026, 12, 1)
PEOPLE = {"ana": NS(name="Ana <A&B>")}
TEAMS = {"sales": NS(name="Sales & Co"), "marketing": NS(name="Marketing")}
GLOSSARY = {"MQL": "marketing qualified lead", "Owner": "who does it"}


def entry(local_id: str, what: str, **more: Any) -> NS:
    action = NS(what=what, team="marketing", owner="ana", due=DUE)
    session = NS(page="sessions/2026/2026-11-02-weekly.md", title="Weekly 2 Nov")
    fields = {"status": "open", "overdue": False, "days_overdue": 0, **more}
    return NS(local_id=local_id, action=action, session=session, **fields)


def debrief(**fields: Any) -> NS:
    empty: dict[str, Any] = dict(own=(), helping=(), raci=(), leads=(), carried=())
    return NS(**{"team": "sales", "session": None, "carried_total": 0, **empty, **fields})


def part(d: NS, key: str, rule: Any = None) -> str:
    template = environment().from_string("{{ debrief_part(d, key) }}")
    return template.render(
        page=PAGE,
        people=PEOPLE,
        teams=TEAMS,
        glossary_terms=GLOSSARY,
        lead_rule=lambda _session, _group: rule,
        d=d,
        key=key,
    )


def test_an_empty_part_says_so_with_the_teams_name_escaped_once() -> None:
    d = debrief()
    assert part(d, "own") == "<p><em>No actions for Sales &amp; Co in this session.</em></p>"
    assert part(d, "helping").splitlines() == [
        "<p><em>No action of another team involves Sales &amp; Co.</em></p>",
        "<p><em>Sales &amp; Co has no part in any activity of this session.</em></p>",
    ]
    assert part(d, "leads") == "<p><em>No leads were handed to Sales &amp; Co.</em></p>"
    assert "Sales &amp; Co had no actions" in part(d, "carried")


def test_actions_are_rows_with_the_owner_linked_the_status_and_the_glossary() -> None:
    late = entry("a1", "Send the MQL list <now>", status="open", overdue=True, days_overdue=3)
    own = part(debrief(own=(late,)), "own")
    assert '<th><abbr title="who does it">Owner</abbr></th>' in own
    assert "<th>Team</th>" not in own
    assert (
        '<td>Send the <abbr title="marketing qualified lead">MQL</abbr> list &lt;now&gt;</td>'
    ) in own
    assert '<td><a href="../../../people/ana/">Ana &lt;A&amp;B&gt;</a></td>' in own
    assert '<span class="ho-when">1 Dec 2026</span>' in own
    assert "overdue 3d</span>" in own
    helping = part(debrief(helping=(late,)), "helping")
    assert "<th>Team</th>" in helping and "<td>Marketing</td>" in helping


def test_raci_rows_name_the_teams_part_and_its_parties() -> None:
    row = NS(activity="Webinar", part=(("R", ("ana",)), ("C", ("marketing",))))
    row.responsible, row.accountable = ("ana", "sales"), "ana"
    out = part(debrief(raci=(row,)), "helping").splitlines()
    assert "<th>Part of Sales &amp; Co</th>" in out
    ana = '<a href="../../../people/ana/">Ana &lt;A&amp;B&gt;</a>'
    assert f"<td>Responsible: {ana}; Consulted: <strong>Marketing</strong></td>" in out
    assert f"<td>{ana}, <strong>Sales &amp; Co</strong></td>" in out


def test_a_lead_group_without_a_playbook_says_none_and_its_first_contact_rule() -> None:
    group = NS(source="Expo", channel="event", count=12, ring="core", ready_by=DUE)
    group.assigned_to = ("ana",)
    rule = NS(playbook=None, mql_hours=12, tiers=(), tighter=())
    out = part(debrief(leads=(group,)), "leads", rule).splitlines()
    row = out[out.index("<tbody>") + 1 : out.index("</tbody>")]
    assert row[1:9] == [
        "<td>Expo</td>",
        "<td>event</td>",
        '<td style="text-align: right;">12</td>',
        "<td>core</td>",
        "<td>none</td>",
        "<td>1 Dec 2026</td>",
        "<td>12 h</td>",
        '<td><a href="../../../people/ana/">Ana &lt;A&amp;B&gt;</a></td>',
    ]
    assert out[-1].endswith(
        '<a href="../../../when-a-lead-arrives/">When a lead arrives</a> has every tier.</p>'
    )


def test_more_carried_actions_than_shown_link_the_actions_page() -> None:
    shown = (entry("a1", "One"), entry("a2", "Two"))
    out = part(debrief(carried=shown, carried_total=5), "carried").splitlines()
    assert out[0] == (
        "<p>The 2 due first of 5 actions of Sales &amp; Co that were still open after this"
        ' session; all of them are on the <a href="../../../actions/">actions page</a>.</p>'
    )
    assert '<td><a href="../2026-11-02-weekly/">Weekly 2 Nov</a></td>' in out
    every = part(debrief(carried=shown, carried_total=2), "carried").splitlines()
    assert every[0].startswith("<p>The actions of Sales &amp; Co that were still open")


def team_parts(*parts: NS) -> list[str]:
    template = environment().from_string("{{ team_parts(parts) }}")
    out = template.render(
        page=PAGE, people=PEOPLE, teams=TEAMS, glossary_terms=GLOSSARY, parts=parts
    )
    return out.splitlines()


def test_a_teams_part_without_own_actions_or_a_ready_date_says_so_in_plain_text() -> None:
    group = NS(source="Expo <A>", count=3, ring="outer", ready_by=None, assigned_to=("sales",))
    row = NS(activity="MQL <review>")
    d = debrief(helping=(entry("a1", "x"),), leads=(group,))
    out = team_parts(NS(debrief=d, roles=((row.activity, (("A", ("ana",)),)),)))
    assert out[:2] == [
        '<div class="ho-team-parts">',
        '<section class="ho-team-part" id="team-sales" data-ho-team="sales"'
        ' aria-labelledby="ho-part-sales">',
    ]
    assert "<p>None of its own.</p>" in out
    assert "<p>And 1 action of another team that involves it: see the debrief.</p>" in out
    assert "<li>3 from Expo &lt;A&gt;, outer ring: <strong>Sales &amp; Co</strong></li>" in out
    badge = '<span class="ho-raci ho-raci-a" title="Accountable">A</span>'
    ana = '<a href="../../../people/ana/">Ana &lt;A&amp;B&gt;</a>'
    assert f"<li>MQL &lt;review&gt;: {badge} {ana}</li>" in out  # no tooltips here
    assert out[-2:] == ["</section>", "</div>"]


def test_a_teams_own_actions_link_their_rows_and_several_helping_are_counted() -> None:
    d = debrief(own=(entry("a1", "Call <back>"),), helping=(entry("a2", "x"), entry("a3", "y")))
    out = team_parts(NS(debrief=d, roles=()))
    ana = '<a href="../../../people/ana/">Ana &lt;A&amp;B&gt;</a>'
    assert (
        '<li><span class="ho-status ho-open">open</span> <a href="#action-a1">Call &lt;back&gt;'
        f'</a>: {ana}, due <span class="ho-when">1 Dec 2026</span></li>'
    ) in out
    assert "<p>And 2 actions of other teams that involve it: see the debrief.</p>" in out
    assert not any("RACI roles" in line or "Leads it receives" in line for line in out)
