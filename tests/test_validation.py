"""Validation rules of the content contract (CONTENT.md, "Validation").

Every test starts from a minimal valid root and breaks exactly one thing, with the
YAML written out in full so that the expected line numbers can be read off the text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.diagnostics import Collector, Diagnostic
from generator.validate import validate_root

TODAY = dt.date(2026, 11, 23)  # a Monday
NEW = "sessions/2026/2026-11-16-weekly.yaml"  # the extra session most tests add

# --- a minimal valid root -------------------------------------------------------------

TEAM = """\
teams:
  - id: marketing
    name: Marketing
    lead: ana
  - id: sales
    name: Sales
    lead: ben
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
    role: Head of Growth
  - id: ben
    name: Ben Okafor
    team: sales
  - id: carla
    name: Carla Mendes
    team: marketing
rotation: [carla, ana, ben]
"""

MQL = """\
versions:
  - effective: 2026-01-05
    summary: Agreed at the January alignment session
    threshold: 50
    criteria:
      - name: Decision maker or influencer title
        kind: fit
        points: 20
      - name: Personal email on a B2B enquiry
        kind: fit
        points: -10
    disqualifiers: [Works for a competitor]
    handover:
      - Source campaign and first touch
    sla_hours: 24
"""

FUNNEL = """\
stages:
  - id: mql
    name: Marketing Qualified Lead
    owner: marketing
    entry: Score reaches the MQL threshold
    exit: Sales accepts or returns the lead
  - id: sal
    name: Sales Accepted Lead
    owner: sales
alignment:
  - topic: One CRM lifecycle field
    teams: [marketing, sales]
    note: Both teams read and write the same stage field.
"""

GLOSSARY = """\
terms:
  - term: MQL
    means: Marketing Qualified Lead
  - term: SAL
    means: Sales Accepted Lead
"""

PLAYBOOK = """\
---
name: University admissions
client: Client A, a university
owner: ben
reviewed: 2026-10-01
tiers:
  - name: Tier 1
    when: Parents are part of the decision
    first_touch_hours: 12
    follow_up_hours: [12, 48, 72]
stakeholders:
  - role: Student
    influence: decides
seasons:
  - name: Summer matriculation
    months: [6, 7, 8]
    guidance: Contact leads the same day.
handover_checklist: [Intended programme and start term]
tags: [education, seasonal]
---
## Situation

Applicants enquire all year round.
"""

SESSION_1 = """\
date: 2026-11-02
title: Week 45 handover
facilitators: [ana, ben]
minute_taker: carla
attendees: [ana, ben, carla]
context:
  - kind: absence
    note: Two sales reps on holiday until Wednesday.
leads:
  - source: Open-day webinar
    channel: events
    count: 30
    ring: core
    momentum: rising
    playbook: uni
    ready_by: 2026-11-04
    assigned_to: [ben]
actions:
  - id: a1
    what: Convert the webinar leads to MQLs
    team: marketing
    owner: ana
    due: 2026-11-06
    status: open
  - id: a2
    what: Call the Tier 1 leads
    team: sales
    owner: ben
    due: 2026-12-04
raci:
  - activity: Qualify the webinar leads
    R: [carla]
    A: ana
    C: [ben]
    I: [sales]
plan:
  - id: sheet
    task: Lead sheet
    owner: carla
    days: 2
    start: 2026-11-03
  - id: calls
    task: Call round
    owner: ben
    days: 3
    after: [sheet]
decisions: [Webinar leads need 50 points to become MQLs]
notes: |
  Free-form minutes.
  Nothing else to note.
tags: [events]
"""

# Follows up 2026-11-02-weekly/a1 (which is due 2026-11-06: done, so not overdue).
SESSION_2 = """\
date: 2026-11-09
facilitators: [ana, ben]
minute_taker: ana
attendees: [ana, ben, carla]
actions:
  - what: Send the expo badge scans to Sales
    team: marketing
    owner: carla
    due: 2026-12-01
    status: in-progress
follow_up:
  - action: 2026-11-02-weekly/a1
    status: done
    note: All thirty converted.
"""

VALID_FILES = {
    "content/team.yaml": TEAM,
    "content/mql.yaml": MQL,
    "content/funnel.yaml": FUNNEL,
    "content/glossary.yaml": GLOSSARY,
    "playbooks/uni.md": PLAYBOOK,
    "sessions/2026/2026-11-02-weekly.yaml": SESSION_1,
    "sessions/2026/2026-11-09-weekly.yaml": SESSION_2,
}


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def make_valid_root(root: Path) -> Path:
    for rel, text in VALID_FILES.items():
        write(root, rel, text)
    return root


def run(root: Path, today: dt.date | None = TODAY) -> Collector:
    diags = Collector()
    validate_root(root, diags, today)
    return diags


def show(diags: Collector) -> str:
    return "\n".join(d.text() for d in diags.sorted()) or "(no diagnostics)"


def one(diags: Collector, severity: str, fragment: str) -> Diagnostic:
    """The single diagnostic of this severity whose message contains fragment."""
    found = [d for d in diags.items if d.severity == severity and fragment in d.message]
    assert len(found) == 1, f"expected one {severity} with {fragment!r}, got:\n{show(diags)}"
    return found[0]


def only_error(diags: Collector) -> Diagnostic:
    assert len(diags.errors) == 1, show(diags)
    return diags.errors[0]


def assert_at(d: Diagnostic, path: str, line: int, severity: str, fragment: str) -> None:
    assert (d.path, d.line, d.severity) == (path, line, severity), d.text()
    assert fragment in d.message, d.text()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_valid_root(tmp_path)


# --- the valid root ---------------------------------------------------------------------


def test_valid_root_has_no_problems(root: Path) -> None:
    diags = Collector()
    content = validate_root(root, diags, TODAY)
    assert diags.errors == [], show(diags)
    assert diags.warnings == [], show(diags)
    assert sorted(content.people) == ["ana", "ben", "carla"]
    assert sorted(content.teams) == ["marketing", "sales"]
    assert [s.id for s in content.sessions_by_date()] == [
        "2026-11-02-weekly",
        "2026-11-09-weekly",
    ]
    assert [p.id for p in content.playbooks] == ["uni"]
    assert content.mql is not None and len(content.mql.versions) == 1
    assert content.glossary.terms and content.funnel.stages


def test_valid_root_without_today_has_no_problems(root: Path) -> None:
    diags = run(root, today=None)
    assert diags.items == [], show(diags)


def test_empty_root_has_no_problems(tmp_path: Path) -> None:
    diags = run(tmp_path)
    assert diags.items == []


def test_files_that_are_not_content_are_ignored(root: Path) -> None:
    write(root, "content/logo.png", b"\x89PNG\r\n\x1a\n\x00\xff")
    write(root, "playbooks/README.txt", "not a playbook")
    write(root, "content/notes/draft.yaml", "anything: [")
    diags = run(root)
    assert diags.items == [], show(diags)


# --- fields --------------------------------------------------------------------------


def test_unknown_field_in_a_session_is_an_error_with_a_hint(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    ownr: ana
    due: 2026-12-01
""",
    )
    diags = run(root)
    d = one(diags, "error", "unknown field 'ownr'")
    assert_at(d, NEW, 9, "error", "did you mean 'owner'")
    assert d.col == 5  # the key itself
    # the typo also leaves 'owner' missing; nothing else is wrong
    assert {e.message for e in diags.errors} == {
        "unknown field 'ownr' (did you mean 'owner'?)",
        "missing required field 'owner'",
    }, show(diags)


def test_unknown_top_level_field_in_team_file(root: Path) -> None:
    write(root, "content/team.yaml", TEAM.replace("rotation:", "rotaton:"))
    d = only_error(run(root))
    assert_at(d, "content/team.yaml", 19, "error", "unknown field 'rotaton'")
    assert "did you mean 'rotation'" in d.message
    assert d.col == 1


def test_missing_required_field_in_an_action(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
""",
    )
    d = only_error(run(root))
    # the field is absent, so the diagnostic points at the action that lacks it
    assert_at(d, NEW, 6, "error", "missing required field 'due'")


def test_missing_required_top_level_field(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
attendees: [ana, carla]
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 1, "error", "missing required field 'minute_taker'")


def test_missing_required_field_in_playbook_front_matter(root: Path) -> None:
    write(root, "playbooks/uni.md", PLAYBOOK.replace("client: Client A, a university\n", ""))
    d = only_error(run(root))
    assert_at(d, "playbooks/uni.md", 2, "error", "missing required field 'client'")


# --- references ----------------------------------------------------------------------


def test_unknown_person_suggests_the_closest_id(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: anna
    due: 2026-12-01
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 9, "error", "unknown person 'anna'")
    assert "did you mean 'ana'" in d.message
    assert d.col == 12


def test_unknown_person_in_a_flow_list_points_at_the_item(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla, bne]
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 4, "error", "unknown person 'bne'")
    assert "did you mean 'ben'" in d.message
    assert d.col == 25


def test_unknown_team(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: sale
    owner: ana
    due: 2026-12-01
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "unknown team 'sale'")
    assert "did you mean 'sales'" in d.message


def test_unknown_team_of_a_person(root: Path) -> None:
    write(root, "content/team.yaml", TEAM.replace("    team: sales\n", "    team: slaes\n"))
    d = only_error(run(root))
    assert_at(d, "content/team.yaml", 15, "error", "unknown team 'slaes'")


def test_unknown_playbook_in_leads(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: 12
    ring: middle
    playbook: unii
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", "unknown playbook 'unii'")
    assert "did you mean 'uni'" in d.message


@pytest.mark.parametrize(
    ("team_yaml", "line", "fragment"),
    [
        pytest.param(
            """\
teams:
  - id: marketing
    name: Marketing
  - id: sales
    name: Sales
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
  - id: ben
    name: Ben Okafor
    team: sales
  - id: carla
    name: Carla Mendes
    team: marketing
  - id: sales
    name: Sales Inbox
    team: sales
""",
            16,
            "duplicate id 'sales'",
            id="person-id-equals-team-id",
        ),
        pytest.param(
            """\
teams:
  - id: marketing
    name: Marketing
  - id: sales
    name: Sales
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
  - id: ben
    name: Ben Okafor
    team: sales
  - id: ana
    name: Ana Other
    team: marketing
  - id: carla
    name: Carla Mendes
    team: marketing
""",
            13,
            "duplicate id 'ana'",
            id="two-people",
        ),
        pytest.param(
            """\
teams:
  - id: marketing
    name: Marketing
  - id: sales
    name: Sales
  - id: marketing
    name: Growth
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
  - id: ben
    name: Ben Okafor
    team: sales
  - id: carla
    name: Carla Mendes
    team: marketing
""",
            6,
            "duplicate id 'marketing'",
            id="two-teams",
        ),
    ],
)
def test_duplicate_ids_among_teams_and_people(
    root: Path, team_yaml: str, line: int, fragment: str
) -> None:
    write(root, "content/team.yaml", team_yaml)
    d = only_error(run(root))
    assert_at(d, "content/team.yaml", line, "error", fragment)


def test_duplicate_action_id_in_a_session(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
  - id: a1
    what: Print the flyers
    team: marketing
    owner: carla
    due: 2026-12-02
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 11, "error", "duplicate action id 'a1'")


def test_explicit_id_clashing_with_a_default_id(root: Path) -> None:
    # the second action has no id, so it is a2 by default: the same as the first
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a2
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
  - what: Print the flyers
    team: marketing
    owner: carla
    due: 2026-12-02
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 11, "error", "duplicate action id 'a2'")


# --- session files -------------------------------------------------------------------


def test_file_name_date_differs_from_date_field(root: Path) -> None:
    write(
        root,
        NEW,
        """\
title: Week 47 handover
date: 2026-11-17
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 2, "error", "does not match the file name")
    assert "2026-11-17" in d.message


def test_session_in_the_wrong_year_folder(root: Path) -> None:
    rel = "sessions/2025/2026-11-16-weekly.yaml"
    write(
        root,
        rel,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
""",
    )
    d = only_error(run(root))
    assert_at(d, rel, 1, "error", "sessions/2026/2026-11-16")


@pytest.mark.parametrize(
    "rel",
    [
        "sessions/notes.txt",
        "sessions/2026/week47.yaml",
        "sessions/2026/2026-11-16-Weekly.yaml",
        "sessions/2026-11-16-weekly.yaml",
        "sessions/2026/2026-11-16-weekly.md",
    ],
)
def test_stray_file_in_sessions_is_an_error(root: Path, rel: str) -> None:
    write(root, rel, "date: 2026-11-16\n")
    d = only_error(run(root))
    assert_at(d, rel, 1, "error", "unexpected file in sessions/")


def test_session_named_without_a_slug_is_fine(root: Path) -> None:
    write(
        root,
        "sessions/2026/2026-11-16.yml",
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
""",
    )
    diags = run(root)
    assert diags.items == [], show(diags)


def test_minute_taker_not_among_attendees(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
attendees: [ana, carla]
minute_taker: ben
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 4, "error", "minute-taker 'ben' is not among the attendees")


# --- RACI ------------------------------------------------------------------------------


def test_raci_with_two_accountable_people(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
raci:
  - activity: Qualify the expo leads
    R: [carla]
    A: [ana, ben]
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "one person is accountable (A)")


def test_raci_with_nobody_responsible(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
raci:
  - activity: Qualify the expo leads
    A: ana
    R: []
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "'R' needs at least 1 item")


def test_raci_party_may_be_a_team(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
raci:
  - activity: Qualify the expo leads
    R: [marketing]
    A: ana
    I: [sales, ben]
""",
    )
    diags = run(root)
    assert diags.items == [], show(diags)


# --- plan ------------------------------------------------------------------------------


def test_plan_after_an_unknown_task(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: 3
    start: 2026-11-17
  - id: mailing
    task: Invitation mailing
    owner: ana
    days: 1
    after: [landing, qa-sheet]
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 15, "error", "unknown task id 'qa-sheet'")


def test_plan_cycle(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: a
    task: First
    owner: carla
    days: 1
    after: [b]
  - id: b
    task: Second
    owner: ana
    days: 1
    after: [a]
""",
    )
    d = only_error(run(root))
    assert d.path == NEW and d.severity == "error"
    assert "cycle" in d.message
    assert d.line in (10, 15), d.text()  # at one of the `after` lists of the cycle


def test_plan_task_without_start_or_after(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: 3
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 6, "error", "task 'landing' needs a `start` or `after`")


# --- follow-ups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("2026-11-02-weekly/a7", "session '2026-11-02-weekly' has no action 'a7'"),
        ("2026-11-03-weekly/a1", "unknown session '2026-11-03-weekly'"),
    ],
)
def test_follow_up_to_an_unknown_action(root: Path, target: str, fragment: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
follow_up:
  - status: done
    action: {target}
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 7, "error", fragment)


def test_follow_up_to_an_unknown_session_suggests_the_closest(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
follow_up:
  - action: 2026-11-02-weekley/a1
    status: done
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 6, "error", "did you mean '2026-11-02-weekly'")


def test_follow_up_to_an_action_of_a_later_session(root: Path) -> None:
    rel = "sessions/2026/2026-10-26-weekly.yaml"
    write(
        root,
        rel,
        """\
date: 2026-10-26
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
follow_up:
  - action: 2026-11-02-weekly/a2
    status: done
""",
    )
    d = only_error(run(root))
    assert_at(d, rel, 6, "error", "not from an earlier session")


def test_follow_up_to_an_action_of_the_same_session(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
follow_up:
  - action: 2026-11-16-weekly/a1
    status: done
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 12, "error", "not from an earlier session")


@pytest.mark.parametrize("target", ["a1", "2026-11-02-weekly", "2026-11-02-weekly/"])
def test_follow_up_malformed(root: Path, target: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
follow_up:
  - action: {target}
    status: done
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 6, "error", "must be <session id>/<action id>")


# --- glossary and MQL --------------------------------------------------------------------


def test_duplicate_glossary_term_differing_only_in_case(root: Path) -> None:
    write(
        root,
        "content/glossary.yaml",
        """\
terms:
  - term: MQL
    means: Marketing Qualified Lead
  - term: SAL
    means: Sales Accepted Lead
  - term: mql
    means: the same thing again
""",
    )
    d = only_error(run(root))
    assert_at(d, "content/glossary.yaml", 6, "error", "duplicate glossary term 'mql'")


def test_duplicate_mql_effective_date(root: Path) -> None:
    write(
        root,
        "content/mql.yaml",
        """\
versions:
  - effective: 2026-01-05
    summary: Agreed at the January alignment session
    threshold: 50
    criteria:
      - name: Decision maker or influencer title
        kind: fit
        points: 20
  - effective: 2026-01-05
    summary: A second version on the same day
    threshold: 60
    criteria:
      - name: Requested a demo
        kind: behaviour
        points: 25
""",
    )
    d = only_error(run(root))
    assert_at(d, "content/mql.yaml", 9, "error", "two versions are effective on 2026-01-05")


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "suggestion"),
    [("opne", "open"), ("in progress", "in-progress"), ("Done", "done")],
)
def test_invalid_status_suggests_the_closest(root: Path, status: str, suggestion: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    status: {status}
    due: 2026-12-01
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", f"'status' is '{status}'")
    assert f"did you mean '{suggestion}'" in d.message
    assert "open | in-progress | blocked | done | dropped" in d.message


@pytest.mark.parametrize("due", ["2026-13-45", "soon", "2026-02-30", "20.11.2026"])
def test_invalid_date(root: Path, due: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: {due}
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", due)
    assert d.col == 10


def test_impossible_date_does_not_hide_other_problems_in_the_file(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-13-45
  - id: a2
    what: Print the flyers
    team: marketing
    owner: carla
    due: 2026-12-02
    status: opne
""",
    )
    diags = run(root)
    assert [(d.line, d.severity) for d in diags.sorted()] == [
        (10, "error"),
        (16, "error"),
    ], show(diags)


def test_schema_errors_do_not_hide_reference_errors_in_the_same_file(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: anna
    due: 2026-12-01
    status: opne
""",
    )
    diags = run(root)
    assert [(d.line, d.severity) for d in diags.sorted()] == [
        (9, "error"),
        (11, "error"),
    ], show(diags)


@pytest.mark.parametrize(
    ("due", "fragment"),
    [("2026-12-01 10:00:00", "without a time"), ("2026-12-01 10:00", "YYYY-MM-DD")],
)
def test_date_with_a_time_is_an_error(root: Path, due: str, fragment: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: {due}
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", fragment)


@pytest.mark.parametrize("word", ["no", "yes", "off", "on"])
def test_yaml_1_1_boolean_in_a_text_field_asks_for_quotes(root: Path, word: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: {word}
    team: marketing
    owner: ana
    due: 2026-12-01
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 7, "error", "'what' must be text")
    assert "quote" in d.message
    assert f"'{word}'" in d.message


@pytest.mark.parametrize("title", ["1.10", "012", "1_000"])
def test_number_in_a_text_field_asks_for_quotes(root: Path, title: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
title: {title}
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 5, "error", "'title' must be text")
    assert f"'{title}'" in d.message and "quote" in d.message


def test_negative_count(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: -3
    ring: middle
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "'count'")
    assert "greater than or equal to 0" in d.message


def test_count_as_text_is_an_error(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: "12"
    ring: middle
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "'count' must be a whole number")


# --- YAML traps ----------------------------------------------------------------------------


def test_invalid_yaml_is_reported_and_other_files_are_still_checked(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
title: Week 47: handover
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
""",
    )
    other = "sessions/2026/2026-11-23-weekly.yaml"
    write(
        root,
        other,
        """\
date: 2026-11-23
facilitators: [anna]
minute_taker: carla
attendees: [ana, carla]
""",
    )
    diags = run(root)
    assert len(diags.errors) == 2, show(diags)
    assert_at(one(diags, "error", "contains ': '"), NEW, 2, "error", "put the whole text in quotes")
    assert_at(one(diags, "error", "anna"), other, 2, "error", "unknown person 'anna'")


def test_unclosed_flow_list_is_invalid_yaml(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana, ben
""",
    )
    d = only_error(run(root))
    assert d.path == NEW and "invalid YAML" in d.message
    assert d.line >= 2


def test_duplicate_key_is_reported_at_the_second_key(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
minute_taker: ana
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 5, "error", "duplicate field 'minute_taker'")
    assert "line 3" in d.message
    assert d.col == 1


def test_duplicate_key_in_a_nested_mapping(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
    owner: carla
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 11, "error", "duplicate field 'owner'")
    assert d.col == 5


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param(
            """\
date: 2026-11-16
facilitators: &leads [ana]
minute_taker: ana
attendees: *leads
""",
            (2, 4),
            id="alias-of-a-list",
        ),
        pytest.param(
            """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - &base
    id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
  - <<: *base
    id: a2
""",
            (6, 7, 12),
            id="merge-key",
        ),
    ],
)
def test_anchors_and_aliases_are_errors(root: Path, text: str, lines: tuple[int, ...]) -> None:
    write(root, NEW, text)
    d = only_error(run(root))
    assert d.path == NEW and d.severity == "error"
    assert "anchors and aliases" in d.message
    assert d.line in lines, d.text()


def test_non_utf8_file_is_an_error_naming_the_file(root: Path) -> None:
    write(
        root,
        NEW,
        b"date: 2026-11-16\n"
        b"facilitators: [ana]\n"
        b"minute_taker: carla\n"
        b"attendees: [ana, carla]\n"
        b"notes: Caf\xe9 with the expo team\n",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 5, "error", "not UTF-8")
    assert d.col == 11


def test_non_utf8_playbook_is_an_error_and_the_rest_is_checked(root: Path) -> None:
    write(root, "playbooks/uni.md", PLAYBOOK.encode("utf-8") + b"\xff\xfe broken\n")
    write(root, "content/glossary.yaml", GLOSSARY + "  - term: mql\n    means: again\n")
    diags = run(root)
    assert len(diags.errors) == 2, show(diags)
    assert one(diags, "error", "not UTF-8").path == "playbooks/uni.md"
    assert one(diags, "error", "duplicate glossary term").path == "content/glossary.yaml"


def test_utf8_with_bom_is_fine(root: Path) -> None:
    write(root, "sessions/2026/2026-11-09-weekly.yaml", b"\xef\xbb\xbf" + SESSION_2.encode())
    diags = run(root)
    assert diags.items == [], show(diags)


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp soon", "!!int", "!!float"])
def test_explicit_tag_with_a_bad_value_is_an_error_not_a_crash(root: Path, value: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
notes: {value}
""",
    )
    d = only_error(run(root))
    assert (d.path, d.line) == (NEW, 5)


def test_unknown_tag_message_is_one_line(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: !carla
attendees: [ana, carla]
""",
    )
    d = only_error(run(root))
    assert (d.path, d.line) == (NEW, 3)
    assert "\n" not in d.message


# --- warnings ------------------------------------------------------------------------------


def test_playbook_not_reviewed_for_more_than_180_days(root: Path) -> None:
    write(
        root, "playbooks/uni.md", PLAYBOOK.replace("reviewed: 2026-10-01", "reviewed: 2026-05-01")
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "not reviewed")
    assert_at(d, "playbooks/uni.md", 5, "warning", "206 days")
    assert len(diags.warnings) == 1


def test_playbook_reviewed_within_180_days_is_fine(root: Path) -> None:
    write(
        root, "playbooks/uni.md", PLAYBOOK.replace("reviewed: 2026-10-01", "reviewed: 2026-05-28")
    )
    diags = run(root)  # 179 days before 2026-11-23
    assert diags.items == [], show(diags)


@pytest.mark.parametrize("status", ["open", "in-progress", "blocked"])
def test_overdue_action_is_a_warning(root: Path, status: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-11-20
    status: {status}
""",
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "overdue")
    assert_at(d, NEW, 10, "warning", "2026-11-16-weekly/a1")
    assert len(diags.warnings) == 1


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_closed_action_past_due_is_not_overdue(root: Path, status: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-11-20
    status: {status}
""",
    )
    diags = run(root)
    assert diags.items == [], show(diags)


def test_action_due_today_is_not_overdue(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-11-23
""",
    )
    diags = run(root)
    assert diags.items == [], show(diags)
    # ...and it is overdue the day after
    later = run(root, today=TODAY + dt.timedelta(days=1))
    assert_at(one(later, "warning", "2026-11-16-weekly/a1"), NEW, 10, "warning", "overdue")


def test_effective_status_from_a_later_follow_up_makes_an_action_overdue(root: Path) -> None:
    # 2026-11-02-weekly/a1 (due 2026-11-06, line 23) is followed up as blocked, not done
    write(
        root,
        "sessions/2026/2026-11-09-weekly.yaml",
        SESSION_2.replace("    status: done\n", "    status: blocked\n"),
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "overdue")
    assert_at(d, "sessions/2026/2026-11-02-weekly.yaml", 23, "warning", "2026-11-02-weekly/a1")


def test_email_in_a_notes_block_is_warned_at_its_line(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
notes: |
  The expo went well.

  Ask Dana (dana.lopez@example.com) for the badge scans.
  Nothing else.
""",
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "email")
    assert_at(d, NEW, 8, "warning", "dana.lopez@example.com")
    assert len(diags.warnings) == 1


def test_email_in_a_one_line_field_is_warned_at_its_line(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
context:
  - kind: other
    note: Ben will forward ben.okafor@example.com to the events team.
""",
    )
    d = one(run(root), "warning", "email")
    assert_at(d, NEW, 7, "warning", "ben.okafor@example.com")


def test_a_phone_number_whose_first_digits_appear_earlier_is_warned_at_its_own_line(
    root: Path,
) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
notes: |
  We got 600 leads from the fair.
  Ana will call 600 123 456 tomorrow.
""",
    )
    d = one(run(root), "warning", "phone")
    assert_at(d, NEW, 7, "warning", "600 123 456")


def test_phone_number_in_a_playbook_body_is_warned_at_its_line(root: Path) -> None:
    write(root, "playbooks/uni.md", PLAYBOOK + "\nCall the office on +44 20 7946 0958.\n")
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "phone")
    assert_at(d, "playbooks/uni.md", 25, "warning", "+44 20 7946 0958")


def test_email_in_playbook_front_matter_is_warned_at_its_line(root: Path) -> None:
    write(
        root,
        "playbooks/uni.md",
        PLAYBOOK.replace("    when: Parents", "    when: Mail from x.y@example.com, or parents"),
    )
    d = one(run(root), "warning", "email")
    assert_at(d, "playbooks/uni.md", 8, "warning", "x.y@example.com")


@pytest.mark.parametrize(
    ("notes", "line"),
    [
        pytest.param(
            "notes: >\n  The expo went well.\n  Ask Dana (dana.lopez@example.com) for the scans.\n",
            7,
            id="folded-block",
        ),
        pytest.param(
            'notes: "The expo went well.\n  Ask Dana (dana.lopez@example.com) for the scans."\n',
            6,
            id="multi-line-quoted",
        ),
    ],
)
def test_email_in_other_multi_line_texts_is_warned_at_its_line(
    root: Path, notes: str, line: int
) -> None:
    write(
        root,
        NEW,
        "date: 2026-11-16\nfacilitators: [ana]\nminute_taker: carla\nattendees: [ana, carla]\n"
        + notes,
    )
    diags = run(root)
    assert diags.errors == [], show(diags)
    d = one(diags, "warning", "email")
    assert_at(d, NEW, line, "warning", "dana.lopez@example.com")


# --- many problems at once -------------------------------------------------------------


def test_every_problem_in_every_file_in_one_run_sorted(root: Path) -> None:
    write(root, "content/glossary.yaml", GLOSSARY + "  - term: Mql\n    means: again\n")
    write(root, "playbooks/uni.md", PLAYBOOK.replace("owner: ben", "owner: benn"))
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: -3
    ring: middle
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
    status: opne
""",
    )
    diags = run(root)
    got = [(d.path, d.line, d.severity) for d in diags.sorted()]
    assert got == [
        ("content/glossary.yaml", 6, "error"),
        ("playbooks/uni.md", 4, "error"),
        (NEW, 8, "error"),
        (NEW, 16, "error"),
    ], show(diags)


# --- limits: values that would overflow date arithmetic or charts ------------------------------


def session_with_action(due: str = "2026-12-01", date: str = "2026-11-16") -> str:
    return f"""\
date: {date}
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: {due}
"""


@pytest.mark.parametrize("due", ["9999-12-31", "3000-01-01", "1899-12-31", "0001-01-01"])
def test_date_outside_the_supported_years_is_an_error_at_its_line(root: Path, due: str) -> None:
    write(root, NEW, session_with_action(due=due))
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", "'due' must be in the years 1900 to 2999")
    assert due in d.message


@pytest.mark.parametrize("due", ["2999-12-31", "1900-01-01"])
def test_dates_at_the_edges_of_the_supported_years_are_fine(root: Path, due: str) -> None:
    write(root, NEW, session_with_action(due=due))
    diags = run(root, today=None)
    assert diags.errors == [], show(diags)


def test_session_date_outside_the_supported_years_is_an_error(root: Path) -> None:
    rel = "sessions/9999/9999-12-31-weekly.yaml"
    write(root, rel, session_with_action(date="9999-12-31"))
    d = only_error(run(root))
    assert_at(d, rel, 1, "error", "'date' must be in the years 1900 to 2999")


def test_playbook_review_date_outside_the_supported_years(root: Path) -> None:
    write(root, "playbooks/uni.md", PLAYBOOK.replace("2026-10-01", "9999-01-01"))
    d = only_error(run(root))
    assert_at(d, "playbooks/uni.md", 5, "error", "'reviewed' must be in the years 1900 to 2999")


@pytest.mark.parametrize("days", ["100000000", "2001"])
def test_plan_task_longer_than_2000_working_days_is_an_error(root: Path, days: str) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: {days}
    start: 2026-11-17
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 9, "error", "'days'")
    assert "2000" in d.message


def test_lead_count_too_large_to_chart_is_an_error(root: Path) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: {10**400}
    ring: middle
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 8, "error", "'count'")


# --- a bad field does not hide the rules that span fields -----------------------------------


def lines_of(diags: Collector) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in diags.sorted() if d.path == NEW]


def test_a_typo_does_not_hide_the_file_name_check(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-17
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
tittle: Week 47
""",
    )
    found = lines_of(run(root))
    assert [line for line, _ in found] == [1, 5], found
    assert "does not match the file name" in found[0][1]


def test_a_bad_field_does_not_hide_the_minute_taker_check(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: ben
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: 0
    start: 2026-11-17
""",
    )
    found = lines_of(run(root))
    assert [line for line, _ in found] == [3, 9], found
    assert "minute-taker 'ben' is not among the attendees" in found[0][1]


def test_a_misspelt_attendees_field_is_not_also_a_minute_taker_error(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
atendees: [ana, carla]
""",
    )
    found = lines_of(run(root))
    assert all("minute-taker" not in message for _, message in found), found
    assert any("unknown field 'atendees'" in message for _, message in found), found


def test_a_bad_field_does_not_hide_duplicate_action_ids(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
atendees: [ana, carla]
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
  - what: Print the flyers
    team: marketing
    owner: carla
    due: 2026-12-02
  - id: a2
    what: Order the banner
    team: marketing
    owner: carla
    due: 2026-12-03
""",
    )
    found = lines_of(run(root))
    assert (15, "duplicate action id 'a2' in this session") in found, found


PLAN_WITH_EVERY_PROBLEM = """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: 0
    start: 2026-11-17
  - id: landing
    task: Second landing page
    owner: carla
    days: 1
    start: 2026-11-17
  - id: mailing
    task: Invitation mailing
    owner: ana
    days: 1
    after: [mailing, qa-sheet]
  - id: orphan
    task: Nobody knows when
    owner: ana
    days: 1
  - id: x
    task: First of a cycle
    owner: ana
    days: 1
    after: [y]
  - id: y
    task: Second of a cycle
    owner: ana
    days: 1
    after: [x]
"""


def test_a_bad_field_does_not_hide_the_plan_checks(root: Path) -> None:
    write(root, NEW, PLAN_WITH_EVERY_PROBLEM)
    found = lines_of(run(root))
    messages = " | ".join(message for _, message in found)
    assert (9, "'days' should be greater than or equal to 1") in found, found
    assert (11, "duplicate task id 'landing' in this plan") in found, found
    assert (20, "task 'mailing' cannot follow itself") in found, found
    assert (20, "unknown task id 'qa-sheet'") in found, found
    assert (21, "task 'orphan' needs a `start` or `after`") in found, found
    assert "cycle: x -> y -> x" in messages, found
    assert "cycle: mailing" not in messages, found  # following itself is reported once


def test_an_invalid_start_is_not_also_a_missing_start(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
plan:
  - id: landing
    task: Event landing page
    owner: carla
    days: 1
    start: 2026-13-45
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", "'start'")


def test_plan_problems_finds_a_cycle_beside_other_problems() -> None:
    from generator.derive.schedule import plan_problems
    from generator.models import PlanTask

    def task(task_id: str, *after: str) -> PlanTask:
        return PlanTask(id=task_id, task=task_id, owner="ana", days=1, after=list(after))

    problems = plan_problems([task("a", "b"), task("b", "a"), task("c", "nowhere")])
    messages = [p.message for p in problems]
    assert any("unknown task id 'nowhere'" in m for m in messages), messages
    assert any("cycle: a -> b -> a" in m for m in messages), messages


def test_a_bad_field_does_not_hide_follow_up_checks(root: Path) -> None:
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
tags: oops
follow_up:
  - action: 2026-11-02-weekly/a7
    status: done
  - action: 2026-11-03-weekly/a1
    status: done
""",
    )
    found = lines_of(run(root))
    assert (7, "session '2026-11-02-weekly' has no action 'a7'") in found, found
    assert any(line == 9 and "unknown session" in m for line, m in found), found


def test_follow_ups_to_a_session_with_a_bad_field_are_still_checked(root: Path) -> None:
    target = "sessions/2026/2026-11-09-weekly.yaml"
    write(root, target, SESSION_2.replace("status: in-progress", "status: opne"))
    write(
        root,
        NEW,
        """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
follow_up:
  - action: 2026-11-09-weekly/a1
    status: done
  - action: 2026-11-09-weekly/a3
    status: done
""",
    )
    found = lines_of(run(root))
    assert found == [(8, "session '2026-11-09-weekly' has no action 'a3'")], found


def test_the_same_session_id_from_yaml_and_yml_is_an_error(root: Path) -> None:
    text = VALID_FILES["sessions/2026/2026-11-09-weekly.yaml"]
    write(root, "sessions/2026/2026-11-09-weekly.yml", text)
    d = only_error(run(root))
    assert_at(
        d,
        "sessions/2026/2026-11-09-weekly.yml",
        1,
        "error",
        "duplicate session id '2026-11-09-weekly'",
    )
    assert "also in sessions/2026/2026-11-09-weekly.yaml" in d.message


# --- ids that would overwrite generated pages -----------------------------------------------


def test_a_person_id_index_would_overwrite_the_people_page(root: Path) -> None:
    extra = "  - id: index\n    name: In Dex\n    team: sales\nrotation:"
    write(root, "content/team.yaml", TEAM.replace("rotation:", extra))
    d = only_error(run(root))
    assert_at(d, "content/team.yaml", 19, "error", "'index' is a generated address (/people/)")
    assert d.col == 9


def test_a_playbook_named_index_would_overwrite_the_playbooks_page(root: Path) -> None:
    write(root, "playbooks/index.md", PLAYBOOK)
    d = only_error(run(root))
    assert_at(d, "playbooks/index.md", 1, "error", "'index' is a generated address (/playbooks/)")


@pytest.mark.parametrize(("name", "address"), [("index", "/"), ("start", "/start/")])
def test_a_page_that_would_overwrite_a_generated_page_is_an_error(
    root: Path, name: str, address: str
) -> None:
    write(root, f"content/{name}.md", "# Mine\n")
    d = only_error(run(root))
    assert_at(d, f"content/{name}.md", 1, "error", f"'{name}' is a generated address ({address})")


# --- errors on list items name the list, not the index ---------------------------------------


@pytest.mark.parametrize(
    ("attendees", "col", "message"),
    [
        ("[ana, ~]", 18, "item 2 of 'attendees' must be text: got nothing"),
        ("[ana, carla, 7]", 25, "item 3 of 'attendees' must be text: got the number 7"),
        ("[ana, Carla]", 18, "item 2 of 'attendees': 'Carla' is not a valid id"),
    ],
)
def test_an_error_on_a_list_item_names_the_list(
    root: Path, attendees: str, col: int, message: str
) -> None:
    write(
        root,
        NEW,
        f"""\
date: 2026-11-16
facilitators: [ana]
minute_taker: ana
attendees: {attendees}
""",
    )
    d = only_error(run(root))
    assert_at(d, NEW, 4, "error", message)
    assert d.col == col


def test_an_error_on_a_nested_list_item_names_the_list(root: Path) -> None:
    write(root, "playbooks/uni.md", PLAYBOOK.replace("[12, 48, 72]", "[12, -48, 72]"))
    d = only_error(run(root))
    assert_at(
        d, "playbooks/uni.md", 10, "error", "item 2 of 'follow_up_hours' should be greater than"
    )


# --- dates are written YYYY-MM-DD ------------------------------------------------------------


@pytest.mark.parametrize(
    "due", ['"20261201"', "2026-W49-2", "2026-12-1", "2026-1-05", "'2026-336'"]
)
def test_a_date_not_written_yyyy_mm_dd_is_an_error(root: Path, due: str) -> None:
    write(root, NEW, session_with_action(due=due))
    d = only_error(run(root))
    assert_at(d, NEW, 10, "error", "'due' expected a date written as YYYY-MM-DD")


def test_a_quoted_yyyy_mm_dd_date_is_fine(root: Path) -> None:
    write(root, NEW, session_with_action(due='"2026-12-01"'))
    diags = run(root, today=None)
    assert diags.items == [], show(diags)


def test_a_short_date_in_a_text_field_is_text(root: Path) -> None:
    write(root, NEW, "title: 2026-1-5\n" + session_with_action())
    diags = run(root, today=None)
    assert diags.items == [], show(diags)


# --- rotation ---------------------------------------------------------------------------------


def test_a_name_twice_in_the_rotation_is_an_error_at_the_second(root: Path) -> None:
    write(root, "content/team.yaml", TEAM.replace("[carla, ana, ben]", "[carla, ana,\n  carla]"))
    d = only_error(run(root))
    assert_at(d, "content/team.yaml", 20, "error", "'carla' is in the rotation twice")
    assert d.col == 3


def test_a_name_twice_in_the_rotation_is_reported_beside_other_team_errors(root: Path) -> None:
    broken = TEAM.replace("[carla, ana, ben]", "[ana, ben, ana]").replace(
        "    name: Ben Okafor\n", "    name: Ben Okafor\n    emial: x\n"
    )
    write(root, "content/team.yaml", broken)
    found = [(d.line, d.message) for d in run(root).sorted() if d.path == "content/team.yaml"]
    assert any("'ana' is in the rotation twice" in m for _, m in found), found
