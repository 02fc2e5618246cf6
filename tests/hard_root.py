"""A content root that is hard on accessibility, built from the example content.

The example root's names are short and plain. This one adds what trips up a site read
with a screen reader, by voice or at high zoom: names with an apostrophe and accents,
right-to-left names (Hebrew and Arabic), long titles with long words, and a session that
fills every optional field. It passes `handover check`; tests/test_browser.py scans its
pages with axe-core beside the example's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# New people: the apostrophe, the accents and the right-to-left scripts a scan must meet.
PEOPLE = """\
  - id: liam
    name: Liam O'Connor
    team: sales
    role: Account Executive, Ireland and the Nordics
  - id: zoe
    name: Zoë Ångström-Núñez
    team: marketing
    role: Lifecycle Marketing Specialist for Continuing-Education Programmes
  - id: noa
    name: נועה בן־דוד
    team: sales
    role: Sales Development Representative
  - id: layla
    name: ليلى الحداد
    team: marketing
    role: Partnerships Marketer
"""

LONG_SESSION_TITLE = (
    "Week 48 handover: the Nordic universities' late-applicant surge, the Dublin "
    "contact-centre pilot and an unusually long agenda for one Monday morning"
)

# A session with every optional field the contract allows, naming the new people.
SESSION = f"""\
date: 2026-11-23
title: "{LONG_SESSION_TITLE}"
facilitators: [ana, ben]
minute_taker: liam
attendees: [ana, ben, carla, liam, zoe, noa, layla]
agenda:
  - topic: Late applicants from Nordic universities asking about the spring intake's accommodation
    team: sales
    minutes: 9
  - topic: The Dublin contact-centre pilot and who calls the O'Brien & Søn group
    team: sales
    minutes: 5
  - topic: Arabic- and Hebrew-language landing pages for the Q1 webinar series
    team: marketing
    minutes: 7
context:
  - kind: market
    note: Nordic universities open a second application window in late November.
  - kind: absence
    note: Liam is away on 1 and 2 December; Noa covers his Dublin leads.
  - kind: competitor
    note: A competitor now answers enquiries in Arabic within the hour.
  - kind: internal
    note: The webinar platform supports right-to-left captions from January.
  - kind: other
    note: Zoë's lifecycle emails move to the new sending domain next week.
leads:
  - source: Nordic universities' late-applicant enquiries through the spring-intake prospectus
    channel: content
    count: 21
    ring: core
    momentum: rising
    playbook: long-cycle
    ready_by: 2026-11-24
    assigned_to: [liam, noa]
  - source: Dublin contact-centre pilot sign-ups
    channel: events
    count: 6
    ring: middle
    momentum: steady
    playbook: call-centre-saas
    ready_by: 2026-11-30
    assigned_to: [liam]
  - source: Arabic-language webinar registrations
    channel: webinar
    count: 15
    ring: outer
    momentum: falling
    playbook: webinar-signups
    ready_by: 2026-12-02
    assigned_to: [noa]
actions:
  - id: a1
    what: Call every Nordic late applicant within four working hours, in their own language where we can
    team: sales
    owner: liam
    due: 2026-11-27
    status: open
  - id: a2
    what: Draft the Arabic and Hebrew landing pages for the Q1 webinar series
    team: marketing
    owner: layla
    due: 2026-12-04
    status: in-progress
  - id: a3
    what: Move the lifecycle emails to the new sending domain
    team: marketing
    owner: zoe
    due: 2026-11-20
    status: done
  - id: a4
    what: Cover Liam's Dublin leads on 1 and 2 December
    team: sales
    owner: noa
    due: 2026-12-02
    status: open
raci:
  - activity: Nordic late-applicant calls
    R: [liam, noa]
    A: ben
    C: [zoe]
    I: [marketing]
  - activity: Right-to-left landing pages
    R: [layla]
    A: ana
    C: [noa, zoe]
    I: [sales]
plan:
  - id: pages
    task: Arabic and Hebrew landing pages
    owner: layla
    days: 3
    start: 2026-11-24
  - id: review
    task: Native-speaker review of the landing pages
    owner: noa
    days: 1
    after: [pages]
  - id: calls
    task: Nordic late-applicant calls
    owner: liam
    days: 4
    start: 2026-11-24
decisions:
  - Nordic late applicants are Tier 1 until the second window closes.
  - Landing pages in right-to-left languages get a native-speaker review before they go live.
follow_up:
  - action: 2026-11-16-weekly/a1
    status: in-progress
    note: Liam and Noa joined the holiday cover rota.
  - action: 2026-11-16-weekly/a3
    status: done
notes: |
  Zoë asked that the Arabic landing page keep the same form as the English one, so that
  the handover to Sales carries the same fields whatever the language.
tags: [university, webinar, nordics]
"""

LONG_PLAYBOOK = """\
---
name: Long-cycle institutional buyers who compare three or more suppliers over a full academic year
client: Client D, a consortium of Nordic and Irish universities buying together
owner: liam
reviewed: 2026-11-02
tiers:
  - name: Consortium lead
    when: The consortium's procurement office has opened a tender or asked for a quote
    first_touch_hours: 8
    follow_up_hours: [24, 72]
  - name: Single member
    when: One member university enquires on its own
    first_touch_hours: 24
    follow_up_hours: [72]
stakeholders:
  - role: Consortium procurement office
    influence: decides
  - role: Admissions directors of the member universities
    influence: influences
seasons:
  - name: Tender window
    months: [9, 10, 11]
    guidance: Answer within the tender's own deadlines, not ours.
handover_checklist:
  - Which member universities are involved
  - The tender reference and its deadline
tags: [university, nordics]
---
## Situation

A consortium buys for several universities at once. Its decisions take a year and
involve people who never fill in a form.

## What works

- Name one owner for the whole consortium (Liam O'Connor today), even when a member
  university enquires on its own.
"""

LONG_PAGE = """\
---
title: Working with right-to-left names, apostrophes and accents in every record
order: 3
---
People's names are written as they write them: Liam O'Connor, Zoë Ångström-Núñez,
נועה בן־דוד and ليلى الحداد all appear in our records exactly so.

## Why it matters

A lead who sees their name spelt wrongly in the first email rarely answers the second.
"""


def make_hard_root(dest: Path) -> Path:
    """Copy the example root (content, playbooks, sessions, mkdocs.yml) to ``dest`` and
    add the hard content; ``dest`` is returned."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "playbooks", "sessions"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    team = dest / "content" / "team.yaml"
    text = team.read_text(encoding="utf-8")
    assert "\nrotation:" in text
    team.write_text(text.replace("\nrotation:", "\n" + PEOPLE.rstrip("\n") + "\nrotation:", 1))
    (dest / "sessions" / "2026" / "2026-11-23-weekly.yaml").write_text(SESSION, encoding="utf-8")
    (dest / "playbooks" / "long-cycle.md").write_text(LONG_PLAYBOOK, encoding="utf-8")
    (dest / "content" / "names.md").write_text(LONG_PAGE, encoding="utf-8")
    return dest
