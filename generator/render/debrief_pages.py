"""What the session pages add for step 5 and the agenda: each team's debrief (in a tab,
and on a page of its own at a short address) and the agenda's time per team."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from generator.content import SessionDoc
from generator.derive.facts import Facts

PageFn = Callable[..., Any]


def session_context(facts: Facts, session: SessionDoc, recent: bool = True) -> dict[str, Any]:
    """Template context of a session page: its debriefs (with pages of their own when the
    session is ``recent``, else redirects) and the agenda's time per team."""
    debriefs = facts.debriefs.get(session.id, [])
    return {
        "debriefs": debriefs,
        "debrief_pages": recent,
        "agenda_times": facts.agenda_times(session),
        "time_box": facts.policies.time_box_minutes,
        "lead_rule": facts.lead_rule,  # a lead group's first-contact rule
        "debrief_parts": DEBRIEF_PARTS,
        "tabs": [tab_anchor(number) for number in range(1, len(debriefs) + 1)],
        "tab_set": TAB_SET,
    }


# The parts of a team's debrief, in order, with their headings ({team}: the team's name);
# the RACI rows that involve the team come under the second (render/debrief_html.py
# writes each part).
DEBRIEF_PARTS = (
    ("own", "What {team} does"),
    ("helping", "What the other teams do that involves {team}"),
    ("leads", "Leads handed to {team}"),
    ("carried", "Still open from earlier sessions"),
)


# DEBRIEF_PAGES (policies.py): a debrief is read in the days after its session; a page
# per team for every session of ten years would double the pages MkDocs renders.


def render_debrief_pages(
    facts: Facts, session: SessionDoc, page: PageFn, recent: bool = True
) -> dict[str, str]:
    """Each team debrief at /sessions/<YYYY>/<id>/debrief/<team id>/: a light page of its
    own for a ``recent`` session, else a redirect (returned: docs path -> HTML)."""
    redirects = {}
    for number, debrief in enumerate(facts.debriefs.get(session.id, []), start=1):
        if recent:
            page(
                debrief.path,
                "debrief.md.j2",
                s=session,
                d=debrief,
                lead_rule=facts.lead_rule,
                debrief_parts=DEBRIEF_PARTS,
            )
        else:
            name = facts.directory.team(debrief.team)
            redirects[debrief.redirect] = redirect_page(
                f"{name} debrief: {session.title}", f"../../#{tab_anchor(number)}"
            )
    return redirects


TAB_SET = "__tabbed_1"  # the debrief tabs: the session page's first set of content tabs


def tab_anchor(number: int) -> str:
    """The id by which a link selects the session page's ``number``-th debrief tab (the
    page's first set of content tabs: pymdownx.tabbed numbers them __tabbed_<set>_<tab>)."""
    return f"{TAB_SET}_{number}"


def redirect_page(title: str, target: str) -> str:
    """A static page that sends the browser on to ``target`` (a relative URL)."""
    title, target = html.escape(title), html.escape(target)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{title}</title>\n<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n<body>\n'
        f'<p><a href="{target}">{title}</a>: on the session\'s page.</p>\n</body>\n</html>\n'
    )
