"""The tables of a session page written by render/session_html.py, in the branches the
example site and the export comparisons do not reach."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS
from typing import Any

from markupsafe import Markup

from generator.render.html import environment
from generator.render.session_html import _join

PAGE = "sessions/2026/2026-11-16-weekly.md"
DAY = dt.date(2026, 12, 1)
PEOPLE = {"ana": NS(name="Ana")}
TEAMS = {"sales": NS(name="Sales & Co")}


def render(call: str, **context: Any) -> list[str]:
    template = environment().from_string("{{ " + call + " }}")
    common = {"page": PAGE, "people": PEOPLE, "teams": TEAMS, "glossary_terms": {"MQL": "m"}}
    return template.render(**common, **context).splitlines()


def test_a_lead_groups_playbook_unknown_to_the_site_is_linked_by_its_id() -> None:
    group = NS(source="Expo", channel="event", count=3, momentum=None, playbook="gone")
    group.ready_by, group.assigned_to = DAY, ("sales",)
    out = render("lead_groups(groups, playbooks)", groups=[group], playbooks={})
    assert '<td data-label="Playbook"><a href="../../../playbooks/gone/">gone</a></td>' in out
    assert '<td data-label="Momentum"></td>' in out  # not written: empty, not "None"
    assert '<td data-label="Leads" style="text-align: right;">3</td>' in out
    assert '<th style="text-align: right;">Leads</th>' in out


def test_an_action_followed_up_since_says_what_it_was_agreed_as() -> None:
    action = NS(what="Send the MQL <list>", team="sales", owner="ana", due=DAY, status="open")
    e = NS(local_id="a1", action=action, status="done", overdue=False, updates=[1])
    out = render("session_actions(entries)", entries=[e])
    assert '<td data-label="#"><span id="action-a1"></span>a1</td>' in out
    assert '<td data-label="Action">Send the <abbr title="m">MQL</abbr> &lt;list&gt;</td>' in out
    assert (
        '<td data-label="Status now" class="ho-card-first">'
        '<span class="ho-status ho-done">done</span> (was open)</td>'
    ) in out
    assert "<th>Status now</th>" in out


def test_a_raci_matrix_marks_empty_cells_and_names_each_cells_party() -> None:
    raci = NS(parties=["ana", "sales"], rows=[NS(activity="MQL review", cells=[("R", "A"), ()])])
    out = render("raci_matrix(raci)", raci=raci)
    badges = (
        '<span class="ho-raci ho-raci-r" title="Responsible">R</span> '
        '<span class="ho-raci ho-raci-a" title="Accountable">A</span>'
    )
    assert f'<td data-label="Ana">{badges}</td>' in out
    assert '<td data-label="Sales &amp; Co" class="ho-card-empty"></td>' in out
    assert '<th style="text-align: center;"><strong>Sales &amp; Co</strong></th>' in out
    assert out[0] == '<div class="ho-raci-matrix">' and out[-1] == "</div>"


def test_a_plans_predecessors_are_joined_as_jinja_joins_them() -> None:
    task = NS(task="Call", owner="ana", days=2, after=["t1", "t2"], start=DAY, end=DAY)
    task.slack, task.critical = 0, True
    out = render("plan_table(plan)", plan=[task])
    assert '<td data-label="After">t1, t2</td>' in out
    assert '<td data-label="Critical" style="text-align: center;"><strong>yes</strong></td>' in out
    assert _join(["a&b", Markup("<i>c</i>")], ", ") == "a&amp;b, <i>c</i>"
    assert _join(["a&b", "c"], ", ") == "a&b, c"
